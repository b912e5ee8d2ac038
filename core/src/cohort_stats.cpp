// SPDX-License-Identifier: MIT
#include "crohn/cohort_stats.hpp"

#include <cmath>
#include <optional>

#include "crohn/common.hpp"
#include "crohn/survival.hpp"

namespace crohn::cohort {

namespace {

using Json = nlohmann::json;

Json number_json(const std::optional<double>& v) { return v ? Json(snap(*v) + 0.0) : Json(nullptr); }

Json interval_json(const std::optional<stats::Interval>& ci) {
  if (!ci) return nullptr;
  return Json::array({snap(ci->lower) + 0.0, snap(ci->upper) + 0.0});
}

}  // namespace

const char* const kSurvivalMethod =
    "drug survival (time to discontinuation) by Kaplan-Meier: the event is the first follow-up "
    "visit recording therapy stopped, a patient without one is censored at the last follow-up "
    "visit on therapy (at the baseline when none records the status); ties: events before "
    "censorings; Greenwood standard error; 95 % interval on the log-log scale; at_risk: patients "
    "followed to the week; events and censored: up to and including the week";

double significant(double p) {
  if (!(p > 0)) return p;
  const double scale = std::pow(10.0, 9 - std::floor(std::log10(p)));
  return std::round(p * scale) / scale;
}

TimeOnTherapy time_on_therapy(const record::Patient& p) {
  TimeOnTherapy out;
  out.week = *p.visits[p.baseline].week;
  std::vector<const record::Visit*> followups;
  record::append_followups_in_order(p, followups);
  for (const record::Visit* v : followups) {
    const std::optional<bool>& stopped = v->snap.discontinued;
    if (!stopped) continue;  // not recorded at this visit
    out.recorded = true;
    out.week = *v->week;
    if (*stopped) {
      out.discontinued = true;
      return out;
    }
  }
  return out;
}

void survival_json(const std::vector<record::Patient>& patients, const std::vector<std::size_t>& arm_of,
                   const std::vector<std::string>& arms, bool pooled,
                   const std::vector<SurvivalEndpoint>& endpoints, Json& rows, Json& curves) {
  if (endpoints.empty()) return;
  // Every time-to-discontinuation endpoint reads the same flag: one curve per arm serves all.
  std::vector<std::vector<stats::SurvivalObservation>> by_arm(arms.size());
  std::vector<int64_t> not_recorded(arms.size());
  for (std::size_t i = 0; i < patients.size(); ++i) {
    const TimeOnTherapy t = time_on_therapy(patients[i]);
    auto add = [&](std::size_t a) {
      by_arm[a].push_back({t.week, t.discontinued});
      if (!t.recorded) ++not_recorded[a];
    };
    add(arm_of[i]);
    if (pooled) add(arms.size() - 1);
  }
  std::vector<stats::KaplanMeier> km;
  for (const auto& obs : by_arm) km.push_back(stats::kaplan_meier(obs));
  for (const SurvivalEndpoint& e : endpoints) {
    for (std::size_t a = 0; a < arms.size(); ++a) {
      for (double week : e.weeks) {
        const stats::SurvivalAt at = stats::survival_at(km[a], week);
        rows.push_back({{"set", e.set},
                        {"endpoint", e.endpoint},
                        {"arm", arms[a]},
                        {"week", week},
                        {"estimate", number_json(at.estimate)},
                        {"std_error", number_json(at.std_error)},
                        {"ci95", interval_json(at.ci95)},
                        {"at_risk", at.at_risk},
                        {"events", at.events},
                        {"censored", at.censored},
                        {"patients", km[a].subjects},
                        {"not_recorded", not_recorded[a]}});
      }
      Json steps = Json::array();
      for (const stats::SurvivalStep& s : km[a].steps) {
        steps.push_back({{"week", s.time},
                         {"at_risk", s.at_risk},
                         {"events", s.events},
                         {"censored", s.censored},
                         {"estimate", snap(s.estimate) + 0.0},
                         {"std_error", number_json(s.std_error)},
                         {"ci95", interval_json(s.ci95)}});
      }
      curves.push_back({{"set", e.set},
                        {"endpoint", e.endpoint},
                        {"arm", arms[a]},
                        {"patients", km[a].subjects},
                        {"not_recorded", not_recorded[a]},
                        {"steps", std::move(steps)}});
    }
  }
}

Json mantel_haenszel_json(const std::vector<stats::StratumTable>& strata) {
  Json out = Json::object();
  out["strata"] = strata.size();
  const auto rd = stats::mantel_haenszel_risk_difference(strata);
  out["risk_difference"] = rd ? Json(snap(rd->difference) + 0.0) : Json(nullptr);
  out["sato_variance"] = rd ? Json(rd->variance) : Json(nullptr);
  out["sato_95"] = rd ? interval_json(rd->ci95) : Json(nullptr);
  out["risk_difference_strata"] = rd ? rd->strata_used : 0;
  const auto cmh = stats::cochran_mantel_haenszel(strata);
  out["cmh_chi_square"] = cmh ? Json(snap(cmh->statistic) + 0.0) : Json(nullptr);
  out["cmh_p"] = cmh ? Json(significant(cmh->p_value)) : Json(nullptr);
  out["cmh_continuity_correction"] = false;
  out["cmh_strata"] = cmh ? cmh->strata_used : 0;
  return out;
}

}  // namespace crohn::cohort
