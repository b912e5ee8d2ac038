// SPDX-License-Identifier: MIT
// Kaplan-Meier with Greenwood's standard error and the log-log interval, on the textbook example
// with tied events and a censoring at an event time: the 6-mercaptopurine arm of Freireich et al.
// (Blood 1963;21:699-716), as tabulated by Klein JP, Moeschberger ML, Survival Analysis, 2nd ed.
// (Springer 2003), Table 4.1A: S and SE to 4 decimals there; here to 1e-9 against statsmodels
// 0.13.5 (SurvfuncRight surv_prob, surv_prob_se) and the log-log limits computed from them
// (S ** exp(-/+ z * se / (S |log S|)), z = norm.ppf(0.975)), run by hand on 2026-12-04.
// The tied case by hand: at week 6, 21 at risk (the patient censored at 6 included: events
// before censorings), 3 events: S = 18/21 = 0.857143, SE = S sqrt(3 / (21 * 18)) = 0.076360.
#include <catch2/catch.hpp>

#include "crohn/survival.hpp"

using Catch::Matchers::WithinAbs;
using namespace crohn::stats;

namespace {
constexpr double kTol = 1e-9;

std::vector<SurvivalObservation> six_mp() {
  const double times[] = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35};
  const int events[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0};
  std::vector<SurvivalObservation> out;
  // Given in reverse so that the estimator's own ordering is tested.
  for (int i = 20; i >= 0; --i) out.push_back({times[i], events[i] == 1});
  return out;
}
}  // namespace

TEST_CASE("Kaplan-Meier, Greenwood and log-log interval on the 6-MP textbook data", "[survival]") {
  struct Row {
    double time;
    int64_t at_risk, events;
    double s, se, lo, hi;
  };
  const Row rows[] = {
      {6, 21, 3, 0.857142857143, 0.076360354832, 0.619717955266, 0.951551747647},
      {7, 17, 1, 0.806722689076, 0.086935285180, 0.563146564622, 0.922809019203},
      {10, 15, 1, 0.752941176471, 0.096349652994, 0.503199510800, 0.889361835169},
      {13, 12, 1, 0.690196078431, 0.106814707775, 0.431610222486, 0.849065963349},
      {16, 11, 1, 0.627450980392, 0.114053865257, 0.367510855988, 0.804912189472},
      {22, 7, 1, 0.537815126050, 0.128233751693, 0.267778936767, 0.746790717635},
      {23, 6, 1, 0.448179271709, 0.134591456756, 0.188052005959, 0.680142628495},
  };
  const KaplanMeier km = kaplan_meier(six_mp());
  CHECK(km.subjects == 21);
  // Distinct times: 6 7 9 10 11 13 16 17 19 20 22 23 25 32 34 35.
  REQUIRE(km.steps.size() == 16);
  for (const Row& r : rows) {
    CAPTURE(r.time);
    const SurvivalStep* step = nullptr;
    for (const SurvivalStep& s : km.steps) {
      if (s.time == r.time) step = &s;
    }
    REQUIRE(step);
    CHECK(step->at_risk == r.at_risk);
    CHECK(step->events == r.events);
    CHECK_THAT(step->estimate, WithinAbs(r.s, kTol));
    REQUIRE(step->std_error);
    CHECK_THAT(*step->std_error, WithinAbs(r.se, kTol));
    REQUIRE(step->ci95);
    CHECK_THAT(step->ci95->lower, WithinAbs(r.lo, kTol));
    CHECK_THAT(step->ci95->upper, WithinAbs(r.hi, kTol));
  }
  // The tie at week 6: three events and one censoring, all four at risk.
  CHECK(km.steps[0].censored == 1);
  // A censoring-only time keeps S: week 9 (one censored, 16 at risk).
  CHECK(km.steps[2].time == 9);
  CHECK(km.steps[2].at_risk == 16);
  CHECK(km.steps[2].events == 0);
  CHECK_THAT(km.steps[2].estimate, WithinAbs(0.806722689076, kTol));
}

TEST_CASE("the curve read at a week: counts up to it, no estimate beyond follow-up", "[survival]") {
  const KaplanMeier km = kaplan_meier(six_mp());
  // Before any event: S = 1, no log-log interval (undefined at 1).
  SurvivalAt at = survival_at(km, 5);
  REQUIRE(at.estimate);
  CHECK(*at.estimate == 1);
  CHECK_FALSE(at.ci95);
  CHECK(at.at_risk == 21);
  CHECK(at.events == 0);
  CHECK(at.censored == 0);
  // At week 6 exactly: the events and the censoring at 6 are counted, and the 21 were at risk.
  at = survival_at(km, 6);
  CHECK_THAT(*at.estimate, WithinAbs(0.857142857143, kTol));
  CHECK(at.at_risk == 21);
  CHECK(at.events == 3);
  CHECK(at.censored == 1);
  // Week 12 (between 11 and 13): S of week 10; at risk 12 (times >= 12); events 5 (6,6,6,7,10);
  // censored 4 (6, 9, 10, 11).
  at = survival_at(km, 12);
  CHECK_THAT(*at.estimate, WithinAbs(0.752941176471, kTol));
  CHECK(at.at_risk == 12);
  CHECK(at.events == 5);
  CHECK(at.censored == 4);
  REQUIRE(at.ci95);
  CHECK_THAT(at.ci95->lower, WithinAbs(0.503199510800, kTol));
  // Week 35, the last time (a censoring): followed, S of week 23.
  at = survival_at(km, 35);
  REQUIRE(at.estimate);
  CHECK_THAT(*at.estimate, WithinAbs(0.448179271709, kTol));
  CHECK(at.at_risk == 1);
  CHECK(at.events + at.censored == 21);
  // Week 36: nobody followed that long, S above 0: no estimate.
  at = survival_at(km, 36);
  CHECK_FALSE(at.estimate);
  CHECK(at.at_risk == 0);
}

TEST_CASE("Kaplan-Meier down to zero and without subjects", "[survival]") {
  // 2 subjects, events at 1 and 2: S = 1/2, then 0. Greenwood at 1: 0.5 sqrt(1/(2*1)) = 0.353553;
  // at 2 the term d / (n (n - d)) is 1/0: undefined, as statsmodels reports NaN.
  const KaplanMeier km = kaplan_meier({{1, true}, {2, true}});
  REQUIRE(km.steps.size() == 2);
  CHECK_THAT(*km.steps[0].std_error, WithinAbs(0.353553390593, kTol));
  CHECK(km.steps[1].estimate == 0);
  CHECK_FALSE(km.steps[1].std_error);
  CHECK_FALSE(km.steps[1].ci95);
  // Once S is 0 it stays 0: known beyond the last time.
  const SurvivalAt at = survival_at(km, 10);
  REQUIRE(at.estimate);
  CHECK(*at.estimate == 0);
  CHECK(at.events == 2);
  const KaplanMeier none = kaplan_meier({});
  CHECK(none.steps.empty());
  CHECK_FALSE(survival_at(none, 0).estimate);
}

TEST_CASE("log-log interval is undefined at 0 and 1", "[survival]") {
  CHECK_FALSE(loglog_interval(1, 0));
  CHECK_FALSE(loglog_interval(0, 0.1));
  CHECK_FALSE(loglog_interval(0.5, std::nan("")));
  const auto ci = loglog_interval(0.5, 0.1);
  REQUIRE(ci);
  CHECK(ci->lower < 0.5);
  CHECK(ci->upper > 0.5);
  CHECK(ci->lower > 0);
  CHECK(ci->upper < 1);
}
