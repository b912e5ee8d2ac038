// SPDX-License-Identifier: MIT
// Crohn Score: the population an endpoint is counted in (docs/cohort.md, "Populations"). A
// cohort's denominators count the patients of an endpoint's population; the others are
// `not_eligible`, never failures. A population is data: derived from the endpoint's rule where
// the rule states a baseline precondition, or named beside the endpoint in its definition set.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crohn/definitions.hpp"
#include "crohn/endpoints.hpp"

namespace crohn::populations {

enum class Kind {
  kAll,                    // every patient of the arm
  kBaselinePrecondition,   // patients whose baseline meets the rule's precondition
  kMeasuredAtBaselineAndVisit,  // patients with the named measures at baseline and at the visit
  kOnTherapyAtWeek,        // patients still on therapy at an earlier week (`week`)
};

struct Population {
  Kind kind = Kind::kAll;
  /// kBaselinePrecondition: the missing-input id the rule returns for a patient outside it
  /// ("hbi_baseline>=5", "ses_cd_baseline>0", "baseline_any_ulcer=true").
  std::string precondition;
  /// kMeasuredAtBaselineAndVisit: measure names ("fecal_calprotectin", "crp", "bwt", ...).
  std::vector<std::string> measures;
  /// kOnTherapyAtWeek: the earlier week (the patients who had not stopped therapy by it).
  double week = 0;
  /// The id written in the summary rows: "all", "baseline:<precondition>",
  /// "measured_at_baseline_and_visit:<m1>+<m2>", "on_therapy_at_week:<week>".
  std::string id() const;
  /// The population in words.
  std::string text() const;
};

/// The population of an endpoint of a set: the one named in the set (SetEndpoint::population),
/// else the rule's baseline precondition, else all patients.
Population of(const definitions::SetEndpoint& e, const endpoints::Rule& rule);
/// The population of an endpoint at a reported week: "still on therapy at week W0" at weeks after
/// the endpoint's on_therapy_at_week W0, else of(e, rule).
Population of(const definitions::SetEndpoint& e, const endpoints::Rule& rule, double week);

/// The rules whose verdict states a baseline precondition, with its missing-input id.
/// nullptr when the rule has none.
const char* precondition_of(const std::string& rule_id);

/// Whether a snapshot holds the measure ("hbi", "cdai", "ses_cd", "sf_avg", "ap_avg", "pro2",
/// "fecal_calprotectin", "crp", "crp_uln", "bwt", "color_doppler", "ibdq"). Unknown name: false.
bool has_measure(const endpoints::Snapshot& s, const std::string& measure);
/// Whether a measure name is one has_measure knows.
bool known_measure(const std::string& measure);

/// Whether the patient is in the population, from its baseline alone (kAll and
/// kBaselinePrecondition). A patient whose baseline does not tell (the measure the precondition
/// reads is missing or bad) is in the population: it is not shown to be outside it, and counts
/// under ITT as not evaluable.
bool in_by_baseline(const Population& pop, const endpoints::Rule& rule, const endpoints::Measures& baseline_only);

/// kMeasuredAtBaselineAndVisit: whether every named measure is in the baseline and the
/// follow-up snapshot (a patient without a visit is outside).
bool in_by_measures(const Population& pop, const endpoints::Snapshot& baseline,
                    const endpoints::Snapshot* followup);

/// kOnTherapyAtWeek: whether the patient is in the population, given whether it had stopped
/// therapy by the population's week (the cohort's discontinuation rule, docs/cohort.md). Other
/// kinds: true.
bool in_by_therapy(const Population& pop, bool stopped_by_population_week);

}  // namespace crohn::populations
