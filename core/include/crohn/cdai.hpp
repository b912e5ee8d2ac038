// SPDX-License-Identifier: MIT
// Crohn's Disease Activity Index (CDAI).
//
// Source: Best WR, Becktel JM, Singleton JW, Kern F Jr. Development of a Crohn's disease activity
// index. National Cooperative Crohn's Disease Study. Gastroenterology 1976;70(3):439-444
// (PMID 1248701); the 1976 weights, as used by calculators and trials (clinical-spec §2).
// Bands: <150 remission, 150-219 mild, 220-450 moderate, >450 severe (clinical-spec §2.4, A6).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "crohn/common.hpp"
#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"

namespace crohn::cdai {

// Multipliers of the eight variables (Best 1976, Table; clinical-spec §2.1).
inline constexpr int kStoolsWeight = 2;          // liquid/very soft stools, 7-day total
inline constexpr int kPainWeight = 5;            // abdominal pain, sum of 7 daily 0-3 ratings
inline constexpr int kWellbeingWeight = 7;       // general well-being, sum of 7 daily 0-4 ratings
inline constexpr int kComplicationWeight = 20;   // per complication category present
inline constexpr int kAntidiarrhealWeight = 30;  // diphenoxylate/loperamide/opiates
inline constexpr int kMassWeight = 10;           // abdominal mass coded 0 / 2 / 5
inline constexpr int kHematocritWeight = 6;      // x (reference - observed hematocrit %)
inline constexpr int kWeightWeight = 1;          // x percent below standard weight

inline constexpr int kDiaryDays = 7;
inline constexpr int kDailyPainMax = 3;       // 0 none .. 3 severe
inline constexpr int kDailyWellbeingMax = 4;  // 0 generally well .. 4 terrible

// Hematocrit reference (Best 1976): 47 % for men, 42 % for women.
inline constexpr double kHematocritReferenceMale = 47.0;
inline constexpr double kHematocritReferenceFemale = 42.0;

// Keys/BMI standard weight (IG-IBD calculator, clinical-spec §2.2 and A9):
// men 22.1 x height(m)^2, women 20.8 x height(m)^2. Offered as a labelled convenience only.
inline constexpr double kKeysBmiMale = 22.1;
inline constexpr double kKeysBmiFemale = 20.8;

/// Floor of the weight term: Medicare Australia (PBS) CDAI form, "maximum deduction of 10 for
/// overweight patients" (clinical-spec §2.3, A8). Default weight mode.
inline constexpr double kWeightTermFloor = -10.0;

// Bands on the rounded integer total (clinical-spec §0.3.1, §2.4).
inline constexpr int kRemissionBelow = 150;
inline constexpr int kMildMax = 219;
inline constexpr int kModerateMax = 450;
// Alternative edges of Merck Manual / mdapp / sophiewell: 150-220 mild, 221-450 moderate (A6).
inline constexpr int kAltMildMax = 220;

/// Worked example of the sophiewell.com CDAI tests ("worked example -> 285, moderate"), by hand:
/// 20 x 2 + 14 x 5 + 7 x 7 + 1 x 20 + 30 + 2 x 10 + (47 - 40) x 6 + (1 - 60/70) x 100
/// = 285.29 -> 285, moderate; conformance vector CDAI-01.
inline constexpr WorkedExample kWorkedExample{
    "cdai",
    R"({"sex":"male","liquid_stools_7d_total":20,"abdominal_pain_7d_sum":14,)"
    R"("general_wellbeing_7d_sum":7,"cdai_complications":["arthritis_arthralgia"],)"
    R"("antidiarrheal_use":true,"abdominal_mass":2,"hematocrit_pct":40,"weight_kg":60,)"
    R"("standard_weight_kg":70})",
    R"({"cdai_total":285,"cdai_band":"moderate"})",
    "sophiewell.com CDAI test 'worked example -> 285, moderate': 40 + 70 + 49 + 20 + 30 + 20 + "
    "42 + 14.29 = 285.29 -> 285"};

/// The six complication categories (Best 1976; clinical-spec §0.1).
inline constexpr std::array<const char*, 6> kComplications = {
    "arthritis_arthralgia",         "iritis_uveitis", "skin_mouth_lesions",
    "anal_fissure_fistula_abscess", "other_fistula",  "fever_over_37_8c"};

// Plausibility limits (the project's checks against typing errors, not clinical rules).
inline constexpr int kStoolsPerDayMax = 100;
inline constexpr double kHematocritMin = 10.0, kHematocritMax = 70.0;  // percent
inline constexpr double kWeightMin = 10.0, kWeightMax = 400.0;          // kg
inline constexpr double kStandardWeightMin = 10.0, kStandardWeightMax = 200.0;
inline constexpr double kHeightMin = 100.0, kHeightMax = 250.0;  // cm

/// Plausibility prompt (a warning that keeps the score): a weight below half or above twice the
/// standard weight is more often a typing or unit slip (lb typed as kg, a standard weight from
/// another patient) than a patient. The project's own rule, not a published one (issue 14); the
/// weight term itself follows Best 1976 whatever the ratio.
inline constexpr double kPlausibleWeightMinPctOfStandard = 50.0;
inline constexpr double kPlausibleWeightMaxPctOfStandard = 200.0;
inline constexpr const char* kWarnWeightOutside50To200 = "weight_outside_50_200_pct_of_standard";

/// Plausibility limits for a CDAI total typed in directly (the weight and hematocrit terms can
/// make it negative; the project's own limits).
inline constexpr int kTotalMin = -200;
inline constexpr int kTotalMax = 1500;
/// Plausibility prompt for a CDAI total typed on a visit (a warning; the total is used): the
/// index's highest band starts above 450 (Best 1976), and a total over 600 is asked about as a
/// likely slip. The project's own rule (issue 14), not a published threshold.
inline constexpr int kPlausibleTypedTotalMax = 600;
inline constexpr const char* kWarnTypedTotalOver600 = "cdai_total_over_600";

enum class Sex { kMale, kFemale };
/// signed: 6 x (reference - Hct), Best 1976 (default); clamp_zero: negatives set to 0;
/// absolute: 6 x |reference - Hct| (ambiguity A7).
enum class HematocritMode { kSigned, kClampZero, kAbsolute };
/// signed_floor_minus10 (default), signed_unbounded, clamp_zero (ambiguity A8).
enum class WeightMode { kSignedFloorMinus10, kSignedUnbounded, kClampZero };
enum class StandardWeightMethod { kGiven, kKeysBmi };

struct Input {
  Sex sex = Sex::kMale;
  int liquid_stools_7d_total = 0;
  int abdominal_pain_7d_sum = 0;
  int general_wellbeing_7d_sum = 0;
  bool from_daily_diary = false;
  /// The diary's liquid stools per day, when the week came from the diary (for the
  /// per-day plausibility prompt); empty with weekly sums.
  std::vector<int> liquid_stools_daily;
  std::vector<std::string> complications;
  bool antidiarrheal_use = false;
  int abdominal_mass = 0;  // 0, 2 or 5
  double hematocrit_pct = 0;
  double weight_kg = 0;
  StandardWeightMethod standard_weight_method = StandardWeightMethod::kGiven;
  double standard_weight_kg = 0;  // given, or derived from height
  double height_cm = 0;           // only with kKeysBmi
  HematocritMode hematocrit_mode = HematocritMode::kSigned;
  WeightMode weight_mode = WeightMode::kSignedFloorMinus10;
};

struct Components {
  double stools = 0, pain = 0, wellbeing = 0, complications = 0, antidiarrheal = 0, mass = 0,
         hematocrit = 0, weight = 0;
  double sum() const {
    return stools + pain + wellbeing + complications + antidiarrheal + mass + hematocrit + weight;
  }
};

struct Result {
  Components components;
  double standard_weight_kg = 0;
  double percent_below_standard_weight_raw = 0;
  double unrounded = 0;
  long long total = 0;
  Band band = Band::kRemission;
  Band band_alt_150_220_221_450 = Band::kRemission;
  Band band_if_unrounded_used = Band::kRemission;
  /// Plausibility prompts (codes; the score stands): kWarnLiquidStoolsOver20 (":dayN" for a
  /// diary day), kWarnWeightOutside50To200.
  std::vector<std::string> warnings;
};

Band band(long long rounded_total);
Band band_alt_150_220_221_450(long long rounded_total);
Band band_of_unrounded(double unrounded);
double keys_bmi_standard_weight(Sex sex, double height_cm);
Result compute(const Input& input);

std::optional<Input> read(Reader& reader);
Json to_json(const Input& input, const Result& result);

}  // namespace crohn::cdai
