// SPDX-License-Identifier: MIT
// Cohort mode, data integrity (issue 15): a bad cell loses that cell's measure at that visit, not
// its row or its patient; a unit without a value is "not measured"; a week without a known
// outcome has no estimate (null, "n/a"), never 0 % with an interval. Small files, denominators
// worked out by hand in the comments (docs/cohort.md, "Bad cells" and "No estimate without data").
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"
#include "cohort_support.hpp"

using Json = nlohmann::json;
using crohn::cohort::analyse;
using crohn::cohort::read_csv;
using crohn::cohort::read_records;

using crohn_test::opts;
using crohn_test::summary_row;

namespace {


/// The verdict of one patient's endpoint at a week.
Json verdict_of(const Json& a, const std::string& patient, const std::string& endpoint, double week) {
  for (const Json& p : a.at("patients")) {
    if (p["patient_id"] != patient) continue;
    for (const Json& v : p["verdicts"]) {
      if (v["endpoint"] == endpoint && v["week"] == week) return v;
    }
  }
  FAIL("no verdict " << patient << " " << endpoint << " " << week);
  return nullptr;
}

/// Counts of a summary row as {achieved, not_achieved, not_evaluable, no_visit, discontinued}
/// and the ITT and observed n/N.
std::vector<int> counts(const Json& r) {
  return {r["achieved"].get<int>(),      r["not_achieved"].get<int>(), r["not_evaluable"].get<int>(),
          r["no_visit"].get<int>(),      r["discontinued"].get<int>(), r["itt"]["n"].get<int>(),
          r["itt"]["N"].get<int>(),      r["observed"]["n"].get<int>(), r["observed"]["N"].get<int>()};
}

// Italian set, week 12. A's week-12 HBI lacks its abdominal-pain item (empty), B's is "x".
// Baselines HBI 2+2+5+1 = 10, FC 800, CRP 2.4 mg/dL, BWT 6.2 mm. At week 12 both have FC < 150,
// CRP < 0.5 mg/dL, BWT 2.5 and 2.8 mm (reductions 3.7 and 3.4 mm).
const char* const kMissingItem =
    "patient_id,week,hbi_general_wellbeing,hbi_abdominal_pain,hbi_liquid_stools_per_day,"
    "hbi_abdominal_mass,hbi_complications,corticosteroids,fecal_calprotectin_ug_g,crp_value,"
    "crp_unit,bwt_mm\n"
    "A,0,2,2,5,1,none,no,800,2.4,mg/dL,6.2\n"  // row 2
    "A,12,0,,1,0,none,no,100,0.3,mg/dL,2.5\n"  // row 3: abdominal pain empty
    "B,0,2,2,5,1,none,no,800,2.4,mg/dL,6.2\n"  // row 4
    "B,12,0,x,1,0,none,no,90,0.2,mg/dL,2.8\n";  // row 5: abdominal pain "x"

}  // namespace

TEST_CASE("cells: one missing HBI item loses the HBI, not the row's FC, CRP and BWT",
          "[cohort][cells]") {
  const auto in = read_csv(kMissingItem);
  REQUIRE(in.patients.size() == 2);
  CHECK(in.patients[0].visits.size() == 2);
  CHECK(in.patients[1].visits.size() == 2);
  // One issue per bad cell: B's "x" is not also reported as a missing item.
  REQUIRE(in.issues.size() == 2);
  CHECK(in.issues[0].row == 3);
  CHECK(in.issues[0].column == "hbi_abdominal_pain");
  CHECK(in.issues[0].code == "missing_field");
  CHECK(std::string(in.issues[0].effect) == "measure_missing");
  CHECK(in.issues[0].measure == "hbi");
  CHECK(in.issues[0].message.find("HBI not read (the rest of the row is used)") != std::string::npos);
  CHECK(in.issues[1].row == 5);
  CHECK(in.issues[1].column == "hbi_abdominal_pain");
  CHECK(in.issues[1].code == "invalid_type");
  CHECK(in.issues[1].measure == "hbi");

  const Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  // The rest of the row counts: both achieve biochemical remission, transmural response and
  // healing (2/2 by ITT and observed).
  for (const char* ep : {"biochemical_remission", "transmural_response", "transmural_healing"}) {
    INFO(ep);
    CHECK(counts(summary_row(a, ep, 12, "all")) == std::vector<int>{2, 0, 0, 0, 0, 2, 2, 2, 2});
  }
  // The HBI endpoints cannot be evaluated (nobody has a known outcome: no estimate).
  const Json cr = summary_row(a, "clinical_response", 12, "all");
  CHECK(counts(cr) == std::vector<int>{0, 0, 2, 0, 0, 0, 2, 0, 0});
  CHECK(cr["itt"]["proportion"].is_null());
  CHECK(verdict_of(a, "A", "clinical_response", 12)["missing"] == Json::array({"hbi_followup"}));
  // Deep remission needs the HBI too: not evaluable, not achieved.
  CHECK(summary_row(a, "deep_remission", 12, "all")["not_evaluable"] == 2);
  // The issue in the JSON output says what it cost.
  const Json& issue = a["issues"][0];
  CHECK(issue["effect"] == "measure_missing");
  CHECK(issue["measure"] == "hbi");
  CHECK(issue["column"] == "hbi_abdominal_pain");
  CHECK(issue["row"] == 3);
}

TEST_CASE("cells: the same bad values in JSON records give the same analysis", "[cohort][cells]") {
  const Json records = Json::parse(R"([
    {"patient_id": "A", "visits": [
      {"week": 0, "hbi": {"general_wellbeing": 2, "abdominal_pain": 2, "liquid_stools_per_day": 5, "abdominal_mass": 1, "complications": []},
       "corticosteroids": false, "fecal_calprotectin_ug_g": 800, "crp_value": 2.4, "crp_unit": "mg/dL", "bwt_mm": 6.2},
      {"week": 12, "hbi": {"general_wellbeing": 0, "liquid_stools_per_day": 1, "abdominal_mass": 0, "complications": []},
       "corticosteroids": false, "fecal_calprotectin_ug_g": 100, "crp_value": 0.3, "crp_unit": "mg/dL", "bwt_mm": 2.5}]},
    {"patient_id": "B", "visits": [
      {"week": 0, "hbi": {"general_wellbeing": 2, "abdominal_pain": 2, "liquid_stools_per_day": 5, "abdominal_mass": 1, "complications": []},
       "corticosteroids": false, "fecal_calprotectin_ug_g": 800, "crp_value": 2.4, "crp_unit": "mg/dL", "bwt_mm": 6.2},
      {"week": 12, "hbi": {"general_wellbeing": 0, "abdominal_pain": "x", "liquid_stools_per_day": 1, "abdominal_mass": 0, "complications": []},
       "corticosteroids": false, "fecal_calprotectin_ug_g": 90, "crp_value": 0.2, "crp_unit": "mg/dL", "bwt_mm": 2.8}]}])");
  const auto in = read_records(records);
  REQUIRE(in.patients.size() == 2);
  REQUIRE(in.issues.size() == 2);
  CHECK(in.issues[0].column == "patients[0].visits[1].hbi.abdominal_pain");
  CHECK(std::string(in.issues[0].effect) == "measure_missing");
  CHECK(in.issues[0].measure == "hbi");
  CHECK(in.issues[0].message.find("HBI not read (the rest of the visit is used)") != std::string::npos);
  CHECK(in.issues[1].measure == "hbi");
  Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  Json b = analyse(read_csv(kMissingItem), opts({"study_italian_upa"}, {12}));
  CHECK(a["summary"] == b["summary"]);
  for (Json* x : {&a, &b}) {
    for (Json& p : (*x)["patients"]) p.erase("row");
  }
  CHECK(a["patients"] == b["patients"]);
  // A second visit at the same time with a bad value: its value's issue says the visit is left out.
  const auto twice = read_records(Json::parse(R"([{"patient_id": "W", "visits": [
    {"week": 0, "hbi_total": 9}, {"week": 12, "hbi_total": 3}, {"week": 12, "hbi_total": 300}]}])"));
  REQUIRE(twice.issues.size() == 2);
  CHECK(std::string(twice.issues[0].effect) == "visit_left_out");
  CHECK(twice.issues[0].message.find("; visit left out") != std::string::npos);
  CHECK(twice.issues[1].column == "patients[0].visits[2].week");
  REQUIRE(twice.patients.size() == 1);
  CHECK(twice.patients[0].visits.size() == 2);
  // An unknown key of a JSON visit is not read; the visit keeps its measures.
  const auto unknown = read_records(Json::parse(R"([{"patient_id": "U", "visits": [
    {"week": 0, "hbi_total": 9}, {"week": 12, "hbi_total": 3, "mystery": 1}]}])"));
  REQUIRE(unknown.issues.size() == 1);
  CHECK(std::string(unknown.issues[0].effect) == "value_not_read");
  CHECK(unknown.issues[0].measure.empty());
  REQUIRE(unknown.patients.size() == 1);
  CHECK(unknown.patients[0].visits[1].snap.hbi == 3);
}

TEST_CASE("cells: a unit without a value is not measured, and not an error", "[cohort][cells]") {
  // C's week-12 CRP cell is empty but its unit is filled (as exports often do): no CRP at week 12,
  // nothing listed. FC and HBI are used: clinical response 10 -> 2; biochemical remission not
  // evaluable (CRP missing).
  const std::string csv =
      "patient_id,week,hbi_total,fecal_calprotectin_ug_g,crp_value,crp_unit\n"
      "C,0,10,800,2.4,mg/dL\n"
      "C,12,2,100,,mg/dL\n";
  const auto in = read_csv(csv);
  CHECK(in.issues.empty());
  REQUIRE(in.patients.size() == 1);
  REQUIRE(in.patients[0].visits.size() == 2);
  const auto& w12 = in.patients[0].visits[1].snap;
  CHECK_FALSE(w12.crp_mg_l);
  REQUIRE(w12.fc_ug_g);
  CHECK(w12.fc_ug_g->value == 100);
  CHECK(w12.hbi == 2);
  const Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  CHECK(counts(summary_row(a, "clinical_response", 12, "all")) == std::vector<int>{1, 0, 0, 0, 0, 1, 1, 1, 1});
  // Biochemical remission is counted among the patients with FC and CRP at baseline and at the
  // visit (issue 15, populations; clinical-spec §6.4's 58): C, without CRP at week 12, is outside
  // it (before: not evaluable, an ITT failure 0/1). The per-patient verdict still says why.
  const Json bio = summary_row(a, "biochemical_remission", 12, "all");
  CHECK(counts(bio) == std::vector<int>{0, 0, 0, 0, 0, 0, 0, 0, 0});
  CHECK(bio["not_eligible"] == 1);
  CHECK(bio["itt"]["proportion"].is_null());
  CHECK(verdict_of(a, "C", "biochemical_remission", 12)["missing"] == Json::array({"crp"}));
  // The same in a JSON visit (and for the CRP upper limit of normal's unit).
  const auto records = read_records(Json::parse(R"([{"patient_id": "C", "visits": [
    {"week": 0, "hbi_total": 10, "fecal_calprotectin_ug_g": 800, "crp_value": 2.4, "crp_unit": "mg/dL"},
    {"week": 12, "hbi_total": 2, "fecal_calprotectin_ug_g": 100, "crp_unit": "mg/dL", "crp_uln_unit": "mg/L"}]}])"));
  CHECK(records.issues.empty());
  REQUIRE(records.patients.size() == 1);
  CHECK_FALSE(records.patients[0].visits[1].snap.crp_mg_l);
  CHECK_FALSE(records.patients[0].visits[1].snap.crp_uln_mg_l);
  REQUIRE(records.patients[0].visits[1].snap.fc_ug_g);
  CHECK(records.patients[0].visits[1].snap.fc_ug_g->value == 100);
  // A unit with a value that is not a number is a bad cell: listed once, CRP missing.
  const auto bad = read_csv("patient_id,week,hbi_total,crp_value,crp_unit\nC,0,10,2.4,mg/dL\nC,12,2,abc,mg/dL\n");
  REQUIRE(bad.issues.size() == 1);
  CHECK(bad.issues[0].column == "crp_value");
  CHECK(bad.issues[0].measure == "crp");
  REQUIRE(bad.patients.size() == 1);
  CHECK(bad.patients[0].visits[1].snap.hbi == 2);
  CHECK_FALSE(bad.patients[0].visits[1].snap.crp_mg_l);
}

TEST_CASE("cells: a bad cell in a baseline row keeps the patient in the ITT denominator",
          "[cohort][cells]") {
  // D's baseline bowel-wall thickness 6.125 mm has three decimals (refused, never rounded): D
  // stays, with no baseline BWT. E is complete. Week 12:
  //  - transmural response and healing are counted among the patients with BWT at baseline and
  //    at week 12 (issue 15, populations; clinical-spec §6.4's 52): D, whose baseline BWT could
  //    not be read, is outside both (not_eligible 1; before: response ITT 1/2 with D not
  //    evaluable, healing 1/2 with D's 2.5 mm achieved). E 6.0 -> 3.5: response 1/1, healing 0/1.
  //  - clinical response (HBI drop > 3): D 10 -> 2, E 12 -> 3: 2/2.
  // (Before issue 15 D's baseline row was left out, and D with it: every denominator was 1.)
  const std::string csv =
      "patient_id,arm,week,hbi_total,corticosteroids,fecal_calprotectin_ug_g,crp_mg_l,bwt_mm\n"
      "D,x,0,10,no,800,24,6.125\n"
      "D,x,12,2,no,100,3,2.5\n"
      "E,x,0,12,no,700,20,6.0\n"
      "E,x,12,3,no,90,2,3.5\n";
  const auto in = read_csv(csv);
  REQUIRE(in.patients.size() == 2);
  REQUIRE(in.issues.size() == 1);
  CHECK(in.issues[0].row == 2);
  CHECK(in.issues[0].column == "bwt_mm");
  CHECK(in.issues[0].measure == "bwt");
  CHECK(std::string(in.issues[0].effect) == "measure_missing");
  const Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  CHECK(counts(summary_row(a, "transmural_response", 12, "x")) == std::vector<int>{1, 0, 0, 0, 0, 1, 1, 1, 1});
  CHECK(counts(summary_row(a, "transmural_healing", 12, "x")) == std::vector<int>{0, 1, 0, 0, 0, 0, 1, 0, 1});
  CHECK(summary_row(a, "transmural_response", 12, "x")["not_eligible"] == 1);
  CHECK(summary_row(a, "transmural_healing", 12, "x")["not_eligible"] == 1);
  CHECK(counts(summary_row(a, "clinical_response", 12, "x")) == std::vector<int>{2, 0, 0, 0, 0, 2, 2, 2, 2});
  CHECK(verdict_of(a, "D", "transmural_response", 12)["missing"] == Json::array({"bwt_baseline_mm"}));
}

TEST_CASE("cells: a row whose place in time or whose patient cannot be read is left out",
          "[cohort][cells]") {
  // F's week-12 row has week "twelve": it cannot be placed, so the row is left out (F keeps its
  // baseline and week-24 rows). G's week-12 "discontinued" is "perhaps": whether G was on therapy
  // is unknown, so the row is left out (no visit at week 12: an ITT failure, never "on therapy").
  // H's week-12 row gives another arm: which arm is right cannot be told; the row is left out.
  const std::string csv =
      "patient_id,arm,week,hbi_total,discontinued\n"
      "F,x,0,10,no\n"          // row 2
      "F,x,twelve,2,no\n"      // row 3
      "F,x,24,3,no\n"          // row 4
      "G,x,0,10,no\n"          // row 5
      "G,x,12,2,perhaps\n"     // row 6
      "H,x,0,10,no\n"          // row 7
      "H,y,12,2,no\n"          // row 8
      "F,x,24,abc,no\n";       // row 9: a second week-24 row (with a bad HBI): left out
  const auto in = read_csv(csv);
  REQUIRE(in.issues.size() == 5);
  CHECK(in.issues[0].row == 3);
  CHECK(in.issues[0].column == "week");
  CHECK(std::string(in.issues[0].effect) == "visit_left_out");
  CHECK(in.issues[0].message.find("; row left out") != std::string::npos);
  CHECK(in.issues[1].row == 6);
  CHECK(in.issues[1].column == "discontinued");
  CHECK(std::string(in.issues[1].effect) == "visit_left_out");
  CHECK(in.issues[2].row == 8);
  CHECK(in.issues[2].column == "arm");
  CHECK(std::string(in.issues[2].effect) == "visit_left_out");
  // The bad cell of a row that is left out says so (not "the rest of the row is used").
  CHECK(in.issues[3].row == 9);
  CHECK(in.issues[3].column == "hbi_total");
  CHECK(std::string(in.issues[3].effect) == "visit_left_out");
  CHECK(in.issues[3].message.find("; row left out") != std::string::npos);
  CHECK(in.issues[3].measure.empty());
  CHECK(in.issues[4].row == 9);
  CHECK(in.issues[4].column == "week");
  CHECK(in.issues[4].message.find("given twice") != std::string::npos);
  REQUIRE(in.patients.size() == 3);
  CHECK(in.patients[0].visits.size() == 2);
  CHECK(in.patients[1].visits.size() == 1);
  CHECK(in.patients[2].visits.size() == 1);
  const Json a = analyse(in, opts({"generic"}, {12}));
  // HBI < 5 at week 12: nobody has a week-12 visit left; all three in the ITT denominator.
  const Json r = summary_row(a, "hbi_remission_lt5", 12, "x");
  CHECK(r["no_visit"] == 3);
  CHECK(r["itt"]["N"] == 3);
}

TEST_CASE("no estimate without data: a week without a known outcome is null, not 0 %",
          "[cohort][cells]") {
  // Three patients with visits at weeks 0 and 12 only. Week 24: no visit in the window at all,
  // so no patient has a known outcome: ITT 0/3 would be imputation alone.
  const std::string csv =
      "patient_id,arm,week,hbi_total\n"
      "P1,x,0,10\nP1,x,12,2\n"
      "P2,x,0,10\nP2,x,12,8\n"
      "Q1,y,0,10\nQ1,y,12,2\n";
  const Json a = analyse(read_csv(csv), opts({"study_italian_upa"}, {12, 24}));
  const Json w24 = summary_row(a, "clinical_response", 24, "x");
  CHECK(counts(w24) == std::vector<int>{0, 0, 0, 2, 0, 0, 2, 0, 0});
  for (const char* d : {"itt", "observed"}) {
    INFO(d);
    CHECK(w24[d]["proportion"].is_null());
    CHECK(w24[d]["wilson_95"].is_null());
    CHECK(w24[d]["clopper_pearson_95"].is_null());
  }
  CHECK(summary_row(a, "clinical_response", 24, "all")["itt"]["proportion"].is_null());
  // Week 12 has data: P1 responds (drop 8), P2 does not (drop 2): 1/2 with its intervals.
  const Json w12 = summary_row(a, "clinical_response", 12, "x");
  CHECK(w12["itt"]["proportion"] == 0.5);
  CHECK(w12["itt"]["wilson_95"].is_array());
  // The two-arm comparison has no estimate where an arm has none.
  for (const Json& c : a["comparisons"]) {
    if (c["endpoint"] != "clinical_response") continue;
    if (c["week"] == 24) {
      CHECK(c["itt"]["difference"].is_null());
      CHECK(c["itt"]["newcombe_95"].is_null());
      CHECK(c["itt"]["fisher_exact_p"].is_null());
    } else {
      CHECK(c["itt"]["difference"].is_number());
    }
  }
  // The CSV export leaves the proportion and its intervals empty.
  const std::string table = crohn::cohort::summary_csv(a);
  // (population and not_eligible, issue 15, close the line; the Italian week-24 response is
  // counted among the patients still on therapy at week 12.)
  CHECK(table.find("study_italian_upa,clinical_response,24.0,x,0,0,0,2,0,0,2,,,,,,0,0,,,,,,on_therapy_at_week:12,0\n") != std::string::npos);

  // A recorded discontinuation is a known outcome (a failure by the seed studies' rule): R1
  // stopped at week 6 and has no later visit, R2 has no visit near week 24. ITT 0/2 = 0 %, an
  // estimate with its interval; observed 0/0 has none. (Deep remission: its population is every
  // patient; the week-24 response counts only those still on therapy at week 12.)
  const Json s = analyse(read_csv("patient_id,week,hbi_total,discontinued\n"
                                  "R1,0,10,no\nR1,6,9,yes\nR2,0,10,no\nR2,12,2,no\n"),
                         opts({"study_italian_upa"}, {24}));
  const Json r = summary_row(s, "deep_remission", 24, "all");
  CHECK(counts(r) == std::vector<int>{0, 0, 0, 1, 1, 0, 2, 0, 0});
  CHECK(r["itt"]["proportion"] == 0.0);
  CHECK(r["itt"]["clopper_pearson_95"].is_array());
  CHECK(r["observed"]["proportion"].is_null());

  // Visits in the window that cannot be evaluated are no outcome either: no estimate.
  const Json e = analyse(read_csv("patient_id,week,hbi_total,crp_mg_l\nT1,0,10,3\nT1,24,,2\n"),
                         opts({"study_italian_upa"}, {24}));
  const Json t = summary_row(e, "clinical_response", 24, "all");
  CHECK(counts(t) == std::vector<int>{0, 0, 1, 0, 0, 0, 1, 0, 0});
  CHECK(t["itt"]["proportion"].is_null());
}
