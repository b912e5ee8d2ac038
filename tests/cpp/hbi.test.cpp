// SPDX-License-Identifier: MIT
// Harvey-Bradshaw Index (clinical-spec §1): items, unweighted sum, Best 2006 bands, complications
// as a de-duplicated set, validation (§1.4, conformance README).
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/hbi.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json zero_hbi() {
  return Json{{"general_wellbeing", 0},
              {"abdominal_pain", 0},
              {"liquid_stools_per_day", 0},
              {"abdominal_mass", 0},
              {"complications", Json::array()}};
}

}  // namespace

TEST_CASE("hbi: every item adds its own value (unweighted sum)", "[hbi]") {
  // §1.1: score = plain unweighted sum of the five items; each item alone gives its own value.
  auto [key, value] = GENERATE(table<std::string, int>({
      {"general_wellbeing", 0}, {"general_wellbeing", 1}, {"general_wellbeing", 2},
      {"general_wellbeing", 3}, {"general_wellbeing", 4},
      {"abdominal_pain", 0},    {"abdominal_pain", 1},    {"abdominal_pain", 2},
      {"abdominal_pain", 3},
      {"liquid_stools_per_day", 0}, {"liquid_stools_per_day", 1}, {"liquid_stools_per_day", 7},
      {"liquid_stools_per_day", 25},
      {"abdominal_mass", 0},    {"abdominal_mass", 1},    {"abdominal_mass", 2},
      {"abdominal_mass", 3},
  }));
  CAPTURE(key, value);
  Json in = zero_hbi();
  in[key] = value;
  const Json out = run("hbi", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["hbi_total"] == value);
  CHECK(out["complications_count"] == 0);
}

TEST_CASE("hbi: each of the eight complications counts one point", "[hbi]") {
  auto name = GENERATE(values<std::string>({"arthralgia", "uveitis", "erythema_nodosum",
                                            "aphthous_ulcers", "pyoderma_gangrenosum",
                                            "anal_fissure", "new_fistula", "abscess"}));
  CAPTURE(name);
  Json in = zero_hbi();
  in["complications"] = Json::array({name});
  const Json out = run("hbi", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["hbi_total"] == 1);  // 0+0+0+0 + 1 complication
  CHECK(out["complications_count"] == 1);
  CHECK(out["complications"] == Json::array({name}));
}

TEST_CASE("hbi: all eight complications give 8, duplicates count once", "[hbi]") {
  Json in = zero_hbi();
  in["complications"] = {"abscess",        "anal_fissure",         "aphthous_ulcers",
                         "arthralgia",     "erythema_nodosum",     "new_fistula",
                         "pyoderma_gangrenosum", "uveitis", "abscess", "uveitis"};
  const Json out = run("hbi", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["complications_count"] == 8);  // §1.1 max 8; §0.3.5 de-duplicated
  CHECK(out["hbi_total"] == 8);

  // HBI-10: 1 + 1 + 1 + 0 + |{abscess, new_fistula}| = 3 + 2 = 5 -> mild.
  Json dup{{"general_wellbeing", 1},
           {"abdominal_pain", 1},
           {"liquid_stools_per_day", 1},
           {"abdominal_mass", 0},
           {"complications", {"abscess", "abscess", "new_fistula"}}};
  const Json d = run("hbi", dup);
  CHECK(d["complications_count"] == 2);
  CHECK(d["hbi_total"] == 5);
  CHECK(d["hbi_band"] == "mild");
}

TEST_CASE("hbi: typed API sums the items", "[hbi]") {
  crohn::hbi::Input in;
  in.general_wellbeing = 3;
  in.abdominal_pain = 2;
  in.liquid_stools_per_day = 8;
  in.abdominal_mass = 2;
  in.complications = {"uveitis"};
  const auto r = crohn::hbi::compute(in);
  // HBI-07: 3 + 2 + 8 + 2 + 1 = 16 -> moderate (upper edge of 8-16).
  CHECK(r.total == 16);
  CHECK(r.complications_count == 1);
  CHECK(r.band == crohn::Band::kModerate);
}

TEST_CASE("hbi: band edges 4/5, 7/8, 16/17", "[hbi][bands]") {
  // §1.2 (Best 2006): 0-4 remission, 5-7 mild, 8-16 moderate, >= 17 severe.
  auto [total, band] = GENERATE(table<int, std::string>({
      {0, "remission"}, {4, "remission"}, {5, "mild"},      {7, "mild"},
      {8, "moderate"},  {16, "moderate"}, {17, "severe"},   {18, "severe"},
      {60, "severe"},
  }));
  CAPTURE(total, band);
  CHECK(crohn::band_name(crohn::hbi::band(total)) == band);

  // The same total through the JSON entry point, made of liquid stools only (1 point each).
  Json in = zero_hbi();
  in["liquid_stools_per_day"] = total;
  const Json out = run("hbi", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["hbi_total"] == total);
  CHECK(out["hbi_band"] == band);
}

TEST_CASE("hbi: band edges reached by mixed items (public vectors HBI-03/04/06/09)", "[hbi][bands]") {
  auto [wb, pain, stools, mass, ncomp, total, band] =
      GENERATE(table<int, int, int, int, int, int, std::string>({
          {1, 1, 2, 0, 0, 4, "remission"},  // 1+1+2 = 4
          {1, 1, 3, 0, 0, 5, "mild"},       // 1+1+3 = 5
          {2, 2, 3, 0, 0, 7, "mild"},       // 2+2+3 = 7
          {2, 2, 4, 0, 0, 8, "moderate"},   // 2+2+4 = 8
          {4, 3, 6, 3, 1, 17, "severe"},    // 4+3+6+3+1 = 17
          {4, 3, 0, 3, 8, 18, "severe"},    // 4+3+0+3+8 = 18
      }));
  CAPTURE(wb, pain, stools, mass, ncomp);
  static const char* kAll[] = {"arthralgia",           "uveitis",      "erythema_nodosum",
                               "aphthous_ulcers",      "pyoderma_gangrenosum",
                               "anal_fissure",         "new_fistula",  "abscess"};
  Json comps = Json::array();
  for (int i = 0; i < ncomp; ++i) comps.push_back(kAll[i]);
  const Json out = run("hbi", {{"general_wellbeing", wb},
                               {"abdominal_pain", pain},
                               {"liquid_stools_per_day", stools},
                               {"abdominal_mass", mass},
                               {"complications", comps}});
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["hbi_total"] == total);
  CHECK(out["hbi_band"] == band);
  CHECK(out["components"]["general_wellbeing"] == wb);
  CHECK(out["components"]["abdominal_pain"] == pain);
  CHECK(out["components"]["liquid_stools"] == stools);
  CHECK(out["components"]["abdominal_mass"] == mass);
  CHECK(out["components"]["complications"] == ncomp);
}

TEST_CASE("hbi: stool count has no clinical cap (only the plausibility limit)", "[hbi]") {
  // §1.1: "1 point per stool, no cap". The project refuses > 100/day as a typing error.
  Json in = zero_hbi();
  in["liquid_stools_per_day"] = 100;
  CHECK(run("hbi", in)["hbi_total"] == 100);
  in["liquid_stools_per_day"] = 2.0;  // an integral JSON float is an integer
  CHECK(run("hbi", in)["hbi_total"] == 2);
}

TEST_CASE("hbi: validation errors name the field", "[hbi][validation]") {
  // §1.4 and the conformance README error codes.
  auto [key, bad, code] = GENERATE(table<std::string, Json, std::string>({
      {"general_wellbeing", Json(5), "out_of_range"},
      {"general_wellbeing", Json(-1), "out_of_range"},
      {"general_wellbeing", Json(1.5), "invalid_type"},
      {"general_wellbeing", Json("2"), "invalid_type"},
      {"general_wellbeing", Json(true), "invalid_type"},
      {"abdominal_pain", Json(4), "out_of_range"},
      {"abdominal_pain", Json(-1), "out_of_range"},
      {"abdominal_pain", Json(0.5), "invalid_type"},
      {"liquid_stools_per_day", Json(-1), "out_of_range"},
      {"liquid_stools_per_day", Json(101), "out_of_range"},
      {"liquid_stools_per_day", Json(2.5), "invalid_type"},
      {"liquid_stools_per_day", Json::array({2}), "invalid_type"},
      {"abdominal_mass", Json(4), "out_of_range"},  // HBI-12
      {"abdominal_mass", Json(-1), "out_of_range"},
      {"abdominal_mass", Json(2.2), "invalid_type"},
      {"complications", Json("abscess"), "invalid_type"},
      {"complications", Json::array({"fever"}), "unknown_value"},
      {"complications", Json::array({"abscess", 3}), "invalid_type"},
      {"complications", Json::object(), "invalid_type"},
  }));
  CAPTURE(key, bad, code);
  Json in = zero_hbi();
  in[key] = bad;
  const Json out = run("hbi", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == key);
}

TEST_CASE("hbi: a missing item is an error, never zero", "[hbi][validation]") {
  auto key = GENERATE(values<std::string>({"general_wellbeing", "abdominal_pain",
                                           "liquid_stools_per_day", "abdominal_mass",
                                           "complications"}));
  CAPTURE(key);
  Json in = zero_hbi();
  in.erase(key);
  Json out = run("hbi", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == "missing_field");
  CHECK(out["field"] == key);
  // JSON null counts as absent.
  in[key] = nullptr;
  out = run("hbi", in);
  CHECK(out["error"] == "missing_field");
  CHECK(out["field"] == key);
}

TEST_CASE("hbi: an unknown complication is located by path", "[hbi][validation]") {
  Json in = zero_hbi();
  in["complications"] = {"abscess", "fistula"};
  const Json out = run("hbi", in);
  CHECK(out["error"] == "unknown_value");
  CHECK(out["field"] == "complications");
  CHECK(has_error(out, "unknown_value", "complications", "complications[1]"));
}

TEST_CASE("hbi: several bad fields are all reported", "[hbi][validation]") {
  Json in = zero_hbi();
  in["general_wellbeing"] = 9;
  in["abdominal_mass"] = "x";
  in.erase("abdominal_pain");
  const Json out = run("hbi", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["errors"].size() == 3);
  CHECK(has_error(out, "out_of_range", "general_wellbeing"));
  CHECK(has_error(out, "invalid_type", "abdominal_mass"));
  CHECK(has_error(out, "missing_field", "abdominal_pain"));
}
