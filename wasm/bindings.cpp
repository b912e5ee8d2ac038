// SPDX-License-Identifier: MIT
// Crohn Score: the main WebAssembly module, crohn.wasm: what the bedside page needs at first
// paint (scores, instruments, versions). The endpoint engine and the definition sets, cohorts,
// FHIR, the conformance runner and the worked examples live in crohn-tools.wasm
// (tools_bindings.cpp), loaded when the visits or cohort screen, a conformance run or a first
// "Fill worked example" needs them. Bindings only; the public JS API is web/crohn-score.js.
#include <emscripten/bind.h>

#include <string>

#include "boundary.hpp"
#include "crohn/evaluate.hpp"

namespace {

using crohn::wasm::json_call;
using crohn::wasm::json_get;

std::string instruments_json() { return crohn::dump_json(nlohmann::json(crohn::instruments())); }

}  // namespace

EMSCRIPTEN_BINDINGS(crohn) {
  using emscripten::function;
  function("evaluate", &json_call<&crohn::evaluate_json>);
  function("instruments", &json_get<&instruments_json>);
  function("version", &crohn::wasm::version);
  function("apiVersion", &crohn::wasm::api_version);
}
