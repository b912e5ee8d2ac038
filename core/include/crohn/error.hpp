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
  /// What the message names, as data, so that a page words the error in its own language
  /// without reading `message` (docs/contract.md "Error parameters"): `min`, `max` (in the
  /// core's unit), `unit`, `integer`, `allowed`, `reason`, `of`. Null when there is nothing to say.
  nlohmann::json params = nullptr;
};

/// Reasons (params.reason) for errors a page words specially (docs/contract.md).
namespace reason {
inline constexpr const char* kDiaryDayEmpty = "diary_day_empty";  // a null day in a diary array
inline constexpr const char* kOneBaseline = "one_baseline";       // two visits marked baseline
inline constexpr const char* kNeoterminalIleumNotSeen = "neoterminal_ileum_not_seen";
inline constexpr const char* kExceeds = "exceeds";      // larger than the total it is part of (`of`)
inline constexpr const char* kNotBoth = "not_both";     // two forms of one input given together
inline constexpr const char* kEntries = "entries";      // an array of the wrong length (min/max)
inline constexpr const char* kUnknownInput = "unknown_input";  // a key that is not an input
inline constexpr const char* kDecimals = "decimals";    // more decimals than measured (`max`)
inline constexpr const char* kMultipleOf = "multiple_of";  // not a multiple of `step`
inline constexpr const char* kDisagrees = "disagrees";  // contradicts another input given (`of`)
inline constexpr const char* kNoneScored = "none_scored";  // no part of a multi-part input scored
}  // namespace reason

/// Params with one reason (and the key of what it is the cap of, for kExceeds).
nlohmann::json reason_params(const char* reason, const char* of = nullptr);
/// {reason: "decimals", max: decimals}.
nlohmann::json decimals_params(int decimals);
/// {reason: "multiple_of", step: step}.
nlohmann::json step_params(double step);

/// The response for a failed evaluation: the first error's `error`, `field` and `message`
/// at top level (the contract), plus every error found in `errors` so a form can mark them all;
/// each error's `params` (when it has any) beside them, and the first one's at top level.
nlohmann::json errors_to_json(const std::vector<Error>& errors);

}  // namespace crohn
