// SPDX-License-Identifier: MIT
// IBDQ-32 (clinical-spec §5.5, A23): 32 items of 1-7, total 32-224; remission >= 170 (Hlavaty
// 168), response = increase >= 16 (Hlavaty 22 / 27).
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/ibdq.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json items(int fill, int last) {
  Json a = Json::array();
  for (int i = 0; i < 31; ++i) a.push_back(fill);
  a.push_back(last);
  return a;
}

}  // namespace

TEST_CASE("ibdq: total of the 32 items", "[ibdq]") {
  auto [fill, last, total, rem170, rem168] = GENERATE(table<int, int, int, bool, bool>({
      {1, 1, 32, false, false},   // 32 x 1 (minimum)
      {7, 7, 224, true, true},    // 32 x 7 (IBDQ-04, maximum)
      {5, 7, 162, false, false},  // 31 x 5 + 7
      {5, 6, 161, false, false},
      {5, 2, 157, false, false},
  }));
  CAPTURE(fill, last);
  const Json out = run("ibdq", {{"ibdq_items", items(fill, last)}});
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["ibdq_total"] == total);
  CHECK(out["remission_ge170"] == rem170);
  CHECK(out["remission_ge168_hlavaty"] == rem168);
}

TEST_CASE("ibdq: remission edges 168/170 from items and from a total", "[ibdq]") {
  // 32 items of 5 = 160; (total - 160) of them raised to 6, e.g. 170 = 22 x 5 + 10 x 6.
  auto [total, rem170, rem168] = GENERATE(table<int, bool, bool>({
      {167, false, false}, {168, false, true}, {169, false, true}, {170, true, true},
      {171, true, true},
  }));
  CAPTURE(total);
  // Build the items: start from all 5 (160) and raise items by 1 until the total is reached.
  Json a = Json::array();
  int extra = total - 160;
  for (int i = 0; i < 32; ++i) {
    const int step = extra > 0 ? 1 : 0;
    a.push_back(5 + step);
    extra -= step;
  }
  REQUIRE(extra == 0);
  Json out = run("ibdq", {{"ibdq_items", a}});
  CHECK(out["ibdq_total"] == total);
  CHECK(out["remission_ge170"] == rem170);
  CHECK(out["remission_ge168_hlavaty"] == rem168);

  out = run("ibdq", {{"ibdq_total", total}});
  CHECK(out["ibdq_total"] == total);
  CHECK(out["remission_ge170"] == rem170);
  CHECK(out["remission_ge168_hlavaty"] == rem168);
}

TEST_CASE("ibdq: response increases 16 / 22 / 27 at the edges", "[ibdq]") {
  auto [baseline, followup, r16, r22, r27, rem170] =
      GENERATE(table<int, int, bool, bool, bool, bool>({
          {150, 166, true, false, false, false},   // IBDQ-01: +16
          {150, 165, false, false, false, false},  // +15
          {150, 171, true, false, false, true},    // +21, 171 >= 170
          {150, 172, true, true, false, true},     // +22
          {150, 176, true, true, false, true},     // +26
          {150, 177, true, true, true, true},      // +27
          {200, 170, false, false, false, true},   // a fall, still >= 170
          {32, 224, true, true, true, true},       // the whole scale
      }));
  CAPTURE(baseline, followup);
  const Json out = run("ibdq", {{"ibdq_baseline", baseline}, {"ibdq_followup", followup}});
  REQUIRE_FALSE(crohn_test::is_error(out));
  CHECK(out["ibdq_change"] == followup - baseline);
  CHECK(out["response_increase_ge16"] == r16);
  CHECK(out["response_increase_ge22_hlavaty"] == r22);
  CHECK(out["response_increase_ge27_hlavaty"] == r27);
  CHECK(out["remission_ge170"] == rem170);
  CHECK(out["remission_ge168_hlavaty"] == (followup >= 168));
}

TEST_CASE("ibdq: validation", "[ibdq][validation]") {
  auto [in, code, field] = GENERATE(table<Json, std::string, std::string>({
      {Json{{"ibdq_baseline", 150}, {"ibdq_followup", 230}}, "out_of_range", "ibdq_followup"},
      {Json{{"ibdq_baseline", 31}, {"ibdq_followup", 150}}, "out_of_range", "ibdq_baseline"},
      {Json{{"ibdq_baseline", 150.5}, {"ibdq_followup", 150}}, "invalid_type", "ibdq_baseline"},
      {Json{{"ibdq_baseline", 150}}, "missing_field", "ibdq_followup"},
      {Json::object(), "missing_field", "ibdq_baseline"},
      {Json{{"ibdq_total", 225}}, "out_of_range", "ibdq_total"},
      {Json{{"ibdq_total", "170"}}, "invalid_type", "ibdq_total"},
      {Json{{"ibdq_items", Json::array({7, 7})}}, "out_of_range", "ibdq_items"},
      {Json{{"ibdq_items", 224}}, "invalid_type", "ibdq_items"},
      {Json{{"ibdq_total", 170}, {"ibdq_baseline", 150}}, "unknown_value", "ibdq_baseline"},
  }));
  CAPTURE(in);
  const Json out = run("ibdq", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == field);
}

TEST_CASE("ibdq: item errors name ibdq_items with the item's path", "[ibdq][validation]") {
  auto [bad, code] = GENERATE(table<Json, std::string>({
      {Json(0), "out_of_range"}, {Json(8), "out_of_range"}, {Json(4.5), "invalid_type"},
      {Json("4"), "invalid_type"}, {Json(nullptr), "missing_field"},
  }));
  CAPTURE(bad);
  Json a = items(4, 4);
  a[17] = bad;
  const Json out = run("ibdq", {{"ibdq_items", a}});
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == "ibdq_items");
  CHECK(has_error(out, code, "ibdq_items", "ibdq_items[17]"));
}
