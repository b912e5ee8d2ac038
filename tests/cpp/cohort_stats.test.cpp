// SPDX-License-Identifier: MIT
// The cohort mode's drug survival by Kaplan-Meier and its stratified comparison (Mantel-Haenszel,
// Cochran-Mantel-Haenszel), through analyse() on small files worked out by hand.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"
#include "crohn/cohort_stats.hpp"

using Catch::Matchers::WithinAbs;
using Json = nlohmann::json;
using crohn::cohort::analyse;
using crohn::cohort::read_csv;

namespace {

crohn::cohort::Options dutch(std::vector<double> weeks = {}) {
  crohn::cohort::Options o;
  o.sets = {"study_dutch_ust_reinduction"};
  o.weeks = std::move(weeks);
  o.include_patients = false;
  return o;
}

Json survival_row(const Json& a, const std::string& arm, double week) {
  for (const Json& r : a.at("survival")) {
    if (r["arm"] == arm && r["week"] == week) return r;
  }
  FAIL("no survival row " << arm << " " << week);
  return nullptr;
}

}  // namespace

TEST_CASE("drug survival: on therapy at a later visit implies it at the week", "[cohort][survival]") {
  // The issue's case: P1 has no visit near week 20 but is on drug at weeks 26 and 52. By the
  // visit rule it is "no_visit" at week 20 (an ITT failure); by Kaplan-Meier it is at risk and
  // not an event. P2 stops at week 10 (event). P3 is on drug at week 20, then no status (censored
  // at 20). P4 has no follow-up status at all (censored at the baseline, `not_recorded`).
  const std::string csv =
      "patient_id,week,hbi_total,discontinued\n"
      "P1,0,9,no\nP1,26,3,no\nP1,52,3,no\n"
      "P2,0,8,\nP2,10,8,yes\nP2,52,8,yes\n"
      "P3,0,7,no\nP3,20,7,no\nP3,40,7,\n"
      "P4,0,6,no\nP4,8,6,\n";
  const Json a = analyse(read_csv(csv), dutch());
  REQUIRE(a.contains("survival"));
  REQUIRE(a["survival"].size() == 3);  // weeks 8, 20, 52; one arm
  // Week 8: 3 at risk (P4 censored at 0), no event.
  Json r = survival_row(a, "all", 8);
  CHECK(r["estimate"] == 1.0);
  CHECK(r["ci95"].is_null());
  CHECK(r["at_risk"] == 3);
  CHECK(r["events"] == 0);
  CHECK(r["censored"] == 1);
  CHECK(r["not_recorded"] == 1);
  CHECK(r["patients"] == 4);
  // Week 20: event at 10 with 3 at risk: S = 2/3; at risk at 20: P1 (52) and P3 (20).
  r = survival_row(a, "all", 20);
  CHECK_THAT(r["estimate"].get<double>(), WithinAbs(2.0 / 3, 1e-9));
  // Greenwood: S sqrt(1 / (3 * 2)) = 0.272166.
  CHECK_THAT(r["std_error"].get<double>(), WithinAbs(2.0 / 3 * std::sqrt(1.0 / 6), 1e-9));
  CHECK(r["at_risk"] == 2);
  CHECK(r["events"] == 1);
  CHECK(r["censored"] == 2);  // P4 at 0, P3 at 20
  // Week 52: P1 followed to 52: S stays 2/3.
  r = survival_row(a, "all", 52);
  CHECK_THAT(r["estimate"].get<double>(), WithinAbs(2.0 / 3, 1e-9));
  CHECK(r["at_risk"] == 1);
  // The proportion at a visit, beside it, counts P1 as no visit at week 20.
  for (const Json& s : a["summary"]) {
    if (s["endpoint"] == "drug_survival" && s["week"] == 20.0) CHECK(s["no_visit"] == 2);
  }
  // The curve: one step per distinct time (0, 10, 20, 52).
  REQUIRE(a["survival_curves"].size() == 1);
  CHECK(a["survival_curves"][0]["steps"].size() == 4);
  CHECK(a["survival_method"].get<std::string>().find("Kaplan-Meier") != std::string::npos);
}

TEST_CASE("drug survival per arm and pooled; not estimated beyond follow-up", "[cohort][survival]") {
  const std::string csv =
      "patient_id,arm,week,discontinued\n"
      "A1,A,0,no\nA1,A,4,yes\n"
      "A2,A,0,no\nA2,A,30,no\n"
      "B1,B,0,no\nB1,B,8,no\n";
  const Json a = analyse(read_csv(csv), dutch({20}));
  REQUIRE(a["survival"].size() == 3);  // A, B, all at week 20
  const Json ra = survival_row(a, "A", 20);
  CHECK(ra["estimate"] == 0.5);
  CHECK(ra["at_risk"] == 1);
  // B: censored at 8, nobody followed to 20, S above 0: no estimate (never 100 %).
  const Json rb = survival_row(a, "B", 20);
  CHECK(rb["estimate"].is_null());
  CHECK(rb["ci95"].is_null());
  CHECK(rb["at_risk"] == 0);
  CHECK(rb["censored"] == 1);
  const Json all = survival_row(a, "all", 20);
  CHECK(all["patients"] == 3);
  CHECK_THAT(all["estimate"].get<double>(), WithinAbs(2.0 / 3, 1e-9));  // event at 4, 3 at risk
}

TEST_CASE("a flag on the baseline does not start the clock; the first stop is the event", "[cohort][survival]") {
  const crohn::record::Patient p = [] {
    const auto in = read_csv(
        "patient_id,week,discontinued\n"
        "X,0,yes\nX,6,no\nX,12,yes\nX,18,yes\n");
    REQUIRE(in.patients.size() == 1);
    return in.patients[0];
  }();
  const auto t = crohn::cohort::time_on_therapy(p);
  CHECK(t.recorded);
  CHECK(t.discontinued);
  CHECK(t.week == 12);
}

TEST_CASE("no time-to-event endpoint: no survival rows", "[cohort][survival]") {
  crohn::cohort::Options o;
  o.sets = {"study_power"};
  o.weeks = {16};
  const Json a = analyse(read_csv("patient_id,week,cdai_total\nA,0,300\nA,16,150\n"), o);
  CHECK(a["survival"].empty());
  CHECK(a["survival_curves"].empty());
}

TEST_CASE("stratified comparison beside the unadjusted difference", "[cohort][stratified]") {
  // Week 8 HBI remission (<= 4). Stratum s1: arm A 2/2 achieved, arm B 0/2; stratum s2: A 0/2
  // (one of them with no visit), B 1/2. As the unit test's tables: {2,2,0,2} and {0,2,1,2}.
  // RD_MH = [(2*2 - 0*2)/4 + (0*2 - 1*2)/4] / (1 + 1) = (1 - 0.5) / 2 = 0.25.
  // Unadjusted ITT: 2/4 - 1/4 = 0.25 as well; the CMH test: stratum 1 a - E = 2 - 2*2/4 = 1,
  // Var = 2*2*2*2/(16*3) = 1/3; stratum 2 a - E = 0 - 2*1/4 = -0.5, Var = 2*2*1*3/(16*3) = 0.25;
  // statistic = 0.5^2 / (7/12) = 3/7.
  const std::string csv =
      "patient_id,arm,stratum,week,hbi_total\n"
      "A1,A,s1,0,9\nA1,A,s1,8,2\n"
      "A2,A,s1,0,9\nA2,A,s1,8,3\n"
      "B1,B,s1,0,9\nB1,B,s1,8,9\n"
      "B2,B,s1,0,9\nB2,B,s1,8,8\n"
      "A3,A,s2,0,9\nA3,A,s2,8,7\n"
      "A4,A,s2,0,9\n"
      "B3,B,s2,0,9\nB3,B,s2,8,1\n"
      "B4,B,s2,0,9\nB4,B,s2,8,9\n";
  const Json a = analyse(read_csv(csv), dutch({8}));
  CHECK(a["strata"] == Json::array({"s1", "s2"}));
  const Json* c = nullptr;
  for (const Json& x : a["comparisons"]) {
    if (x["endpoint"] == "clinical_remission_hbi_le4") c = &x;
  }
  REQUIRE(c);
  const Json& itt = (*c)["itt"];
  CHECK(itt["difference_kind"] == "unadjusted");
  CHECK_THAT(itt["difference"].get<double>(), WithinAbs(0.25, 1e-9));
  const Json& mh = itt["mantel_haenszel"];
  REQUIRE(mh.is_object());
  CHECK(mh["strata"] == 2);
  CHECK_THAT(mh["risk_difference"].get<double>(), WithinAbs(0.25, 1e-9));
  CHECK(mh["sato_95"].size() == 2);
  CHECK_THAT(mh["cmh_chi_square"].get<double>(), WithinAbs(3.0 / 7, 1e-9));
  CHECK(mh["cmh_continuity_correction"] == false);
  // Observed cases: stratum 2 arm A has 1 evaluated patient (A3, not achieved).
  const Json& omh = (*c)["observed"]["mantel_haenszel"];
  // {2,2,0,2}: 1 (weight 1); {0,1,1,2}: (0*2 - 1*1)/3 = -1/3, weight 2/3: RD = (2/3) / (5/3) = 0.4.
  CHECK_THAT(omh["risk_difference"].get<double>(), WithinAbs(0.4, 1e-9));
}

TEST_CASE("a patient without a stratum: listed, no stratified comparison", "[cohort][stratified]") {
  const std::string csv =
      "patient_id,arm,stratum,week,hbi_total\n"
      "A1,A,s1,0,9\nA1,A,s1,8,2\n"
      "A2,A,,0,9\nA2,A,,8,3\n"
      "B1,B,s1,0,9\nB1,B,s1,8,9\n";
  const Json a = analyse(read_csv(csv), dutch({8}));
  bool listed = false;
  for (const Json& i : a["issues"]) {
    listed = listed || (i["patient_id"] == "A2" && i["column"] == "stratum");
  }
  CHECK(listed);
  REQUIRE_FALSE(a["comparisons"].empty());
  CHECK(a["comparisons"][0]["itt"]["mantel_haenszel"].is_null());
  CHECK(a["comparisons"][0]["itt"]["difference_kind"] == "unadjusted");
}

TEST_CASE("strata from JSON patient records, as from the CSV column", "[cohort][stratified]") {
  // The same six patients as a CSV and as records: the same stratified figures.
  const std::string csv =
      "patient_id,arm,stratum,week,hbi_total\n"
      "A1,A,s1,0,9\nA1,A,s1,8,2\nA2,A,s2,0,9\nA2,A,s2,8,8\nA3,A,s2,0,9\nA3,A,s2,8,3\n"
      "B1,B,s1,0,9\nB1,B,s1,8,9\nB2,B,s2,0,9\nB2,B,s2,8,1\nB3,B,s1,0,9\nB3,B,s1,8,7\n";
  Json records = Json::array();
  const char* rows[][4] = {{"A1", "A", "s1", "2"}, {"A2", "A", "s2", "8"}, {"A3", "A", "s2", "3"},
                           {"B1", "B", "s1", "9"}, {"B2", "B", "s2", "1"}, {"B3", "B", "s1", "7"}};
  for (const auto& r : rows) {
    records.push_back({{"patient_id", r[0]}, {"arm", r[1]}, {"stratum", r[2]},
                       {"visits", Json::array({{{"week", 0}, {"hbi_total", 9}},
                                               {{"week", 8}, {"hbi_total", std::stoi(r[3])}}})}});
  }
  const auto from_json = crohn::cohort::read_records(records);
  REQUIRE(from_json.issues.empty());
  const Json a = analyse(read_csv(csv), dutch({8}));
  const Json b = analyse(from_json, dutch({8}));
  const auto mh = [](const Json& x) {
    for (const Json& c : x["comparisons"]) {
      if (c["endpoint"] == "clinical_remission_hbi_le4") return c["itt"]["mantel_haenszel"];
    }
    return Json();
  };
  REQUIRE(mh(a).is_object());
  CHECK(mh(a) == mh(b));
  // s1: A 1/1 vs B 0/2: (1*2 - 0*1)/3 = 2/3, weight 2/3; s2: A 1/2 vs B 1/1: (1*1 - 1*2)/3 = -1/3,
  // weight 2/3: RD = (1/3) / (4/3) = 0.25.
  CHECK_THAT(mh(a)["risk_difference"].get<double>(), WithinAbs(0.25, 1e-9));
}
