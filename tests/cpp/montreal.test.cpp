// SPDX-License-Identifier: MIT
// Montreal classification (clinical-spec §5.7, A24): A1 <= 16, A2 17-40, A3 > 40 completed years;
// L1/L2/L3 with L4 as modifier or alone; B1/B2/B3 with "p" for perianal disease.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/montreal.hpp"
#include "test_support.hpp"

using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json base() {
  return Json{{"age_at_diagnosis_years", 30},
              {"location", "ileal"},
              {"upper_gi_involvement", false},
              {"behavior", "nonstricturing_nonpenetrating"},
              {"perianal_disease", false}};
}

}  // namespace

TEST_CASE("montreal: age classes at their edges", "[montreal]") {
  auto [age, cls] = GENERATE(table<int, std::string>({
      {0, "A1"}, {16, "A1"}, {17, "A2"}, {40, "A2"}, {41, "A3"}, {90, "A3"},
  }));
  CAPTURE(age);
  Json in = base();
  in["age_at_diagnosis_years"] = age;
  const Json out = run("montreal", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["age_class"] == cls);
}

TEST_CASE("montreal: location with the L4 modifier", "[montreal]") {
  auto [location, upper, cls] = GENERATE(table<Json, bool, std::string>({
      {Json("ileal"), false, "L1"},
      {Json("colonic"), false, "L2"},
      {Json("ileocolonic"), false, "L3"},
      {Json("ileal"), true, "L1+L4"},
      {Json("colonic"), true, "L2+L4"},
      {Json("ileocolonic"), true, "L3+L4"},
      {Json(nullptr), true, "L4"},  // MON-04: upper GI disease only
  }));
  CAPTURE(location, upper);
  Json in = base();
  in["location"] = location;
  in["upper_gi_involvement"] = upper;
  const Json out = run("montreal", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  const std::string loc = out["location_class"];
  CHECK(loc == cls);
}

TEST_CASE("montreal: behaviour with the perianal modifier", "[montreal]") {
  auto [behavior, perianal, cls] = GENERATE(table<std::string, bool, std::string>({
      {"nonstricturing_nonpenetrating", false, "B1"},
      {"stricturing", false, "B2"},
      {"penetrating", false, "B3"},
      {"nonstricturing_nonpenetrating", true, "B1p"},
      {"stricturing", true, "B2p"},
      {"penetrating", true, "B3p"},
  }));
  CAPTURE(behavior, perianal);
  Json in = base();
  in["behavior"] = behavior;
  in["perianal_disease"] = perianal;
  const Json out = run("montreal", in);
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["behavior_class"] == cls);
}

TEST_CASE("montreal: public vectors MON-01/03/04 and the combined label", "[montreal]") {
  Json in = base();
  in["age_at_diagnosis_years"] = 16;
  Json out = run("montreal", in);
  CHECK(out["age_class"] == "A1");
  CHECK(out["location_class"] == "L1");
  CHECK(out["behavior_class"] == "B1");
  CHECK(out["montreal"] == "A1 L1 B1");

  out = run("montreal", {{"age_at_diagnosis_years", 41},
                         {"location", "colonic"},
                         {"upper_gi_involvement", false},
                         {"behavior", "stricturing"},
                         {"perianal_disease", false}});
  CHECK(out["montreal"] == "A3 L2 B2");

  out = run("montreal", {{"age_at_diagnosis_years", 40},
                         {"location", nullptr},
                         {"upper_gi_involvement", true},
                         {"behavior", "nonstricturing_nonpenetrating"},
                         {"perianal_disease", true}});
  CHECK(out["age_class"] == "A2");
  CHECK(out["location_class"] == "L4");
  CHECK(out["behavior_class"] == "B1p");
}

TEST_CASE("montreal: validation", "[montreal][validation]") {
  auto [key, bad, code] = GENERATE(table<std::string, Json, std::string>({
      {"age_at_diagnosis_years", Json(-1), "out_of_range"},
      {"age_at_diagnosis_years", Json(121), "out_of_range"},
      {"age_at_diagnosis_years", Json(16.5), "invalid_type"},  // completed years (A24)
      {"age_at_diagnosis_years", Json("16"), "invalid_type"},
      {"location", Json("jejunal"), "unknown_value"},
      {"location", Json(1), "invalid_type"},
      {"upper_gi_involvement", Json("no"), "invalid_type"},
      {"behavior", Json("fistulising"), "unknown_value"},
      {"behavior", Json(2), "invalid_type"},
      {"perianal_disease", Json(0), "invalid_type"},
  }));
  CAPTURE(key, bad);
  Json in = base();
  in[key] = bad;
  const Json out = run("montreal", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == key);
}

TEST_CASE("montreal: missing inputs", "[montreal][validation]") {
  auto key = GENERATE(values<std::string>({"age_at_diagnosis_years", "location",
                                           "upper_gi_involvement", "behavior",
                                           "perianal_disease"}));
  CAPTURE(key);
  Json in = base();
  in.erase(key);
  const Json out = run("montreal", in);
  CHECK(out["error"] == "missing_field");
  CHECK(out["field"] == key);

  // Upper-GI disease with `location` left out: a missing field, not L4 alone (only an explicit
  // null says there is no ileal or colonic disease).
  Json upper_only = base();
  upper_only.erase("location");
  upper_only["upper_gi_involvement"] = true;
  const Json out1 = run("montreal", upper_only);
  CHECK(out1["error"] == "missing_field");
  CHECK(out1["field"] == "location");

  // No location and no upper-GI disease: there is nothing to classify.
  Json none = base();
  none["location"] = nullptr;
  const Json out2 = run("montreal", none);
  CHECK(out2["error"] == "missing_field");
  CHECK(out2["field"] == "location");
}
