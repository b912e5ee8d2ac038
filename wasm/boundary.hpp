// SPDX-License-Identifier: MIT
// Crohn Score: what the two WebAssembly modules' bindings share (bindings.cpp: crohn.wasm, the
// scores and endpoints the page needs at first paint; tools_bindings.cpp: crohn-tools.wasm,
// cohorts and FHIR, loaded when first used). Every export takes and returns JSON text (or a plain
// number/string), so JavaScript never holds an Embind handle.
#pragma once

#include <string>

#include "crohn/version.hpp"

namespace crohn::wasm {

// The core never throws (its entry points are noexcept and turn errors into data). The bindings
// are compiled without exceptions: these builds have exception catching off, so a throw would
// abort the module whatever the bindings did.

// Wraps a core function `std::string f(std::string_view)` as `std::string(std::string)`.
template <auto F>
std::string json_call(std::string text) {
  return F(text);
}

// Wraps a core function `std::string f()`.
template <auto F>
std::string json_get() {
  return F();
}

inline std::string version() { return kVersion; }
inline int api_version() { return kApiVersion; }

}  // namespace crohn::wasm
