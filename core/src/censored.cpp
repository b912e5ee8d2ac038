// SPDX-License-Identifier: MIT
#include "crohn/censored.hpp"

#include "crohn/common.hpp"
#include "crohn/input.hpp"

namespace crohn {

namespace {

bool starts_with(std::string_view s, std::string_view head) {
  return s.size() >= head.size() && s.compare(0, head.size(), head) == 0;
}

}  // namespace

Bound take_bound(std::string_view& text) {
  struct Sign {
    const char* text;
    Bound bound;
  };
  // Two-character signs before one-character ones ("<=" before "<").
  static constexpr Sign kSigns[] = {
      {"<=", Bound::kAtMost},         {">=", Bound::kAtLeast},
      {"\xE2\x89\xA4", Bound::kAtMost},  // ≤ U+2264
      {"\xE2\x89\xA5", Bound::kAtLeast},  // ≥ U+2265
      {"<", Bound::kBelow},           {">", Bound::kAbove},
  };
  for (const Sign& s : kSigns) {
    if (!starts_with(text, s.text)) continue;
    text.remove_prefix(std::string_view(s.text).size());
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    return s.bound;
  }
  return Bound::kExact;
}

const char* bound_sign(Bound bound) {
  switch (bound) {
    case Bound::kExact: return "";
    case Bound::kBelow: return "<";
    case Bound::kAtMost: return "<=";
    case Bound::kAbove: return ">";
    case Bound::kAtLeast: return ">=";
  }
  return "";
}

std::string censored_text(const Censored& v) { return bound_sign(v.bound) + format_number(v.value); }

std::optional<bool> is_below(const Censored& v, double threshold) {
  switch (v.bound) {
    case Bound::kExact: return approx_lt(v.value, threshold);
    // x < v <= t: below. v > t: x may be on either side.
    case Bound::kBelow:
      if (approx_le(v.value, threshold)) return true;
      return std::nullopt;
    // x <= v < t: below. v >= t: x may be t or more.
    case Bound::kAtMost:
      if (approx_lt(v.value, threshold)) return true;
      return std::nullopt;
    // x > v >= t, or x >= v >= t: not below. v < t: x may be on either side.
    case Bound::kAbove:
    case Bound::kAtLeast:
      if (approx_ge(v.value, threshold)) return false;
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace crohn
