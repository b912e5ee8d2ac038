// SPDX-License-Identifier: MIT
// MaRIA and sMaRIA (clinical-spec-instruments §5): each segment band edge computed exactly (7 and
// 11; 0, 1 and 2), the global sums, missing segments, each validation error and each ambiguity's
// default (M1 label "active", M2 six segments, M3 no global cut-off, S1 >= 1 / >= 2).
#include <string>

#include <catch2/catch.hpp>

#include "crohn/fhir.hpp"
#include "crohn/maria.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::near;
using crohn_test::run;

namespace {

Json mseg(double wt, double rce, bool edema = false, bool ulceration = false) {
  return {{"wall_thickness_mm", wt}, {"rce", rce}, {"edema", edema}, {"ulceration", ulceration}};
}
Json sseg(double wt, bool edema = false, bool fat = false, bool ulcers = false) {
  return {{"wall_thickness_mm", wt}, {"edema", edema}, {"fat_stranding", fat}, {"ulcers", ulcers}};
}
// Six segments, the terminal ileum as given, the others at the given background segment.
Json six(const Json& ileum, const Json& rest) {
  Json s = Json::object();
  for (const char* k : crohn::maria::kSegments) s[k] = rest;
  s["terminal_ileum"] = ileum;
  return {{"segments", s}};
}

}  // namespace

TEST_CASE("maria: segment bands at 7 and 11, compared exactly", "[maria]") {
  // 1.5 x WT + 0.02 x RCE; wall 4 mm = 6; the RCE puts the segment on either side of an edge.
  auto [rce, score, band] = GENERATE(table<double, double, std::string>({
      {49, 6.98, "inactive"},     // MARIA-02 ascending colon
      {50, 7, "active"},          // MARIA-02 terminal ileum: exactly 7
      {50.01, 7.0002, "active"},  // hundredths are exact
      {249, 10.98, "active"},     // MARIA-03 ascending colon
      {249.99, 10.9998, "active"},
      {250, 11, "severe"},        // MARIA-03 terminal ileum: exactly 11
  }));
  CAPTURE(rce);
  const Json out = crohn_test::run_ok("maria", six(mseg(4, rce), mseg(2, 50)));
  CHECK(near(out["segment_scores"]["terminal_ileum"], score));
  CHECK(out["segment_bands"]["terminal_ileum"] == band);
  CHECK(out["any_segment_ge7"] == (band != "inactive"));
  CHECK(out["any_segment_ge11"] == (band == "severe"));
  CHECK(near(out["maria_global"], score + 5 * 4));
  CHECK(out["segments_evaluated"] == 6);
  CHECK(out["complete"] == true);
  CHECK(out["warnings"] == Json::array());
}

TEST_CASE("maria: oedema 5 and ulceration 10 points; the constants", "[maria]") {
  const Json out = crohn_test::run_ok("maria", six(mseg(5, 100, true, true), mseg(0, 0)));
  CHECK(near(out["segment_scores"]["terminal_ileum"], 7.5 + 2 + 5 + 10));
  CHECK(near(out["segment_scores"]["rectum"], 0));
  CHECK(out["segment_bands"]["rectum"] == "inactive");
  CHECK(crohn::maria::kActiveFrom == 70000);
  CHECK(crohn::maria::kSevereFrom == 110000);
  // 0.1 + 0.2 style decimals: 2.2 mm and RCE 0.7 -> 3.3 + 0.014 = 3.314 exactly
  const Json d = crohn_test::run_ok("maria", six(mseg(2.2, 0.7), mseg(0, 0)));
  CHECK(near(d["segment_scores"]["terminal_ileum"], 3.314, 1e-12));
}

TEST_CASE("maria: a segment not evaluated is left out and flagged (MARIA-04)", "[maria]") {
  Json in = six(mseg(5, 100, true), mseg(2, 50));
  in["segments"]["rectum"] = {{"not_evaluated", true}};
  const Json out = crohn_test::run_ok("maria", in);
  CHECK(out["segment_scores"]["rectum"].is_null());
  CHECK(out["segment_bands"]["rectum"].is_null());
  CHECK(near(out["maria_global"], 30.5));
  CHECK(out["segments_evaluated"] == 5);
  CHECK(out["complete"] == false);
  CHECK(out["warnings"] == Json::array({"incomplete_examination"}));
}

TEST_CASE("maria: validation errors name the segments field", "[maria]") {
  auto [segment, code] = GENERATE(table<Json, std::string>({
      {mseg(-1, 50), "out_of_range"},
      {mseg(30.01, 50), "out_of_range"},
      {mseg(4, 2000.01), "out_of_range"},
      {mseg(4, -1), "out_of_range"},
      {mseg(4.123, 50), "invalid_type"},   // more than two decimals: refused, not rounded
      {mseg(4, 50.005), "invalid_type"},
      {Json({{"wall_thickness_mm", 4}, {"rce", 50}, {"edema", 1}, {"ulceration", false}}), "invalid_type"},
      {Json({{"wall_thickness_mm", "4"}, {"rce", 50}, {"edema", false}, {"ulceration", false}}), "invalid_type"},
      {Json({{"wall_thickness_mm", 4}, {"edema", false}, {"ulceration", false}}), "missing_field"},
      {Json({{"wall_thickness_mm", 4}, {"rce", 50}, {"edema", false}}), "missing_field"},
      {Json({{"not_evaluated", true}, {"rce", 50}}), "unknown_value"},
      {Json({{"wall_thickness_mm", 4}, {"rce", 50}, {"edema", false}, {"ulceration", false}, {"ulcers", true}}), "unknown_value"},
  }));
  CAPTURE(segment);
  const Json out = run("maria", six(segment, mseg(2, 50)));
  CHECK(has_error_shape(out));
  CHECK(has_error(out, code, "segments"));
}

TEST_CASE("maria: segments missing, a segment missing, none evaluated", "[maria]") {
  CHECK(has_error(run("maria", Json::object()), "missing_field", "segments"));
  Json in = six(mseg(2, 50), mseg(2, 50));
  in["segments"].erase("sigmoid_colon");
  CHECK(has_error(run("maria", in), "missing_field", "segments"));
  // M2: the five SES-CD segment names are not MaRIA's.
  Json ses = six(mseg(2, 50), mseg(2, 50));
  ses["segments"]["ileum"] = mseg(2, 50);
  CHECK(has_error(run("maria", ses), "unknown_value", "segments"));
  const Json none = six(Json({{"not_evaluated", true}}), Json({{"not_evaluated", true}}));
  CHECK(has_error(run("maria", none), "missing_field", "segments"));
}

TEST_CASE("maria M1/M3: the >= 7 band is named active; no global band or change endpoint",
          "[maria][ambiguity]") {
  const Json out = crohn_test::run_ok("maria", six(mseg(10, 200, true, true), mseg(10, 200, true, true)));
  CHECK(out["segment_bands"]["terminal_ileum"] == "severe");
  const Json a = crohn_test::run_ok("maria", six(mseg(4, 50), mseg(0, 0)));
  CHECK(a["segment_bands"]["terminal_ileum"] == "active");  // not radiopaedia's "moderate"
  CHECK_FALSE(out.contains("maria_band"));
  CHECK_FALSE(out.contains("maria_global_band"));
  CHECK(out["sources"]["global_cutoffs"]["evidence"] == "unverified");
  CHECK(out["sources"]["formula"]["evidence"] == "secondary");
  CHECK(out["sources"]["segment_bands"]["evidence"] == "secondary");
}

TEST_CASE("smaria: segment bands 0, 1, 2 and the items' weights", "[smaria]") {
  auto [segment, score, band] = GENERATE(table<Json, int, std::string>({
      {sseg(2), 0, "inactive"},
      {sseg(3), 0, "inactive"},           // 3.0 mm is not > 3 mm
      {sseg(3.01), 1, "active"},          // the edge, exactly
      {sseg(2, true), 1, "active"},       // SMARIA-02 ascending colon
      {sseg(2, false, true), 1, "active"},
      {sseg(2, false, false, true), 2, "severe"},  // ulcers weigh 2 (SMARIA-02)
      {sseg(4, false, true), 2, "severe"},         // severe without ulcers
      {sseg(7, true, true, true), 5, "severe"},    // SMARIA-03 maximum
  }));
  CAPTURE(segment);
  const Json out = crohn_test::run_ok("smaria", six(segment, sseg(2)));
  CHECK(out["segment_scores"]["terminal_ileum"] == score);
  CHECK(out["segment_bands"]["terminal_ileum"] == band);
  CHECK(out["smaria_global"] == score);
  CHECK(out["any_segment_ge1"] == (score >= 1));
  CHECK(out["any_segment_ge2"] == (score >= 2));
  CHECK(out["complete"] == true);
}

TEST_CASE("smaria S1: >= 1 active and >= 2 severe, not > 1 / > 2", "[smaria][ambiguity]") {
  // Under the rejected "> 1 active, > 2 severe" reading a score of 1 would be inactive and 2 not
  // severe.
  const Json one = crohn_test::run_ok("smaria", six(sseg(2, true), sseg(2)));
  CHECK(one["segment_bands"]["terminal_ileum"] == "active");
  const Json two = crohn_test::run_ok("smaria", six(sseg(2, false, false, true), sseg(2)));
  CHECK(two["segment_bands"]["terminal_ileum"] == "severe");
  CHECK(two["segment_band_rule"] == "ordas2019_ge1_ge2");
  CHECK(crohn::maria::kSmariaActiveFrom == 1);
  CHECK(crohn::maria::kSmariaSevereFrom == 2);
}

TEST_CASE("smaria: the dichotomous wall item, alone or agreeing with the thickness", "[smaria]") {
  const Json flag = {{"wall_thickening_gt3mm", true}, {"edema", false}, {"fat_stranding", true}, {"ulcers", false}};
  CHECK(crohn_test::run_ok("smaria", six(flag, sseg(2)))["segment_scores"]["terminal_ileum"] == 2);  // SMARIA-04
  Json agree = sseg(5);
  agree["wall_thickening_gt3mm"] = true;
  CHECK(crohn_test::run_ok("smaria", six(agree, sseg(2)))["segment_scores"]["terminal_ileum"] == 1);
  Json disagree = sseg(3);
  disagree["wall_thickening_gt3mm"] = true;
  CHECK(has_error(run("smaria", six(disagree, sseg(2))), "invalid_type", "segments"));
  Json neither = sseg(2);
  neither.erase("wall_thickness_mm");
  CHECK(has_error(run("smaria", six(neither, sseg(2))), "missing_field", "segments"));
}

TEST_CASE("smaria: validation errors and missing segments", "[smaria]") {
  CHECK(has_error(run("smaria", six(sseg(-2), sseg(2))), "out_of_range", "segments"));  // SMARIA-07
  CHECK(has_error(run("smaria", six(sseg(31), sseg(2))), "out_of_range", "segments"));
  CHECK(has_error(run("smaria", six(sseg(3.001), sseg(2))), "invalid_type", "segments"));
  Json nb = sseg(2);
  nb["ulcers"] = "yes";
  CHECK(has_error(run("smaria", six(nb, sseg(2))), "invalid_type", "segments"));
  Json rce = sseg(2);
  rce["rce"] = 50;  // a MaRIA item is not an sMaRIA one
  CHECK(has_error(run("smaria", six(rce, sseg(2))), "unknown_value", "segments"));
  Json in = six(sseg(2, false, false, true), sseg(2, true));
  in["segments"]["rectum"] = {{"not_evaluated", true}};
  const Json out = crohn_test::run_ok("smaria", in);
  CHECK(out["smaria_global"] == 2 + 4);
  CHECK(out["segments_evaluated"] == 5);
  CHECK(out["complete"] == false);
  CHECK(out["warnings"] == Json::array({"incomplete_examination"}));
}

TEST_CASE("maria and smaria at a visit: scores under their prefix and FHIR Observations",
          "[maria][smaria][fhir]") {
  Json mri = six(mseg(4, 50), mseg(2, 50));  // MARIA-02-like: ileum exactly 7
  Json smri = six(sseg(2, false, false, true), sseg(2));
  smri["segments"]["rectum"] = {{"not_evaluated", true}};
  const Json record = {{"patient_id", "MR-P1"},
                       {"visits",
                        {{{"label", "baseline"}, {"week", 0}, {"baseline", true}, {"hbi_total", 6}},
                         {{"label", "MRE"}, {"week", 24}, {"maria", mri}, {"smaria", smri}}}}};
  const Json out = crohn::record::evaluate(record, {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  const Json& scores = out["visits"][1]["scores"];
  CHECK(near(scores["maria_global"], 27));
  CHECK(scores["maria_any_segment_ge7"] == true);
  CHECK(scores["maria_any_segment_ge11"] == false);
  CHECK(scores["maria_complete"] == true);
  CHECK(scores["smaria_global"] == 2);
  CHECK(scores["smaria_complete"] == false);
  CHECK(scores["smaria_segments_evaluated"] == 5);
  CHECK_FALSE(scores.contains("maria_segment_scores"));
  CHECK(out["visits"][1]["warnings"] == Json::array({"smaria:incomplete_examination"}));
  CHECK_FALSE(out["visits"][0]["scores"].contains("maria_global"));

  const Json bundle = crohn::fhir::bundle(out);
  Json maria_obs, smaria_obs;
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (r["code"]["coding"][0]["code"] == "maria") maria_obs = r;
    if (r["code"]["coding"][0]["code"] == "smaria") smaria_obs = r;
  }
  REQUIRE(maria_obs.is_object());
  CHECK(maria_obs["code"]["coding"][0]["system"] == crohn::fhir::kScoreSystem);
  CHECK(maria_obs["category"][0]["coding"][0]["code"] == "imaging");
  CHECK(near(maria_obs["valueQuantity"]["value"], 27));
  CHECK(maria_obs["note"].size() == 1);  // the visit note only
  REQUIRE(smaria_obs.is_object());
  CHECK(smaria_obs["valueInteger"] == 2);
  REQUIRE(smaria_obs["note"].size() == 2);
  CHECK_THAT(smaria_obs["note"][1]["text"].get<std::string>(), Catch::Matchers::Contains("incomplete"));
  // A bad MaRIA at a visit is an error naming the holding field.
  Json bad = record;
  bad["visits"][1]["maria"]["segments"]["rectum"]["rce"] = 5000;
  CHECK(has_error(crohn::record::evaluate(bad, {"generic"}, {}), "out_of_range", "segments"));
}
