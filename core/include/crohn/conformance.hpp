// SPDX-License-Identifier: MIT
// Crohn Score: the conformance-vector check of the JSON contract, shared by the native CLI and the
// WebAssembly module so that both print the same lines for the same file.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace crohn::conformance {

/// Numbers match within this absolute tolerance (conformance README).
inline constexpr double kNumberTolerance = 1e-4;

/// True when every key of `expected` is in `actual` with a matching value: numbers within 1e-4,
/// strings/booleans/null equal, arrays element by element, objects recursively.
bool matches(const nlohmann::json& expected, const nlohmann::json& actual);

/// Runs one vector {id, instrument, inputs, expected} and returns its result line
/// `{"id":...,"pass":...,"actual":...}` (keys in that order).
std::string check_line(const nlohmann::json& vector, bool& pass);

/// Runs a whole vectors file (a JSON array); returns the result lines followed by the summary
/// line `N passed, M failed`; `failed` receives M. A malformed file yields one error line.
std::string run_file(const std::string& text, int& failed);

}  // namespace crohn::conformance
