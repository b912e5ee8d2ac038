// SPDX-License-Identifier: MIT
// Crohn Score: the cohort mode's time-to-event and stratified statistics, as JSON. Drug survival
// (time to discontinuation) by Kaplan-Meier (crohn/survival.hpp) and the Mantel-Haenszel risk
// difference with the Cochran-Mantel-Haenszel test across strata (crohn/stratified.hpp).
// Formulas, conventions and JSON fields: docs/cohort.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/record.hpp"
#include "crohn/stratified.hpp"

namespace crohn::cohort {

/// The endpoint rule that is a time to event: "still on the therapy" (crohn/endpoints.hpp,
/// rule on_drug; the Dutch re-induction cohort's primary outcome, drug survival, ten Bokkel
/// Huinink et al.). Its endpoints are reported by Kaplan-Meier, beside the proportion at a visit.
inline constexpr const char* kTimeToDiscontinuationRule = "on_drug";

/// A patient's time on therapy, in weeks on the cohort's time scale (a visit's `week`).
struct TimeOnTherapy {
  double week = 0;
  bool discontinued = false;  // true: the event (stopped at or before `week`); false: censored
  bool recorded = false;      // false: no follow-up visit records the therapy status
};

/// Discontinuation is the `discontinued` flag of a visit ("therapy stopped at or before this
/// visit"). The event is the first follow-up visit flagged true (its week: the stop is known to
/// lie at or before it, and after the previous visit). Without one, the patient is censored at
/// the last follow-up visit flagged false (on therapy there implies on therapy at every earlier
/// week, a visit with no flag between included). With no follow-up visit recording the status,
/// censored at the baseline (`recorded` false). The flag on the baseline or before it (an
/// earlier therapy) does not count, as in the cohort's intention-to-treat rule.
TimeOnTherapy time_on_therapy(const record::Patient& patient);

/// One time-to-discontinuation endpoint of a set, with the weeks it is reported at.
struct SurvivalEndpoint {
  std::string set;
  std::string endpoint;
  std::vector<double> weeks;
};

/// The Kaplan-Meier rows of each endpoint, per arm (`arms`, in order; with `pooled`, the last
/// entry of `arms` is the pooled row of every patient). `arm_of[i]` is patient i's index in
/// `arms`. `rows` gets {set, endpoint, arm, week, estimate, std_error, ci95, at_risk, events,
/// censored, patients, not_recorded} per reported week; `curves` {set, endpoint, arm, patients,
/// steps: [{week, at_risk, events, censored, estimate, std_error, ci95}]}.
void survival_json(const std::vector<record::Patient>& patients, const std::vector<std::size_t>& arm_of,
                   const std::vector<std::string>& arms, bool pooled,
                   const std::vector<SurvivalEndpoint>& endpoints, nlohmann::json& rows,
                   nlohmann::json& curves);

/// What the survival rows are, in words (the analysis' member "survival_method").
extern const char* const kSurvivalMethod;

/// The stratified comparison of one denominator: {strata, risk_difference, sato_variance,
/// sato_95, risk_difference_strata, cmh_chi_square, cmh_p, cmh_continuity_correction,
/// cmh_strata} (nulls where undefined). `strata` is the number of strata in the file.
nlohmann::json mantel_haenszel_json(const std::vector<stats::StratumTable>& strata);

/// A p-value to 10 significant digits: the binary noise goes, as with snap(), but a small p keeps
/// its value (snap() would round anything below 5e-10 to 0, and a p-value is never 0).
double significant(double p);

}  // namespace crohn::cohort
