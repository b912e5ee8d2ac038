// SPDX-License-Identifier: MIT
// Harvey-Bradshaw Index (HBI).
//
// Source: Harvey RF, Bradshaw JM. A simple index of Crohn's-disease activity. Lancet
// 1980;1(8167):514. doi:10.1016/S0140-6736(80)92767-1. Score = unweighted sum of five items.
// Bands: Best WR. Inflamm Bowel Dis 2006;12(4):304-310 (mapping to CDAI 150/220/450).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "crohn/common.hpp"
#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"

namespace crohn::hbi {

// Item scales (Harvey & Bradshaw 1980; clinical-spec §1.1).
inline constexpr int kWellbeingMax = 4;       // 0 very well .. 4 terrible (previous day)
inline constexpr int kAbdominalPainMax = 3;   // 0 none .. 3 severe (previous day)
inline constexpr int kAbdominalMassMax = 3;   // 0 none, 1 dubious, 2 definite, 3 definite+tender
/// The stool item is the count itself with no cap in the source. This upper limit is the
/// project's plausibility check against typing errors, not a clinical rule (docs/decisions.md).
inline constexpr int kLiquidStoolsPerDayMax = 100;

/// The eight complications, one point each, duplicates once (clinical-spec §1.1, §0.3.5).
inline constexpr std::array<const char*, 8> kComplications = {
    "arthralgia",          "uveitis",      "erythema_nodosum", "aphthous_ulcers",
    "pyoderma_gangrenosum", "anal_fissure", "new_fistula",      "abscess"};

/// Largest possible total: 4 + 3 + 100 stools + 3 + 8 complications.
inline constexpr int kTotalMax = kWellbeingMax + kAbdominalPainMax + kLiquidStoolsPerDayMax +
                                 kAbdominalMassMax + static_cast<int>(kComplications.size());

// Bands (Best 2006): <5 remission, 5-7 mild, 8-16 moderate, >16 severe.
inline constexpr int kRemissionBelow = 5;
inline constexpr int kMildMax = 7;
inline constexpr int kModerateMax = 16;

/// Worked example: the band-edge case of the sophiewell.com HBI tests (8 -> moderate), the
/// arithmetic by hand 2 + 2 + 4 + 0 + 0 = 8; conformance vector HBI-06.
inline constexpr WorkedExample kWorkedExample{
    "hbi",
    R"({"general_wellbeing":2,"abdominal_pain":2,"liquid_stools_per_day":4,"abdominal_mass":0,"complications":[]})",
    R"({"hbi_total":8,"hbi_band":"moderate"})",
    "sophiewell.com HBI band-edge test (8 -> moderate): 2 + 2 + 4 + 0 + 0 = 8"};

struct Input {
  int general_wellbeing = 0;
  int abdominal_pain = 0;
  int liquid_stools_per_day = 0;
  int abdominal_mass = 0;
  std::vector<std::string> complications;  // de-duplicated ids from kComplications
};

struct Result {
  int total = 0;
  Band band = Band::kRemission;
  int complications_count = 0;
  /// Plausibility prompts (codes; the score stands): kWarnLiquidStoolsOver20.
  std::vector<std::string> warnings;
};

Band band(int total);
Result compute(const Input& input);

/// Reads the HBI items from a Reader (errors go to its sink).
std::optional<Input> read(Reader& reader);
Json to_json(const Input& input, const Result& result);

}  // namespace crohn::hbi
