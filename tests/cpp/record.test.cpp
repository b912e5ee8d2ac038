// SPDX-License-Identifier: MIT
// The endpoint engine on patient records: baseline resolution, timing, per-visit scoring, verdicts
// per set and visit, missing data, steroid use, discontinuation and error paths. Expected
// verdicts are worked out by hand from the definitions (clinical-spec §1-§6) in the comments.
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/record.hpp"

using Json = nlohmann::json;

namespace {

Json run(const Json& record, std::vector<std::string> sets, crohn::record::Options o = {}) {
  return crohn::record::evaluate(record, sets, o);
}

/// The endpoint row `id` of set `set` at the follow-up visit labelled `visit`.
Json endpoint(const Json& out, const std::string& set, const std::string& visit,
              const std::string& id) {
  for (const Json& s : out.at("sets")) {
    if (s.at("id") != set) continue;
    for (const Json& v : s.at("visits")) {
      if (v.at("visit") != visit) continue;
      for (const Json& e : v.at("endpoints")) {
        if (e.at("id") == id) return e;
      }
    }
  }
  FAIL("no endpoint " << set << "/" << visit << "/" << id << " in " << out.dump());
  return nullptr;
}

std::string verdict(const Json& out, const std::string& set, const std::string& visit,
                    const std::string& id) {
  return endpoint(out, set, visit, id).at("verdict").get<std::string>();
}

const Json kItalian = Json::parse(R"({
  "patient_id": "ITA-001",
  "visits": [
    {"label": "baseline", "week": 0, "baseline": true,
     "hbi": {"general_wellbeing": 2, "abdominal_pain": 2, "liquid_stools_per_day": 4,
             "abdominal_mass": 1, "complications": ["arthralgia"]},
     "fecal_calprotectin_ug_g": 820, "crp_value": 2.4, "crp_unit": "mg/dL", "bwt_mm": 6.2,
     "corticosteroids": true},
    {"label": "week 12", "week": 12,
     "hbi": {"general_wellbeing": 1, "abdominal_pain": 0, "liquid_stools_per_day": 2,
             "abdominal_mass": 0, "complications": []},
     "fecal_calprotectin_ug_g": 140, "crp_value": 0.3, "crp_unit": "mg/dL", "bwt_mm": 4.1,
     "corticosteroids": false},
    {"label": "week 24", "week": 24, "hbi_total": 2, "fecal_calprotectin_ug_g": 90,
     "crp_value": 3, "crp_unit": "mg/L", "bwt_mm": 2.1, "corticosteroids": false}
  ]})");

}  // namespace

TEST_CASE("Italian upadacitinib set on a full record", "[record]") {
  const Json out = run(kItalian, {"study_italian_upa"});
  REQUIRE_FALSE(out.contains("error"));
  // Baseline HBI 2+2+4+1+1 = 10; week 12: 1+0+2+0+0 = 3 (drop 7 > 3; <= 3 and steroid-free).
  CHECK(out["visits"][0]["scores"]["hbi_total"] == 10);
  CHECK(out["visits"][1]["scores"]["hbi_total"] == 3);
  CHECK(verdict(out, "study_italian_upa", "week 12", "steroid_free_clinical_remission") == "achieved");
  CHECK(verdict(out, "study_italian_upa", "week 12", "clinical_response") == "achieved");
  // FC 140 < 150 and CRP 0.3 mg/dL < 0.5 -> biochemical remission.
  CHECK(verdict(out, "study_italian_upa", "week 12", "biochemical_remission") == "achieved");
  // BWT 6.2 -> 4.1: reduction 2.1 >= 2 (response), 4.1 not < 3 (no healing, so no deep remission).
  CHECK(verdict(out, "study_italian_upa", "week 12", "transmural_response") == "achieved");
  CHECK(verdict(out, "study_italian_upa", "week 12", "transmural_healing") == "not_achieved");
  CHECK(verdict(out, "study_italian_upa", "week 12", "deep_remission") == "not_achieved");
  // Week 24: HBI 2, FC 90, CRP 3 mg/L (= 0.3 mg/dL), BWT 2.1 < 3 -> deep remission.
  CHECK(verdict(out, "study_italian_upa", "week 24", "deep_remission") == "achieved");
  CHECK(endpoint(out, "study_italian_upa", "week 12", "clinical_response")["protocol_week"] == 12.0);
  CHECK(endpoint(out, "study_italian_upa", "week 12", "clinical_response")["detail"] ==
        "drop 7, required more than 3");
}

TEST_CASE("missing values make an endpoint not evaluable, naming the inputs", "[record]") {
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "hbi_total": 11, "corticosteroids": true},
    {"week": 12, "hbi_total": 3, "fecal_calprotectin_ug_g": 120}]})");
  const Json out = run(rec, {"study_italian_upa"});
  // Corticosteroid use at week 12 unknown -> steroid-free remission not evaluable (never "not
  // achieved"); CRP missing -> biochemical remission not evaluable; no ultrasound at all.
  const Json sf = endpoint(out, "study_italian_upa", "week 12", "steroid_free_clinical_remission");
  CHECK(sf["verdict"] == "not_evaluable");
  CHECK(sf["missing"] == Json::array({"steroid_free"}));
  const Json bio = endpoint(out, "study_italian_upa", "week 12", "biochemical_remission");
  CHECK(bio["verdict"] == "not_evaluable");
  CHECK(bio["missing"] == Json::array({"crp"}));
  CHECK(endpoint(out, "study_italian_upa", "week 12", "transmural_response")["missing"] ==
        Json::array({"bwt_baseline_mm", "bwt_followup_mm"}));
  // The HBI response needs nothing else: drop 8 > 3.
  CHECK(verdict(out, "study_italian_upa", "week 12", "clinical_response") == "achieved");
  // Visit labels default to "week N".
  CHECK(out["sets"][0]["visits"][0]["visit"] == "week 12");
}

TEST_CASE("a known failure decides a composite even when other parts are missing", "[record]") {
  // HBI 6 at week 12 fails "HBI <= 3", so deep remission is not achieved although FC, CRP and
  // BWT were not measured (Kleene AND).
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "hbi_total": 11}, {"week": 12, "hbi_total": 6, "corticosteroids": false}]})");
  const Json out = run(rec, {"study_italian_upa"});
  CHECK(verdict(out, "study_italian_upa", "week 12", "deep_remission") == "not_achieved");
}

TEST_CASE("steroid use blocks steroid-free remission", "[record]") {
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "hbi_total": 9}, {"week": 12, "hbi_total": 2, "corticosteroids": true}]})");
  const Json out = run(rec, {"study_italian_upa", "generic"});
  CHECK(verdict(out, "study_italian_upa", "week 12", "steroid_free_clinical_remission") == "not_achieved");
  CHECK(verdict(out, "generic", "week 12", "hbi_remission_lt5") == "achieved");
  CHECK(verdict(out, "generic", "week 12", "hbi_steroid_free_remission_lt5") == "not_achieved");
}

TEST_CASE("discontinuation and drug survival (Dutch re-induction set)", "[record]") {
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "hbi_total": 9},
    {"week": 8, "hbi_total": 5, "discontinued": false},
    {"week": 20, "hbi_total": 4},
    {"week": 52, "discontinued": true}]})");
  const Json out = run(rec, {"study_dutch_ust_reinduction"});
  CHECK(verdict(out, "study_dutch_ust_reinduction", "week 8", "drug_survival") == "achieved");
  // HBI 5 is not <= 4; HBI 4 is (the assumed registry convention).
  CHECK(verdict(out, "study_dutch_ust_reinduction", "week 8", "clinical_remission_hbi_le4") == "not_achieved");
  CHECK(verdict(out, "study_dutch_ust_reinduction", "week 20", "clinical_remission_hbi_le4") == "achieved");
  // Week 20 has no discontinued flag: drug survival not evaluable, not assumed.
  CHECK(verdict(out, "study_dutch_ust_reinduction", "week 20", "drug_survival") == "not_evaluable");
  CHECK(verdict(out, "study_dutch_ust_reinduction", "week 52", "drug_survival") == "not_achieved");
  CHECK(verdict(out, "study_dutch_ust_reinduction", "week 52", "clinical_remission_hbi_le4") == "not_evaluable");
}

TEST_CASE("HBI and CDAI are never compared with each other", "[record]") {
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "hbi_total": 12}, {"week": 16, "cdai_total": 120}]})");
  const Json out = run(rec, {"generic", "study_power"});
  CHECK(verdict(out, "generic", "week 16", "hbi_response_drop_ge3") == "not_evaluable");
  CHECK(verdict(out, "generic", "week 16", "cdai_cr100") == "not_evaluable");
  // CDAI 120 < 150 needs no baseline; POWER's response is achieved through its "OR CDAI < 150".
  CHECK(verdict(out, "generic", "week 16", "cdai_remission_lt150") == "achieved");
  CHECK(verdict(out, "study_power", "week 16", "clinical_response") == "achieved");
}

TEST_CASE("dates become weeks from the baseline date", "[record]") {
  const Json rec = Json::parse(R"({"visits": [
    {"date": "2024-01-08", "baseline": true, "cdai_total": 334},
    {"date": "2024-06-24", "cdai_total": 132},
    {"date": "2024-02-29", "cdai_total": 250}]})");
  const Json out = run(rec, {"study_sequence"});
  REQUIRE_FALSE(out.contains("error"));
  // 2024-01-08 -> 2024-06-24 is 168 days = 24 weeks; 2024-02-29 (leap day) is 52 days.
  CHECK(out["visits"][1]["week"] == 24.0);
  CHECK(out["visits"][2]["week"].get<double>() == Approx(52.0 / 7.0));
  // Follow-ups are reported in week order.
  CHECK(out["sets"][0]["visits"][0]["week"].get<double>() == Approx(52.0 / 7.0));
  CHECK(endpoint(out, "study_sequence", "week 24", "clinical_remission_cdai_lt150")["protocol_week"] == 24.0);
}

TEST_CASE("the visit window decides the protocol week", "[record]") {
  const Json rec = Json::parse(R"({"visits": [{"week": 0, "cdai_total": 300}, {"week": 13, "cdai_total": 140}]})");
  const Json narrow = run(rec, {"study_power"}, crohn::record::Options{2.0, 150, 5});
  CHECK(endpoint(narrow, "study_power", "week 13", "clinical_response")["protocol_week"].is_null());
  const Json wide = run(rec, {"study_power"}, crohn::record::Options{3.0, 150, 5});
  CHECK(endpoint(wide, "study_power", "week 13", "clinical_response")["protocol_week"] == 16.0);
}

TEST_CASE("visit instruments are scored by the core's own scores", "[record]") {
  const Json rec = Json::parse(R"({"isolated_ileal_disease": false, "visits": [
    {"week": 0, "baseline": true,
     "cdai": {"sex": "male", "liquid_stools_daily": [3,3,3,3,3,3,2], "abdominal_pain_daily": [1,1,1,1,1,1,1],
              "general_wellbeing_daily": [1,1,1,1,1,1,1], "cdai_complications": [], "antidiarrheal_use": false,
              "abdominal_mass": 0, "hematocrit_pct": 47, "weight_kg": 70, "standard_weight_kg": 70},
     "ses_cd": {"segments": {
       "ileum": {"ulcer_size": 2, "ulcerated_surface": 2, "affected_surface": 2, "narrowing": 0},
       "right_colon": {"not_evaluated": true},
       "transverse_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "left_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "rectum": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0}}}},
    {"week": 12, "sf_avg": 1.0, "ap_avg": 0.5}]})");
  const Json out = run(rec, {"generic"});
  REQUIRE_FALSE(out.contains("error"));
  const Json& s = out["visits"][0]["scores"];
  // CDAI: stools 20 x 2 = 40, pain 7 x 5 = 35, well-being 7 x 7 = 49 -> 124.
  CHECK(s["cdai_total"] == 124);
  // PRO2 from the CDAI diary: SF 20/7, AP 7/7 = 1.
  CHECK(s["pro2_from_cdai_diary"] == true);
  CHECK(s["sf_avg"].get<double>() == Approx(20.0 / 7.0));
  CHECK(s["ap_avg"].get<double>() == Approx(1.0));
  // SES-CD over 4 examined segments: ileum 6; the unexamined right colon is flagged.
  CHECK(s["ses_cd_total"] == 6);
  CHECK(s["ses_cd_max_item_score"] == 2);
  CHECK(s["ses_cd_any_ulcer"] == true);
  CHECK(out["visits"][0]["warnings"] == Json::array({"ses_cd:incomplete_examination"}));
  // SF 20/7 -> 1.0 (-65 %), AP 1 -> 0.5 (-50 %): AbbVie 30 % response achieved.
  CHECK(verdict(out, "generic", "week 12", "pro2_response_30") == "achieved");
}

TEST_CASE("an incomplete SES-CD examination does not make endoscopic endpoints achieved", "[record]") {
  // Baseline SES-CD 9 (ileum 6, right colon 3, ulcers). At week 48 the ileum was not reached and
  // the other four segments score 0: the partial total 0 is shown with its warning, but the
  // unreached ileum may hold ulcers (clinical-spec §3.3), so no endoscopic endpoint is achieved.
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "baseline": true, "corticosteroids": false, "ses_cd": {"segments": {
       "ileum": {"ulcer_size": 2, "ulcerated_surface": 2, "affected_surface": 2, "narrowing": 0},
       "right_colon": {"ulcer_size": 1, "ulcerated_surface": 1, "affected_surface": 1, "narrowing": 0},
       "transverse_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "left_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "rectum": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0}}}},
    {"week": 48, "corticosteroids": false, "ses_cd": {"segments": {
       "ileum": {"not_evaluated": true},
       "right_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "transverse_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "left_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "rectum": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0}}}}]})");
  const Json out = run(rec, {"generic", "study_sequence", "stride2"});
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][1]["scores"]["ses_cd_total"] == 0);
  CHECK(out["visits"][1]["warnings"] == Json::array({"ses_cd:incomplete_examination"}));
  for (const char* id : {"ses_response_gt50", "ses_response_ge50", "ses_le2",
                         "ses_remission_abbvie", "ses_healing_stride2", "ses_ulcer_free"}) {
    CAPTURE(id);
    const Json e = endpoint(out, "generic", "week 48", id);
    CHECK(e["verdict"] == "not_evaluable");
    CHECK_FALSE(e["missing"].empty());
  }
  CHECK(verdict(out, "study_sequence", "week 48", "endoscopic_remission") == "not_evaluable");
  CHECK(verdict(out, "stride2", "week 48", "long_term_endoscopic_healing") == "not_evaluable");
  CHECK(endpoint(out, "generic", "week 48", "ses_le2")["missing"] == Json::array({"ses_cd_followup"}));

  // An ulcer seen in the segments that were examined is still a fact: not ulcer-free.
  Json seen = rec;
  seen["visits"][1]["ses_cd"]["segments"]["rectum"] =
      Json{{"ulcer_size", 1}, {"ulcerated_surface", 1}, {"affected_surface", 1}, {"narrowing", 0}};
  const Json out2 = run(seen, {"generic"});
  CHECK(verdict(out2, "generic", "week 48", "ses_ulcer_free") == "not_achieved");
  CHECK(verdict(out2, "generic", "week 48", "ses_healing_stride2") == "not_achieved");

  // The same follow-up examined completely (ileum 0) achieves them.
  Json complete = rec;
  complete["visits"][1]["ses_cd"]["segments"]["ileum"] =
      Json{{"ulcer_size", 0}, {"ulcerated_surface", 0}, {"affected_surface", 0}, {"narrowing", 0}};
  const Json out3 = run(complete, {"generic"});
  CHECK(verdict(out3, "generic", "week 48", "ses_le2") == "achieved");
  CHECK(verdict(out3, "generic", "week 48", "ses_ulcer_free") == "achieved");
}

TEST_CASE("a visit on or before the baseline is never a follow-up", "[record]") {
  // A screening visit at week -2 with CDAI 140 must not count as a response from the baseline's
  // 300 ("decrease from baseline", clinical-spec §2.5, §6.1), even inside a wide window.
  const Json rec = Json::parse(R"({"visits": [
    {"label": "screening", "week": -2, "cdai_total": 140, "hbi_total": 3},
    {"label": "baseline", "week": 0, "baseline": true, "cdai_total": 300, "hbi_total": 10},
    {"label": "same week", "week": 0, "hbi_total": 4},
    {"label": "week 16", "week": 16, "cdai_total": 260, "hbi_total": 9}]})");
  const Json out = run(rec, {"generic", "study_power"}, crohn::record::Options{18.0, 150, 5});
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][0]["warnings"] == Json::array({"not_after_baseline"}));
  CHECK(out["visits"][2]["warnings"] == Json::array({"not_after_baseline"}));
  CHECK(out["visits"][3]["warnings"] == Json::array());
  for (const Json& set : out["sets"]) {
    REQUIRE(set["visits"].size() == 1);
    CHECK(set["visits"][0]["visit"] == "week 16");
  }
  CHECK(verdict(out, "study_power", "week 16", "clinical_response") == "not_achieved");

  // With dates: a visit 4 weeks before the baseline date has week -4 and no endpoints either.
  const Json dated = Json::parse(R"({"visits": [
    {"label": "screening", "date": "2024-01-01", "hbi_total": 3},
    {"label": "baseline", "date": "2024-01-29", "baseline": true, "hbi_total": 10},
    {"label": "week 8", "date": "2024-03-25", "hbi_total": 8}]})");
  const Json out2 = run(dated, {"generic"});
  REQUIRE_FALSE(out2.contains("error"));
  CHECK(out2["visits"][0]["week"] == -4.0);
  REQUIRE(out2["sets"][0]["visits"].size() == 1);
  CHECK(out2["sets"][0]["visits"][0]["visit"] == "week 8");
}

TEST_CASE("a PRO2 diary of fewer than 7 days is flagged on the visit", "[record]") {
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "baseline": true, "pro2": {"sf_daily": [6,6,6,6,6,6,6], "ap_daily": [2,2,2,2,2,2,2]}},
    {"week": 12, "pro2": {"sf_daily": [1], "ap_daily": [0]}}]})");
  const Json out = run(rec, {"generic"});
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][0]["warnings"] == Json::array());
  CHECK(out["visits"][1]["warnings"] == Json::array({"pro2:fewer_than_7_diary_days"}));
}

TEST_CASE("record errors name the exact path", "[record][errors]") {
  const Json bad_item = Json::parse(R"({"visits": [{"week": 0, "hbi_total": 5},
    {"week": 12, "hbi": {"general_wellbeing": 1, "abdominal_pain": 7, "liquid_stools_per_day": 1,
                         "abdominal_mass": 0, "complications": []}}]})");
  Json out = run(bad_item, {});
  CHECK(out["error"] == "out_of_range");
  CHECK(out["field"] == "visits[1].hbi.abdominal_pain");

  out = run(Json::parse(R"({"visits": [{"week": 0, "hbi_total": 5, "hbi_totl": 3}]})"), {});
  CHECK(out["error"] == "unknown_value");
  CHECK(out["field"] == "visits[0].hbi_totl");

  out = run(Json::parse(R"({"visits": [{"week": 0, "hbi_total": 5, "hbi": {}}]})"), {});
  CHECK(out["error"] == "unknown_value");

  out = run(Json::parse(R"({"visits": [{"week": 0, "baseline": true}, {"week": 4, "baseline": true}]})"), {});
  CHECK(out["field"] == "visits[1].baseline");

  out = run(Json::parse(R"({"visits": [{"week": 2}, {"week": 4}]})"), {});
  CHECK(out["error"] == "missing_field");

  out = run(Json::parse(R"({"visits": [{"week": 0}, {"date": "2024-01-01"}]})"), {});
  CHECK(out["error"] == "invalid_type");

  out = run(Json::parse(R"({"visits": [{"date": "2023-02-29", "baseline": true}]})"), {});
  CHECK(out["error"] == "out_of_range");
  CHECK(out["field"] == "visits[0].date");

  out = run(Json::parse(R"({"visits": []})"), {});
  CHECK(out["field"] == "visits");

  out = run(Json::parse(R"({"visits": [{"week": 0}]})"), {"study_nonexistent"});
  CHECK(out["error"] == "unknown_value");
  CHECK(out["field"] == "definition_sets");

  out = run(Json::parse(R"({"visits": [{"week": 0, "bwt_mm": 4.123}]})"), {});
  CHECK(out["error"] == "invalid_type");
  CHECK(out["field"] == "visits[0].bwt_mm");
}

TEST_CASE("the request entry point and the definitions list", "[record]") {
  const std::string out = crohn::record::evaluate_json(
      R"({"record": {"visits": [{"week": 0, "cdai_total": 300}, {"week": 16, "cdai_total": 199}]},
          "definition_sets": ["study_power"]})");
  const Json j = Json::parse(out);
  CHECK(verdict(j, "study_power", "week 16", "clinical_response") == "achieved");  // drop 101
  CHECK(Json::parse(crohn::record::evaluate_json("{"))["error"] == "invalid_json");
  CHECK(Json::parse(crohn::record::evaluate_json(R"({"record": {}, "sets": []})"))["field"] == "sets");

  const Json defs = Json::parse(crohn::record::definitions_json());
  std::vector<std::string> ids;
  for (const Json& s : defs) ids.push_back(s["id"]);
  CHECK(ids == std::vector<std::string>{"generic", "stride2", "study_power", "study_sequence",
                                        "study_italian_upa", "study_dutch_ust_reinduction",
                                        "study_russian_dual"});
  for (const Json& s : defs) {
    for (const Json& e : s["endpoints"]) {
      CAPTURE(s["id"], e["id"]);
      CHECK_FALSE(e["citation"].get<std::string>().empty());  // every rule cites its source
      CHECK_FALSE(e["definition"].get<std::string>().empty());
    }
  }
}

// Issue 17: what `crohnscore definitions` and the page show is clinical text, with no reference
// into the project's own documents (spec sections, ambiguity numbers, issues).
TEST_CASE("definitions: no internal reference in any text a user reads", "[record][definitions]") {
  const Json defs = Json::parse(crohn::record::definitions_json());
  std::vector<std::string> texts;
  const auto walk = [&texts](const Json& j, const auto& self) -> void {
    if (j.is_string()) texts.push_back(j.get<std::string>());
    else if (j.is_structured()) for (const Json& v : j) self(v, self);
  };
  walk(defs, walk);
  REQUIRE(texts.size() > 100);
  for (const std::string& t : texts) {
    INFO(t);
    CHECK(t.find("§") == std::string::npos);
    CHECK(t.find("clinical-spec") == std::string::npos);
    CHECK(t.find("issue ") == std::string::npos);
    CHECK(t.find("(A2") == std::string::npos);
    CHECK(t.find(", A2") == std::string::npos);
  }
}
