// SPDX-License-Identifier: MIT
// CDEIS, the Crohn's Disease Endoscopic Index of Severity (clinical-spec-instruments §2).
//
// Sources (the evidence level of each is in kSources below and in docs/clinical-sources.md):
// - Segments and selected items: Mary JY, Modigliani R (GETAID). Gut 1989;30(7):983-989, PMC1434265
//   (VERIFIED, abstract only: the abstract names the five segments and the variables, not the
//   weights).
// - Weights and arithmetic (12 / 6 / cm / cm per explored segment, divided by the segments
//   explored, + 3 per stenosis type): SECONDARY (igibdscores.it "info-cdeis" worksheet,
//   abdominalkey.com Table 17.1, BMJ Best Practice), the sources agree (§2.3).
// - Bands < 3 / 3-8 / 9-12 / > 12: SECONDARY (igibdscores.it decoding table, BMJ Best Practice);
//   the gap 8 < x < 9 is closed by a PROJECT RULE (ambiguity C3: mild 3 <= x < 9).
// - CDEIS < 6 and < 3, decrease > 5: Hebuterne X et al. (MUSIC) Gut 2013;62(2):201-208 (title and
//   authors VERIFIED; definitions SECONDARY: healio.com, review text).
// - Decrease > 50 %: Vuitton L et al. (IOIBD) Gut 2016;65:1447-1455 (VERIFIED, abstract);
//   STRIDE-II, Turner D et al. Gastroenterology 2021;160:1570-1583,
//   doi:10.1053/j.gastro.2020.12.031 (SECONDARY).
// - Endoscopic healing CDEIS < 3 and no ulceration: STRIDE-II (SECONDARY: WJG 2025 Table 1).
// - CDEIS < 3.5 (Ordas 2014, VERIFIED abstract) is NOT built: the spec offers it as an option only.
//
// Arithmetic (§0.3, PROJECT RULE): surfaces are held exactly in hundredths of a cm, the score as
// the exact fraction (hundredths of Total A + 100 n x stenosis points) / (100 n); bands and the
// single-visit endpoints compare that fraction with integers. The baseline is a typed number; the
// change endpoints compare with the core's tolerance helpers (common.hpp), so a decrease of exactly
// 5 is not "> 5".
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"
#include "crohn/source.hpp"

namespace crohn::cdeis {

/// The five segments of Mary & Modigliani 1989 (VERIFIED abstract; ambiguity C1 default: ileum and
/// right colon separate). "left_colon" = sigmoid and left colon.
inline constexpr int kSegmentCount = 5;
inline constexpr std::array<const char*, kSegmentCount> kSegments = {
    "ileum", "right_colon", "transverse_colon", "left_colon", "rectum"};
inline constexpr std::array<const char*, 4> kItems = {
    "deep_ulceration", "superficial_ulceration", "disease_surface_cm", "ulcerated_surface_cm"};

/// Points per explored segment (SECONDARY: igibdscores.it, abdominalkey Table 17.1, BMJ BP).
inline constexpr int kDeepUlcerationPoints = 12;
inline constexpr int kSuperficialUlcerationPoints = 6;
/// Surfaces on a 10-cm visual analogue scale, entered in cm (same sources; C7: mm or % / 10).
inline constexpr double kSurfaceMaxCm = 10;
/// Added once per examination, for a stenosis anywhere (same sources; C6).
inline constexpr int kUlceratedStenosisPoints = 3;
inline constexpr int kNonulceratedStenosisPoints = 3;
/// Published range 0-44 (SECONDARY: abdominalkey, BMJ BP): the baseline's allowed range.
inline constexpr double kCdeisMax = 44;

/// Bands (SECONDARY: igibdscores.it, BMJ BP; closure C3 is a PROJECT RULE):
/// remission < 3; mild 3 <= x < 9; moderate 9 <= x <= 12; severe > 12.
inline constexpr int kRemissionBandBelow = 3;
inline constexpr int kMildBandBelow = 9;
inline constexpr int kModerateBandMax = 12;

/// CDEIS < 3: "complete endoscopic remission" (MUSIC, SECONDARY), STRIDE-II healing threshold
/// (SECONDARY) together with no ulceration (C8).
inline constexpr int kLt3Below = 3;
/// CDEIS < 6: "endoscopic remission" (MUSIC, SECONDARY: healio, review text; abdominalkey).
inline constexpr int kLt6Below = 6;
/// Response: a decrease of more than 5 points (MUSIC; GETAID as restated by abdominalkey,
/// SECONDARY).
inline constexpr double kResponseDecreaseAbove = 5;
/// Response: a decrease of more than 50 %, as 2 x decrease > baseline (IOIBD 2016, VERIFIED
/// abstract; STRIDE-II, SECONDARY; §0.3.3).
inline constexpr int kPercentResponseFactor = 2;

inline constexpr std::array<Source, 6> kSources = {{
    {"segments_items", "verified_abstract",
     "Mary JY, Modigliani R (GETAID). Gut 1989;30:983-989, PMC1434265 (abstract: segments and "
     "variables, not the weights)"},
    {"weights_formula", "secondary",
     "igibdscores.it CDEIS sheet; abdominalkey.com Table 17.1; BMJ Best Practice"},
    {"cdeis_band", "secondary",
     "igibdscores.it, BMJ Best Practice: <3, 3-8, 9-12, >12; 8-9 gap closed as mild (project "
     "rule)"},
    {"cdeis_lt3_lt6_decrease_gt5", "secondary",
     "Hebuterne X et al. (MUSIC) Gut 2013;62:201-208 (definitions read in healio.com, a review)"},
    {"response_decrease_gt50pct", "verified_abstract",
     "Vuitton L et al. (IOIBD) Gut 2016;65:1447-1455, doi:10.1136/gutjnl-2015-309903 (abstract); "
     "STRIDE-II (secondary)"},
    {"healing_lt3_no_ulceration_stride2", "secondary",
     "Turner D et al. (STRIDE-II) Gastroenterology 2021;160:1570-1583, "
     "doi:10.1053/j.gastro.2020.12.031 (read in WJG 2025 Table 1)"},
}};

/// Worked example: conformance vector CDEIS-01 (arithmetic in its source text).
inline constexpr WorkedExample kWorkedExample{
    "cdeis",
    R"({"segments":{"ileum":{"deep_ulceration":true,"superficial_ulceration":false,)"
    R"("disease_surface_cm":6,"ulcerated_surface_cm":3},"right_colon":{"deep_ulceration":false,)"
    R"("superficial_ulceration":true,"disease_surface_cm":4,"ulcerated_surface_cm":1},)"
    R"("transverse_colon":{"not_explored":false,"deep_ulceration":false,)"
    R"("superficial_ulceration":false,"disease_surface_cm":0,"ulcerated_surface_cm":0},)"
    R"("left_colon":{"deep_ulceration":false,"superficial_ulceration":false,)"
    R"("disease_surface_cm":0,"ulcerated_surface_cm":0},"rectum":{"deep_ulceration":false,)"
    R"("superficial_ulceration":false,"disease_surface_cm":0,"ulcerated_surface_cm":0}},)"
    R"("ulcerated_stenosis":false,"nonulcerated_stenosis":true,"cdeis_baseline":15})",
    R"({"total_a":32,"segments_explored":5,"total_b":6.4,"stenosis_points":3,"cdeis_total":9.4,)"
    R"("cdeis_band":"moderate","cdeis_lt3":false,"cdeis_lt6":false,"any_ulceration":true,)"
    R"("cdeis_decrease":5.6,"response_decrease_gt5":true,"response_decrease_gt50pct":false})",
    "conformance vector CDEIS-01: ileum 12+0+6+3 = 21, right colon 0+6+4+1 = 11, A = 32, "
    "B = 32/5 = 6.4, + 3 (non-ulcerated stenosis) = 9.4 -> moderate; baseline 15: decrease 5.6 > 5 "
    "(MUSIC), 2 x 5.6 < 15 (not > 50 %, IOIBD). Weights SECONDARY (igibdscores.it, abdominalkey)"};

struct Segment {
  bool explored = false;
  bool deep = false;
  bool superficial = false;
  int64_t disease_h = 0;    // hundredths of a cm
  int64_t ulcerated_h = 0;  // hundredths of a cm
};

struct Input {
  std::array<Segment, kSegmentCount> segments{};
  bool ulcerated_stenosis = false;
  bool nonulcerated_stenosis = false;
  std::optional<double> baseline;
};

struct Result {
  int64_t total_a_h = 0;  // Total A in hundredths
  int segments_explored = 0;
  int stenosis_points = 0;
  int64_t num = 0;  // CDEIS = num / den exactly
  int64_t den = 1;
  double cdeis = 0;
  bool any_ulceration = false;
};

Result compute(const Input& input);
/// remission | mild | moderate | severe, on the exact fraction.
const char* band(const Result& r);
std::vector<std::string> warnings(const Input& input, const Result& r);
std::optional<Input> read(Reader& reader);
Json to_json(const Input& input, const Result& r);
/// A visit's CDEIS outputs (record scores): cdeis_total, cdeis_band, cdeis_lt3, cdeis_lt6,
/// cdeis_any_ulceration, cdeis_healing_lt3_no_ulceration_stride2.
void put_visit_outputs(const Result& r, Json& out);
Json evaluate(Reader& reader);

}  // namespace crohn::cdeis
