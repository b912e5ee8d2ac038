// SPDX-License-Identifier: MIT
// Censored laboratory values (issue 15): one representation (value + bound) and one comparison,
// is_below, which decides only where the bound decides. Then the same through the cohort's CSV
// and JSON records and a single record's visit scores.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/censored.hpp"
#include "crohn/cohort.hpp"
#include "crohn/fhir.hpp"
#include "crohn/record.hpp"

using crohn::Bound;
using crohn::Censored;
using crohn::is_below;
using Json = nlohmann::json;

TEST_CASE("censored: the bound decides a threshold only where it can", "[censored]") {
  using B = Bound;
  struct Case {
    Censored v;
    double threshold;
    std::optional<bool> below;
  };
  const Case cases[] = {
      {{4.9}, 5, true},                 // exact values as before
      {{5}, 5, false},
      {{5.0 - 1e-12}, 5, false},        // within the core's tolerance: equal
      {{5, B::kBelow}, 5, true},        // CRP "<0.5 mg/dL" = "<5 mg/L" against "< 5 mg/L"
      {{0.5, B::kBelow}, 5, true},
      {{6, B::kBelow}, 5, std::nullopt},  // x may be 4 or 5.9
      {{4, B::kAtMost}, 5, true},
      {{5, B::kAtMost}, 5, std::nullopt},  // x may be 5
      {{1800, B::kAbove}, 250, false},  // FC ">1800" against "< 250"
      {{250, B::kAbove}, 250, false},
      {{250, B::kAtLeast}, 250, false},
      {{100, B::kAbove}, 250, std::nullopt},
      {{300, B::kBelow}, 250, std::nullopt},  // FC "<300" against "< 250"
      {{250, B::kBelow}, 250, true},
  };
  for (const Case& c : cases) {
    INFO(crohn::censored_text(c.v) << " < " << c.threshold);
    CHECK(is_below(c.v, c.threshold) == c.below);
  }
}

TEST_CASE("censored: signs are read as written, ASCII and Unicode", "[censored]") {
  struct Case {
    const char* text;
    Bound bound;
    const char* rest;
  };
  const Case cases[] = {
      {"<0.5", Bound::kBelow, "0.5"},          {"< 0.5", Bound::kBelow, "0.5"},
      {"<=5", Bound::kAtMost, "5"},            {"\xE2\x89\xA4" "5", Bound::kAtMost, "5"},
      {">1800", Bound::kAbove, "1800"},        {">=250", Bound::kAtLeast, "250"},
      {"\xE2\x89\xA5" " 250", Bound::kAtLeast, "250"}, {"12", Bound::kExact, "12"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    std::string_view t = c.text;
    CHECK(crohn::take_bound(t) == c.bound);
    CHECK(t == c.rest);
  }
  CHECK(crohn::censored_text({0.5, Bound::kBelow}) == "<0.5");
  CHECK(crohn::censored_text({250, Bound::kAtLeast}) == ">=250");
  CHECK(crohn::censored_text({12.5}) == "12.5");
}

namespace {

Json row_of(const Json& a, const std::string& endpoint, const std::string& arm = "all") {
  for (const Json& r : a.at("summary")) {
    if (r["endpoint"] == endpoint && r["arm"] == arm) return r;
  }
  FAIL("no summary row " << endpoint);
  return nullptr;
}

std::vector<int> counts(const Json& r) {
  return {r["achieved"].get<int>(), r["not_achieved"].get<int>(), r["not_evaluable"].get<int>(),
          r["itt"]["n"].get<int>(), r["itt"]["N"].get<int>(), r["observed"]["N"].get<int>()};
}

Json missing_of(const Json& a, const std::string& patient, const std::string& endpoint) {
  for (const Json& p : a.at("patients")) {
    if (p["patient_id"] != patient) continue;
    for (const Json& v : p["verdicts"]) {
      if (v["endpoint"] == endpoint) return v.value("missing", Json::array());
    }
  }
  return nullptr;
}

}  // namespace

TEST_CASE("censored: CRP and calprotectin bounds in a cohort CSV and JSON records", "[censored][cohort]") {
  // Generic set, week 12: fc_lt250 (FC < 250 ug/g, STRIDE-II) and biochemical_remission (FC < 150
  // ug/g and CRP < 5 mg/L, the defaults). A semicolon file with decimal commas.
  //  K1: FC <100, CRP <0,5 mg/dL (<5 mg/L)  -> FC < 250 yes; biochemical yes.
  //  K2: FC >1800, CRP 0,2 mg/dL            -> FC < 250 no; biochemical no (FC decides).
  //  K3: FC <300, CRP 0,1 mg/dL             -> FC < 250 undecided; biochemical undecided.
  //  K4: FC ≤50, CRP ≥1 mg/dL (>= 10 mg/L) -> FC < 250 yes; biochemical no (CRP decides).
  // fc_lt250: achieved 2, not 1, not evaluable 1 (ITT 2/4, observed 2/3);
  // biochemical_remission: achieved 1, not 2, not evaluable 1 (ITT 1/4, observed 1/3).
  const std::string csv =
      "patient_id;week;fecal_calprotectin_ug_g;crp_value;crp_unit\n"
      "K1;0;900;3;mg/dL\nK1;12;<100;<0,5;mg/dL\n"
      "K2;0;900;3;mg/dL\nK2;12;>1800;0,2;mg/dL\n"
      "K3;0;900;3;mg/dL\nK3;12;<300;0,1;mg/dL\n"
      "K4;0;900;3;mg/dL\nK4;12;\xE2\x89\xA4" "50;\xE2\x89\xA5" "1;mg/dL\n";
  const auto in = crohn::cohort::read_csv(csv);
  CHECK(in.issues.empty());
  REQUIRE(in.patients.size() == 4);
  const auto& k1 = in.patients[0].visits[1].snap;
  REQUIRE(k1.crp_mg_l);
  CHECK(k1.crp_mg_l->bound == Bound::kBelow);
  CHECK(k1.crp_mg_l->value == Approx(5));
  crohn::cohort::Options o;
  o.sets = {"generic"};
  o.weeks = {12};
  const Json a = crohn::cohort::analyse(in, o);
  CHECK(counts(row_of(a, "fc_lt250")) == std::vector<int>{2, 1, 1, 2, 4, 3});
  CHECK(counts(row_of(a, "biochemical_remission")) == std::vector<int>{1, 2, 1, 1, 4, 3});
  CHECK(missing_of(a, "K3", "fc_lt250") == Json::array({"fecal_calprotectin_censored"}));
  CHECK(missing_of(a, "K3", "biochemical_remission") == Json::array({"fecal_calprotectin_censored"}));

  // The same patients as JSON records: the same counts.
  const Json records = Json::parse(R"([
    {"patient_id": "K1", "visits": [{"week": 0, "fecal_calprotectin_ug_g": 900, "crp_value": 3, "crp_unit": "mg/dL"},
                                    {"week": 12, "fecal_calprotectin_ug_g": "<100", "crp_value": "<0.5", "crp_unit": "mg/dL"}]},
    {"patient_id": "K2", "visits": [{"week": 0, "fecal_calprotectin_ug_g": 900, "crp_value": 3, "crp_unit": "mg/dL"},
                                    {"week": 12, "fecal_calprotectin_ug_g": ">1800", "crp_value": 0.2, "crp_unit": "mg/dL"}]},
    {"patient_id": "K3", "visits": [{"week": 0, "fecal_calprotectin_ug_g": 900, "crp_value": 3, "crp_unit": "mg/dL"},
                                    {"week": 12, "fecal_calprotectin_ug_g": "<300", "crp_value": 0.1, "crp_unit": "mg/dL"}]},
    {"patient_id": "K4", "visits": [{"week": 0, "fecal_calprotectin_ug_g": 900, "crp_value": 3, "crp_unit": "mg/dL"},
                                    {"week": 12, "fecal_calprotectin_ug_g": "≤50", "crp_value": ">=1", "crp_unit": "mg/dL"}]}])");
  const auto from_records = crohn::cohort::read_records(records);
  CHECK(from_records.issues.empty());
  const Json b = crohn::cohort::analyse(from_records, o);
  CHECK(a["summary"] == b["summary"]);

  // A sign without a number, or with a negative one, is a bad cell: listed, FC missing.
  const auto bad = crohn::cohort::read_csv("patient_id,week,hbi_total,fecal_calprotectin_ug_g\n"
                                           "B,0,9,900\nB,12,3,<abc\nB,24,3,<-5\n");
  REQUIRE(bad.issues.size() == 2);
  CHECK(bad.issues[0].column == "fecal_calprotectin_ug_g");
  CHECK(bad.issues[0].measure == "fecal_calprotectin");
  CHECK(bad.issues[1].row == 4);
  REQUIRE(bad.patients.size() == 1);
  CHECK(bad.patients[0].visits.size() == 3);
  const auto bad_json = crohn::cohort::read_records(Json::parse(R"([{"patient_id": "B", "visits": [
    {"week": 0, "fecal_calprotectin_ug_g": 900}, {"week": 12, "hbi_total": 3, "fecal_calprotectin_ug_g": "about 100"}]}])"));
  REQUIRE(bad_json.issues.size() == 1);
  CHECK(bad_json.issues[0].code == "invalid_type");
  CHECK(bad_json.issues[0].message.find("censored value such as <0.5") != std::string::npos);
}

TEST_CASE("censored: a record's visit shows the bound as it was given", "[censored][record]") {
  const Json record = Json::parse(R"({"patient_id": "R", "visits": [
    {"week": 0, "fecal_calprotectin_ug_g": ">1800", "crp_mg_l": 30},
    {"week": 12, "fecal_calprotectin_ug_g": 120, "crp_value": "<0.5", "crp_unit": "mg/dL"}]})");
  const Json out = crohn::record::evaluate(record, {"study_italian_upa"}, {});
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][0]["scores"]["fecal_calprotectin_ug_g"] == ">1800");
  CHECK(out["visits"][1]["scores"]["fecal_calprotectin_ug_g"] == 120);
  CHECK(out["visits"][1]["scores"]["crp_mg_l"] == "<5");
  CHECK(out["visits"][1]["scores"]["crp_mg_dl"] == "<0.5");
  // FC 120 < 150 and CRP < 0.5 mg/dL: the Italian biochemical remission is achieved.
  for (const Json& e : out["sets"][0]["visits"][0]["endpoints"]) {
    if (e["id"] == "biochemical_remission") CHECK(e["verdict"] == "achieved");
  }
}

TEST_CASE("censored: a FHIR Observation carries the bound as the Quantity's comparator", "[censored][fhir]") {
  const Json record = Json::parse(R"({"patient_id": "R", "visits": [
    {"date": "2024-01-08", "baseline": true, "fecal_calprotectin_ug_g": ">1800", "crp_mg_l": 30},
    {"date": "2024-04-01", "fecal_calprotectin_ug_g": 120, "crp_value": "<0.5", "crp_unit": "mg/dL"}]})");
  const Json b = crohn::fhir::bundle(crohn::record::evaluate(record, {"study_italian_upa"}, {}));
  REQUIRE(b.is_object());
  std::vector<Json> fc, crp;
  for (const Json& e : b["entry"]) {
    const Json& r = e["resource"];
    for (const Json& c : r["code"]["coding"]) {
      if (c["code"] == "38445-3") fc.push_back(r["valueQuantity"]);
      if (c["code"] == "1988-5") crp.push_back(r["valueQuantity"]);
    }
  }
  REQUIRE(fc.size() == 2);
  REQUIRE(crp.size() == 2);
  CHECK(fc[0]["value"] == 1800.0);
  CHECK(fc[0]["comparator"] == ">");
  CHECK(fc[1]["value"] == 120.0);
  CHECK_FALSE(fc[1].contains("comparator"));
  CHECK(crp[1]["value"] == 5.0);
  CHECK(crp[1]["comparator"] == "<");
  CHECK(crp[1]["code"] == "mg/L");
}
