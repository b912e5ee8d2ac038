// SPDX-License-Identifier: MIT
// The cohort's descriptive table (Table 1): mean, sample SD, type-7 quartiles checked by hand
// (the same as numpy.percentile's default), missing values counted as missing (never as 0), per
// measure the visit nearest the week within the window that has it, and the band counts.
#include <cmath>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"
#include "crohn/cohort_baseline.hpp"

using crohn::cohort::describe;
using Json = nlohmann::json;

TEST_CASE("describe: mean, sample SD and type-7 quartiles", "[cohort][baseline]") {
  const auto d = describe({4, 1, 3, 2});
  REQUIRE(d);
  CHECK(d->n == 4);
  CHECK(d->mean == Approx(2.5));
  CHECK(*d->sd == Approx(std::sqrt(5.0 / 3.0)));  // sum of squares 5, n - 1 = 3
  CHECK(d->median == Approx(2.5));
  CHECK(d->q1 == Approx(1.75));  // h = 3 x 0.25 = 0.75: 1 + 0.75 x (2 - 1)
  CHECK(d->q3 == Approx(3.25));
  CHECK(d->min == 1);
  CHECK(d->max == 4);
  const auto one = describe({7});
  REQUIRE(one);
  CHECK_FALSE(one->sd);  // no SD from one value
  CHECK(one->q1 == 7);
  CHECK_FALSE(describe({}));
}

TEST_CASE("baseline table: missing is missing; each measure from the nearest visit that has it",
          "[cohort][baseline]") {
  // P1: labs at week 11, HBI at week 12, ultrasound at week 13: all count for week 12.
  // P2: no faecal calprotectin at baseline (missing, not 0); HBI at weeks 10 and 14 (a tie at
  // 2 weeks: the earlier visit, 10, counts).
  // P3: HBI at week 16 only: outside the 2-week window of week 12.
  const std::string csv =
      "patient_id,arm,week,baseline,hbi_total,fecal_calprotectin_ug_g,crp_value,crp_unit,bwt_mm\n"
      "P1,a,0,yes,12,800,20,mg/L,6\n"
      "P1,a,11,no,,300,4,mg/L,\n"
      "P1,a,12,no,4,,,,\n"
      "P1,a,13,no,,,,,3.5\n"
      "P2,a,0,yes,6,,8,mg/L,5\n"
      "P2,a,10,no,3,,,,\n"
      "P2,a,14,no,9,,,,\n"
      "P3,a,0,yes,18,1200,2,mg/L,7\n"
      "P3,a,16,no,2,,,,\n";
  const auto in = crohn::cohort::read_csv(csv);
  INFO(in.issues.size());
  REQUIRE(in.patients.size() == 3);
  const Json t = crohn::cohort::baseline_table(in, {12}, 2);
  REQUIRE(t["rows"].size() == 2);
  const Json& base = t["rows"][0];
  CHECK(base["week"].is_null());
  CHECK(base["measures"]["hbi"]["n"] == 3);
  CHECK(base["measures"]["hbi"]["mean"].get<double>() == Approx(12.0));
  CHECK(base["measures"]["fecal_calprotectin_ug_g"]["n"] == 2);
  CHECK(base["measures"]["fecal_calprotectin_ug_g"]["missing"] == 1);
  CHECK(base["measures"]["fecal_calprotectin_ug_g"]["mean"].get<double>() == Approx(1000.0));  // not 666.7
  CHECK(base["bands"]["hbi"] == Json({{"remission", 0}, {"mild", 1}, {"moderate", 1}, {"severe", 1}}));
  CHECK(base["bands"]["crp_mg_l_at_or_above_5"] == Json({{"level", 5.0}, {"n", 2}, {"of", 3}, {"undecided", 0}}));
  CHECK(base["bands"]["fecal_calprotectin_at_or_above_250"]["n"] == 2);
  const Json& wk = t["rows"][1];
  CHECK(wk["week"] == 12);
  // HBI: P1 4 (week 12), P2 3 (week 10, the earlier of a tie), P3 none in the window.
  CHECK(wk["measures"]["hbi"]["n"] == 2);
  CHECK(wk["measures"]["hbi"]["mean"].get<double>() == Approx(3.5));
  CHECK(wk["measures"]["fecal_calprotectin_ug_g"]["n"] == 1);       // P1's week-11 labs
  CHECK(wk["measures"]["fecal_calprotectin_ug_g"]["median"] == 300.0);
  CHECK(wk["measures"]["bwt_mm"]["n"] == 1);                        // P1's week-13 ultrasound
  CHECK(wk["measures"]["bwt_mm"]["mean"].get<double>() == Approx(3.5));
  CHECK(wk["measures"]["cdai"]["n"] == 0);
  CHECK(wk["measures"]["cdai"]["mean"].is_null());
}

TEST_CASE("baseline table: one row per arm and week, then all arms", "[cohort][baseline]") {
  const std::string csv =
      "patient_id,arm,week,baseline,hbi_total\n"
      "A1,x,0,yes,8\nA2,x,0,yes,10\nB1,y,0,yes,20\n";
  const auto in = crohn::cohort::read_csv(csv);
  const Json t = crohn::cohort::baseline_table(in, {}, 2);
  REQUIRE(t["rows"].size() == 3);
  CHECK(t["rows"][0]["arm"] == "x");
  CHECK(t["rows"][0]["measures"]["hbi"]["mean"].get<double>() == Approx(9.0));
  CHECK(t["rows"][1]["arm"] == "y");
  CHECK(t["rows"][2]["arm"] == "all");
  CHECK(t["rows"][2]["patients"] == 3);
  CHECK(t["rows"][2]["bands"]["hbi"]["severe"] == 1);
}

TEST_CASE("baseline table in the analysis output", "[cohort][baseline]") {
  const auto in = crohn::cohort::read_csv("patient_id,week,baseline,hbi_total\nP,0,yes,9\nP,12,no,3\n");
  crohn::cohort::Options o;
  o.weeks = {12};
  const Json a = crohn::cohort::analyse(in, o);
  REQUIRE(a.contains("baseline_table"));
  CHECK(a["baseline_table"]["rows"][1]["measures"]["hbi"]["median"] == 3.0);
}

TEST_CASE("baseline table: a censored laboratory value is counted apart, and decides where its bound does",
          "[cohort][baseline][censored]") {
  const std::string csv =
      "patient_id,week,baseline,fecal_calprotectin_ug_g\n"
      "A,0,yes,>1800\nB,0,yes,<300\nC,0,yes,100\nD,0,yes,400\n";
  const auto in = crohn::cohort::read_csv(csv);
  REQUIRE(in.patients.size() == 4);
  const Json row = crohn::cohort::baseline_table(in, {}, 2)["rows"][0];
  const Json& fc = row["measures"]["fecal_calprotectin_ug_g"];
  CHECK(fc["n"] == 2);          // 100 and 400: the bounds are not measurements
  CHECK(fc["censored"] == 2);
  CHECK(fc["missing"] == 0);
  CHECK(fc["mean"].get<double>() == Approx(250.0));
  // At or above 250: >1800 yes, 400 yes, 100 no; <300 cannot be told.
  CHECK(row["bands"]["fecal_calprotectin_at_or_above_250"] == Json({{"level", 250.0}, {"n", 2}, {"of", 3}, {"undecided", 1}}));
  // At or above 150: <300 still undecided.
  CHECK(row["bands"]["fecal_calprotectin_at_or_above_150"]["undecided"] == 1);
}
