// SPDX-License-Identifier: MIT
// Error params and warning details (docs/contract.md): every error carries what its message
// names as data (min, max, unit, integer, allowed, reason), so that a page words it in its own
// language without reading the English message; every warning is a code with its where/day.
#include <string>

#include <catch2/catch.hpp>

#include "crohn/input.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::Json;
using crohn_test::run;

namespace {

Json cdai_inputs() {
  return {{"sex", "male"}, {"liquid_stools_7d_total", 20}, {"abdominal_pain_7d_sum", 14},
          {"general_wellbeing_7d_sum", 7}, {"cdai_complications", Json::array()},
          {"antidiarrheal_use", false}, {"abdominal_mass", 0}, {"hematocrit_pct", 45},
          {"weight_kg", 70}, {"standard_weight_kg", 70}};
}

/// The params of the error at `path` (the test fails when there is none).
Json params_at(const Json& out, const std::string& path) {
  INFO(out.dump());
  REQUIRE(out.contains("errors"));
  for (const Json& e : out["errors"]) {
    if (e["path"] == path) {
      REQUIRE(e.contains("params"));
      return e["params"];
    }
  }
  FAIL("no error at " << path);
  return nullptr;
}

}  // namespace

TEST_CASE("params: a number out of range carries min, max and the key's unit", "[params]") {
  Json in = cdai_inputs();
  in["hematocrit_pct"] = 90;
  const Json out = run("cdai", in);
  const Json p = params_at(out, "hematocrit_pct");
  CHECK(p["min"] == 10);
  CHECK(p["max"] == 70);
  CHECK(p["unit"] == "pct");
  CHECK_FALSE(p.contains("integer"));
  // The first error's params also at top level, beside the contract's error/field/message.
  CHECK(out["params"] == p);
  CHECK(out["message"] == "hematocrit_pct must be between 10 and 70, not 90");

  in = cdai_inputs();
  in["weight_kg"] = 500;
  const Json w = params_at(run("cdai", in), "weight_kg");
  CHECK(w["unit"] == "kg");
  CHECK(w["max"] == 400);
}

TEST_CASE("params: an integer field says integer, in range and type errors", "[params]") {
  Json in = cdai_inputs();
  in["abdominal_pain_7d_sum"] = 30;
  Json p = params_at(run("cdai", in), "abdominal_pain_7d_sum");
  CHECK(p["min"] == 0);
  CHECK(p["max"] == 21);
  CHECK(p["integer"] == true);
  CHECK_FALSE(p.contains("unit"));

  in["abdominal_pain_7d_sum"] = 2.5;
  const Json out = run("cdai", in);
  CHECK(out["error"] == "invalid_type");
  p = params_at(out, "abdominal_pain_7d_sum");
  CHECK(p["integer"] == true);

  // A diary day: the array's items are whole numbers in [0, 3].
  in = cdai_inputs();
  in.erase("abdominal_pain_7d_sum");
  in["abdominal_pain_daily"] = {1, 1, 1, 4, 1, 1, 1};
  p = params_at(run("cdai", in), "abdominal_pain_daily[3]");
  CHECK(p["max"] == 3);
  CHECK(p["integer"] == true);
}

TEST_CASE("params: an enum lists its allowed values", "[params]") {
  Json in = cdai_inputs();
  in["sex"] = "other";
  Json p = params_at(run("cdai", in), "sex");
  CHECK(p["allowed"] == Json({"male", "female"}));

  in = cdai_inputs();
  in["cdai_complications"] = {"nope"};
  p = params_at(run("cdai", in), "cdai_complications[0]");
  REQUIRE(p["allowed"].is_array());
  CHECK(p["allowed"].size() == 6);

  in = cdai_inputs();
  in["abdominal_mass"] = 3;
  p = params_at(run("cdai", in), "abdominal_mass");
  CHECK(p["allowed"] == Json({0, 2, 5}));
}

TEST_CASE("params: the special cases have a reason", "[params]") {
  SECTION("a diary day left empty") {
    Json in = cdai_inputs();
    in.erase("abdominal_pain_7d_sum");
    in["abdominal_pain_daily"] = {1, 1, nullptr, 1, 1, 1, 1};
    CHECK(params_at(run("cdai", in), "abdominal_pain_daily[2]")["reason"] == "diary_day_empty");
  }
  SECTION("two forms of one input") {
    Json in = cdai_inputs();
    in["abdominal_pain_daily"] = {1, 1, 1, 1, 1, 1, 1};
    CHECK(params_at(run("cdai", in), "abdominal_pain_daily")["reason"] == "not_both");
  }
  SECTION("a diary of the wrong length") {
    Json in = cdai_inputs();
    in.erase("abdominal_pain_7d_sum");
    in["abdominal_pain_daily"] = {1, 1, 1};
    const Json p = params_at(run("cdai", in), "abdominal_pain_daily");
    CHECK(p["reason"] == "entries");
    CHECK(p["min"] == 7);
    CHECK(p["max"] == 7);
  }
  SECTION("a Rutgeerts grade without the neoterminal ileum") {
    const Json out = run("rutgeerts", {{"rutgeerts_grade", "i1"}, {"neoterminal_ileum_intubated", false}});
    CHECK(params_at(out, "neoterminal_ileum_intubated")["reason"] == "neoterminal_ileum_not_seen");
  }
  SECTION("the largest SES-CD item above the follow-up total") {
    const Json out = run("ses_cd_endpoints", {{"ses_cd_baseline", 10}, {"ses_cd_followup", 2},
                                              {"followup_max_item_score", 3}});
    const Json p = params_at(out, "followup_max_item_score");
    CHECK(p["reason"] == "exceeds");
    CHECK(p["of"] == "ses_cd_followup");
    CHECK(p["max"] == 2);
  }
  SECTION("two baseline visits") {
    const Json record = {{"patient_id", "P1"},
                         {"visits", {{{"week", 0}, {"baseline", true}, {"hbi_total", 8}},
                                     {{"week", 4}, {"baseline", true}, {"hbi_total", 4}}}}};
    const Json out = crohn::record::evaluate(record, {}, crohn::record::Options{});
    CHECK(params_at(out, "visits[1].baseline")["reason"] == "one_baseline");
  }
  SECTION("an unknown input") {
    Json in = cdai_inputs();
    in["hematocrit"] = 40;
    CHECK(params_at(run("cdai", in), "hematocrit")["reason"] == "unknown_input");
  }
}

TEST_CASE("params: CRP in mg/dL names the unit it was given in", "[params]") {
  // 150 mg/dL is 1500 mg/L, above the 1000 mg/L limit: the range is given in mg/dL.
  const Json out = run("biomarkers", {{"crp_value", 150}, {"crp_unit", "mg/dL"}});
  const Json p = params_at(out, "crp_value");
  CHECK(p["unit"] == "mg_dl");
  CHECK(p["max"] == 100);
  // Above the mg/L limit as typed: still the mg/dL range.
  const Json big = params_at(run("biomarkers", {{"crp_value", 5000}, {"crp_unit", "mg/dL"}}), "crp_value");
  CHECK(big["unit"] == "mg_dl");
  CHECK(big["max"] == 100);
  CHECK(params_at(run("biomarkers", {{"crp_value", -1}, {"crp_unit", "mg/L"}}), "crp_value")["unit"] ==
        "mg_l");
}

TEST_CASE("params: unit_of_key reads the unit suffix of a key", "[params]") {
  CHECK(std::string(crohn::unit_of_key("weight_kg")) == "kg");
  CHECK(std::string(crohn::unit_of_key("esr_mm_h")) == "mm_h");
  CHECK(std::string(crohn::unit_of_key("wall_thickness_mm")) == "mm");
  CHECK(std::string(crohn::unit_of_key("crp_mg_dl")) == "mg_dl");
  CHECK(crohn::unit_of_key("abdominal_pain") == nullptr);
  CHECK(crohn::unit_of_key("_kg") == nullptr);  // a suffix alone is not a key with a unit
}

TEST_CASE("warning details: each warning as code, where and day", "[params]") {
  Json in = cdai_inputs();
  in.erase("liquid_stools_7d_total");
  in["liquid_stools_daily"] = {1, 1, 25, 1, 1, 1, 1};
  in["weight_kg"] = 20;
  const Json out = crohn_test::run_ok("cdai", in);
  REQUIRE(out["warnings"] == Json({"liquid_stools_over_20_per_day:day3",
                                   "weight_outside_50_200_pct_of_standard"}));
  REQUIRE(out["warning_details"].size() == 2);
  CHECK(out["warning_details"][0] ==
        Json({{"code", "liquid_stools_over_20_per_day"}, {"where", "day3"}, {"day", 3}}));
  CHECK(out["warning_details"][1] == Json({{"code", "weight_outside_50_200_pct_of_standard"}}));

  // A segment's warning (CDEIS: more ulcerated than diseased surface in the ileum).
  const Json skip = {{"not_explored", true}};
  const Json ses = crohn_test::run_ok(
      "cdeis", {{"segments", {{"ileum", {{"deep_ulceration", false}, {"superficial_ulceration", true},
                                         {"disease_surface_cm", 2}, {"ulcerated_surface_cm", 5}}},
                              {"right_colon", skip}, {"transverse_colon", skip},
                              {"left_colon", skip}, {"rectum", skip}}},
                {"ulcerated_stenosis", false}, {"nonulcerated_stenosis", false}});
  REQUIRE(ses.contains("warning_details"));
  CHECK(ses["warnings"].size() >= 2);
  CHECK(ses["warning_details"].size() == ses["warnings"].size());
  for (std::size_t i = 0; i < ses["warnings"].size(); ++i) {
    const std::string w = ses["warnings"][i];
    const Json& d = ses["warning_details"][i];
    const auto colon = w.find(':');
    CHECK(d["code"] == w.substr(0, colon));
    if (colon != std::string::npos) {
      CHECK(d["where"] == w.substr(colon + 1));
      CHECK_FALSE(d.contains("day"));  // a segment, not a diary day
    }
  }
}
