// SPDX-License-Identifier: MIT
// Crohn's Disease Activity Index (clinical-spec §2, §0.3 defaults 1-3, ambiguities A6-A12):
// the eight weighted variables, standard weight, hematocrit/weight options, rounding and bands.
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/cdai.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::near;
using crohn_test::run;

namespace {

/// Every variable at zero: male, Hct at the male reference 47 (0 points), weight equal to the
/// standard weight (0 points). Total 0.
Json zero_cdai() {
  return Json{{"sex", "male"},
              {"liquid_stools_7d_total", 0},
              {"abdominal_pain_7d_sum", 0},
              {"general_wellbeing_7d_sum", 0},
              {"cdai_complications", Json::array()},
              {"antidiarrheal_use", false},
              {"abdominal_mass", 0},
              {"hematocrit_pct", 47},
              {"weight_kg", 70},
              {"standard_weight_kg", 70}};
}

/// Public vector CDAI-01 (sophiewell worked example).
Json cdai01() {
  return Json{{"sex", "male"},
              {"liquid_stools_7d_total", 20},
              {"abdominal_pain_7d_sum", 14},
              {"general_wellbeing_7d_sum", 7},
              {"cdai_complications", {"arthritis_arthralgia"}},
              {"antidiarrheal_use", true},
              {"abdominal_mass", 2},
              {"hematocrit_pct", 40},
              {"weight_kg", 60},
              {"standard_weight_kg", 70}};
}

Json ok(const Json& in) { return crohn_test::run_ok("cdai", in); }

}  // namespace

TEST_CASE("cdai: each variable carries its Best 1976 multiplier", "[cdai]") {
  // §2.1 multipliers: stools x2, pain x5, well-being x7, complications x20, antidiarrhoeal x30,
  // mass x10, hematocrit x6, weight x1.
  auto [key, value, component, points] = GENERATE(table<std::string, Json, std::string, double>({
      {"liquid_stools_7d_total", Json(1), "stools_points", 2},      // 1 x 2
      {"liquid_stools_7d_total", Json(20), "stools_points", 40},    // 20 x 2
      {"liquid_stools_7d_total", Json(700), "stools_points", 1400}, // 7 x 100/day x 2
      {"abdominal_pain_7d_sum", Json(1), "pain_points", 5},         // 1 x 5
      {"abdominal_pain_7d_sum", Json(14), "pain_points", 70},       // 14 x 5
      {"abdominal_pain_7d_sum", Json(21), "pain_points", 105},      // 21 x 5 (max)
      {"general_wellbeing_7d_sum", Json(1), "wellbeing_points", 7}, // 1 x 7
      {"general_wellbeing_7d_sum", Json(7), "wellbeing_points", 49},  // 7 x 7
      {"general_wellbeing_7d_sum", Json(28), "wellbeing_points", 196},  // 28 x 7 (max)
      {"antidiarrheal_use", Json(true), "antidiarrheal_points", 30},     // 1 x 30
      {"antidiarrheal_use", Json(false), "antidiarrheal_points", 0},
      {"abdominal_mass", Json(0), "mass_points", 0},                // none
      {"abdominal_mass", Json(2), "mass_points", 20},               // questionable 2 x 10
      {"abdominal_mass", Json(5), "mass_points", 50},               // definite 5 x 10
      {"hematocrit_pct", Json(40), "hematocrit_points", 42},        // (47 - 40) x 6
      {"hematocrit_pct", Json(46.5), "hematocrit_points", 3},       // (47 - 46.5) x 6
      {"weight_kg", Json(63), "weight_points", 10},                 // 100 x (1 - 63/70)
  }));
  CAPTURE(key, value, component);
  Json in = zero_cdai();
  in[key] = value;
  const Json out = ok(in);
  CHECK(near(out["components"][component], points, 1e-9));
  CHECK(near(out["cdai_unrounded"], points, 1e-9));
}

TEST_CASE("cdai: each complication category is 20 points, all six 120", "[cdai]") {
  auto name = GENERATE(values<std::string>({"arthritis_arthralgia", "iritis_uveitis",
                                            "skin_mouth_lesions", "anal_fissure_fistula_abscess",
                                            "other_fistula", "fever_over_37_8c"}));
  CAPTURE(name);
  Json in = zero_cdai();
  in["cdai_complications"] = {name};
  CHECK(ok(in)["components"]["complications_points"] == 20);

  in["cdai_complications"] = {"arthritis_arthralgia", "iritis_uveitis", "skin_mouth_lesions",
                              "anal_fissure_fistula_abscess", "other_fistula",
                              "fever_over_37_8c", name};  // a duplicate counts once (§0.3.5)
  const Json out = ok(in);
  CHECK(out["components"]["complications_points"] == 120);  // 6 x 20
  CHECK(out["complications"].size() == 6);
}

TEST_CASE("cdai: worked example CDAI-01 (285, moderate)", "[cdai]") {
  // 20x2=40; 14x5=70; 7x7=49; 1x20=20; 30; 2x10=20; (47-40)x6=42; 100x(1-60/70)=14.285714
  // sum = 285.285714 -> 285 -> moderate (220-450).
  const Json out = ok(cdai01());
  CHECK(out["components"]["stools_points"] == 40);
  CHECK(out["components"]["pain_points"] == 70);
  CHECK(out["components"]["wellbeing_points"] == 49);
  CHECK(out["components"]["complications_points"] == 20);
  CHECK(out["components"]["antidiarrheal_points"] == 30);
  CHECK(out["components"]["mass_points"] == 20);
  CHECK(near(out["components"]["hematocrit_points"], 42.0));
  CHECK(near(out["components"]["weight_points"], 14.2857));
  CHECK(near(out["percent_below_standard_weight_raw"], 14.2857));
  CHECK(near(out["cdai_unrounded"], 285.2857));
  CHECK(out["cdai_total"] == 285);
  CHECK(out["cdai_band"] == "moderate");
  CHECK(out["standard_weight_method"] == "given");
  CHECK(out["options"]["hematocrit_mode"] == "signed");
  CHECK(out["options"]["weight_mode"] == "signed_floor_minus10");
}

TEST_CASE("cdai: female hematocrit reference is 42", "[cdai]") {
  // CDAI-03: as CDAI-01 but female: (42 - 40) x 6 = 12; 285.2857 - 42 + 12 = 255.2857 -> 255.
  Json in = cdai01();
  in["sex"] = "female";
  const Json out = ok(in);
  CHECK(near(out["components"]["hematocrit_points"], 12.0));
  CHECK(near(out["cdai_unrounded"], 255.2857));
  CHECK(out["cdai_total"] == 255);
  CHECK(out["cdai_band"] == "moderate");
}

TEST_CASE("cdai: band edges 149/150, 219/220, 450/451", "[cdai][bands]") {
  // §2.4: < 150 remission, 150-219 mild, 220-450 moderate, > 450 severe (A6 default). The
  // alternative edges (Merck/mdapp/sophiewell) put 220 in mild and start moderate at 221.
  // Totals built from stools (x2) plus one pain point (x5), everything else 0.
  auto [stools, pain, total, band, alt] = GENERATE(table<int, int, int, std::string, std::string>({
      {0, 0, 0, "remission", "remission"},
      {72, 1, 149, "remission", "remission"},  // 144 + 5
      {75, 0, 150, "mild", "mild"},            // 150
      {107, 1, 219, "mild", "mild"},           // 214 + 5
      {110, 0, 220, "moderate", "mild"},       // 220: A6 - the two conventions disagree
      {108, 1, 221, "moderate", "moderate"},   // 216 + 5
      {225, 0, 450, "moderate", "moderate"},   // 450
      {223, 1, 451, "severe", "severe"},       // 446 + 5
      {600, 0, 1200, "severe", "severe"},
  }));
  CAPTURE(stools, pain, total);
  Json in = zero_cdai();
  in["liquid_stools_7d_total"] = stools;
  in["abdominal_pain_7d_sum"] = pain;
  const Json out = ok(in);
  CHECK(out["cdai_total"] == total);
  CHECK(out["cdai_band"] == band);
  CHECK(out["cdai_band_alt_150_220_221_450"] == alt);
  CHECK(crohn::band_name(crohn::cdai::band(total)) == band);
  CHECK(crohn::band_name(crohn::cdai::band_alt_150_220_221_450(total)) == alt);
}

TEST_CASE("cdai: rounding half up, band on the rounded integer (149.5)", "[cdai][rounding]") {
  // §0.3.1 / A11: total = floor(x + 0.5); the band uses the rounded integer.
  // Integer part 149 = 72 stools x 2 + 1 pain x 5; weight term 100 x (1 - w/80).
  auto [weight, unrounded, total, band, band_unrounded] =
      GENERATE(table<double, double, long long, std::string, std::string>({
          {80.0, 149.0, 149, "remission", "remission"},   // 1 - 80/80 = 0
          {79.68, 149.4, 149, "remission", "remission"},  // 100 x 0.004 = 0.4
          {79.6, 149.5, 150, "mild", "remission"},        // 100 x 0.005 = 0.5 -> half up -> 150
          {79.2, 150.0, 150, "mild", "mild"},             // 100 x 0.01 = 1
      }));
  CAPTURE(weight);
  Json in = zero_cdai();
  in["liquid_stools_7d_total"] = 72;
  in["abdominal_pain_7d_sum"] = 1;
  in["weight_kg"] = weight;
  in["standard_weight_kg"] = 80;
  const Json out = ok(in);
  CHECK(near(out["cdai_unrounded"], unrounded, 1e-9));
  CHECK(out["cdai_total"] == total);
  CHECK(out["cdai_band"] == band);
  CHECK(out["cdai_band_if_unrounded_used"] == band_unrounded);
}

TEST_CASE("cdai: CDAI-19 exact vector (149.5 -> 150 mild)", "[cdai][rounding]") {
  // 2x2=4; 7x5=35; 10x7=70; 2x20=40; Hct 47 -> 0; 100x(1-79.6/80)=0.5 -> 149.5 -> 150.
  Json in = zero_cdai();
  in["liquid_stools_7d_total"] = 2;
  in["abdominal_pain_7d_sum"] = 7;
  in["general_wellbeing_7d_sum"] = 10;
  in["cdai_complications"] = {"arthritis_arthralgia", "other_fistula"};
  in["weight_kg"] = 79.6;
  in["standard_weight_kg"] = 80;
  const Json out = ok(in);
  CHECK(near(out["components"]["weight_points"], 0.5, 1e-9));
  CHECK(near(out["cdai_unrounded"], 149.5, 1e-9));
  CHECK(out["cdai_total"] == 150);
  CHECK(out["cdai_band"] == "mild");
  CHECK(out["cdai_band_if_unrounded_used"] == "remission");
}

TEST_CASE("cdai: rounding of the other band edges and of negative totals", "[cdai][rounding]") {
  // A11: floor(x + 0.5) rounds every .5 up, including negative values (-2.5 -> -2, where
  // std::round would give -3).
  SECTION("219.5 -> 220 moderate; a calculator banding the unrounded value says mild") {
    Json in = zero_cdai();
    in["liquid_stools_7d_total"] = 107;  // 214
    in["abdominal_pain_7d_sum"] = 1;     // 5 -> 219
    in["weight_kg"] = 79.6;              // 0.5
    in["standard_weight_kg"] = 80;
    const Json out = ok(in);
    CHECK(out["cdai_total"] == 220);
    CHECK(out["cdai_band"] == "moderate");
    CHECK(out["cdai_band_if_unrounded_used"] == "mild");
  }
  SECTION("450.5 -> 451 severe") {
    Json in = zero_cdai();
    in["liquid_stools_7d_total"] = 225;  // 450
    in["weight_kg"] = 79.6;              // 0.5
    in["standard_weight_kg"] = 80;
    const Json out = ok(in);
    CHECK(out["cdai_total"] == 451);
    CHECK(out["cdai_band"] == "severe");
  }
  SECTION("-2.5 -> -2") {
    // Weight 82 kg, standard 80: 100 x (1 - 82/80) = -2.5 (above the -10 floor).
    Json in = zero_cdai();
    in["weight_kg"] = 82;
    in["standard_weight_kg"] = 80;
    const Json out = ok(in);
    CHECK(near(out["cdai_unrounded"], -2.5, 1e-9));
    CHECK(out["cdai_total"] == -2);
    CHECK(out["cdai_band"] == "remission");
  }
  SECTION("-3.5 -> -3 via the typed helper") {
    CHECK(crohn::round_half_up(-3.5) == -3);
    CHECK(crohn::round_half_up(149.5) == 150);
    CHECK(crohn::round_half_up(149.49) == 149);
    CHECK(crohn::round_half_up(0.5) == 1);
    CHECK(crohn::round_half_up(-0.5) == 0);
  }
}

TEST_CASE("cdai: hematocrit_mode signed / clamp_zero / absolute", "[cdai][options]") {
  // A7: signed = 6 x (ref - Hct) (default, Best 1976); clamp_zero sets negatives to 0;
  // absolute = 6 x |ref - Hct|. Reference 47 (male) / 42 (female).
  auto [sex, hct, mode, points] = GENERATE(table<std::string, double, std::string, double>({
      {"male", 40, "signed", 42},     {"male", 40, "clamp_zero", 42},
      {"male", 40, "absolute", 42},   // 6 x 7
      {"male", 50, "signed", -18},    {"male", 50, "clamp_zero", 0},
      {"male", 50, "absolute", 18},   // 6 x -3
      {"male", 47.5, "signed", -3},   {"male", 47.5, "clamp_zero", 0},
      {"male", 47.5, "absolute", 3},  // 6 x -0.5
      {"male", 47, "signed", 0},      {"male", 47, "clamp_zero", 0},
      {"male", 47, "absolute", 0},
      {"female", 36, "signed", 36},   {"female", 36, "clamp_zero", 36},
      {"female", 36, "absolute", 36}, // 6 x (42 - 36)
      {"female", 45, "signed", -18},  {"female", 45, "clamp_zero", 0},
      {"female", 45, "absolute", 18}, // 6 x (42 - 45)
      {"female", 47, "signed", -30},  // a male-normal Hct is high for a woman: 6 x -5
  }));
  CAPTURE(sex, hct, mode);
  Json in = zero_cdai();
  in["sex"] = sex;
  in["hematocrit_pct"] = hct;
  in["options"] = {{"hematocrit_mode", mode}};
  const Json out = ok(in);
  CHECK(near(out["components"]["hematocrit_points"], points, 1e-9));
  CHECK(near(out["cdai_unrounded"], points, 1e-9));
  CHECK(out["options"]["hematocrit_mode"] == mode);
  if (mode == "signed") {  // signed is the default: the same without options
    in.erase("options");
    CHECK(near(ok(in)["components"]["hematocrit_points"], points, 1e-9));
  }
}

TEST_CASE("cdai: weight_mode signed_floor_minus10 / signed_unbounded / clamp_zero", "[cdai][options]") {
  // A8: percent below standard = 100 x (1 - weight / standard). Default floors the term at -10
  // (Medicare Australia); signed_unbounded keeps it; clamp_zero sets negatives to 0. The raw
  // percentage is always reported.
  auto [weight, raw, mode, points] = GENERATE(table<double, double, std::string, double>({
      {60, 14.285714, "signed_floor_minus10", 14.285714},  // 100 x 10/70
      {60, 14.285714, "signed_unbounded", 14.285714},
      {60, 14.285714, "clamp_zero", 14.285714},
      {70, 0, "signed_floor_minus10", 0},
      {70, 0, "signed_unbounded", 0},
      {70, 0, "clamp_zero", 0},
      {73.5, -5, "signed_floor_minus10", -5},  // 100 x (1 - 1.05)
      {73.5, -5, "signed_unbounded", -5},
      {73.5, -5, "clamp_zero", 0},
      {77, -10, "signed_floor_minus10", -10},  // exactly at the floor: 100 x (1 - 1.1)
      {77, -10, "signed_unbounded", -10},
      {77, -10, "clamp_zero", 0},
      {84, -20, "signed_floor_minus10", -10},  // 100 x (1 - 1.2) = -20 -> floor -10
      {84, -20, "signed_unbounded", -20},
      {84, -20, "clamp_zero", 0},
      {90, -28.571429, "signed_floor_minus10", -10},  // 100 x (1 - 90/70)
      {90, -28.571429, "signed_unbounded", -28.571429},
      {90, -28.571429, "clamp_zero", 0},
  }));
  CAPTURE(weight, mode);
  Json in = zero_cdai();
  in["weight_kg"] = weight;
  in["options"] = {{"weight_mode", mode}};
  const Json out = ok(in);
  CHECK(near(out["percent_below_standard_weight_raw"], raw, 1e-6));
  CHECK(near(out["components"]["weight_points"], points, 1e-6));
  CHECK(near(out["cdai_unrounded"], points, 1e-6));
  CHECK(out["options"]["weight_mode"] == mode);
  if (mode == "signed_floor_minus10") {  // the default
    in.erase("options");
    CHECK(near(ok(in)["components"]["weight_points"], points, 1e-6));
  }
}

TEST_CASE("cdai: both options together (CDAI-06/07 style)", "[cdai][options]") {
  // Stools 28 x 2 = 56; pain 14 x 5 = 70; well-being 7 x 7 = 49; Hct 47 -> 0;
  // weight 90 / standard 70 -> -28.5714.
  Json in = zero_cdai();
  in["liquid_stools_7d_total"] = 28;
  in["abdominal_pain_7d_sum"] = 14;
  in["general_wellbeing_7d_sum"] = 7;
  in["weight_kg"] = 90;
  SECTION("unbounded: 175 - 28.5714 = 146.4286 -> 146 remission") {
    in["options"] = {{"weight_mode", "signed_unbounded"}, {"hematocrit_mode", "signed"}};
    const Json out = ok(in);
    CHECK(near(out["cdai_unrounded"], 146.4286));
    CHECK(out["cdai_total"] == 146);
    CHECK(out["cdai_band"] == "remission");
  }
  SECTION("default floor: 175 - 10 = 165 mild") {
    const Json out = ok(in);
    CHECK(near(out["cdai_unrounded"], 165.0, 1e-9));
    CHECK(out["cdai_total"] == 165);
    CHECK(out["cdai_band"] == "mild");
  }
  SECTION("clamp_zero: 175 mild") {
    in["options"] = {{"weight_mode", "clamp_zero"}, {"hematocrit_mode", "absolute"}};
    const Json out = ok(in);
    CHECK(out["cdai_total"] == 175);
    CHECK(out["cdai_band"] == "mild");
  }
}

TEST_CASE("cdai: keys_bmi standard weight for men and women", "[cdai][keys_bmi]") {
  // A9 / §2.2 (IG-IBD): men 22.1 x h(m)^2, women 20.8 x h(m)^2.
  auto [sex, height, weight, standard, raw, points] =
      GENERATE(table<std::string, double, double, double, double, double>({
          // 22.1 x 1.75^2 = 22.1 x 3.0625 = 67.68125; 100 x (1 - 60/67.68125) = 11.349155
          {"male", 175, 60, 67.68125, 11.349155, 11.349155},
          // 22.1 x 1.8^2 = 22.1 x 3.24 = 71.604; 100 x (1 - 80/71.604) = -11.725602 -> floor -10
          {"male", 180, 80, 71.604, -11.725602, -10},
          // CDAI-09: 20.8 x 1.65^2 = 20.8 x 2.7225 = 56.628; 100 x (1 - 50/56.628) = 11.704457
          {"female", 165, 50, 56.628, 11.704457, 11.704457},
          // 20.8 x 1.6^2 = 20.8 x 2.56 = 53.248; 100 x (1 - 60/53.248) = -12.680288 -> -10
          {"female", 160, 60, 53.248, -12.680288, -10},
      }));
  CAPTURE(sex, height, weight);
  Json in = zero_cdai();
  in.erase("standard_weight_kg");
  in["sex"] = sex;
  in["hematocrit_pct"] = sex == "male" ? 47 : 42;  // 0 hematocrit points for either sex
  in["height_cm"] = height;
  in["standard_weight_method"] = "keys_bmi";
  in["weight_kg"] = weight;
  const Json out = ok(in);
  CHECK(near(out["standard_weight_kg"], standard, 1e-6));
  CHECK(out["standard_weight_method"] == "keys_bmi");
  CHECK(near(out["percent_below_standard_weight_raw"], raw, 1e-5));
  CHECK(near(out["components"]["weight_points"], points, 1e-5));

  const auto s = sex == "male" ? crohn::cdai::Sex::kMale : crohn::cdai::Sex::kFemale;
  CHECK(crohn::cdai::keys_bmi_standard_weight(s, height) == Approx(standard).margin(1e-9));
}

TEST_CASE("cdai: CDAI-09 full vector (female, keys_bmi)", "[cdai][keys_bmi]") {
  // 21x2=42; 10x5=50; 12x7=84; 1x20=20; 0; 0; (42-36)x6=36; 11.704457
  // -> 232 + 11.704457 = 243.704457 -> 244 moderate.
  const Json out = ok({{"sex", "female"},
                       {"liquid_stools_7d_total", 21},
                       {"abdominal_pain_7d_sum", 10},
                       {"general_wellbeing_7d_sum", 12},
                       {"cdai_complications", {"iritis_uveitis"}},
                       {"antidiarrheal_use", false},
                       {"abdominal_mass", 0},
                       {"hematocrit_pct", 36},
                       {"weight_kg", 50},
                       {"height_cm", 165},
                       {"standard_weight_method", "keys_bmi"}});
  CHECK(near(out["cdai_unrounded"], 243.7045));
  CHECK(out["cdai_total"] == 244);
  CHECK(out["cdai_band"] == "moderate");
}

TEST_CASE("cdai: daily diary arrays give the same result as weekly sums", "[cdai][diary]") {
  // §0.1: liquid_stools_daily[7] etc. are summed over the 7 days (A10); the same sums as CDAI-01.
  const Json weekly = ok(cdai01());
  Json daily_in = cdai01();
  daily_in.erase("liquid_stools_7d_total");
  daily_in.erase("abdominal_pain_7d_sum");
  daily_in.erase("general_wellbeing_7d_sum");
  daily_in["liquid_stools_daily"] = {3, 2, 4, 1, 5, 2, 3};     // 20
  daily_in["abdominal_pain_daily"] = {2, 3, 1, 2, 2, 3, 1};    // 14
  daily_in["general_wellbeing_daily"] = {1, 0, 2, 1, 1, 1, 1};  // 7
  const Json daily = ok(daily_in);
  CHECK(daily == weekly);
  CHECK(daily["liquid_stools_7d_total"] == 20);
  CHECK(daily["abdominal_pain_7d_sum"] == 14);
  CHECK(daily["general_wellbeing_7d_sum"] == 7);
  CHECK(daily["cdai_total"] == 285);

  SECTION("mixed forms, one item daily and the others weekly") {
    Json mixed = cdai01();
    mixed.erase("abdominal_pain_7d_sum");
    mixed["abdominal_pain_daily"] = {2, 2, 2, 2, 2, 2, 2};  // 14
    CHECK(ok(mixed) == weekly);
  }
  SECTION("average-per-day presentation (x14 / x35 / x49) is the same number") {
    // Merck style: mean stools 20/7 x 14 = 40; mean pain 2 x 35 = 70; mean well-being 1 x 49 = 49.
    CHECK(daily["components"]["stools_points"] == 40);
    CHECK(daily["components"]["pain_points"] == 70);
    CHECK(daily["components"]["wellbeing_points"] == 49);
  }
}

TEST_CASE("cdai: typed API", "[cdai]") {
  crohn::cdai::Input in;
  in.sex = crohn::cdai::Sex::kMale;
  in.liquid_stools_7d_total = 20;
  in.abdominal_pain_7d_sum = 14;
  in.general_wellbeing_7d_sum = 7;
  in.complications = {"arthritis_arthralgia"};
  in.antidiarrheal_use = true;
  in.abdominal_mass = 2;
  in.hematocrit_pct = 40;
  in.weight_kg = 60;
  in.standard_weight_kg = 70;
  const auto r = crohn::cdai::compute(in);
  // Same arithmetic as CDAI-01: 285.285714 -> 285 moderate.
  CHECK(r.components.stools == 40);
  CHECK(r.components.pain == 70);
  CHECK(r.components.wellbeing == 49);
  CHECK(r.components.complications == 20);
  CHECK(r.components.antidiarrheal == 30);
  CHECK(r.components.mass == 20);
  CHECK(r.components.hematocrit == Approx(42.0).margin(1e-9));
  CHECK(r.components.weight == Approx(100.0 / 7.0).margin(1e-8));
  CHECK(r.unrounded == Approx(285.0 + 2.0 / 7.0).margin(1e-8));
  CHECK(r.total == 285);
  CHECK(r.band == crohn::Band::kModerate);

  in.hematocrit_mode = crohn::cdai::HematocritMode::kAbsolute;
  in.hematocrit_pct = 50;  // |47 - 50| x 6 = 18
  in.weight_mode = crohn::cdai::WeightMode::kClampZero;
  in.weight_kg = 90;  // negative -> 0
  const auto r2 = crohn::cdai::compute(in);
  CHECK(r2.components.hematocrit == Approx(18.0).margin(1e-9));
  CHECK(r2.components.weight == 0.0);
  CHECK(r2.total == 40 + 70 + 49 + 20 + 30 + 20 + 18);  // 247
}

TEST_CASE("cdai: validation errors name the field", "[cdai][validation]") {
  auto [key, bad, code] = GENERATE(table<std::string, Json, std::string>({
      {"sex", Json("other"), "unknown_value"},
      {"sex", Json(1), "invalid_type"},
      {"sex", Json("Male"), "unknown_value"},
      {"liquid_stools_7d_total", Json(-1), "out_of_range"},
      {"liquid_stools_7d_total", Json(701), "out_of_range"},  // > 7 x 100 plausibility
      {"liquid_stools_7d_total", Json(7.5), "invalid_type"},
      {"liquid_stools_7d_total", Json("20"), "invalid_type"},
      {"abdominal_pain_7d_sum", Json(22), "out_of_range"},  // CDAI-24: max 7 x 3 = 21
      {"abdominal_pain_7d_sum", Json(-1), "out_of_range"},
      {"abdominal_pain_7d_sum", Json(3.5), "invalid_type"},
      {"general_wellbeing_7d_sum", Json(29), "out_of_range"},  // max 7 x 4 = 28
      {"general_wellbeing_7d_sum", Json(2.5), "invalid_type"},
      {"cdai_complications", Json::array({"arthralgia"}), "unknown_value"},  // HBI name
      {"cdai_complications", Json("fever_over_37_8c"), "invalid_type"},
      {"antidiarrheal_use", Json("yes"), "invalid_type"},
      {"antidiarrheal_use", Json(1), "invalid_type"},
      {"abdominal_mass", Json(1), "out_of_range"},  // only 0 / 2 / 5
      {"abdominal_mass", Json(3), "out_of_range"},
      {"abdominal_mass", Json(6), "out_of_range"},
      {"abdominal_mass", Json(-2), "out_of_range"},
      {"abdominal_mass", Json(2.5), "invalid_type"},
      {"hematocrit_pct", Json(5), "out_of_range"},
      {"hematocrit_pct", Json(75), "out_of_range"},
      {"hematocrit_pct", Json("40"), "invalid_type"},
      {"weight_kg", Json(5), "out_of_range"},
      {"weight_kg", Json(401), "out_of_range"},
      {"weight_kg", Json(false), "invalid_type"},
      {"standard_weight_kg", Json(0), "out_of_range"},
      {"standard_weight_kg", Json("70"), "invalid_type"},
  }));
  CAPTURE(key, bad, code);
  Json in = zero_cdai();
  in[key] = bad;
  const Json out = run("cdai", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == key);
}

TEST_CASE("cdai: missing required inputs are errors, never zero", "[cdai][validation]") {
  auto key = GENERATE(values<std::string>({"sex", "liquid_stools_7d_total",
                                           "abdominal_pain_7d_sum", "general_wellbeing_7d_sum",
                                           "cdai_complications", "antidiarrheal_use",
                                           "abdominal_mass", "hematocrit_pct", "weight_kg",
                                           "standard_weight_kg"}));
  CAPTURE(key);
  Json in = zero_cdai();
  in.erase(key);
  const Json out = run("cdai", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == "missing_field");
  CHECK(out["field"] == key);
}

TEST_CASE("cdai: diary array errors name the array", "[cdai][validation][diary]") {
  // Conformance README: for an item of an array the field is the array (e.g. abdominal_pain_daily);
  // the path locates the day.
  auto [sum_key, key, days, code, path] =
      GENERATE(table<std::string, std::string, Json, std::string, std::string>({
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, 1, 1, 4, 1, 1, 1}),
           "out_of_range", "abdominal_pain_daily[3]"},
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, 1, 1, 1, 1, 1, -1}),
           "out_of_range", "abdominal_pain_daily[6]"},
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, 1.5, 1, 1, 1, 1, 1}),
           "invalid_type", "abdominal_pain_daily[1]"},
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, "1", 1, 1, 1, 1, 1}),
           "invalid_type", "abdominal_pain_daily[1]"},
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, 1, 1, 1, 1, 1, nullptr}),
           "missing_field", "abdominal_pain_daily[6]"},
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, 1, 1, 1, 1, 1}),
           "out_of_range", ""},  // 6 days: all 7 are required (A12)
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json({1, 1, 1, 1, 1, 1, 1, 1}),
           "out_of_range", ""},
          {"abdominal_pain_7d_sum", "abdominal_pain_daily", Json("1111111"), "invalid_type", ""},
          {"general_wellbeing_7d_sum", "general_wellbeing_daily", Json({0, 0, 5, 0, 0, 0, 0}),
           "out_of_range", "general_wellbeing_daily[2]"},
          {"general_wellbeing_7d_sum", "general_wellbeing_daily", Json({0, 0, 0, 0, 0, 0, 0.5}),
           "invalid_type", "general_wellbeing_daily[6]"},
          {"liquid_stools_7d_total", "liquid_stools_daily", Json({0, 0, 0, -1, 0, 0, 0}),
           "out_of_range", "liquid_stools_daily[3]"},
          {"liquid_stools_7d_total", "liquid_stools_daily", Json({0, 0, 0, 0, 0, 0, 101}),
           "out_of_range", "liquid_stools_daily[6]"},
          {"liquid_stools_7d_total", "liquid_stools_daily", Json({2.5, 0, 0, 0, 0, 0, 0}),
           "invalid_type", "liquid_stools_daily[0]"},
          {"liquid_stools_7d_total", "liquid_stools_daily", Json::array(), "out_of_range", ""},
      }));
  CAPTURE(key, days);
  Json in = zero_cdai();
  in.erase(sum_key);
  in[key] = days;
  const Json out = run("cdai", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == key);
  if (!path.empty()) CHECK(has_error(out, code, key, path));
}

TEST_CASE("cdai: a diary item given twice or not at all", "[cdai][validation][diary]") {
  SECTION("sum and daily array together are refused") {
    Json in = zero_cdai();
    in["abdominal_pain_daily"] = {0, 0, 0, 0, 0, 0, 0};
    const Json out = run("cdai", in);
    REQUIRE(has_error_shape(out));
    CHECK(out["error"] == "unknown_value");
    const std::string field = out["field"];
    CHECK((field == "abdominal_pain_daily" || field == "abdominal_pain_7d_sum"));
  }
  SECTION("neither: missing_field naming the sum, message mentioning the daily form") {
    Json in = zero_cdai();
    in.erase("general_wellbeing_7d_sum");
    const Json out = run("cdai", in);
    CHECK(out["error"] == "missing_field");
    CHECK(out["field"] == "general_wellbeing_7d_sum");
    CHECK_THAT(out["message"].get<std::string>(),
               Catch::Matchers::Contains("general_wellbeing_daily"));
  }
}

TEST_CASE("cdai: standard weight given two ways or half-given", "[cdai][validation][keys_bmi]") {
  Json keys = zero_cdai();
  keys.erase("standard_weight_kg");
  keys["height_cm"] = 175;
  keys["standard_weight_method"] = "keys_bmi";

  SECTION("standard_weight_kg together with height_cm is refused") {
    Json in = keys;
    in["standard_weight_kg"] = 70;
    const Json out = run("cdai", in);
    REQUIRE(has_error_shape(out));
    CHECK(out["error"] == "unknown_value");
    CHECK(out["field"] == "height_cm");
  }
  SECTION("height without a method") {
    Json in = keys;
    in.erase("standard_weight_method");
    const Json out = run("cdai", in);
    CHECK(out["error"] == "missing_field");
    CHECK(out["field"] == "standard_weight_method");
  }
  SECTION("a method without height") {
    Json in = keys;
    in.erase("height_cm");
    const Json out = run("cdai", in);
    CHECK(out["error"] == "missing_field");
    CHECK(out["field"] == "height_cm");
  }
  SECTION("an unknown method") {
    Json in = keys;
    in["standard_weight_method"] = "devine";
    const Json out = run("cdai", in);
    CHECK(out["error"] == "unknown_value");
    CHECK(out["field"] == "standard_weight_method");
  }
  SECTION("height out of range") {
    Json in = keys;
    in["height_cm"] = 90;
    const Json out = run("cdai", in);
    CHECK(out["error"] == "out_of_range");
    CHECK(out["field"] == "height_cm");
  }
}

TEST_CASE("cdai: bad options are named by their dotted field", "[cdai][validation][options]") {
  auto [options, code, field] = GENERATE(table<Json, std::string, std::string>({
      {Json{{"hematocrit_mode", "none"}}, "unknown_value", "options.hematocrit_mode"},
      {Json{{"hematocrit_mode", 1}}, "invalid_type", "options.hematocrit_mode"},
      {Json{{"weight_mode", "signed_floor_minus5"}}, "unknown_value", "options.weight_mode"},
      {Json{{"weight_mode", true}}, "invalid_type", "options.weight_mode"},
      {Json{{"rounding", "half_even"}}, "unknown_value", "options.rounding"},
      {Json("signed"), "invalid_type", "options"},
  }));
  CAPTURE(options);
  Json in = zero_cdai();
  in["options"] = options;
  const Json out = run("cdai", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == field);
}
