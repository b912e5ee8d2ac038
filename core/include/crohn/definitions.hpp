// SPDX-License-Identifier: MIT
// Crohn Score: definition sets. A set is data: which endpoint rules (crohn/endpoints.hpp) a
// source uses, under which names, at which weeks, with its citation and what it leaves open.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace crohn::definitions {

struct SetEndpoint {
  const char* id;    // the name the source uses (e.g. "steroid_free_clinical_remission")
  const char* rule;  // endpoint rule id
  std::vector<double> weeks;  // where the source reports it (empty: every follow-up visit)
  const char* note;  // what the source leaves open and what the tool does (may be "")
  /// The endpoint's population when the source counts only patients with these measures at
  /// baseline and at the visit (crohn/populations.hpp; names as populations::has_measure).
  /// Empty: the population follows from the rule (a baseline precondition) or is every patient.
  std::vector<const char*> population_measures = {};
  /// At reported weeks after this one, the endpoint is counted among the patients still on
  /// therapy at this week (populations::Kind::kOnTherapyAtWeek; docs/cohort.md "Populations").
  /// Empty: no such population.
  std::optional<double> on_therapy_at_week = std::nullopt;
};

struct DefinitionSet {
  const char* id;
  const char* label;
  const char* version;
  const char* citation;
  const char* notes;
  std::vector<SetEndpoint> endpoints;
  /// The failure rule the source states, or nullptr: kDiscontinuationNonResponder when the source
  /// counts a patient who had stopped therapy by the week as a non-responder whatever the visit
  /// shows (docs/cohort.md "Failure rule"; the per-patient and record rows then say so).
  const char* failure_rule = nullptr;
  /// Where the failure rule comes from (its citation), or nullptr.
  const char* failure_rule_source = nullptr;
};

/// The failure rule "discontinuation = non-responder" (DefinitionSet::failure_rule).
inline constexpr const char* kDiscontinuationNonResponder = "discontinuation_non_responder";

/// A threshold the tool assumes because its source does not state it: the endpoint (or every
/// endpoint of the set, endpoint "*"), a reason code the page words in every language, and the
/// reason in English for the CLI.
struct Assumption {
  const char* set;
  const char* endpoint;
  const char* code;    // "registry_convention", "taken_from_stride2"
  const char* reason;
};

/// The assumed thresholds, as data (shown with every verdict they decide).
const std::vector<Assumption>& assumptions();
/// The assumption behind an endpoint of a set, or nullptr.
const Assumption* assumption_of(const std::string& set, const std::string& endpoint);

/// Every set, in a stable order (generic first).
const std::vector<DefinitionSet>& sets();
/// The set with this id, or nullptr.
const DefinitionSet* find_set(const std::string& id);
/// Every set with its endpoints, rules, thresholds in words and citations, as JSON.
nlohmann::json to_json();

}  // namespace crohn::definitions
