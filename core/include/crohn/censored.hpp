// SPDX-License-Identifier: MIT
// Crohn Score: a censored laboratory value. An assay reports a value outside its measuring range
// as a bound ("<0.5" mg/dL CRP below the detection limit, ">1800" ug/g calprotectin above the
// top of the range). Such a value is kept as what it is, the bound and its kind, never replaced
// by a number, and compared with a threshold by one function that decides only where the bound
// decides (docs/cohort.md, "Censored laboratory values").
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace crohn {

/// How a reported value relates to the true value x: exact, or x < v, x <= v, x > v, x >= v.
enum class Bound { kExact, kBelow, kAtMost, kAbove, kAtLeast };

/// A laboratory value: its number and its bound (kExact for an ordinary value).
struct Censored {
  double value = 0;
  Bound bound = Bound::kExact;
  Censored() = default;
  // (Implicit: an ordinary value is an exact one.)
  Censored(double v, Bound b = Bound::kExact) : value(v), bound(b) {}  // NOLINT
  bool exact() const { return bound == Bound::kExact; }
  /// The same value in another unit (a positive factor keeps the bound's direction).
  Censored scaled(double factor) const { return Censored(value * factor, bound); }
};

/// Removes a leading bound sign ("<", "<=", "≤", ">", ">=", "≥", then optional spaces) from
/// `text` and returns its kind (kExact, and `text` unchanged, when there is none).
Bound take_bound(std::string_view& text);
/// The sign as this core writes it: "<", "<=", ">", ">=", "" for kExact.
const char* bound_sign(Bound bound);
/// "<0.5", ">1800", "12.5": the bound's sign and the number (format_number).
std::string censored_text(const Censored& value);

/// The one comparison of a censored value with a threshold: whether the true value is below
/// `threshold` (x < threshold, with the core's tolerance, common.hpp). Decided where the value or
/// its bound decides: "<5" and "<=4" are below 5, ">1800" and ">=250" are not below 250.
/// nullopt where the bound does not decide: "<300" against 250 (x may be 100 or 299), "<=5"
/// against 5 (x may be 5).
std::optional<bool> is_below(const Censored& value, double threshold);

}  // namespace crohn
