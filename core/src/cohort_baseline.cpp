// SPDX-License-Identifier: MIT
#include "crohn/cohort_baseline.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <string>
#include <utility>

#include "crohn/biomarkers.hpp"
#include "crohn/censored.hpp"
#include "crohn/hbi.hpp"
#include "crohn/sescd.hpp"

namespace crohn::cohort {

namespace {

using Json = nlohmann::json;
using endpoints::Snapshot;

/// One measure of the table: its name in the JSON and how to read it from a visit. Laboratory
/// values may be censored ("<0.5"): a bound is not a measurement, so it is left out of the mean,
/// SD and quartiles and counted apart; the threshold counts use it where its bound decides.
struct Measure {
  const char* name;
  std::function<std::optional<Censored>(const Snapshot&)> read;
};

template <class T>
std::optional<Censored> as_value(const std::optional<T>& v) {
  return v ? std::optional<Censored>(Censored(static_cast<double>(*v))) : std::nullopt;
}

const std::vector<Measure>& measures() {
  static const std::vector<Measure> kMeasures = {
      {"hbi", [](const Snapshot& s) { return as_value(s.hbi); }},
      {"cdai", [](const Snapshot& s) { return as_value(s.cdai); }},
      {"ses_cd", [](const Snapshot& s) { return as_value(s.ses_cd); }},
      {"pro2_sf", [](const Snapshot& s) { return as_value(s.sf_avg); }},
      {"pro2_ap", [](const Snapshot& s) { return as_value(s.ap_avg); }},
      {"fecal_calprotectin_ug_g", [](const Snapshot& s) { return s.fc_ug_g; }},
      {"crp_mg_l", [](const Snapshot& s) { return s.crp_mg_l; }},
      {"bwt_mm",
       [](const Snapshot& s) {
         return s.bwt_hundredths_mm
                    ? std::optional<Censored>(Censored(static_cast<double>(*s.bwt_hundredths_mm) / 100.0))
                    : std::nullopt;
       }},
      {"ibdq", [](const Snapshot& s) { return as_value(s.ibdq); }},
  };
  return kMeasures;
}

/// Type 7 quantile of sorted values (Hyndman & Fan 1996): h = (n - 1) p, interpolated.
double quantile7(const std::vector<double>& sorted, double p) {
  const double h = (static_cast<double>(sorted.size()) - 1.0) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Json describe_json(const std::optional<Describe>& d, std::size_t patients, std::size_t censored) {
  Json out = Json::object();
  out["n"] = d ? d->n : 0;
  out["censored"] = censored;  // reported as a bound ("<0.5"): not in the mean, SD or quartiles
  out["missing"] = patients - (d ? d->n : 0) - censored;
  for (const char* k : {"mean", "sd", "median", "q1", "q3", "min", "max"}) out[k] = nullptr;
  if (!d) return out;
  out["mean"] = d->mean;
  out["sd"] = d->sd ? Json(*d->sd) : Json(nullptr);
  out["median"] = d->median;
  out["q1"] = d->q1;
  out["q3"] = d->q3;
  out["min"] = d->min;
  out["max"] = d->max;
  return out;
}

/// The visit whose measure counts for `week`: at baseline the baseline visit; else the follow-up
/// visit nearest the week within the window that has the measure (ties: the earlier visit).
std::optional<Censored> value_at(const record::Patient& p, const std::optional<double>& week,
                                 double window, const Measure& m) {
  if (!week) return p.visits.empty() ? std::nullopt : m.read(p.visits[p.baseline].snap);
  const record::Visit* best = nullptr;
  std::optional<Censored> value;
  for (const record::Visit& v : p.visits) {
    if (!record::is_followup(p, v) || !v.week) continue;
    const std::optional<Censored> x = m.read(v.snap);
    if (!x) continue;
    const double d = std::fabs(*v.week - *week);
    if (d > window + 1e-9) continue;
    const double best_d = best ? std::fabs(*best->week - *week) : 0;
    if (!best || d < best_d - 1e-9 || (std::fabs(d - best_d) <= 1e-9 && *v.week < *best->week)) {
      best = &v;
      value = x;
    }
  }
  return value;
}

Json band_counts(const std::vector<double>& values, const std::function<Band(int)>& band) {
  Json out = Json::object();
  for (const char* k : {"remission", "mild", "moderate", "severe"}) out[k] = 0;
  for (double v : values) {
    Json& count = out[band_name(band(static_cast<int>(v)))];
    count = count.get<int>() + 1;
  }
  return out;
}

/// How many values are at or above `level` ("not below" it, by the core's one comparison),
/// of those the comparison decides; a bound that does not decide ("<300" against 250) is counted
/// apart as `undecided`.
Json at_or_above(const std::vector<Censored>& values, double level) {
  std::size_t n = 0, of = 0, undecided = 0;
  for (const Censored& v : values) {
    const std::optional<bool> below = is_below(v, level);
    if (!below) {
      ++undecided;
      continue;
    }
    ++of;
    if (!*below) ++n;
  }
  Json out = Json::object();
  out["level"] = level;
  out["n"] = n;
  out["of"] = of;
  out["undecided"] = undecided;
  return out;
}

}  // namespace

std::optional<Describe> describe(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  Describe d;
  d.n = values.size();
  double sum = 0;
  for (double v : values) sum += v;
  d.mean = sum / static_cast<double>(d.n);
  if (d.n > 1) {
    double ss = 0;
    for (double v : values) ss += (v - d.mean) * (v - d.mean);
    d.sd = std::sqrt(ss / static_cast<double>(d.n - 1));
  }
  d.median = quantile7(values, 0.5);
  d.q1 = quantile7(values, 0.25);
  d.q3 = quantile7(values, 0.75);
  d.min = values.front();
  d.max = values.back();
  return d;
}

Json baseline_table(const Input& in, const std::vector<double>& weeks, double window) {
  // Arms in order of first appearance, then "all" when there are two or more (as the summary).
  std::vector<std::string> arms;
  for (const record::Patient& p : in.patients) {
    const std::string arm = p.arm ? *p.arm : "all";
    if (std::find(arms.begin(), arms.end(), arm) == arms.end()) arms.push_back(arm);
  }
  if (arms.size() > 1) arms.emplace_back("all");
  std::vector<std::optional<double>> times = {std::nullopt};
  for (double w : weeks) times.emplace_back(w);

  Json rows = Json::array();
  for (const std::string& arm : arms) {
    std::vector<const record::Patient*> group;
    for (const record::Patient& p : in.patients) {
      if (arm == "all" || (p.arm ? *p.arm : "all") == arm) group.push_back(&p);
    }
    for (const std::optional<double>& week : times) {
      Json row = Json::object();
      row["arm"] = arm;
      row["week"] = week ? Json(*week) : Json(nullptr);
      row["patients"] = group.size();
      Json& ms = row["measures"] = Json::object();
      std::map<std::string, std::vector<double>> values;   // exact values
      std::map<std::string, std::vector<Censored>> all;     // with the bounds
      for (const Measure& m : measures()) {
        std::vector<double>& xs = values[m.name];
        std::size_t censored = 0;
        for (const record::Patient* p : group) {
          if (auto v = value_at(*p, week, window, m)) {
            all[m.name].push_back(*v);
            if (v->exact()) xs.push_back(v->value);
            else ++censored;
          }
        }
        ms[m.name] = describe_json(describe(xs), group.size(), censored);
      }
      Json& bands = row["bands"] = Json::object();
      // HBI bands: Best 2006 (crohn/hbi.hpp); SES-CD bands: crohn/sescd.hpp.
      bands["hbi"] = band_counts(values["hbi"], [](int v) { return hbi::band(v); });
      bands["ses_cd"] = band_counts(values["ses_cd"], [](int v) { return sescd::band(v); });
      // At or above the endpoints' thresholds (the complement of their "below").
      bands["crp_mg_l_at_or_above_5"] = at_or_above(all["crp_mg_l"], biomarkers::kItalianCrpBelowMgL);
      bands["fecal_calprotectin_at_or_above_150"] = at_or_above(all["fecal_calprotectin_ug_g"], biomarkers::kItalianFcBelow);
      bands["fecal_calprotectin_at_or_above_250"] = at_or_above(all["fecal_calprotectin_ug_g"], biomarkers::kStride2FcBelow);
      rows.push_back(std::move(row));
    }
  }
  Json out = Json::object();
  out["rows"] = std::move(rows);
  Json& method = out["method"] = Json::object();
  method["sd"] = "sample (n - 1)";
  method["quartiles"] = "linear interpolation between order statistics (Hyndman & Fan type 7)";
  method["visit"] = "baseline: the baseline visit; week: per measure, the follow-up visit nearest the week within the window that has it (ties: the earlier visit)";
  method["window_weeks"] = window;
  return out;
}

}  // namespace crohn::cohort
