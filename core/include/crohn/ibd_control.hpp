// SPDX-License-Identifier: MIT
// IBD-Control (clinical-spec-instruments §8): the IBD-Control-8 score and the VAS.
// - Bodger K et al. Gut 2014;63(7):1092-1102, doi:10.1136/gutjnl-2013-305600 (VERIFIED,
//   abstract): 13 items + a VAS 0-100; IBD-Control-8 is a subgroup of eight questions.
// - Scoring 2/1/0 per item and the eight items Q1a, Q1b, Q3a-f: SECONDARY (awell-score README,
//   awellhealth.com, both quoting Bodger 2014).
// - Quiescence IBD-Control-8 >= 13 and VAS >= 85: SECONDARY (Ribeiro I et al. ECCO 2015 P370;
//   Keogh A, Burke M, ECCO 2017 N809).
// Answers are named strings, never numeric codes: awell-score sums its raw codes (no 0, yes 1,
// not sure 2) and gets 16 for eight "not sure" answers, where the rule gives 8 (vector IBDC-02).
// No item wording is embedded: its licence was not found (ambiguity I4).
#pragma once

#include <array>

#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"
#include "crohn/source.hpp"

namespace crohn::ibd_control {

/// The eight IBD-Control-8 items and the answer that scores 2 (the favourable direction follows
/// from the item wording and Bodger's rule, SECONDARY): "yes" for Q1a/Q1b, "no" for Q3a-f.
struct Item {
  const char* key;
  const char* favourable;  // 2 points; the other of yes/no scores 0, "not_sure" 1
};
inline constexpr int kItemCount = 8;
inline constexpr std::array<Item, kItemCount> kItems = {{
    {"q1a_well_controlled", "yes"},
    {"q1b_treatment_useful", "yes"},
    {"q3a_missed_planned_activities", "no"},
    {"q3b_woke_at_night", "no"},
    {"q3c_significant_pain_or_discomfort", "no"},
    {"q3d_lacking_energy", "no"},
    {"q3e_anxious_or_depressed", "no"},
    {"q3f_needed_treatment_change", "no"},
}};
/// Points: 2 most favourable, 1 intermediate/indeterminate, 0 least favourable (Bodger 2014 as
/// quoted by awell-score; SECONDARY).
inline constexpr int kFavourablePoints = 2;
inline constexpr int kNotSurePoints = 1;
inline constexpr int kUnfavourablePoints = 0;
/// Q1b "not taking any treatment" scores 1 with a warning (ambiguity I1 default
/// "no_treatment_as_1", as awell-score; not verified in Bodger 2014).
inline constexpr int kNoTreatmentPoints = 1;
/// Quiescent disease: IBD-Control-8 >= 13, VAS >= 85 (SECONDARY: ECCO 2015 P370, 2017 N809).
inline constexpr int kQuiescentIbdControl8From = 13;
inline constexpr double kQuiescentVasFrom = 85;
/// VAS 0 (worst) - 100 (best control) (Bodger 2014, VERIFIED abstract); any number (I3).
inline constexpr double kVasMin = 0;
inline constexpr double kVasMax = 100;

inline constexpr std::array<Source, 4> kSources = {{
    {"instrument", "verified_abstract",
     "Bodger K et al. Gut 2014;63:1092-1102, doi:10.1136/gutjnl-2013-305600 (abstract): "
     "IBD-Control-8 and VAS 0-100"},
    {"scoring", "secondary",
     "2/1/0 per item, IBD-Control-8 = Q1a, Q1b, Q3a-f: awell-score README and awellhealth.com "
     "quoting Bodger 2014"},
    {"quiescent_cutoffs", "secondary",
     "IBD-Control-8 >= 13 and VAS >= 85: Ribeiro I et al. ECCO 2015 P370; Keogh A, Burke M, ECCO "
     "2017 N809 (abstracts)"},
    {"q1b_no_treatment", "unverified",
     "Q1b 'not taking any treatment' scored 1 as awell-score does; not verified in Bodger 2014"},
}};

/// Worked example: conformance vector IBDC-02 (eight "not sure" answers score 8, not 16).
inline constexpr WorkedExample kWorkedExample{
    "ibd_control",
    R"({"q1a_well_controlled":"not_sure","q1b_treatment_useful":"not_sure",)"
    R"("q3a_missed_planned_activities":"not_sure","q3b_woke_at_night":"not_sure",)"
    R"("q3c_significant_pain_or_discomfort":"not_sure","q3d_lacking_energy":"not_sure",)"
    R"("q3e_anxious_or_depressed":"not_sure","q3f_needed_treatment_change":"not_sure",)"
    R"("vas_overall_control":50})",
    R"({"ibd_control_8_total":8,"quiescent_ibd_control_8_ge13":false,"quiescent_vas_ge85":false})",
    "conformance vector IBDC-02: 8 x 'not sure' = 8 x 1 = 8 (Bodger 2014 scoring via awell-score "
    "README, SECONDARY; awell-score's raw-code sum would give 16); 8 < 13 and VAS 50 < 85"};

/// The evaluate() entry point.
Json evaluate(Reader& reader);

}  // namespace crohn::ibd_control
