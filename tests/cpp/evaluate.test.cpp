// SPDX-License-Identifier: MIT
// The JSON entry point (crohn/evaluate.hpp): the request envelope {"instrument", "inputs"},
// malformed JSON with line/column, unknown instruments and input keys, and the error shape of
// the conformance README (error / field / message, plus errors[] with paths).
#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/evaluate.hpp"
#include "crohn/version.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
using crohn_test::has_error_shape;
using crohn_test::Json;

namespace {

/// A valid input for every instrument.
Json valid_inputs(const std::string& instrument) {
  if (instrument == "hbi") {
    return {{"general_wellbeing", 1}, {"abdominal_pain", 1}, {"liquid_stools_per_day", 2},
            {"abdominal_mass", 0}, {"complications", Json::array()}};
  }
  if (instrument == "cdai") {
    return {{"sex", "male"}, {"liquid_stools_7d_total", 20}, {"abdominal_pain_7d_sum", 14},
            {"general_wellbeing_7d_sum", 7}, {"cdai_complications", Json::array()},
            {"antidiarrheal_use", false}, {"abdominal_mass", 0}, {"hematocrit_pct", 45},
            {"weight_kg", 70}, {"standard_weight_kg", 70}};
  }
  if (instrument == "ses_cd") {
    const Json seg = {{"ulcer_size", 1}, {"ulcerated_surface", 1}, {"affected_surface", 1},
                      {"narrowing", 0}};
    return {{"segments", {{"ileum", seg}, {"right_colon", seg}, {"transverse_colon", seg},
                          {"left_colon", seg}, {"rectum", seg}}}};
  }
  if (instrument == "pro2") return {{"sf_daily", {2, 2, 2}}, {"ap_daily", {1, 1, 1}}};
  if (instrument == "biomarkers") return {{"fecal_calprotectin_ug_g", 100}};
  if (instrument == "ibdq") return {{"ibdq_baseline", 150}, {"ibdq_followup", 170}};
  if (instrument == "montreal") {
    return {{"age_at_diagnosis_years", 20}, {"location", "ileal"},
            {"upper_gi_involvement", false}, {"behavior", "stricturing"},
            {"perianal_disease", false}};
  }
  if (instrument == "rutgeerts") return {{"rutgeerts_grade", "i2a"}};
  if (instrument == "maria" || instrument == "smaria") {
    const Json seg = instrument == "maria"
                         ? Json{{"wall_thickness_mm", 4}, {"rce", 50}, {"edema", false}, {"ulceration", false}}
                         : Json{{"wall_thickness_mm", 4}, {"edema", false}, {"fat_stranding", false}, {"ulcers", false}};
    return {{"segments", {{"terminal_ileum", seg}, {"ascending_colon", seg}, {"transverse_colon", seg},
                          {"descending_colon", seg}, {"sigmoid_colon", seg}, {"rectum", seg}}}};
  }
  if (instrument == "pdai") {
    return {{"discharge", 1}, {"pain_restriction_of_activities", 1}, {"restriction_of_sexual_activity", 0},
            {"type_of_perianal_disease", 2}, {"degree_of_induration", 1}};
  }
  if (instrument == "ibd_control") {
    return {{"q1a_well_controlled", "yes"}, {"q1b_treatment_useful", "yes"},
            {"q3a_missed_planned_activities", "no"}, {"q3b_woke_at_night", "no"},
            {"q3c_significant_pain_or_discomfort", "no"}, {"q3d_lacking_energy", "not_sure"},
            {"q3e_anxious_or_depressed", "no"}, {"q3f_needed_treatment_change", "no"}};
  }
  if (instrument == "wpcdai" || instrument == "pcdai") {
    Json in = {{"abdominal_pain_level", 1}, {"wellbeing_level", 0}, {"stools_level", 1},
               {"weight_level", 0},         {"perianal_level", 0},  {"eims", Json::array()},
               {"esr_mm_h", 12},            {"albumin_g_dl", 3.8}};
    if (instrument == "pcdai") {
      in["height_level"] = 0;
      in["abdomen_level"] = 0;
      in["hematocrit_pct"] = 36;
      in["age_years"] = 9;
      in["sex"] = "female";
    }
    return in;
  }
  if (instrument == "hbi_endpoints") return {{"hbi_baseline", 8}, {"hbi_followup", 3}};
  if (instrument == "cdai_endpoints") return {{"cdai_baseline", 300}, {"cdai_followup", 140}};
  if (instrument == "ses_cd_endpoints") return {{"ses_cd_baseline", 10}, {"ses_cd_followup", 4}};
  if (instrument == "pro2_endpoints") {
    return {{"sf_avg_baseline", 5.0}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 2.0},
            {"ap_avg_followup", 1.0}};
  }
  if (instrument == "ius") return {{"bwt_baseline_mm", 6.0}, {"bwt_followup_mm", 4.0}};
  if (instrument == "stride2") return {{"hbi", 3}};
  if (instrument == "study_power") return {{"cdai_baseline", 300}, {"cdai_week16", 140}};
  if (instrument == "study_sequence") return {{"cdai_week24", 149}};
  if (instrument == "study_italian_upa") return {{"hbi_baseline", 9}, {"hbi_followup", 3}};
  if (instrument == "study_dutch_ust_reinduction") return {{"hbi", 4}};
  return Json::object();
}

const std::vector<std::string> kInstruments = {
    "hbi",           "cdai",          "ses_cd",     "pro2",
    "biomarkers",    "ibdq",          "montreal",   "hbi_endpoints",
    "cdai_endpoints", "ses_cd_endpoints", "pro2_endpoints", "ius",
    "stride2",       "study_power",   "study_sequence", "study_italian_upa",
    "study_dutch_ust_reinduction", "rutgeerts", "maria", "smaria", "pdai", "ibd_control", "pcdai", "wpcdai"};

}  // namespace

TEST_CASE("evaluate: the contract's instruments are all known", "[evaluate]") {
  // Conformance README: the instrument names of vectors.json.
  const auto names = crohn::instruments();
  for (const std::string& n : kInstruments) {
    CAPTURE(n);
    CHECK(std::find(names.begin(), names.end(), n) != names.end());
  }
}

TEST_CASE("evaluate: a valid request succeeds for every instrument", "[evaluate]") {
  for (const std::string& instrument : kInstruments) {
    CAPTURE(instrument);
    const Json out = crohn::evaluate(Json{{"instrument", instrument},
                                          {"inputs", valid_inputs(instrument)}});
    INFO(out.dump());
    CHECK(out.is_object());
    CHECK_FALSE(out.contains("error"));
    // The two-argument form gives the same answer.
    CHECK(crohn::evaluate(instrument, valid_inputs(instrument)) == out);
  }
}

TEST_CASE("evaluate: request envelope errors", "[evaluate][validation]") {
  auto [request, code, field] = GENERATE(table<Json, std::string, std::string>({
      {Json::array(), "invalid_type", "request"},
      {Json("hbi"), "invalid_type", "request"},
      {Json(nullptr), "invalid_type", "request"},
      {Json::object(), "missing_field", "instrument"},
      {Json{{"inputs", Json::object()}}, "missing_field", "instrument"},
      {Json{{"instrument", nullptr}, {"inputs", Json::object()}}, "missing_field", "instrument"},
      {Json{{"instrument", 3}, {"inputs", Json::object()}}, "invalid_type", "instrument"},
      {Json{{"instrument", "hbi"}}, "missing_field", "inputs"},
      {Json{{"instrument", "hbi"}, {"inputs", nullptr}}, "missing_field", "inputs"},
      {Json{{"instrument", "hbi"}, {"inputs", Json::array()}}, "invalid_type", "inputs"},
      {Json{{"instrument", "hbi"}, {"inputs", "x"}}, "invalid_type", "inputs"},
      {Json{{"instrument", "hbi"}, {"inputs", Json::object()}, {"version", 1}}, "unknown_value",
       "version"},
      {Json{{"instrument", "hbix"}, {"inputs", Json::object()}}, "unknown_value", "instrument"},
      {Json{{"instrument", "HBI"}, {"inputs", Json::object()}}, "unknown_value", "instrument"},
      {Json{{"instrument", ""}, {"inputs", Json::object()}}, "unknown_value", "instrument"},
  }));
  CAPTURE(request);
  const Json out = crohn::evaluate(request);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == field);
}

TEST_CASE("evaluate: an unknown instrument lists the known ones", "[evaluate][validation]") {
  const Json out = crohn::evaluate("hbx", Json::object());
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == "unknown_value");
  CHECK(out["field"] == "instrument");
  CHECK_THAT(out["message"].get<std::string>(), Contains("hbx"));
  CHECK_THAT(out["message"].get<std::string>(), Contains("ses_cd"));
}

TEST_CASE("evaluate: invalid_json names line and column", "[evaluate][validation]") {
  auto [text, line] = GENERATE(table<std::string, std::string>({
      {"{\"instrument\": \"hbi\",\n \"inputs\": {", "line 2"},
      {"{\"instrument\": \"hbi\" \"inputs\": {}}", "line 1"},
      {"{\n\n  \"instrument\": hbi}", "line 3"},
      {"", "line 1"},
      {"{\"instrument\": \"hbi\", \"inputs\": {}} trailing", "line 1"},
  }));
  CAPTURE(text);
  const std::string raw = crohn::evaluate_json(text);
  const Json out = Json::parse(raw);  // the response itself is always valid JSON
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == "invalid_json");
  CHECK(out["field"] == "request");
  CHECK_THAT(out["message"].get<std::string>(), Contains(line));
  CHECK_THAT(out["message"].get<std::string>(), Contains("column"));
}

TEST_CASE("evaluate: evaluate_json on valid text", "[evaluate]") {
  const std::string raw = crohn::evaluate_json(
      R"({"instrument": "hbi", "inputs": {"general_wellbeing": 1, "abdominal_pain": 1,
          "liquid_stools_per_day": 3, "abdominal_mass": 0, "complications": []}})");
  const Json out = Json::parse(raw);
  CHECK(out["hbi_total"] == 5);  // 1 + 1 + 3
  CHECK(out["hbi_band"] == "mild");
  // Errors come back as JSON text too.
  const Json err = Json::parse(crohn::evaluate_json(R"({"instrument": "hbi", "inputs": {}})"));
  REQUIRE(has_error_shape(err));
  CHECK(err["error"] == "missing_field");
}

TEST_CASE("evaluate: parse_json keeps nlohmann's message", "[evaluate]") {
  std::string message;
  const Json bad = crohn::parse_json("[1, 2", message);
  CHECK(bad.is_discarded());
  CHECK_THAT(message, Contains("line 1"));
  CHECK_THAT(message, Contains("column"));
  message.clear();
  const Json good = crohn::parse_json("[1, 2]", message);
  CHECK(good == Json::array({1, 2}));
  CHECK(message.empty());
}

TEST_CASE("evaluate: an unknown input key is unknown_value naming the key", "[evaluate][validation]") {
  const std::string instrument = GENERATE(from_range(kInstruments));
  CAPTURE(instrument);
  Json in = valid_inputs(instrument);
  in["general_well_being"] = 1;  // a misspelling
  const Json out = crohn::evaluate(instrument, in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == "unknown_value");
  CHECK(out["field"] == "general_well_being");
  CHECK(out["errors"][0]["path"] == "general_well_being");
  CHECK_THAT(out["message"].get<std::string>(), Contains("general_well_being"));
}

TEST_CASE("evaluate: inputs that are not an object", "[evaluate][validation]") {
  const std::string instrument = GENERATE(from_range(kInstruments));
  CAPTURE(instrument);
  for (const Json& bad : {Json::array(), Json(1), Json("x"), Json(true)}) {
    const Json out = crohn::evaluate(instrument, bad);
    REQUIRE(has_error_shape(out));
    CHECK(out["error"] == "invalid_type");
    CHECK(out["field"] == "inputs");
  }
}

TEST_CASE("evaluate: every error has error, field and message", "[evaluate][validation]") {
  // An empty input is an error for every instrument (missing is never read as zero).
  const std::string instrument = GENERATE(from_range(kInstruments));
  CAPTURE(instrument);
  const Json out = crohn::evaluate(instrument, Json::object());
  INFO(out.dump());
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == "missing_field");
  const std::vector<std::string> codes = {"missing_field", "invalid_type", "out_of_range",
                                          "unknown_value"};
  for (const Json& e : out["errors"]) {
    CHECK(std::find(codes.begin(), codes.end(), e["error"].get<std::string>()) != codes.end());
  }
  // The top-level fields repeat the first error.
  CHECK(out["error"] == out["errors"][0]["error"]);
  CHECK(out["field"] == out["errors"][0]["field"]);
  CHECK(out["message"] == out["errors"][0]["message"]);
}

TEST_CASE("evaluate: dump_json never throws on invalid UTF-8", "[evaluate]") {
  const Json j = std::string("\xff\xfe");
  const std::string s = crohn::dump_json(j);
  CHECK_FALSE(s.empty());
  const Json out = crohn::evaluate("hbi", Json{{std::string("bad\xff"), 1}});
  CHECK(crohn_test::has_error(out, "unknown_value", std::string("bad\xff")));
  CHECK_FALSE(crohn::dump_json(out).empty());
}

TEST_CASE("evaluate: version constants", "[evaluate]") {
  CHECK(std::string(crohn::kVersion).size() > 0);
  CHECK(crohn::kApiVersion >= 1);
}
