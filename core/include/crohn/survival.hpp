// SPDX-License-Identifier: MIT
// Crohn Score: time to event. The Kaplan-Meier product-limit estimator with Greenwood's variance
// and a 95 % interval on the complementary log-log scale; the project's own implementation (no
// library), checked against statsmodels' SurvfuncRight in tests/stats/oracle.py.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "crohn/stats.hpp"

namespace crohn::stats {

/// One subject: the time of the event (`event` true) or of right censoring (`event` false).
struct SurvivalObservation {
  double time = 0;
  bool event = false;
};

/// One distinct time of the data (an event time, a censoring time or both), in time order.
struct SurvivalStep {
  double time = 0;
  int64_t at_risk = 0;   // subjects with time >= this time (still followed just before it)
  int64_t events = 0;    // events at this time
  int64_t censored = 0;  // censorings at this time (they are at risk at it: see kaplan_meier)
  double estimate = 1;   // S(time), the product-limit estimate just after this time
  /// Greenwood's standard error of S(time); nullopt once S has reached 0 (undefined there, as
  /// statsmodels reports NaN).
  std::optional<double> std_error;
  /// 95 % interval (complementary log-log, see loglog_interval); nullopt where S is 1 or 0.
  std::optional<Interval> ci95;
};

struct KaplanMeier {
  int64_t subjects = 0;
  std::vector<SurvivalStep> steps;
};

/// The Kaplan-Meier product-limit estimate (Kaplan EL, Meier P. J Am Stat Assoc
/// 1958;53:457-481): S(t) = prod over event times t_i <= t of (1 - d_i / n_i), n_i the subjects
/// with time >= t_i and d_i the events at t_i. Ties: an event and a censoring at the same time
/// count the event first (the censored subject is at risk at that time), Kaplan and Meier's
/// convention, as statsmodels, R survival and SAS LIFETEST do. Greenwood's variance (Greenwood M.
/// Reports on Public Health and Medical Subjects 33, HMSO 1926): Var S(t) = S(t)^2 * sum over
/// t_i <= t of d_i / (n_i (n_i - d_i)). Times may be any finite numbers.
KaplanMeier kaplan_meier(const std::vector<SurvivalObservation>& observations, double z = kZ95);

/// The 95 % interval of a survival probability s with Greenwood standard error se on the
/// complementary log-log scale, g(s) = log(-log s): [s^exp(z*u), s^exp(-z*u)] with
/// u = se / (s * |log s|) (Kalbfleisch JD, Prentice RL. The Statistical Analysis of Failure Time
/// Data, Wiley 1980; the g-transformation statsmodels' SurvfuncRight.quantile_ci uses by default,
/// R survival's conf.type "log-log", SAS LIFETEST's default CONFTYPE=LOGLOG). It stays in [0, 1].
/// nullopt when s is 0 or 1 (log log undefined) or se is not finite.
std::optional<Interval> loglog_interval(double s, double se, double z = kZ95);

/// The curve read at time t, with counts up to t.
struct SurvivalAt {
  /// S(t); nullopt when no subject is followed to t (at_risk 0) while S is above 0: the curve
  /// is not estimated beyond the last observation (once S is 0 it stays 0).
  std::optional<double> estimate;
  std::optional<double> std_error;
  std::optional<Interval> ci95;
  int64_t at_risk = 0;   // subjects with time >= t
  int64_t events = 0;    // events at or before t
  int64_t censored = 0;  // censorings at or before t
};

SurvivalAt survival_at(const KaplanMeier& km, double t);

}  // namespace crohn::stats
