// SPDX-License-Identifier: MIT
// Crohn Score: errors as data. The core never throws across its public API; bad input is
// described by one or more Error values with a stable machine-readable code.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace crohn {

/// Stable error codes of the JSON contract (see docs/contract.md and the conformance README).
namespace code {
inline constexpr const char* kMissingField = "missing_field";  // a required input is absent
inline constexpr const char* kInvalidType = "invalid_type";    // wrong JSON type / non-integer
inline constexpr const char* kOutOfRange = "out_of_range";     // outside scale or plausible range
inline constexpr const char* kUnknownValue = "unknown_value";  // not in the allowed set (or key)
inline constexpr const char* kInvalidJson = "invalid_json";    // request text is not JSON
inline constexpr const char* kInternal = "internal";           // a bug: should never be seen
}  // namespace code

/// One problem with the input. `field` is the top-level input field at fault (for an array item
/// or a segment it is the field that holds it, e.g. `segments`); `path` locates it exactly
/// (e.g. `segments.ileum.ulcer_size`, `abdominal_pain_daily[3]`).
struct Error {
  std::string code;
  std::string field;
  std::string message;
  std::string path;
};

/// The response for a failed evaluation: the first error's `error`, `field` and `message`
/// at top level (the contract), plus every error found in `errors` so a form can mark them all.
nlohmann::json errors_to_json(const std::vector<Error>& errors);

}  // namespace crohn
