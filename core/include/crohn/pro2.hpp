// SPDX-License-Identifier: MIT
// PRO2: stool frequency (SF) and abdominal pain (AP) from the CDAI diary.
//
// Sources: Khanna R et al. Aliment Pharmacol Ther 2015;41(1):77-86 (PMID 25348809): weighted
// PRO2 = 2 x SF + 5 x AP on the mean-daily scale; categories <8 / 8-13 / 14-35 / >35 as coded in
// ibdplexus (gap closed as 8 <= x < 14, clinical-spec §4). Remission thresholds: AbbVie programmes
// (ADVANCE/MOTIVATE/FORTIFY, U-EXCEL/U-EXCEED, SEQUENCE): SF <= 2.8 and AP <= 1.0, neither worse
// than baseline; STRIDE-II (Turner 2021, doi:10.1053/j.gastro.2020.12.031): SF <= 3 and AP <= 1;
// stricter variant SF <= 1.5 and AP <= 1 (clinical-spec §4, A19).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crohn/common.hpp"
#include "crohn/input.hpp"

namespace crohn::pro2 {

inline constexpr double kSfWeight = 2.0;  // Khanna 2015
inline constexpr double kApWeight = 5.0;  // Khanna 2015
inline constexpr int kApDailyMax = 3;     // 0 none .. 3 severe
inline constexpr int kSfDailyMax = 100;   // plausibility limit (project's own)
inline constexpr std::size_t kDiaryDaysMax = 7;

inline constexpr double kAbbvieSfMax = 2.8;    // AbbVie SF/APS clinical remission
inline constexpr double kAbbvieApMax = 1.0;
inline constexpr double kStride2SfMax = 3.0;   // STRIDE-II clinical remission (PRO2)
inline constexpr double kStride2ApMax = 1.0;
inline constexpr double kStrictSfMax = 1.5;    // stricter variant
inline constexpr double kStrictApMax = 1.0;

// Khanna/ibdplexus categories of the weighted score.
inline constexpr double kRemissionBelow = 8.0;
inline constexpr double kMildBelow = 14.0;
inline constexpr double kModerateMax = 35.0;

inline double weighted(double sf_avg, double ap_avg) {
  return snap(kSfWeight * sf_avg + kApWeight * ap_avg);
}
Band band(double weighted_score);

struct Input {
  std::vector<double> sf_daily;
  std::vector<double> ap_daily;
};

struct Result {
  double sf_avg = 0, ap_avg = 0, weighted = 0;
  Band band = Band::kRemission;
};

Result compute(const Input& input);
/// The diary's warnings: "fewer_than_7_diary_days" when either diary has fewer than 7 days.
std::vector<std::string> warnings(const Input& input);
std::optional<Input> read(Reader& reader);
Json to_json(const Input& input, const Result& result);

}  // namespace crohn::pro2
