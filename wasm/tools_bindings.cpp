// SPDX-License-Identifier: MIT
// Crohn Score: the second WebAssembly module, crohn-tools.wasm, loaded by the JS API the first
// time the endpoint engine, the definition sets, cohort() or fhir() is needed: patient records'
// endpoints, cohort analysis and the FHIR export. It carries its own copy of the scoring core (a
// module cannot call into another one's), so the page's first paint does not pay for what only
// the visits and cohort screens and the FHIR download use (docs/architecture.md: the endpoint
// engine moved here when the main module passed its 80 KB budget).
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <string>

#include "boundary.hpp"
#include "crohn/cohort.hpp"
#include "crohn/conformance.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/fhir.hpp"
#include "crohn/record.hpp"
#include "crohn/worked_example.hpp"

namespace {

// A cohort file's text, the options as JSON text and a JS function (done, total) called with the
// core's progress, or null. The function runs inside this call; the JS API catches what it
// throws (an exception unwinding through the core would skip its destructors).
std::string cohort_json(std::string file_text, std::string options, emscripten::val on_progress) {
  crohn::cohort::Progress progress;
  if (!on_progress.isNull() && !on_progress.isUndefined()) {
    progress = [&on_progress](std::size_t done, std::size_t total) {
      on_progress(static_cast<double>(done), static_cast<double>(total));
    };
  }
  return crohn::cohort::analyse_json(file_text, options, progress);
}

// The vector lines and the summary, exactly as `crohnscore conformance FILE` prints them (a
// developer's and a test's tool: in this module, off the page's first paint).
std::string conformance_text(std::string text) {
  int failed = 0;
  return crohn::conformance::run_file(text, failed);
}

// Each calculator's published worked example (inputs, expected result, source): here since the
// issue-16/17 additions took the main module over 80 KB; the page asks for them on the first
// "Fill worked example" click (docs/architecture.md).
std::string examples_json() { return crohn::dump_json(crohn::worked_examples_json()); }

}  // namespace

EMSCRIPTEN_BINDINGS(crohn_tools) {
  using emscripten::function;
  function("cohort", &cohort_json);
  function("conformance", &conformance_text);
  function("examples", &crohn::wasm::json_get<&examples_json>);
  function("fhir", &crohn::wasm::json_call<&crohn::fhir::bundle_json>);
  function("endpoints", &crohn::wasm::json_call<&crohn::record::evaluate_json>);
  function("definitions", &crohn::wasm::json_get<&crohn::record::definitions_json>);
  function("version", &crohn::wasm::version);
}
