// SPDX-License-Identifier: MIT
// Biomarkers (clinical-spec §5.1, A21): CRP in either unit (1 mg/dL = 10 mg/L), faecal
// calprotectin, and the named biochemical-remission thresholds, three-valued when one is missing.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/biomarkers.hpp"
#include "test_support.hpp"

using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::near;
using crohn_test::run;

namespace {

Json ok(const Json& in) { return crohn_test::run_ok("biomarkers", in); }

}  // namespace

TEST_CASE("biomarkers: CRP unit conversion and the 0.5 mg/dL boundary", "[biomarkers][crp]") {
  // §5.1: 0.5 mg/dL = 5 mg/L; the Italian definition needs CRP < 0.5 mg/dL, so 5 mg/L is NOT
  // below it (BIO-03). FC 100 < 150 throughout.
  auto [crp, mg_l, mg_dl, italian] = GENERATE(table<Json, double, double, bool>({
      {Json{{"crp_value", 5.0}, {"crp_unit", "mg/L"}}, 5.0, 0.5, false},     // BIO-03
      {Json{{"crp_value", 0.5}, {"crp_unit", "mg/dL"}}, 5.0, 0.5, false},    // same in mg/dL
      {Json{{"crp_mg_dl", 0.5}}, 5.0, 0.5, false},
      {Json{{"crp_mg_l", 5}}, 5.0, 0.5, false},
      {Json{{"crp_value", 4.9}, {"crp_unit", "mg/L"}}, 4.9, 0.49, true},     // BIO-04
      {Json{{"crp_value", 0.49}, {"crp_unit", "mg/dL"}}, 4.9, 0.49, true},   // 0.49 x 10
      {Json{{"crp_value", 0.3}, {"crp_unit", "mg/dL"}}, 3.0, 0.3, true},     // BIO-01
      {Json{{"crp_value", 0.51}, {"crp_unit", "mg/dL"}}, 5.1, 0.51, false},
      {Json{{"crp_mg_dl", 0.2}}, 2.0, 0.2, true},
  }));
  CAPTURE(crp);
  Json in = crp;
  in["fecal_calprotectin_ug_g"] = 100;
  const Json out = ok(in);
  CHECK(near(out["crp_mg_l"], mg_l, 1e-9));
  CHECK(near(out["crp_mg_dl"], mg_dl, 1e-9));
  CHECK(out["biochemical_remission_fc150_crp0_5"] == italian);
  CHECK(out["biochemical_remission"] == italian);  // default thresholds = the Italian ones
  CHECK(out["stride2_fc_lt250"] == true);
}

TEST_CASE("biomarkers: FC and CRP thresholds at, below and above", "[biomarkers]") {
  // Italian: FC < 150 AND CRP < 5 mg/L; STRIDE-II: FC < 250, CRP < ULN; AbbVie: CRP <= 5 mg/L,
  // FC <= 250 (§5.1).
  auto [fc, crp_mg_l, italian, stride_fc, abbvie_crp, abbvie_fc] =
      GENERATE(table<double, double, bool, bool, bool, bool>({
          {149.9, 4.99, true, true, true, true},
          {150, 1, false, true, true, true},    // FC 150 is not < 150
          {150.1, 1, false, true, true, true},
          {249.9, 5, false, true, true, true},  // CRP 5 is <= 5 (AbbVie) but not < 5
          {250, 5.01, false, false, false, true},  // FC 250 <= 250 but not < 250
          {250.1, 0, false, false, true, false},
          {0, 0, true, true, true, true},
      }));
  CAPTURE(fc, crp_mg_l);
  const Json out = ok({{"fecal_calprotectin_ug_g", fc}, {"crp_mg_l", crp_mg_l}});
  CHECK(out["biochemical_remission_fc150_crp0_5"] == italian);
  CHECK(out["stride2_fc_lt250"] == stride_fc);
  CHECK(out["abbvie_crp_le5_mg_l"] == abbvie_crp);
  CHECK(out["abbvie_fc_le250"] == abbvie_fc);
}

TEST_CASE("biomarkers: CRP below the upper limit of normal (STRIDE-II)", "[biomarkers]") {
  auto [crp, uln, expected] = GENERATE(table<double, double, bool>({
      {4.9, 5.0, true}, {5.0, 5.0, false}, {5.1, 5.0, false}, {9.9, 10.0, true},
  }));
  CAPTURE(crp, uln);
  const Json out = ok({{"crp_mg_l", crp}, {"crp_uln_mg_l", uln}});
  CHECK(out["stride2_crp_lt_uln"] == expected);
  // Without the ULN the rule is not evaluable and says what is missing.
  const Json no_uln = ok({{"crp_mg_l", crp}});
  CHECK(no_uln["stride2_crp_lt_uln"].is_null());
  CHECK(no_uln["not_evaluable"]["stride2_crp_lt_uln"] == Json::array({"crp_uln_mg_l"}));
}

TEST_CASE("biomarkers: the upper limit of normal in the laboratory's unit", "[biomarkers][crp]") {
  // 0.5 mg/dL = 5 mg/L (clinical-spec §5.1): STRIDE-II needs CRP < ULN, so 5 mg/L is not below a
  // ULN of 0.5 mg/dL and 4.9 mg/L is.
  auto [crp, uln, unit, uln_mg_l, expected] = GENERATE(table<double, double, std::string, double, bool>({
      {4.9, 0.5, "mg/dL", 5.0, true}, {5.0, 0.5, "mg/dL", 5.0, false}, {5.0, 5.0, "mg/L", 5.0, false},
      {0.9, 0.1, "mg/dL", 1.0, true}, {1.0, 0.1, "mg/dL", 1.0, false},
  }));
  CAPTURE(crp, uln, unit);
  const Json out = ok({{"crp_mg_l", crp}, {"crp_uln", uln}, {"crp_uln_unit", unit}});
  CHECK(out["stride2_crp_lt_uln"] == expected);
  // The same verdict as the ULN given in mg/L.
  CHECK(ok({{"crp_mg_l", crp}, {"crp_uln_mg_l", uln_mg_l}})["stride2_crp_lt_uln"] == expected);
}

TEST_CASE("biomarkers: a bad upper limit of normal names its field", "[biomarkers][crp][errors]") {
  // Both forms at once.
  CHECK(crohn_test::has_error(run("biomarkers", {{"crp_mg_l", 3}, {"crp_uln", 0.5}, {"crp_uln_unit", "mg/dL"}, {"crp_uln_mg_l", 5}}),
                              "unknown_value", "crp_uln_mg_l"));
  // A value without its unit, a unit without its value, an unknown unit.
  CHECK(crohn_test::has_error(run("biomarkers", {{"crp_mg_l", 3}, {"crp_uln", 0.5}}), "missing_field", "crp_uln_unit"));
  CHECK(crohn_test::has_error(run("biomarkers", {{"crp_mg_l", 3}, {"crp_uln_unit", "mg/dL"}}), "missing_field", "crp_uln"));
  CHECK(crohn_test::has_error(run("biomarkers", {{"crp_mg_l", 3}, {"crp_uln", 5}, {"crp_uln_unit", "g/L"}}), "unknown_value", "crp_uln_unit"));
  // The plausible range (0.1 to 100 mg/L) in the unit given: 11 mg/dL = 110 mg/L is out; 11 mg/L is in.
  CHECK(crohn_test::has_error(run("biomarkers", {{"crp_mg_l", 3}, {"crp_uln", 11}, {"crp_uln_unit", "mg/dL"}}), "out_of_range", "crp_uln"));
  CHECK(ok({{"crp_mg_l", 3}, {"crp_uln", 11}, {"crp_uln_unit", "mg/L"}})["stride2_crp_lt_uln"] == true);
  CHECK(crohn_test::has_error(run("biomarkers", {{"crp_mg_l", 3}, {"crp_uln", 0.005}, {"crp_uln_unit", "mg/dL"}}), "out_of_range", "crp_uln"));
}

TEST_CASE("biomarkers: one biomarker missing gives three-valued verdicts", "[biomarkers][kleene]") {
  SECTION("FC only, below 150: the AND with an unknown CRP stays unknown") {
    const Json out = ok({{"fecal_calprotectin_ug_g", 100}});
    CHECK(out["biochemical_remission_fc150_crp0_5"].is_null());
    CHECK(out["not_evaluable"]["biochemical_remission_fc150_crp0_5"] == Json::array({"crp"}));
    CHECK(out["stride2_fc_lt250"] == true);
    CHECK(out["abbvie_crp_le5_mg_l"].is_null());
    CHECK(out["crp_mg_l"].is_null());
    CHECK(out["crp_mg_dl"].is_null());
  }
  SECTION("FC only, 200: not achieved whatever CRP is (no AND unknown = no)") {
    const Json out = ok({{"fecal_calprotectin_ug_g", 200}});
    CHECK(out["biochemical_remission_fc150_crp0_5"] == false);
    CHECK_FALSE(out["not_evaluable"].contains("biochemical_remission_fc150_crp0_5"));
  }
  SECTION("CRP only") {
    const Json out = ok({{"crp_value", 0.2}, {"crp_unit", "mg/dL"}});
    CHECK(out["biochemical_remission_fc150_crp0_5"].is_null());
    CHECK(out["not_evaluable"]["biochemical_remission_fc150_crp0_5"] ==
          Json::array({"fecal_calprotectin_ug_g"}));
    CHECK(out["stride2_fc_lt250"].is_null());
    CHECK(out["abbvie_crp_le5_mg_l"] == true);
    CHECK(out["fecal_calprotectin_ug_g"].is_null());
  }
}

TEST_CASE("biomarkers: threshold options", "[biomarkers][options]") {
  // A21: thresholds are parameters; the named Italian output keeps its fixed 150 / 5 mg/L.
  const Json out = ok({{"fecal_calprotectin_ug_g", 180},
                       {"crp_mg_l", 4},
                       {"options", {{"fc_below_ug_g", 200}, {"crp_below_mg_l", 5}}}});
  CHECK(out["biochemical_remission"] == true);               // 180 < 200 and 4 < 5
  CHECK(out["biochemical_remission_fc150_crp0_5"] == false);  // 180 >= 150
  CHECK(out["thresholds"]["fc_below_ug_g"] == 200);
  CHECK(out["thresholds"]["crp_below_mg_l"] == 5);
  const Json out2 = ok({{"fecal_calprotectin_ug_g", 100},
                        {"crp_mg_l", 4},
                        {"options", {{"crp_below_mg_l", 3}}}});
  CHECK(out2["biochemical_remission"] == false);  // 4 >= 3
}

TEST_CASE("biomarkers: validation", "[biomarkers][validation]") {
  auto [in, code, field] = GENERATE(table<Json, std::string, std::string>({
      {Json::object(), "missing_field", "fecal_calprotectin_ug_g"},
      {Json{{"fecal_calprotectin_ug_g", -1}}, "out_of_range", "fecal_calprotectin_ug_g"},
      {Json{{"fecal_calprotectin_ug_g", "100"}}, "invalid_type", "fecal_calprotectin_ug_g"},
      {Json{{"crp_value", 5}, {"crp_unit", "mmol/L"}}, "unknown_value", "crp_unit"},
      {Json{{"crp_value", 5}, {"crp_unit", 10}}, "invalid_type", "crp_unit"},
      {Json{{"crp_value", 5}}, "missing_field", "crp_unit"},
      {Json{{"crp_unit", "mg/L"}}, "missing_field", "crp_value"},
      {Json{{"crp_value", -0.1}, {"crp_unit", "mg/L"}}, "out_of_range", "crp_value"},
      {Json{{"crp_value", 150}, {"crp_unit", "mg/dL"}}, "out_of_range", "crp_value"},
      {Json{{"crp_value", "5"}, {"crp_unit", "mg/L"}}, "invalid_type", "crp_value"},
      {Json{{"crp_mg_dl", -1}}, "out_of_range", "crp_mg_dl"},
      {Json{{"crp_mg_l", true}}, "invalid_type", "crp_mg_l"},
      {Json{{"crp_uln_mg_l", 0}, {"crp_mg_l", 1}}, "out_of_range", "crp_uln_mg_l"},
      {Json{{"fecal_calprotectin_ug_g", 1}, {"options", {{"fc_below_ug_g", 0}}}}, "out_of_range",
       "options.fc_below_ug_g"},
      {Json{{"fecal_calprotectin_ug_g", 1}, {"options", {{"fc_cutoff", 100}}}}, "unknown_value",
       "options.fc_cutoff"},
      {Json{{"fecal_calprotectin_ug_g", 1}, {"fc", 1}}, "unknown_value", "fc"},
  }));
  CAPTURE(in);
  const Json out = run("biomarkers", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == field);
}

TEST_CASE("biomarkers: CRP given in two forms is refused", "[biomarkers][validation]") {
  const Json out = run("biomarkers", {{"crp_mg_l", 5}, {"crp_mg_dl", 0.5}});
  REQUIRE(has_error_shape(out));
  const std::string field = out["field"];
  CHECK((field == "crp_mg_l" || field == "crp_mg_dl"));
  const Json out2 = run("biomarkers", {{"crp_value", 5}, {"crp_unit", "mg/L"}, {"crp_mg_l", 5}});
  REQUIRE(has_error_shape(out2));
}
