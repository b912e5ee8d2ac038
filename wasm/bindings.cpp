// SPDX-License-Identifier: MIT
// Crohn Score: the WebAssembly boundary. Bindings only: every function takes and returns JSON
// text (or a plain number/string), so JavaScript never holds an Embind handle. The public JS API
// is web/crohn-score.js; this module is its private back end.
#include <emscripten/bind.h>

#include <string>

#include "crohn/cohort.hpp"
#include "crohn/conformance.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/fhir.hpp"
#include "crohn/record.hpp"
#include "crohn/version.hpp"

namespace {

// Returned if anything escapes the core. The core never throws, and the default Emscripten build
// has exception catching disabled (a throw would abort); the guard documents the contract and
// takes effect in builds that enable catching.
const char* const kInternalError =
    R"({"error":"internal","field":"request","message":"internal error in the WebAssembly module"})";

// Wraps a core function `std::string f(std::string_view)` as `std::string(std::string)`.
template <auto F>
std::string json_call(std::string text) {
  try {
    return F(text);
  } catch (...) {
    return kInternalError;
  }
}

// Wraps a core function `std::string f()`.
template <auto F>
std::string json_get() {
  try {
    return F();
  } catch (...) {
    return kInternalError;
  }
}

std::string instruments_json() { return crohn::dump_json(nlohmann::json(crohn::instruments())); }

// The vector lines and the summary, exactly as `crohnscore conformance FILE` prints them.
std::string conformance_text(std::string text) {
  try {
    int failed = 0;
    return crohn::conformance::run_file(text, failed);
  } catch (...) {
    return "internal error in the WebAssembly module\n0 passed, 1 failed\n";
  }
}

// A cohort file's text and the options as JSON text.
std::string cohort_json(std::string file_text, std::string options) {
  try {
    return crohn::cohort::analyse_json(file_text, options);
  } catch (...) {
    return kInternalError;
  }
}

std::string version() { return crohn::kVersion; }
int api_version() { return crohn::kApiVersion; }

}  // namespace

EMSCRIPTEN_BINDINGS(crohn) {
  using emscripten::function;
  function("evaluate", &json_call<&crohn::evaluate_json>);
  function("instruments", &json_get<&instruments_json>);
  function("conformance", &conformance_text);
  function("endpoints", &json_call<&crohn::record::evaluate_json>);
  function("definitions", &json_get<&crohn::record::definitions_json>);
  function("fhir", &json_call<&crohn::fhir::bundle_json>);
  function("cohort", &cohort_json);
  function("version", &version);
  function("apiVersion", &api_version);
}
