// SPDX-License-Identifier: MIT
// The flat endpoint instruments through crohn::evaluate: hbi_endpoints, cdai_endpoints,
// ses_cd_endpoints, pro2_endpoints, ius, stride2 and the study_* sets (clinical-spec §1.3, §2.5,
// §3.4, §4, §5, §6). Verdicts are true / false / null; null ones are listed in `not_evaluable`
// under the instrument's own input names.
#include <algorithm>
#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/pairwise.hpp"
#include "test_support.hpp"

using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

/// Every key of `expected` is in `actual` with the same value (numbers within 1e-9).
void check_subset(const Json& expected, const Json& actual) {
  INFO("actual: " << actual.dump());
  REQUIRE_FALSE(crohn_test::is_error(actual));
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    INFO("key " << it.key());
    REQUIRE(actual.contains(it.key()));
    if (it->is_number()) {
      CHECK(std::fabs(actual[it.key()].get<double>() - it->get<double>()) <= 1e-9);
    } else {
      CHECK(actual[it.key()] == *it);
    }
  }
}

Json ok(const std::string& instrument, const Json& in) {
  Json out = run(instrument, in);
  INFO(instrument << " " << in.dump() << " -> " << out.dump());
  REQUIRE_FALSE(crohn_test::is_error(out));
  REQUIRE(out["not_evaluable"].is_object());
  REQUIRE(out["details"].is_object());
  return out;
}

}  // namespace

TEST_CASE("pairwise: the flat instruments in contract order", "[pairwise]") {
  const std::vector<std::string> contract = {
      "hbi_endpoints", "cdai_endpoints",    "ses_cd_endpoints", "pro2_endpoints",
      "ius",           "stride2",           "study_power",      "study_sequence",
      "study_italian_upa", "study_dutch_ust_reinduction"};
  const auto names = crohn::pairwise::names();
  // The contract's flat instruments, in the conformance README's order.
  auto at = names.begin();
  for (const std::string& n : contract) {
    CAPTURE(n);
    CHECK(crohn::pairwise::has(n));
    const auto found = std::find(at, names.end(), n);
    CHECK(found != names.end());
    if (found != names.end()) at = found;
  }
  CHECK_FALSE(crohn::pairwise::has("hbi"));
}

TEST_CASE("pairwise: hbi_endpoints", "[pairwise][hbi]") {
  auto [in, expected] = GENERATE(table<Json, Json>({
      // HBIE-01: drop 10 - 7 = 3 (>= 3 yes, > 3 no); follow-up 7 not < 5.
      {Json{{"hbi_baseline", 10}, {"hbi_followup", 7}, {"steroid_free", true}},
       Json{{"hbi_drop", 3}, {"response_drop_ge3", true}, {"response_drop_gt3_italian_upa", false},
            {"response_drop_ge3_baseline_ge5", true}, {"response_evaluable_baseline_ge5", true},
            {"remission_lt5", false}, {"remission_le3", false},
            {"steroid_free_remission_lt5", false},
            {"steroid_free_remission_le3_italian_upa", false}}},
      // HBIE-03: drop 4; follow-up 3 steroid-free.
      {Json{{"hbi_baseline", 7}, {"hbi_followup", 3}, {"steroid_free", true}},
       Json{{"hbi_drop", 4}, {"response_drop_ge3", true}, {"response_drop_gt3_italian_upa", true},
            {"remission_lt5", true}, {"remission_le3", true},
            {"steroid_free_remission_lt5", true},
            {"steroid_free_remission_le3_italian_upa", true}}},
      // HBIE-04: in remission but on steroids.
      {Json{{"hbi_baseline", 6}, {"hbi_followup", 3}, {"steroid_free", false}},
       Json{{"hbi_drop", 3}, {"response_drop_ge3", true}, {"remission_lt5", true},
            {"steroid_free_remission_lt5", false},
            {"steroid_free_remission_le3_italian_upa", false}}},
      // Follow-up 4: remission < 5 yes, <= 3 no.
      {Json{{"hbi_baseline", 6}, {"hbi_followup", 4}, {"steroid_free", true}},
       Json{{"hbi_drop", 2}, {"response_drop_ge3", false}, {"remission_lt5", true},
            {"remission_le3", false}, {"steroid_free_remission_lt5", true},
            {"steroid_free_remission_le3_italian_upa", false}}},
      // Baseline 4 (not active): SWIBREG response not evaluable.
      {Json{{"hbi_baseline", 4}, {"hbi_followup", 0}, {"steroid_free", true}},
       Json{{"hbi_drop", 4}, {"response_drop_ge3", true}, {"response_drop_ge3_baseline_ge5", nullptr},
            {"response_evaluable_baseline_ge5", false},
            {"not_evaluable", {{"response_drop_ge3_baseline_ge5", {"hbi_baseline>=5"}}}}}},
      // No steroid information: the AND is unknown only where remission holds.
      {Json{{"hbi_baseline", 9}, {"hbi_followup", 3}},
       Json{{"remission_le3", true}, {"steroid_free_remission_lt5", nullptr},
            {"steroid_free_remission_le3_italian_upa", nullptr},
            {"not_evaluable", {{"steroid_free_remission_lt5", {"steroid_free"}},
                               {"steroid_free_remission_le3_italian_upa", {"steroid_free"}}}}}},
      {Json{{"hbi_baseline", 9}, {"hbi_followup", 8}},
       Json{{"steroid_free_remission_lt5", false}, {"not_evaluable", Json::object()}}},
      // Follow-up only: response needs the baseline.
      {Json{{"hbi_followup", 2}},
       Json{{"hbi_drop", nullptr}, {"response_drop_ge3", nullptr},
            {"response_evaluable_baseline_ge5", nullptr}, {"remission_lt5", true}}},
  }));
  CAPTURE(in);
  check_subset(expected, ok("hbi_endpoints", in));
}

TEST_CASE("pairwise: hbi_endpoints names missing inputs", "[pairwise][hbi][missing]") {
  const Json out = ok("hbi_endpoints", {{"hbi_followup", 2}});
  CHECK(out["not_evaluable"]["response_drop_ge3"] == Json::array({"hbi_baseline"}));
  CHECK(out["not_evaluable"]["steroid_free_remission_lt5"] == Json::array({"steroid_free"}));
  const Json b = ok("hbi_endpoints", {{"hbi_baseline", 8}});
  CHECK(b["remission_lt5"].is_null());
  CHECK(b["not_evaluable"]["remission_lt5"] == Json::array({"hbi_followup"}));
}

TEST_CASE("pairwise: cdai_endpoints", "[pairwise][cdai]") {
  auto [b, f, dec, cr100, cr70, lt150, le150, power] =
      GENERATE(table<int, int, int, bool, bool, bool, bool, bool>({
          {320, 215, 105, true, true, false, false, true},   // CDAIE-01
          {230, 145, 85, false, true, true, true, true},     // CDAIE-03
          {300, 200, 100, true, true, false, false, true},   // CDAIE-04
          {280, 210, 70, false, true, false, false, false},  // CDAIE-06
          {280, 211, 69, false, false, false, false, false},
          {300, 201, 99, false, true, false, false, false},
          {249, 150, 99, false, true, false, true, false},   // 150: <= 150 but not < 150
          {250, 150, 100, true, true, false, true, true},
          {160, 149, 11, false, false, true, true, true},
      }));
  CAPTURE(b, f);
  check_subset(Json{{"cdai_decrease", dec}, {"cr100", cr100}, {"cr70", cr70},
                    {"remission_lt150", lt150}, {"remission_le150_best1976_wording", le150},
                    {"power_clinical_response_dec100_or_lt150", power}},
               ok("cdai_endpoints", {{"cdai_baseline", b}, {"cdai_followup", f}}));
}

TEST_CASE("pairwise: ses_cd_endpoints", "[pairwise][ses_cd]") {
  auto [in, expected] = GENERATE(table<Json, Json>({
      {Json{{"ses_cd_baseline", 12}, {"ses_cd_followup", 5}, {"followup_max_item_score", 2},
            {"isolated_ileal_disease", false}, {"followup_any_ulcer", true}},
       Json{{"decrease", 7}, {"endoscopic_response_gt50_abbvie", true},
            {"endoscopic_response_ge50", true}, {"endoscopic_remission_abbvie", false},
            {"ses_cd_le2", false}, {"endoscopic_healing_stride2", false}}},  // SESE-01
      {Json{{"ses_cd_baseline", 4}, {"ses_cd_followup", 2}, {"followup_max_item_score", 1},
            {"isolated_ileal_disease", true}, {"followup_any_ulcer", false}},
       Json{{"decrease", 2}, {"endoscopic_response_gt50_abbvie", true},
            {"endoscopic_response_ge50", true}, {"endoscopic_remission_abbvie", true},
            {"ses_cd_le2", true}, {"endoscopic_healing_stride2", true}}},  // SESE-03
      {Json{{"ses_cd_baseline", 4}, {"ses_cd_followup", 2}, {"followup_max_item_score", 1},
            {"isolated_ileal_disease", false}, {"followup_any_ulcer", false}},
       Json{{"endoscopic_response_gt50_abbvie", false}, {"endoscopic_response_ge50", true},
            {"endoscopic_remission_abbvie", true}}},  // SESE-04
      {Json{{"ses_cd_baseline", 5}, {"ses_cd_followup", 4}, {"followup_max_item_score", 1},
            {"isolated_ileal_disease", false}, {"followup_any_ulcer", true}},
       Json{{"decrease", 1}, {"endoscopic_response_gt50_abbvie", false},
            {"endoscopic_response_ge50", false}, {"endoscopic_remission_abbvie", false},
            {"ses_cd_le2", false}, {"endoscopic_healing_stride2", false}}},  // SESE-06
      {Json{{"ses_cd_baseline", 20}, {"ses_cd_followup", 0}, {"followup_max_item_score", 0},
            {"isolated_ileal_disease", false}, {"followup_any_ulcer", false}},
       Json{{"decrease", 20}, {"endoscopic_response_gt50_abbvie", true},
            {"endoscopic_remission_abbvie", true}, {"ses_cd_0", true},
            {"endoscopic_healing_stride2", true}}},  // SESE-07
      // The non-monotone corner (SESE-02): 8 -> 4 is remission but not > 50 % response.
      {Json{{"ses_cd_baseline", 8}, {"ses_cd_followup", 4}, {"followup_max_item_score", 1},
            {"isolated_ileal_disease", false}, {"followup_any_ulcer", true}},
       Json{{"endoscopic_response_gt50_abbvie", false}, {"endoscopic_response_ge50", true},
            {"endoscopic_remission_abbvie", true}}},
      // Baseline 4 -> 2 without the location: not evaluable, naming it.
      {Json{{"ses_cd_baseline", 4}, {"ses_cd_followup", 2}},
       Json{{"endoscopic_response_gt50_abbvie", nullptr}, {"endoscopic_response_ge50", true},
            {"endoscopic_remission_abbvie", nullptr}, {"ses_cd_le2", true},
            {"endoscopic_healing_stride2", nullptr}}},
      // Ulcer-free endoscopy in patients with ulcers at baseline.
      {Json{{"ses_cd_followup", 3}, {"baseline_any_ulcer", true}, {"followup_any_ulcer", false}},
       Json{{"ulcer_free", true}, {"decrease", nullptr}}},
      {Json{{"ses_cd_followup", 3}, {"baseline_any_ulcer", false}, {"followup_any_ulcer", false}},
       Json{{"ulcer_free", nullptr}}},
  }));
  CAPTURE(in);
  check_subset(expected, ok("ses_cd_endpoints", in));
}

TEST_CASE("pairwise: ses_cd_endpoints not_evaluable lists", "[pairwise][ses_cd][missing]") {
  const Json out = ok("ses_cd_endpoints", {{"ses_cd_baseline", 4}, {"ses_cd_followup", 2}});
  CHECK(out["not_evaluable"]["endoscopic_response_gt50_abbvie"] ==
        Json::array({"isolated_ileal_disease"}));
  CHECK(out["not_evaluable"]["endoscopic_remission_abbvie"] ==
        Json::array({"followup_max_item_score"}));
  CHECK(out["not_evaluable"]["endoscopic_healing_stride2"] == Json::array({"followup_any_ulcer"}));
}

TEST_CASE("pairwise: pro2_endpoints", "[pairwise][pro2]") {
  auto [in, expected] = GENERATE(table<Json, Json>({
      // PRO2E-01: 2x6 + 5x2 = 22 -> 2x2 + 5x1 = 9.
      {Json{{"sf_avg_baseline", 6.0}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 2.0},
            {"ap_avg_followup", 1.0}},
       Json{{"pro2_weighted_baseline", 22.0}, {"pro2_weighted_followup", 9.0},
            {"sf_ap_remission_abbvie", true}, {"pro2_remission_stride2", true},
            {"pro2_remission_sf1_5", false}, {"sf_ap_clinical_response_30", true},
            {"stride2_clinical_response_pro2_50", true}}},
      // PRO2E-03: 20 -> 11 (45 %); SF 3 > 2.8; SF -40 %.
      {Json{{"sf_avg_baseline", 5.0}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 3.0},
            {"ap_avg_followup", 1.0}},
       Json{{"pro2_weighted_baseline", 20.0}, {"pro2_weighted_followup", 11.0},
            {"sf_ap_remission_abbvie", false}, {"pro2_remission_stride2", true},
            {"pro2_remission_sf1_5", false}, {"sf_ap_clinical_response_30", true},
            {"stride2_clinical_response_pro2_50", false}}},
      // PRO2E-04: 2x4 + 5x2 = 18 -> 2x3.6 + 5x1.4 = 14.2; AP -30 %.
      {Json{{"sf_avg_baseline", 4.0}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 3.6},
            {"ap_avg_followup", 1.4}},
       Json{{"pro2_weighted_baseline", 18.0}, {"pro2_weighted_followup", 14.2},
            {"sf_ap_remission_abbvie", false}, {"pro2_remission_stride2", false},
            {"pro2_remission_sf1_5", false}, {"sf_ap_clinical_response_30", true},
            {"stride2_clinical_response_pro2_50", false}}},
      // 2.8 / 1.0 not worse than baseline 2.8 / 1.0: AbbVie remission; 0 % response.
      {Json{{"sf_avg_baseline", 2.8}, {"ap_avg_baseline", 1.0}, {"sf_avg_followup", 2.8},
            {"ap_avg_followup", 1.0}},
       Json{{"sf_ap_remission_abbvie", true}, {"sf_ap_clinical_response_30", false},
            {"stride2_clinical_response_pro2_50", false}}},
  }));
  CAPTURE(in);
  check_subset(expected, ok("pro2_endpoints", in));
}

TEST_CASE("pairwise: ius, exact in hundredths of a millimetre", "[pairwise][ius]") {
  auto [b, f, doppler, reduction, resp, heal, consensus, le3] =
      GENERATE(table<double, double, bool, double, bool, bool, bool, bool>({
          {6.0, 4.0, false, 2.0, true, false, true, false},   // IUS-01
          {4.5, 3.0, false, 1.5, false, false, true, true},   // IUS-03: 33 %
          {4.1, 2.1, false, 2.0, true, true, true, true},     // IUS-04: 4.1 - 2.1 is exactly 2.0
          {5.0, 3.01, false, 1.99, false, false, true, false},  // 39.8 %
          {8.0, 6.5, true, 1.5, false, false, true, false},   // > 1.0 mm with Doppler
          {8.0, 6.5, false, 1.5, false, false, false, false},
          {4.0, 3.0, false, 1.0, false, false, false, true},  // 25 % exactly: not > 25 %
          {3.2, 2.99, false, 0.21, false, true, false, true},
      }));
  CAPTURE(b, f, doppler);
  const Json out = ok("ius", {{"bwt_baseline_mm", b},
                              {"bwt_followup_mm", f},
                              {"color_doppler_decreased", doppler}});
  CHECK(out["bwt_reduction_mm"].get<double>() == reduction);  // exact, no binary noise
  CHECK(out["transmural_response_ge2mm_italian_upa"] == resp);
  CHECK(out["transmural_healing_lt3mm_italian_upa"] == heal);
  CHECK(out["ius_response_consensus"] == consensus);
  CHECK(out["bwt_le3mm_consensus"] == le3);
}

TEST_CASE("pairwise: ius with one visit or without Doppler", "[pairwise][ius][missing]") {
  Json out = ok("ius", {{"bwt_followup_mm", 2.5}});
  CHECK(out["transmural_healing_lt3mm_italian_upa"] == true);
  CHECK(out["transmural_response_ge2mm_italian_upa"].is_null());
  CHECK(out["not_evaluable"]["transmural_response_ge2mm_italian_upa"] ==
        Json::array({"bwt_baseline_mm"}));
  CHECK(out["bwt_reduction_mm"].is_null());

  out = ok("ius", {{"bwt_baseline_mm", 8.0}, {"bwt_followup_mm", 6.5}});
  CHECK(out["ius_response_consensus"].is_null());
  CHECK(out["not_evaluable"]["ius_response_consensus"] ==
        Json::array({"color_doppler_decreased"}));
}

TEST_CASE("pairwise: stride2 targets", "[pairwise][stride2]") {
  SECTION("STR-01: every target met") {
    const Json out = ok("stride2", {{"pro2_sf_avg", 3.0},
                                    {"pro2_ap_avg", 1.0},
                                    {"hbi", 4},
                                    {"crp_mg_l", 3.0},
                                    {"crp_uln_mg_l", 5.0},
                                    {"fecal_calprotectin_ug_g", 200},
                                    {"ses_cd", 2},
                                    {"any_ulcer", false}});
    check_subset(Json{{"clinical_remission_pro2", true}, {"clinical_remission_hbi", true},
                      {"clinical_remission", true}, {"crp_normalised", true},
                      {"fc_lt250", true}, {"endoscopic_healing", true}},
                 out);
    // The short-term PRO2 response needs baseline values.
    CHECK(out["clinical_response_pro2_50"].is_null());
    const Json miss = out["not_evaluable"]["clinical_response_pro2_50"];
    CHECK(miss == Json::array({"pro2_sf_avg_baseline", "pro2_ap_avg_baseline"}));
  }
  SECTION("edges: SF 3.01, HBI 5, CRP = ULN, FC 250, SES-CD 3") {
    const Json out = ok("stride2", {{"pro2_sf_avg", 3.01},
                                    {"pro2_ap_avg", 1.0},
                                    {"hbi", 5},
                                    {"crp_value", 0.5},
                                    {"crp_unit", "mg/dL"},
                                    {"crp_uln_mg_l", 5.0},
                                    {"fecal_calprotectin_ug_g", 250},
                                    {"ses_cd", 3},
                                    {"any_ulcer", false}});
    check_subset(Json{{"clinical_remission_pro2", false}, {"clinical_remission_hbi", false},
                      {"clinical_remission", false}, {"crp_normalised", false},
                      {"fc_lt250", false}, {"endoscopic_healing", false}},
                 out);
  }
  SECTION("PRO2 response 50 % from a baseline") {
    // 2x6 + 5x2 = 22 -> 2x3 + 5x1 = 11: exactly 50 %.
    const Json out = ok("stride2", {{"pro2_sf_avg", 3.0},
                                    {"pro2_ap_avg", 1.0},
                                    {"pro2_sf_avg_baseline", 6.0},
                                    {"pro2_ap_avg_baseline", 2.0}});
    CHECK(out["clinical_response_pro2_50"] == true);
  }
  SECTION("missing inputs are named as this instrument names them") {
    const Json out = ok("stride2", {{"ses_cd", 2}});
    CHECK(out["clinical_remission"].is_null());
    CHECK(out["not_evaluable"]["clinical_remission"] ==
          Json::array({"pro2_sf_avg", "pro2_ap_avg", "hbi"}));
    CHECK(out["not_evaluable"]["clinical_remission_hbi"] == Json::array({"hbi"}));
    CHECK(out["not_evaluable"]["endoscopic_healing"] == Json::array({"any_ulcer"}));
    CHECK(out["not_evaluable"]["crp_normalised"] == Json::array({"crp", "crp_uln_mg_l"}));
    CHECK(out["not_evaluable"]["fc_lt250"] == Json::array({"fecal_calprotectin_ug_g"}));
  }
  SECTION("HBI alone achieves clinical remission (yes OR unknown)") {
    const Json out = ok("stride2", {{"hbi", 3}});
    CHECK(out["clinical_remission"] == true);
    CHECK(out["clinical_remission_pro2"].is_null());
  }
}

TEST_CASE("pairwise: study_power", "[pairwise][study]") {
  auto [b, w16, response, remission] = GENERATE(table<int, int, bool, bool>({
      {300, 140, true, true},    // POWER-01
      {228, 149, true, true},    // POWER-03: decrease 79 but < 150
      {300, 200, true, false},   // decrease 100
      {300, 201, false, false},  // decrease 99, 201
      {249, 150, false, false},  // decrease 99, 150
      {400, 420, false, false},
  }));
  CAPTURE(b, w16);
  const Json out = ok("study_power", {{"cdai_baseline", b}, {"cdai_week16", w16}});
  CHECK(out["clinical_response_week16"] == response);
  CHECK(out["clinical_remission_week16"] == remission);
}

TEST_CASE("pairwise: study_sequence", "[pairwise][study]") {
  SECTION("SEQ-01") {
    check_subset(Json{{"clinical_remission_week24_cdai_lt150", true},
                      {"endoscopic_remission_week48", true},
                      {"endoscopic_response_week48", true}},
                 ok("study_sequence", {{"cdai_week24", 149},
                                       {"ses_cd_baseline", 10},
                                       {"ses_cd_week48", 4},
                                       {"week48_max_item_score", 1},
                                       {"isolated_ileal_disease", false}}));
  }
  SECTION("SEQ-02 corner: 8 -> 4 is remission, not response") {
    check_subset(Json{{"endoscopic_remission_week48", true}, {"endoscopic_response_week48", false}},
                 ok("study_sequence", {{"ses_cd_baseline", 8},
                                       {"ses_cd_week48", 4},
                                       {"week48_max_item_score", 1},
                                       {"isolated_ileal_disease", false}}));
  }
  SECTION("week 24 and week 48 endoscopy from one baseline; ileal rule at both") {
    const Json out = ok("study_sequence", {{"ses_cd_baseline", 4},
                                           {"ses_cd_week24", 2},
                                           {"ses_cd_week48", 3},
                                           {"week48_max_item_score", 1},
                                           {"isolated_ileal_disease", true},
                                           {"cdai_week24", 150},
                                           {"cdai_week48", 120}});
    CHECK(out["endoscopic_response_week24"] == true);   // 4 -> 2, ileal
    CHECK(out["endoscopic_response_week48"] == false);  // 4 -> 3
    CHECK(out["endoscopic_remission_week48"] == false); // decrease 1
    CHECK(out["clinical_remission_week24_cdai_lt150"] == false);
    CHECK(out["clinical_remission_week48_cdai_lt150"] == true);
  }
  SECTION("missing week-48 data is named with week-48 names") {
    const Json out = ok("study_sequence", {{"cdai_week24", 100}});
    CHECK(out["clinical_remission_week24_cdai_lt150"] == true);
    CHECK(out["not_evaluable"]["clinical_remission_week48_cdai_lt150"] ==
          Json::array({"cdai_week48"}));
    CHECK(out["not_evaluable"]["endoscopic_remission_week48"] ==
          Json::array({"ses_cd_week48", "ses_cd_baseline", "week48_max_item_score"}));
    CHECK(out["not_evaluable"]["endoscopic_response_week24"] ==
          Json::array({"ses_cd_baseline", "ses_cd_week24"}));
  }
}

TEST_CASE("pairwise: study_italian_upa", "[pairwise][study]") {
  SECTION("ITA-01: all met") {
    check_subset(Json{{"steroid_free_clinical_remission_hbi_le3", true},
                      {"clinical_response_hbi_drop_gt3", true},
                      {"biochemical_remission", true},
                      {"transmural_response", true},
                      {"transmural_healing", true},
                      {"deep_remission", true}},
                 ok("study_italian_upa", {{"hbi_baseline", 9},
                                          {"hbi_followup", 3},
                                          {"steroid_free", true},
                                          {"fecal_calprotectin_ug_g", 100},
                                          {"crp_mg_dl", 0.2},
                                          {"bwt_baseline_mm", 6.0},
                                          {"bwt_followup_mm", 2.8}}));
  }
  SECTION("ITA-03: none met") {
    check_subset(Json{{"steroid_free_clinical_remission_hbi_le3", false},
                      {"clinical_response_hbi_drop_gt3", false},
                      {"biochemical_remission", false},
                      {"transmural_response", false},
                      {"transmural_healing", false},
                      {"deep_remission", false}},
                 ok("study_italian_upa", {{"hbi_baseline", 8},
                                          {"hbi_followup", 5},
                                          {"steroid_free", true},
                                          {"fecal_calprotectin_ug_g", 180},
                                          {"crp_mg_dl", 0.6},
                                          {"bwt_baseline_mm", 5.0},
                                          {"bwt_followup_mm", 4.0}}));
  }
  SECTION("edges: drop exactly 3, CRP 0.5 mg/dL, BWT 4.1 -> 2.1 and 3.0") {
    const Json out = ok("study_italian_upa", {{"hbi_baseline", 6},
                                              {"hbi_followup", 3},
                                              {"steroid_free", true},
                                              {"fecal_calprotectin_ug_g", 100},
                                              {"crp_value", 0.5},
                                              {"crp_unit", "mg/dL"},
                                              {"bwt_baseline_mm", 4.1},
                                              {"bwt_followup_mm", 2.1}});
    CHECK(out["clinical_response_hbi_drop_gt3"] == false);  // 3 is not > 3
    CHECK(out["biochemical_remission"] == false);           // 5 mg/L is not < 5 mg/L
    CHECK(out["transmural_response"] == true);              // exactly 2.0 mm
    CHECK(out["transmural_healing"] == true);               // 2.1 < 3
    CHECK(out["deep_remission"] == false);
  }
  SECTION("without ultrasound, deep remission is not evaluable") {
    const Json out = ok("study_italian_upa", {{"hbi_baseline", 9},
                                              {"hbi_followup", 3},
                                              {"steroid_free", true},
                                              {"fecal_calprotectin_ug_g", 100},
                                              {"crp_mg_l", 2}});
    CHECK(out["deep_remission"].is_null());
    CHECK(out["not_evaluable"]["deep_remission"] == Json::array({"bwt_followup_mm"}));
    CHECK(out["transmural_response"].is_null());
  }
}

TEST_CASE("pairwise: study_dutch_ust_reinduction", "[pairwise][study]") {
  Json out = ok("study_dutch_ust_reinduction", {{"hbi", 4}});  // NL-01
  CHECK(out["clinical_remission_hbi_le4"] == true);
  CHECK(out["drug_survival"].is_null());
  CHECK(out["not_evaluable"]["drug_survival"] == Json::array({"discontinued"}));
  out = ok("study_dutch_ust_reinduction", {{"hbi", 5}, {"discontinued", false}});
  CHECK(out["clinical_remission_hbi_le4"] == false);
  CHECK(out["drug_survival"] == true);
  out = ok("study_dutch_ust_reinduction", {{"discontinued", true}});
  CHECK(out["drug_survival"] == false);
  CHECK(out["not_evaluable"]["clinical_remission_hbi_le4"] == Json::array({"hbi"}));
}

TEST_CASE("pairwise: validation of the flat instruments", "[pairwise][validation]") {
  auto [instrument, in, code, field] = GENERATE(table<std::string, Json, std::string, std::string>({
      {"hbi_endpoints", Json::object(), "missing_field", "hbi_baseline"},
      {"hbi_endpoints", Json{{"hbi_baseline", -1}}, "out_of_range", "hbi_baseline"},
      {"hbi_endpoints", Json{{"hbi_followup", 119}}, "out_of_range", "hbi_followup"},
      {"hbi_endpoints", Json{{"hbi_followup", 2.5}}, "invalid_type", "hbi_followup"},
      {"hbi_endpoints", Json{{"hbi_followup", 2}, {"steroid_free", "yes"}}, "invalid_type",
       "steroid_free"},
      {"hbi_endpoints", Json{{"hbi_followup", 2}, {"steroids", false}}, "unknown_value",
       "steroids"},
      {"cdai_endpoints", Json{{"cdai_baseline", 300}}, "missing_field", "cdai_followup"},
      {"cdai_endpoints", Json{{"cdai_baseline", 300}, {"cdai_followup", 150.5}}, "invalid_type",
       "cdai_followup"},
      {"cdai_endpoints", Json{{"cdai_baseline", 1501}, {"cdai_followup", 150}}, "out_of_range",
       "cdai_baseline"},
      {"cdai_endpoints", Json{{"cdai_baseline", 300}, {"cdai_followup", -201}}, "out_of_range",
       "cdai_followup"},
      {"ses_cd_endpoints", Json{{"ses_cd_baseline", 61}}, "out_of_range", "ses_cd_baseline"},
      {"ses_cd_endpoints", Json{{"ses_cd_followup", 2}, {"followup_max_item_score", 4}},
       "out_of_range", "followup_max_item_score"},
      {"ses_cd_endpoints", Json{{"ses_cd_followup", 2}, {"followup_max_item_score", 3}},
       "out_of_range", "followup_max_item_score"},  // a cell of 3 cannot fit in a total of 2
      {"ses_cd_endpoints", Json{{"ses_cd_followup", 2}, {"isolated_ileal_disease", 1}},
       "invalid_type", "isolated_ileal_disease"},
      {"pro2_endpoints",
       Json{{"sf_avg_baseline", 5.0}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 2.0}},
       "missing_field", "ap_avg_followup"},
      {"pro2_endpoints",
       Json{{"sf_avg_baseline", 5.0}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 2.0},
            {"ap_avg_followup", 3.5}},
       "out_of_range", "ap_avg_followup"},
      {"pro2_endpoints",
       Json{{"sf_avg_baseline", "5"}, {"ap_avg_baseline", 2.0}, {"sf_avg_followup", 2.0},
            {"ap_avg_followup", 1.0}},
       "invalid_type", "sf_avg_baseline"},
      {"ius", Json{{"bwt_baseline_mm", 4.123}}, "invalid_type", "bwt_baseline_mm"},
      {"ius", Json{{"bwt_followup_mm", 0.4}}, "out_of_range", "bwt_followup_mm"},
      {"ius", Json{{"bwt_followup_mm", 31}}, "out_of_range", "bwt_followup_mm"},
      {"ius", Json{{"bwt_followup_mm", "3"}}, "invalid_type", "bwt_followup_mm"},
      {"ius", Json{{"bwt_followup_mm", 3}, {"color_doppler_decreased", "yes"}}, "invalid_type",
       "color_doppler_decreased"},
      {"stride2", Json{{"hbi", 3}, {"crp_value", 3}, {"crp_unit", "mg"}}, "unknown_value",
       "crp_unit"},
      {"stride2", Json{{"pro2_ap_avg", 4}}, "out_of_range", "pro2_ap_avg"},
      {"study_power", Json{{"cdai_baseline", 300}}, "missing_field", "cdai_week16"},
      {"study_power", Json{{"cdai_baseline", 300}, {"cdai_week16", 140}, {"cdai_followup", 1}},
       "unknown_value", "cdai_followup"},
      {"study_sequence", Json{{"ses_cd_week48", 2}, {"week48_max_item_score", 3}},
       "out_of_range", "week48_max_item_score"},
      {"study_italian_upa", Json{{"hbi_followup", 3}, {"crp_mg_dl", -0.1}}, "out_of_range",
       "crp_mg_dl"},
      {"study_dutch_ust_reinduction", Json{{"hbi", 3}, {"discontinued", "no"}}, "invalid_type",
       "discontinued"},
  }));
  CAPTURE(instrument, in);
  const Json out = run(instrument, in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == field);
}
