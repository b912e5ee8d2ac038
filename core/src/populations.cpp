// SPDX-License-Identifier: MIT
// The populations endpoints are counted in (crohn/populations.hpp, docs/cohort.md "Populations").
#include "crohn/populations.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace crohn::populations {

namespace {

/// The rules that state a baseline precondition, and the missing-input id their verdict names
/// for a patient outside it (core/src/endpoints.cpp; tests/cpp/populations.test.cpp checks
/// that each rule returns this id exactly for such a baseline).
struct RulePrecondition {
  const char* rule;
  const char* precondition;
};
// SWIBREG: HBI response only from an active baseline, HBI >= 5 (clinical-spec §1, A2).
// SES-CD percent decrease: undefined from a baseline of 0 (clinical-spec §3.4).
// Ulcer-free endoscopy: in patients with >= 1 ulcer at baseline (clinical-spec §3.4, FORTIFY /
// U-EXCEL post hoc analyses).
constexpr RulePrecondition kRulePreconditions[] = {
    {"hbi_response_drop_ge3_baseline_ge5", "hbi_baseline>=5"},
    {"ses_response_gt50", "ses_cd_baseline>0"},
    {"ses_response_ge50", "ses_cd_baseline>0"},
    {"ses_ulcer_free", "baseline_any_ulcer=true"},
};

const char* const kMeasureNames[] = {"hbi", "cdai", "ses_cd", "sf_avg", "ap_avg", "pro2",
                                     "fecal_calprotectin", "crp", "crp_uln", "bwt",
                                     "color_doppler", "ibdq"};

/// A week as the ids write it: an integer without decimals ("12"), else its shortest decimals.
std::string week_text(double w) {
  if (w == std::floor(w) && std::fabs(w) < 1e6) return std::to_string(static_cast<long>(w));
  std::string s = std::to_string(w);
  while (!s.empty() && s.back() == '0') s.pop_back();
  return s;
}

}  // namespace

std::string Population::id() const {
  switch (kind) {
    case Kind::kAll: return "all";
    case Kind::kBaselinePrecondition: return "baseline:" + precondition;
    case Kind::kMeasuredAtBaselineAndVisit: {
      std::string out = "measured_at_baseline_and_visit:";
      for (std::size_t i = 0; i < measures.size(); ++i) {
        if (i) out += '+';
        out += measures[i];
      }
      return out;
    }
    case Kind::kOnTherapyAtWeek: return "on_therapy_at_week:" + week_text(week);
  }
  return "all";
}

std::string Population::text() const {
  switch (kind) {
    case Kind::kAll: return "all patients of the arm";
    case Kind::kBaselinePrecondition:
      return "patients whose baseline meets " + precondition +
             " (a patient whose baseline does not tell is counted in)";
    case Kind::kMeasuredAtBaselineAndVisit: {
      std::string out = "patients with ";
      for (std::size_t i = 0; i < measures.size(); ++i) {
        if (i) out += i + 1 == measures.size() ? " and " : ", ";
        out += measures[i];
      }
      return out + " at baseline and at the visit";
    }
    case Kind::kOnTherapyAtWeek:
      return "patients still on therapy at week " + week_text(week) +
             " (a patient who had stopped by then is outside)";
  }
  return "";
}

const char* precondition_of(const std::string& rule_id) {
  for (const RulePrecondition& r : kRulePreconditions) {
    if (rule_id == r.rule) return r.precondition;
  }
  return nullptr;
}

Population of(const definitions::SetEndpoint& e, const endpoints::Rule& rule) {
  Population p;
  if (!e.population_measures.empty()) {
    p.kind = Kind::kMeasuredAtBaselineAndVisit;
    for (const char* m : e.population_measures) p.measures.emplace_back(m);
    return p;
  }
  if (const char* pre = precondition_of(rule.id)) {
    p.kind = Kind::kBaselinePrecondition;
    p.precondition = pre;
  }
  return p;
}

Population of(const definitions::SetEndpoint& e, const endpoints::Rule& rule, double week) {
  if (e.on_therapy_at_week && week > *e.on_therapy_at_week) {
    Population p;
    p.kind = Kind::kOnTherapyAtWeek;
    p.week = *e.on_therapy_at_week;
    return p;
  }
  return of(e, rule);
}

bool in_by_therapy(const Population& pop, bool stopped_by_population_week) {
  return pop.kind != Kind::kOnTherapyAtWeek || !stopped_by_population_week;
}

bool known_measure(const std::string& measure) {
  return std::any_of(std::begin(kMeasureNames), std::end(kMeasureNames),
                     [&](const char* n) { return measure == n; });
}

bool has_measure(const endpoints::Snapshot& s, const std::string& m) {
  if (m == "hbi") return s.hbi.has_value();
  if (m == "cdai") return s.cdai.has_value();
  if (m == "ses_cd") return s.ses_cd.has_value();
  if (m == "sf_avg") return s.sf_avg.has_value();
  if (m == "ap_avg") return s.ap_avg.has_value();
  if (m == "pro2") return s.sf_avg.has_value() && s.ap_avg.has_value();
  if (m == "fecal_calprotectin") return s.fc_ug_g.has_value();
  if (m == "crp") return s.crp_mg_l.has_value();
  if (m == "crp_uln") return s.crp_uln_mg_l.has_value();
  if (m == "bwt") return s.bwt_hundredths_mm.has_value();
  if (m == "color_doppler") return s.color_doppler_decreased.has_value();
  if (m == "ibdq") return s.ibdq.has_value();
  return false;
}

bool in_by_baseline(const Population& pop, const endpoints::Rule& rule,
                    const endpoints::Measures& baseline_only) {
  if (pop.kind != Kind::kBaselinePrecondition) return true;
  // The rule itself decides, from the baseline given as baseline and as follow-up: each of these
  // rules returns the precondition's id from the baseline alone (the one definition of it is the
  // rule's constant, core/src/endpoints.cpp).
  endpoints::Measures m = baseline_only;
  m.followup = m.baseline;
  const verdict::Tri t = rule.evaluate(m);
  if (t.evaluable()) return true;
  const auto& missing = t.missing();
  return std::find(missing.begin(), missing.end(), pop.precondition) == missing.end();
}

bool in_by_measures(const Population& pop, const endpoints::Snapshot& baseline,
                    const endpoints::Snapshot* followup) {
  if (pop.kind != Kind::kMeasuredAtBaselineAndVisit) return true;
  if (!followup) return false;
  for (const std::string& m : pop.measures) {
    if (!has_measure(baseline, m) || !has_measure(*followup, m)) return false;
  }
  return true;
}

}  // namespace crohn::populations
