// SPDX-License-Identifier: MIT
// Crohn Score: the second WebAssembly module, crohn-tools.wasm, loaded by the JS API the first
// time cohort() or fhir() is called: cohort analysis and the FHIR export. It carries its own copy
// of the scoring core (a module cannot call into another one's), so the page's first paint does
// not pay for what only the Cohort screen and the FHIR download use.
#include <emscripten/bind.h>

#include <string>

#include "boundary.hpp"
#include "crohn/cohort.hpp"
#include "crohn/fhir.hpp"

namespace {

// A cohort file's text and the options as JSON text.
std::string cohort_json(std::string file_text, std::string options) {
  try {
    return crohn::cohort::analyse_json(file_text, options);
  } catch (...) {
    return crohn::wasm::kInternalError;
  }
}

}  // namespace

EMSCRIPTEN_BINDINGS(crohn_tools) {
  using emscripten::function;
  function("cohort", &cohort_json);
  function("fhir", &crohn::wasm::json_call<&crohn::fhir::bundle_json>);
  function("version", &crohn::wasm::version);
}
