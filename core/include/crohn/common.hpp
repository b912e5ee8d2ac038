// SPDX-License-Identifier: MIT
// Crohn Score: shared vocabulary of the scores: activity bands and the exact-arithmetic helpers
// that every threshold comparison goes through (clinical-spec §0.3 default 4).
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>

namespace crohn {

/// Plausibility prompt shared by HBI and CDAI (a warning that keeps the score, never an error):
/// more than 20 liquid or very soft stools in a day is rarely real and is the usual shape of a
/// typing slip (a weekly count typed as daily, a doubled digit). The project's own rule, not a
/// published threshold (issue 14; docs/clinical-sources.md, "Plausibility prompts").
inline constexpr int kPlausibleLiquidStoolsPerDayMax = 20;
/// Warning code for it; a diary day's warning names the day: "...:day3".
inline constexpr const char* kWarnLiquidStoolsOver20 = "liquid_stools_over_20_per_day";

/// Activity bands shared by HBI, CDAI, SES-CD and PRO2 (clinical-spec §0.2).
enum class Band { kRemission, kMild, kModerate, kSevere };

inline const char* band_name(Band band) {
  switch (band) {
    case Band::kRemission: return "remission";
    case Band::kMild: return "mild";
    case Band::kModerate: return "moderate";
    default: return "severe";
  }
}

/// Absolute tolerance for comparisons of non-integer clinical values (clinical-spec §0.3.4):
/// 14/5 stools must equal the 2.8 threshold, 0.1 + 0.2 must equal 0.3.
inline constexpr double kTolerance = 1e-9;

inline bool approx_le(double a, double b) { return a <= b + kTolerance; }
inline bool approx_lt(double a, double b) { return a < b - kTolerance; }
inline bool approx_ge(double a, double b) { return a >= b - kTolerance; }
inline bool approx_gt(double a, double b) { return a > b + kTolerance; }

/// Removes binary noise below 1e-9 (149.50000000000003 -> 149.5) so that a value that is exactly
/// representable in decimal rounds the way a person doing the arithmetic by hand would.
inline double snap(double x) { return std::round(x * 1e9) / 1e9; }

/// Round half up to an integer after snapping (clinical-spec §0.3.1 and ambiguity A11:
/// floor(x + 0.5); 149.5 -> 150, -3.5 -> -3).
inline int64_t round_half_up(double x) { return static_cast<int64_t>(std::floor(snap(x) + 0.5)); }

/// A millimetre value held exactly in hundredths (clinical-spec §5.2: 4.1 - 2.1 must be 2.0).
inline int64_t to_hundredths(double mm) { return static_cast<int64_t>(std::llround(mm * 100.0)); }

}  // namespace crohn
