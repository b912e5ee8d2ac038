// SPDX-License-Identifier: MIT
// Crohn Score: the endpoint engine. A patient record (visits, one of them the baseline, each with
// the instruments measured at it) is evaluated against definition sets: per follow-up visit and
// endpoint, achieved / not_achieved / not_evaluable with the missing inputs named and the
// numbers behind the verdict. Format: docs/contract.md ("Patient records").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace crohn::record {

/// Options of an evaluation (ambiguities handled as options, never silently).
struct Options {
  /// A visit counts for a source's reported week when within this many weeks of it.
  double window_weeks = 2.0;
  /// Thresholds of the generic parameterised biochemical remission (A21).
  double fc_below_ug_g = 150.0;
  double crp_below_mg_l = 5.0;
};

/// Evaluates `record` against the named sets (all sets when empty). Never throws; bad input
/// yields {error, field, message, errors} with paths such as `visits[2].hbi.abdominal_pain`.
nlohmann::json evaluate(const nlohmann::json& record, const std::vector<std::string>& sets,
                        const Options& options) noexcept;

/// The JSON-text entry point: {"record": {...}, "definition_sets": [...], "options": {...}}.
std::string evaluate_json(std::string_view request) noexcept;
nlohmann::json evaluate_request(const nlohmann::json& request) noexcept;

/// Every definition set with its endpoints, rules and citations, as JSON text.
std::string definitions_json() noexcept;

}  // namespace crohn::record
