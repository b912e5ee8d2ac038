// SPDX-License-Identifier: MIT
// IBD-Control (clinical-spec-instruments §8): IBD-Control-8 scored 2/1/0 by named answer (never
// the raw codes: IBDC-02), the quiescence edges 13 and 85, each validation error and the
// ambiguities I1 (Q1b no_treatment), I2 (no response threshold), I3 (any VAS number).
#include <string>

#include <catch2/catch.hpp>

#include "crohn/fhir.hpp"
#include "crohn/ibd_control.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

// Every item at its favourable answer ("yes" for Q1a/Q1b, "no" for Q3a-f): 16.
Json best() {
  Json in = Json::object();
  for (const auto& item : crohn::ibd_control::kItems) in[item.key] = item.favourable;
  return in;
}
Json all(const char* answer) {
  Json in = Json::object();
  for (const auto& item : crohn::ibd_control::kItems) in[item.key] = answer;
  return in;
}

}  // namespace

TEST_CASE("ibd_control: 2/1/0 by named answer, not by raw code", "[ibd_control]") {
  CHECK(crohn_test::run_ok("ibd_control", best())["ibd_control_8_total"] == 16);  // awell: 2
  CHECK(crohn_test::run_ok("ibd_control", all("not_sure"))["ibd_control_8_total"] == 8);  // IBDC-02; awell: 16
  Json worst = all("yes");
  worst["q1a_well_controlled"] = "no";
  worst["q1b_treatment_useful"] = "no";
  const Json w = crohn_test::run_ok("ibd_control", worst);  // IBDC-03
  CHECK(w["ibd_control_8_total"] == 0);
  CHECK(w["ibd_control_vas"].is_null());
  CHECK(w["quiescent_vas_ge85"].is_null());
  CHECK(w["not_evaluable"] == Json({{"quiescent_vas_ge85", {"vas_overall_control"}}}));
  // All "yes": Q1a/Q1b favourable (4), Q3a-f unfavourable (0).
  CHECK(crohn_test::run_ok("ibd_control", all("yes"))["ibd_control_8_total"] == 4);
  CHECK(crohn_test::run_ok("ibd_control", all("no"))["ibd_control_8_total"] == 12);
}

TEST_CASE("ibd_control: quiescence at 13 and at VAS 85", "[ibd_control]") {
  auto [changes, vas, total, q8, qvas] = GENERATE(table<int, double, int, bool, bool>({
      {0, 100, 16, true, true},
      {3, 85, 13, true, true},       // both edges exactly
      {4, 84.99, 12, false, false},  // just below both
      {4, 84, 12, false, false},     // IBDC-05
      {1, 0, 15, true, false},
  }));
  CAPTURE(changes, vas);
  // Each change turns one Q3 item from "no" (2) to "not sure" (1).
  Json in = best();
  const char* q3[] = {"q3a_missed_planned_activities", "q3b_woke_at_night",
                      "q3c_significant_pain_or_discomfort", "q3d_lacking_energy",
                      "q3e_anxious_or_depressed", "q3f_needed_treatment_change"};
  for (int i = 0; i < changes; ++i) in[q3[i]] = "not_sure";
  in["vas_overall_control"] = vas;
  const Json out = crohn_test::run_ok("ibd_control", in);
  CHECK(out["ibd_control_8_total"] == total);
  CHECK(out["quiescent_ibd_control_8_ge13"] == q8);
  CHECK(out["ibd_control_vas"] == vas);  // as typed (I3: any number 0-100)
  CHECK(out["quiescent_vas_ge85"] == qvas);
  CHECK(out["not_evaluable"] == Json::object());
}

TEST_CASE("ibd_control I1: Q1b no_treatment scores 1 with a warning", "[ibd_control][ambiguity]") {
  Json in = best();
  in["q1b_treatment_useful"] = "no_treatment";
  const Json out = crohn_test::run_ok("ibd_control", in);
  CHECK(out["ibd_control_8_total"] == 15);
  CHECK(out["warnings"] == Json::array({"q1b_no_treatment_scored_1"}));
  CHECK(out["sources"]["q1b_no_treatment"]["evidence"] == "unverified");
  CHECK(crohn_test::run_ok("ibd_control", best())["warnings"] == Json::array());
  // Only Q1b has that answer.
  Json q1a = best();
  q1a["q1a_well_controlled"] = "no_treatment";
  CHECK(has_error(run("ibd_control", q1a), "unknown_value", "q1a_well_controlled"));
}

TEST_CASE("ibd_control I2: no response threshold is computed", "[ibd_control][ambiguity]") {
  const Json out = crohn_test::run_ok("ibd_control", best());
  CHECK(out["sources"]["quiescent_cutoffs"]["evidence"] == "secondary");
  for (auto it = out.begin(); it != out.end(); ++it) {
    CHECK(it.key().find("response") == std::string::npos);
  }
}

TEST_CASE("ibd_control: validation errors name the field", "[ibd_control]") {
  for (const auto& item : crohn::ibd_control::kItems) {
    CAPTURE(item.key);
    Json in = best();
    in[item.key] = 2;  // a raw code is refused
    CHECK(has_error(run("ibd_control", in), "invalid_type", item.key));
    in[item.key] = "maybe";
    CHECK(has_error(run("ibd_control", in), "unknown_value", item.key));
    in.erase(item.key);
    const Json out = run("ibd_control", in);
    CHECK(has_error_shape(out));
    CHECK(has_error(out, "missing_field", item.key));
  }
  Json in = best();
  in["vas_overall_control"] = 101;  // IBDC-08
  CHECK(has_error(run("ibd_control", in), "out_of_range", "vas_overall_control"));
  in["vas_overall_control"] = -0.5;
  CHECK(has_error(run("ibd_control", in), "out_of_range", "vas_overall_control"));
  in["vas_overall_control"] = "85";
  CHECK(has_error(run("ibd_control", in), "invalid_type", "vas_overall_control"));
}

TEST_CASE("ibd_control at a visit: scores under its prefix and a FHIR Observation with the VAS",
          "[ibd_control][fhir]") {
  Json answers = best();
  answers["q1b_treatment_useful"] = "no_treatment";
  answers["vas_overall_control"] = 90;
  const Json record = {{"patient_id", "IC-P1"},
                       {"visits",
                        {{{"label", "baseline"}, {"week", 0}, {"baseline", true}, {"hbi_total", 6}},
                         {{"label", "w8"}, {"week", 8}, {"ibd_control", answers}}}}};
  const Json out = crohn::record::evaluate(record, {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  const Json& scores = out["visits"][1]["scores"];
  CHECK(scores["ibd_control_8_total"] == 15);
  CHECK(scores["ibd_control_vas"] == 90);
  CHECK(scores["quiescent_ibd_control_8_ge13"] == true);
  CHECK(scores["ibd_control_quiescent_vas_ge85"] == true);
  CHECK(out["visits"][1]["warnings"] == Json::array({"ibd_control:q1b_no_treatment_scored_1"}));
  Json obs;
  const Json bundle = crohn::fhir::bundle(out);
  for (const Json& e : bundle["entry"]) {
    if (e["resource"]["code"]["coding"][0]["code"] == "ibd-control-8") obs = e["resource"];
  }
  REQUIRE(obs.is_object());
  CHECK(obs["category"][0]["coding"][0]["code"] == "survey");
  CHECK(obs["valueInteger"] == 15);
  REQUIRE(obs["component"].size() == 1);
  CHECK(obs["component"][0]["code"]["coding"][0]["code"] == "ibd-control-vas");
  CHECK(obs["component"][0]["valueQuantity"]["value"] == 90);
  REQUIRE(obs["note"].size() == 2);
  CHECK_THAT(obs["note"][1]["text"].get<std::string>(), Catch::Matchers::Contains("not taking any treatment"));
}
