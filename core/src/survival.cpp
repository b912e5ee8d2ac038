// SPDX-License-Identifier: MIT
#include "crohn/survival.hpp"

#include <algorithm>
#include <cmath>

namespace crohn::stats {

std::optional<Interval> loglog_interval(double s, double se, double z) {
  if (!(s > 0 && s < 1) || !std::isfinite(se) || se < 0) return std::nullopt;
  const double u = se / (s * std::fabs(std::log(s)));
  return Interval{std::pow(s, std::exp(z * u)), std::pow(s, std::exp(-z * u))};
}

KaplanMeier kaplan_meier(const std::vector<SurvivalObservation>& observations, double z) {
  KaplanMeier km;
  km.subjects = static_cast<int64_t>(observations.size());
  std::vector<SurvivalObservation> sorted = observations;
  std::sort(sorted.begin(), sorted.end(),
            [](const SurvivalObservation& a, const SurvivalObservation& b) { return a.time < b.time; });
  int64_t at_risk = km.subjects;
  double s = 1;
  double greenwood_sum = 0;  // sum of d_i / (n_i (n_i - d_i)) so far
  bool variance_defined = true;
  for (std::size_t i = 0; i < sorted.size();) {
    SurvivalStep step;
    step.time = sorted[i].time;
    step.at_risk = at_risk;
    for (; i < sorted.size() && sorted[i].time == step.time; ++i) {
      if (sorted[i].event) {
        ++step.events;
      } else {
        ++step.censored;
      }
    }
    // Events first: the subjects censored at this time are in the risk set of its events.
    if (step.events > 0) {
      const double n = static_cast<double>(step.at_risk);
      const double d = static_cast<double>(step.events);
      s *= 1 - d / n;
      if (step.events == step.at_risk) {
        variance_defined = false;  // S is 0 from here; Greenwood's term is d / 0
      } else {
        greenwood_sum += d / (n * (n - d));
      }
    }
    step.estimate = s;
    if (variance_defined) {
      step.std_error = s * std::sqrt(greenwood_sum);
      step.ci95 = loglog_interval(s, *step.std_error, z);
    }
    km.steps.push_back(step);
    at_risk -= step.events + step.censored;
  }
  return km;
}

SurvivalAt survival_at(const KaplanMeier& km, double t) {
  SurvivalAt out;
  out.at_risk = km.subjects;
  double s = 1;
  std::optional<double> se = 0.0;
  std::optional<Interval> ci;  // none while S is 1
  for (const SurvivalStep& step : km.steps) {
    if (step.time > t) {
      out.at_risk = step.at_risk;
      break;
    }
    out.events += step.events;
    out.censored += step.censored;
    s = step.estimate;
    se = step.std_error;
    ci = step.ci95;
    out.at_risk = step.at_risk - step.events - step.censored;
    if (step.time == t) {
      out.at_risk = step.at_risk;
      break;
    }
  }
  if (out.at_risk == 0 && s > 0) return out;  // not followed to t: no estimate
  out.estimate = s;
  out.std_error = se;
  out.ci95 = ci;
  return out;
}

}  // namespace crohn::stats
