// SPDX-License-Identifier: MIT
// The conformance comparison (conformance README "Matching rules"): every expected key must be in
// the actual result with the same value; numbers within 1e-4, strings/booleans/null equal, arrays
// element by element with the same length, objects recursively; extra actual keys are allowed.
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/conformance.hpp"
#include "test_support.hpp"

using Catch::Matchers::Contains;
using crohn::conformance::matches;
using crohn_test::Json;

TEST_CASE("conformance: matching rules", "[conformance]") {
  auto [expected, actual, want] = GENERATE(table<Json, Json, bool>({
      // numbers: absolute tolerance 1e-4
      {Json(285.2857), Json(285.285714), true},
      {Json(1.0), Json(1.0001), true},
      {Json(1.0), Json(1.00011), false},
      {Json(1.0), Json(0.99989), false},
      {Json(42), Json(42.0), true},  // integer and float compare as numbers
      {Json(0.0), Json(-0.0), true},
      {Json(1), Json("1"), false},
      {Json(1), Json(true), false},
      // strings, booleans, null: equal
      {Json("mild"), Json("mild"), true},
      {Json("mild"), Json("Mild"), false},
      {Json(true), Json(true), true},
      {Json(true), Json(false), false},
      {Json(true), Json(1), false},
      {Json(nullptr), Json(nullptr), true},
      {Json(nullptr), Json(false), false},
      {Json(false), Json(nullptr), false},
      // arrays: same length, element by element
      {Json::array(), Json::array(), true},
      {Json({"a", "b"}), Json({"a", "b"}), true},
      {Json({"a", "b"}), Json({"b", "a"}), false},
      {Json({"a"}), Json({"a", "b"}), false},
      {Json({1.0, 2.0}), Json({1.00005, 1.99995}), true},
      {Json::array(), Json::object(), false},
      // objects: recursive, extra actual keys allowed, missing expected keys fail
      {Json::object(), Json{{"x", 1}}, true},
      {Json{{"x", 1}}, Json{{"x", 1}, {"y", 2}}, true},
      {Json{{"x", 1}, {"y", 2}}, Json{{"x", 1}}, false},
      {Json{{"x", nullptr}}, Json::object(), false},  // an expected null must be present
      {Json{{"c", {{"n", 14.2857}}}}, Json{{"c", {{"n", 14.285714}, {"m", 0}}}}, true},
      {Json{{"c", {{"n", 14.2857}}}}, Json{{"c", {{"n", 14.3}}}}, false},
      {Json{{"w", Json::array()}}, Json{{"w", {"incomplete_examination"}}}, false},
      {Json{{"error", "out_of_range"}}, Json{{"error", "out_of_range"}, {"field", "x"}}, true},
      {Json{{"x", 1}}, Json::array(), false},
  }));
  CAPTURE(expected, actual);
  CHECK(matches(expected, actual) == want);
}

TEST_CASE("conformance: check_line output", "[conformance]") {
  bool pass = false;
  const Json vec = {{"id", "HBI-04"},
                    {"instrument", "hbi"},
                    {"inputs",
                     {{"general_wellbeing", 1}, {"abdominal_pain", 1}, {"liquid_stools_per_day", 3},
                      {"abdominal_mass", 0}, {"complications", Json::array()}}},
                    {"expected", {{"hbi_total", 5}, {"hbi_band", "mild"}}}};
  const std::string line = crohn::conformance::check_line(vec, pass);
  CHECK(pass);
  const Json parsed = Json::parse(line);
  CHECK(parsed["id"] == "HBI-04");
  CHECK(parsed["pass"] == true);
  CHECK(parsed["actual"]["hbi_total"] == 5);
  CHECK(line.rfind("{\"id\":\"HBI-04\",\"pass\":true,\"actual\":", 0) == 0);  // key order

  Json wrong = vec;
  wrong["expected"]["hbi_band"] = "remission";
  crohn::conformance::check_line(wrong, pass);
  CHECK_FALSE(pass);

  // An expected error matches on error and field.
  Json err = vec;
  err["inputs"]["abdominal_mass"] = 4;
  err["expected"] = {{"error", "out_of_range"}, {"field", "abdominal_mass"}};
  crohn::conformance::check_line(err, pass);
  CHECK(pass);

  // A malformed vector fails with a line, never throws.
  const std::string bad = crohn::conformance::check_line(Json{{"id", "X"}}, pass);
  CHECK_FALSE(pass);
  CHECK_THAT(bad, Contains("\"pass\":false"));
}

TEST_CASE("conformance: run_file summary", "[conformance]") {
  const std::string text = R"([
    {"id": "A", "instrument": "hbi_endpoints", "inputs": {"hbi_baseline": 10, "hbi_followup": 7},
     "expected": {"hbi_drop": 3, "response_drop_ge3": true}},
    {"id": "B", "instrument": "cdai_endpoints", "inputs": {"cdai_baseline": 230, "cdai_followup": 145},
     "expected": {"power_clinical_response_dec100_or_lt150": true, "cr100": false}},
    {"id": "C", "instrument": "ibdq", "inputs": {"ibdq_baseline": 150, "ibdq_followup": 230},
     "expected": {"error": "out_of_range"}},
    {"id": "D", "instrument": "montreal", "inputs": {"age_at_diagnosis_years": 16, "location": "ileal",
     "upper_gi_involvement": false, "behavior": "nonstricturing_nonpenetrating",
     "perianal_disease": false}, "expected": {"age_class": "A2"}}
  ])";
  int failed = -1;
  const std::string out = crohn::conformance::run_file(text, failed);
  CHECK(failed == 1);  // D is deliberately wrong: 16 is A1
  CHECK_THAT(out, Contains("3 passed, 1 failed"));
  CHECK_THAT(out, Contains("{\"id\":\"D\",\"pass\":false"));

  const std::string bad = crohn::conformance::run_file("{not json", failed);
  CHECK(failed == 1);
  CHECK_THAT(bad, Contains("0 passed, 1 failed"));
  crohn::conformance::run_file("{\"a\": 1}", failed);
  CHECK(failed == 1);  // not an array
}
