// SPDX-License-Identifier: MIT
// Crohn Score: the main WebAssembly module, crohn.wasm: what the bedside page needs at first
// paint (scores, instruments, worked examples, conformance, versions). The endpoint engine and the
// definition sets, cohorts and FHIR live in crohn-tools.wasm (tools_bindings.cpp), loaded when the
// visits or cohort screen first needs them. Bindings only; the public JS API is web/crohn-score.js.
#include <emscripten/bind.h>

#include <string>

#include "boundary.hpp"
#include "crohn/conformance.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/worked_example.hpp"

namespace {

using crohn::wasm::json_call;
using crohn::wasm::json_get;

std::string instruments_json() { return crohn::dump_json(nlohmann::json(crohn::instruments())); }
std::string examples_json() { return crohn::dump_json(crohn::worked_examples_json()); }

// The vector lines and the summary, exactly as `crohnscore conformance FILE` prints them.
std::string conformance_text(std::string text) {
  int failed = 0;
  return crohn::conformance::run_file(text, failed);
}

}  // namespace

EMSCRIPTEN_BINDINGS(crohn) {
  using emscripten::function;
  function("evaluate", &json_call<&crohn::evaluate_json>);
  function("instruments", &json_get<&instruments_json>);
  function("conformance", &conformance_text);
  function("examples", &json_get<&examples_json>);
  function("version", &crohn::wasm::version);
  function("apiVersion", &crohn::wasm::api_version);
}
