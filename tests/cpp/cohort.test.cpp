// SPDX-License-Identifier: MIT
// Cohort mode: CSV reading (delimiters, decimal comma, BOM, quoting), row-level issues, ITT and
// observed-case counts, two-arm comparisons. Counts are worked out by hand in the comments.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"
#include "cohort_support.hpp"

using Json = nlohmann::json;
using crohn::cohort::analyse;
using crohn::cohort::read_any;
using crohn::cohort::read_csv;

using crohn_test::opts;
using crohn_test::summary_row;

namespace {


}  // namespace

TEST_CASE("semicolons, decimal commas and a byte-order mark", "[cohort]") {
  const std::string csv =
      "\xEF\xBB\xBFpatient_id;week;hbi_total;corticosteroids;fecal_calprotectin_ug_g;crp_value;crp_unit;bwt_mm\n"
      "A;0;10;yes;800;2,4;mg/dL;6,2\n"
      "A;12;3;no;140;0,3;mg/dL;4,1\n";
  const auto in = read_csv(csv);
  CHECK(in.delimiter == ';');
  CHECK(in.decimal_comma);
  CHECK(in.issues.empty());
  REQUIRE(in.patients.size() == 1);
  const Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  // 6,2 -> 4,1 mm is a 2.1 mm reduction (>= 2); CRP 0,3 mg/dL and FC 140 -> remission.
  CHECK(summary_row(a, "transmural_response", 12, "all")["itt"]["n"] == 1);
  CHECK(summary_row(a, "biochemical_remission", 12, "all")["itt"]["n"] == 1);
  CHECK(summary_row(a, "steroid_free_clinical_remission", 12, "all")["itt"]["n"] == 1);
}

TEST_CASE("a number that may hold a thousands separator is refused, not guessed", "[cohort]") {
  // In a semicolon file the comma is decimal and "1.250" may mean 1250 ug/g (a point grouping
  // thousands, as Italian or German exports write it) or 1.25: the cell is listed and not read
  // (the visit keeps its other measures).
  // "2.5" (no group of three) and "0.450" (a group never starts with 0) are decimal points.
  const std::string semi =
      "patient_id;week;hbi_total;fecal_calprotectin_ug_g;crp_mg_l\n"
      "A;0;10;800;6.5\n"
      "A;12;3;1.250;0.450\n"
      "A;24;3;140;2.5\n";
  const auto in = read_csv(semi);
  REQUIRE(in.issues.size() == 1);
  CHECK(in.issues[0].row == 3);
  CHECK(in.issues[0].column == "fecal_calprotectin_ug_g");
  CHECK(std::string(in.issues[0].effect) == "measure_missing");
  CHECK(in.issues[0].measure == "fecal_calprotectin");
  REQUIRE(in.patients.size() == 1);
  REQUIRE(in.patients[0].visits.size() == 3);
  CHECK_FALSE(in.patients[0].visits[1].snap.fc_ug_g);
  CHECK(in.patients[0].visits[1].snap.hbi == 3);
  REQUIRE(in.patients[0].visits[1].snap.crp_mg_l);
  CHECK(in.patients[0].visits[1].snap.crp_mg_l->value == Approx(0.45));
  // In a comma file a quoted "1,250" is the same question the other way round.
  const auto comma = read_csv("patient_id,week,hbi_total,fecal_calprotectin_ug_g\n"
                              "B,0,10,800\nB,12,4,\"1,250\"\nB,24,4,\"2,5\"\n");
  REQUIRE(comma.issues.size() == 1);
  CHECK(comma.issues[0].row == 3);
  CHECK(comma.issues[0].column == "fecal_calprotectin_ug_g");
  REQUIRE(comma.patients.size() == 1);
  CHECK(comma.patients[0].visits.size() == 3);
}

TEST_CASE("quoted cells, CRLF line ends and blank lines", "[cohort]") {
  const std::string csv =
      "patient_id,arm,week,hbi_total,label\r\n"
      "\"P,1\",\"arm \"\"A\"\"\",0,9,\"first\r\nvisit\"\r\n"
      "\r\n"
      "\"P,1\",\"arm \"\"A\"\"\",12,4,w12\r\n";
  const auto in = read_csv(csv);
  CHECK(in.issues.empty());
  REQUIRE(in.patients.size() == 1);
  CHECK(*in.patients[0].id == "P,1");
  CHECK(*in.patients[0].arm == "arm \"A\"");
  CHECK(in.patients[0].visits[0].label == "first\r\nvisit");
  CHECK(in.rows == 2);
}

TEST_CASE("bad cells and rows are listed with row, column and reason; the rest is used", "[cohort]") {
  const std::string csv =
      "patient_id,week,hbi_total,corticosteroids,mystery\n"  // row 1
      "A,0,10,no,x\n"                                       // row 2
      "A,12,abc,no,x\n"                                     // row 3: not a number
      "A,24,3,maybe,x\n"                                    // row 4: not yes/no
      "B,0,8,no,x\n"                                        // row 5
      "B,12,300,no,x\n"                                     // row 6: HBI total out of range
      "C,12,3,no,x\n"                                       // row 7: C has no baseline
      ",0,3,no,x\n";                                        // row 8: no patient id
  const auto in = read_csv(csv);
  CHECK(in.unknown_columns == std::vector<std::string>{"mystery"});
  auto has = [&](std::size_t row, const std::string& column, const std::string& code) {
    for (const auto& i : in.issues) {
      if (i.row == row && i.column == column && i.code == code) return true;
    }
    return false;
  };
  CHECK(has(1, "mystery", "unknown_value"));
  CHECK(has(3, "hbi_total", "invalid_type"));
  CHECK(has(4, "corticosteroids", "invalid_type"));
  CHECK(has(6, "hbi_total", "out_of_range"));
  CHECK(has(7, "baseline", "missing_field"));
  CHECK(has(8, "patient_id", "missing_field"));
  // A and B remain with every row (a bad cell loses its measure only: A's week-12 HBI, A's
  // week-24 steroid status, B's week-12 HBI); C is left out and listed.
  REQUIRE(in.patients.size() == 2);
  REQUIRE(in.patients[0].visits.size() == 3);
  REQUIRE(in.patients[1].visits.size() == 2);
  CHECK_FALSE(in.patients[0].visits[1].snap.hbi);
  CHECK(in.patients[0].visits[1].snap.steroid_free == true);
  CHECK(in.patients[0].visits[2].snap.hbi == 3);
  CHECK_FALSE(in.patients[0].visits[2].snap.steroid_free);
  CHECK_FALSE(in.patients[1].visits[1].snap.hbi);
}

TEST_CASE("ITT counts missing visits and values as not achieved; observed leaves them out",
          "[cohort]") {
  // Four patients at week 12: P1 response (drop 6), P2 no response (drop 1), P3 no week-12 visit,
  // P4 week-12 visit without HBI. ITT: 1/4; observed: 1/2.
  const std::string csv =
      "patient_id,week,hbi_total,fecal_calprotectin_ug_g\n"
      "P1,0,10,\nP1,12,4,\n"
      "P2,0,10,\nP2,12,9,\n"
      "P3,0,10,\nP3,30,2,\n"
      "P4,0,10,\nP4,12,,100\n";
  const Json a = analyse(read_csv(csv), opts({"study_italian_upa"}, {12}));
  const Json r = summary_row(a, "clinical_response", 12, "all");
  CHECK(r["achieved"] == 1);
  CHECK(r["not_achieved"] == 1);
  CHECK(r["no_visit"] == 1);
  CHECK(r["not_evaluable"] == 1);
  CHECK(r["itt"]["n"] == 1);
  CHECK(r["itt"]["N"] == 4);
  CHECK(r["observed"]["N"] == 2);
  CHECK(r["observed"]["proportion"] == 0.5);
  // Per-patient verdicts are listed.
  auto verdict_of = [&](std::size_t patient) {
    for (const Json& v : a["patients"][patient]["verdicts"]) {
      if (v["endpoint"] == "clinical_response") return v;
    }
    return Json();
  };
  CHECK(verdict_of(2)["verdict"] == "no_visit");
  CHECK(verdict_of(3)["missing"] == Json::array({"hbi_followup"}));
}

TEST_CASE("a patient who stopped therapy by the week is a failure under ITT, not an observed case",
          "[cohort]") {
  // POWER week 16, every follow-up CDAI 120 (< 150, a response on its own):
  // P1 stopped at week 8; P2 is marked stopped on its week-16 visit; P3 stayed on therapy;
  // P4 stopped at week 18, after the week-16 visit that counts; P5's flag is on a screening visit
  // before the baseline (an earlier therapy). ITT: P3, P4, P5 achieved of 5; observed 3/3.
  const std::string csv =
      "patient_id,week,baseline,cdai_total,discontinued\n"
      "P1,0,yes,300,\nP1,8,no,250,yes\nP1,16,no,120,\n"
      "P2,0,yes,300,\nP2,16,no,120,yes\n"
      "P3,0,yes,300,\nP3,16,no,120,no\n"
      "P4,0,yes,300,\nP4,16,no,120,no\nP4,18,no,320,yes\n"
      "P5,-2,no,200,yes\nP5,0,yes,300,\nP5,16,no,120,no\n";
  const Json a = analyse(read_csv(csv), opts({"study_power"}, {16}));
  REQUIRE(a["issues"].empty());
  const Json r = summary_row(a, "clinical_response", 16, "all");
  CHECK(r["discontinued"] == 2);
  CHECK(r["achieved"] == 3);
  CHECK(r["itt"]["n"] == 3);
  CHECK(r["itt"]["N"] == 5);
  CHECK(r["observed"]["n"] == 3);
  CHECK(r["observed"]["N"] == 3);
  // Per patient: the visit's own verdict, and whether the patient had stopped.
  const Json& p1 = a["patients"][0]["verdicts"][0];
  CHECK(p1["verdict"] == "achieved");
  CHECK(p1["discontinued"] == true);
  CHECK(a["patients"][3]["verdicts"][0]["discontinued"] == false);
  CHECK(a["patients"][4]["verdicts"][0]["discontinued"] == false);
}

TEST_CASE("a very small p-value is not rounded to 0", "[cohort]") {
  // 20/20 responders against 0/20: chi-square 40, p 2.5396286e-10; Fisher exact p 1.4508889e-11
  // (scipy.stats.chi2.sf(40, 1), scipy.stats.fisher_exact).
  std::string csv = "patient_id,arm,week,cdai_total\n";
  for (int i = 0; i < 20; ++i) {
    csv += "A" + std::to_string(i) + ",A,0,300\nA" + std::to_string(i) + ",A,16,100\n";
    csv += "B" + std::to_string(i) + ",B,0,300\nB" + std::to_string(i) + ",B,16,300\n";
  }
  const Json a = analyse(read_csv(csv), opts({"study_power"}, {16}));
  const Json& c = a["comparisons"][0]["itt"];
  CHECK(c["chi_square_p"].get<double>() == Approx(2.5396286e-10).epsilon(1e-6));
  CHECK(c["fisher_exact_p"].get<double>() == Approx(1.4508889e-11).epsilon(1e-6));
}

TEST_CASE("a visit given twice or a patient given twice is listed, never silently counted",
          "[cohort]") {
  // CSV: P1 has two week-16 rows (CDAI 120, then 400): which counts would depend on the order
  // of the rows, so the second is listed and left out.
  const auto csv = read_csv(
      "patient_id,week,baseline,cdai_total\n"
      "P1,0,yes,300\nP1,16,no,120\nP1,16,no,400\n"
      "P2,0,yes,300\nP2,16,no,400\n");
  REQUIRE(csv.issues.size() == 1);
  CHECK(csv.issues[0].row == 4);
  CHECK(csv.issues[0].column == "week");
  REQUIRE(csv.patients.size() == 2);
  CHECK(csv.patients[0].visits.size() == 2);
  // JSON: the same patient_id twice would be two patients in every denominator.
  const Json records = Json::parse(R"([
    {"patient_id": "A", "visits": [{"week": 0, "cdai_total": 300}, {"week": 16, "cdai_total": 120}]},
    {"patient_id": "A", "visits": [{"week": 0, "cdai_total": 300}, {"week": 16, "cdai_total": 120}]},
    {"patient_id": "B", "visits": [{"week": 0, "cdai_total": 300}, {"week": 16, "cdai_total": 120},
                                   {"week": 16, "cdai_total": 400}]}])");
  const auto in = crohn::cohort::read_records(records);
  REQUIRE(in.issues.size() == 2);
  CHECK(in.issues[0].column == "patients[1].patient_id");
  CHECK(in.issues[1].column == "patients[2].visits[2].week");
  REQUIRE(in.patients.size() == 2);
  const Json a = analyse(in, opts({"study_power"}, {16}));
  CHECK(summary_row(a, "clinical_response", 16, "all")["itt"]["N"] == 2);
  // B's first week-16 visit (CDAI 120) is the one that counts.
  CHECK(summary_row(a, "clinical_response", 16, "all")["itt"]["n"] == 2);
}

TEST_CASE("two arms are compared; all is added", "[cohort]") {
  std::string csv = "patient_id,arm,week,cdai_total\n";
  // Arm X: 3 of 4 responders (CDAI 300 -> 140); arm Y: 1 of 4.
  for (int i = 0; i < 4; ++i) {
    csv += "X" + std::to_string(i) + ",X,0,300\nX" + std::to_string(i) + ",X,16," +
           (i < 3 ? "140" : "280") + "\n";
    csv += "Y" + std::to_string(i) + ",Y,0,300\nY" + std::to_string(i) + ",Y,16," +
           (i < 1 ? "140" : "280") + "\n";
  }
  const Json a = analyse(read_csv(csv), opts({"study_power"}, {}));
  CHECK(summary_row(a, "clinical_response", 16, "X")["itt"]["n"] == 3);
  CHECK(summary_row(a, "clinical_response", 16, "Y")["itt"]["n"] == 1);
  CHECK(summary_row(a, "clinical_response", 16, "all")["itt"]["N"] == 8);
  REQUIRE(a["comparisons"].size() == 2);  // clinical_response and clinical_remission at week 16
  const Json& c = a["comparisons"][0];
  CHECK(c["arms"] == Json::array({"X", "Y"}));
  CHECK(c["itt"]["difference"].get<double>() == Approx(0.5));
  CHECK(c["itt"]["fisher_exact_p"].is_number());
}

TEST_CASE("JSON patient records are a cohort too", "[cohort]") {
  const std::string text = R"([
    {"patient_id": "J1", "visits": [{"week": 0, "hbi_total": 8}, {"week": 12, "hbi_total": 3, "corticosteroids": false}]},
    {"patient_id": "J2", "visits": [{"week": 0, "hbi_total": 8}, {"week": 12, "hbi_total": 200}]},
    {"visits": [{"week": 3}]}])";
  const auto in = read_any(text);
  // J2's week-12 HBI 200 is out of range: that visit loses its HBI, as a CSV row would, and J2
  // stays with a week-12 visit that cannot be evaluated (not achieved under ITT). #3 (no
  // baseline) is left out.
  REQUIRE(in.patients.size() == 2);
  CHECK(in.issues.size() == 2);
  const Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  CHECK(summary_row(a, "steroid_free_clinical_remission", 12, "all")["itt"]["n"] == 1);
  CHECK(summary_row(a, "steroid_free_clinical_remission", 12, "all")["itt"]["N"] == 2);
  CHECK(summary_row(a, "steroid_free_clinical_remission", 12, "all")["not_evaluable"] == 1);
  CHECK(summary_row(a, "steroid_free_clinical_remission", 12, "all")["no_visit"] == 0);
}

TEST_CASE("cohort options and CSV export", "[cohort]") {
  const std::string csv = "patient_id,week,hbi_total\nA,0,9\nA,12,3\n";
  const Json bad = Json::parse(crohn::cohort::analyse_json(csv, R"({"definition_sets": ["nope"]})"));
  CHECK(bad["error"] == "unknown_value");
  const Json ok = Json::parse(crohn::cohort::analyse_json(csv, R"({"definition_sets": ["study_italian_upa"], "weeks": [12]})"));
  REQUIRE_FALSE(ok.contains("error"));
  const std::string out = crohn::cohort::summary_csv(ok);
  CHECK(out.rfind("set,endpoint,week,arm,", 0) == 0);
  CHECK(out.find("study_italian_upa,clinical_response,12.0,all,1,0,0,0,0,1,1,1.0,") != std::string::npos);
}

TEST_CASE("the summary CSV comes with the analysis when asked for", "[cohort]") {
  const std::string csv = "patient_id,arm,week,hbi_total\nA,x,0,9\nA,x,12,3\nB,y,0,8\nB,y,12,7\n";
  const Json with = Json::parse(crohn::cohort::analyse_json(csv, R"({"weeks": [12], "summary_csv": true})"));
  REQUIRE_FALSE(with.contains("error"));
  REQUIRE(with["summary_csv"].is_string());
  // The same text `crohnscore cohort --format csv` prints: summary_csv() of the analysis.
  CHECK(with["summary_csv"] == crohn::cohort::summary_csv(with));
  CHECK(with["summary_csv"].get<std::string>().find("generic,hbi_remission_lt5,12.0,x,1,") != std::string::npos);
  const Json without = Json::parse(crohn::cohort::analyse_json(csv, R"({"weeks": [12]})"));
  CHECK_FALSE(without.contains("summary_csv"));
  const Json bad = Json::parse(crohn::cohort::analyse_json(csv, R"({"summary_csv": "yes"})"));
  CHECK(bad["field"] == "summary_csv");
}

TEST_CASE("a patient without an arm, or in an arm called all, is listed and left out", "[cohort]") {
  // C has no arm while A and B have one; D's arm "all" would be mistaken for the pooled row.
  const std::string csv =
      "patient_id,arm,week,hbi_total\n"
      "A,x,0,9\nA,x,12,3\nB,y,0,8\nB,y,12,7\nC,,0,9\nC,,12,2\nD,all,0,9\nD,all,12,2\n";
  const auto in = read_csv(csv);
  REQUIRE(in.patients.size() == 2);
  REQUIRE(in.issues.size() == 2);
  CHECK(in.issues[0].patient_id == "C");
  CHECK(in.issues[0].column == "arm");
  CHECK(in.issues[0].row == 6);
  CHECK(in.issues[0].message.find("left out") != std::string::npos);
  CHECK(in.issues[1].patient_id == "D");
  CHECK(in.issues[1].row == 8);
  const Json a = analyse(in, opts({"generic"}, {12}));
  // x, y and the pooled row, each counting only A and B.
  CHECK(summary_row(a, "hbi_remission_lt5", 12, "x")["itt"]["N"] == 1);
  CHECK(summary_row(a, "hbi_remission_lt5", 12, "y")["itt"]["N"] == 1);
  CHECK(summary_row(a, "hbi_remission_lt5", 12, "all")["itt"]["N"] == 2);
  // One arm called "all" (or no arm column at all) is simply the whole cohort.
  const auto single = read_csv("patient_id,arm,week,hbi_total\nA,all,0,9\nA,all,12,3\n");
  CHECK(single.issues.empty());
  CHECK(single.patients.size() == 1);
  // JSON records follow the same rule.
  const auto records = read_any(R"([{"patient_id": "A", "arm": "x", "visits": [{"week": 0, "hbi_total": 9}]},
                                    {"patient_id": "B", "visits": [{"week": 0, "hbi_total": 9}]}])");
  CHECK(records.patients.size() == 1);
  REQUIRE(records.issues.size() == 1);
  CHECK(records.issues[0].column == "arm");
}
