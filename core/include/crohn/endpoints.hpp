// SPDX-License-Identifier: MIT
// Crohn Score: the endpoint rules. Each rule compares a follow-up visit with the baseline visit
// and returns a three-valued verdict (crohn/verdict.hpp) with the numbers behind it. The rule,
// its threshold constants and its citation stand together in core/src/endpoints.cpp; definition
// sets (crohn/definitions.hpp) name rules, they never re-implement them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "crohn/censored.hpp"
#include "crohn/verdict.hpp"

namespace crohn::endpoints {

/// Bowel-wall thickness plausibility limits in mm (the project's own) and its exact unit.
inline constexpr double kBwtMinMm = 0.5;
inline constexpr double kBwtMaxMm = 30.0;

/// What was measured at one visit. Every value is optional: absent means "not measured".
struct Snapshot {
  std::optional<int> hbi;
  std::optional<long long> cdai;
  std::optional<int> ses_cd;
  std::optional<int> ses_cd_max_item;   // max of the 20 cells
  std::optional<bool> ses_cd_any_ulcer;
  bool ses_cd_incomplete = false;       // from segments with at least one not examined
  /// The segments the total covers (bit s: sescd::kSegments[s]; a resected segment is not in
  /// it unless counted as 0 by the user's zero_resected); absent for a typed total.
  std::optional<unsigned> ses_cd_segments;
  unsigned ses_cd_resected = 0;         // the resected segments (same bits), shown by name
  std::optional<double> sf_avg;         // PRO2 mean daily stool frequency
  std::optional<double> ap_avg;         // PRO2 mean daily abdominal pain
  std::optional<Censored> fc_ug_g;       // may be censored (">1800"): crohn/censored.hpp
  std::optional<Censored> crp_mg_l;      // in mg/L; may be censored ("<5")
  std::optional<double> crp_uln_mg_l;
  std::optional<int64_t> bwt_hundredths_mm;  // bowel-wall thickness, exact in 0.01 mm
  std::optional<bool> color_doppler_decreased;
  std::optional<int> ibdq;
  std::optional<bool> steroid_free;     // not on systemic corticosteroids at this visit
  std::optional<bool> discontinued;     // therapy stopped at or before this visit
};

/// Thresholds that a user may set for the parameterised biochemical-remission rule
/// (clinical-spec §5.1, ambiguity A21). Defaults: the Italian upadacitinib cohort's FC < 150 ug/g
/// and CRP < 0.5 mg/dL (= 5 mg/L).
struct Thresholds {
  double fc_below_ug_g = 150.0;
  double crp_below_mg_l = 5.0;
};

/// A baseline and one follow-up visit, plus patient-level facts.
struct Measures {
  Snapshot baseline;
  Snapshot followup;
  std::optional<bool> isolated_ileal_disease;
  Thresholds thresholds;
};

using verdict::Tri;

/// A fixed level a rule compares one follow-up measure with ("HBI < 5"): what a timeline draws
/// as a line. `measure` is the key of the visit's scores (`hbi_total`, `cdai_total`,
/// `ses_cd_total`, `sf_avg`, `ap_avg`, `fecal_calprotectin_ug_g`, `crp_mg_l`, `bwt_mm`,
/// `ibdq_total`); `comparison` is "<", "<=", ">" or ">=". Rules on a change from baseline, on a
/// laboratory's own limit or on user-set thresholds have none.
struct Level {
  const char* measure = nullptr;
  const char* comparison = nullptr;
  double value = 0;
};
/// The most levels one rule compares with (the Italian deep remission: HBI, FC, CRP, BWT).
inline constexpr std::size_t kMaxLevels = 4;

struct Rule {
  const char* id;
  const char* label;     // short, for tables
  const char* rule;      // the definition in words, as the source states it
  const char* citation;  // source, with DOI where one exists
  const char* needs;     // inputs it reads (canonical names of clinical-spec §0.1)
  Tri (*evaluate)(const Measures&);
  /// The fixed levels the rule compares follow-up measures with, from the same constants its
  /// evaluate function uses; unused entries have a null measure (none for change-from-baseline
  /// rules). A fixed array, not a vector: the table stays data, with no construction code in the
  /// WebAssembly module (docs/architecture.md, size).
  Level levels[kMaxLevels];
  std::size_t level_count() const {
    std::size_t n = 0;
    while (n < kMaxLevels && levels[n].measure) ++n;
    return n;
  }
};

/// Whether baseline and follow-up SES-CD totals cover different segment sets (a resection
/// between the visits, or under another rule): then the SES-CD rules on a change are not
/// evaluable ("segment_set_changed") and the rules on the follow-up total alone are returned but
/// flagged (clinical-spec-instruments §3.2, X3). A typed total, whose set is not known, is taken
/// to cover all five segments only beside another complete set: see ses_segments_comparable.
bool ses_segment_set_changed(const Measures& m);

/// Every rule, in a stable order.
const std::vector<Rule>& rules();
/// The rule with this id, or nullptr.
const Rule* find_rule(const std::string& id);
/// Evaluates the rule with this id (an unknown id is a programming error: it yields an unknown
/// verdict naming the id).
Tri evaluate_rule(const std::string& id, const Measures& m);

}  // namespace crohn::endpoints
