// SPDX-License-Identifier: MIT
// Crohn Score: what the two WebAssembly modules' bindings share (bindings.cpp: crohn.wasm, the
// scores and endpoints the page needs at first paint; tools_bindings.cpp: crohn-tools.wasm,
// cohorts and FHIR, loaded when first used). Every export takes and returns JSON text (or a plain
// number/string), so JavaScript never holds an Embind handle.
#pragma once

#include <string>

#include "crohn/version.hpp"

namespace crohn::wasm {

// Returned if anything escapes the core. The core never throws, and these builds have exception
// catching disabled (a throw would abort); the guard documents the contract and takes effect in
// builds that enable catching.
inline const char* const kInternalError =
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

inline std::string version() { return kVersion; }
inline int api_version() { return kApiVersion; }

}  // namespace crohn::wasm
