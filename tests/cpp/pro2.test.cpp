// SPDX-License-Identifier: MIT
// PRO2 (clinical-spec §4): mean daily stool frequency (SF) and abdominal pain (AP), weighted
// PRO2 = 2 x SF + 5 x AP with the Khanna/ibdplexus bands < 8 / 8 <= x < 14 / 14-35 / > 35, and the
// single-visit remission thresholds SF <= 2.8 / <= 3 / <= 1.5 and AP <= 1.
#include <string>
#include <tuple>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/pro2.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::near;
using crohn_test::run;

namespace {

Json ok(const Json& in) { return crohn_test::run_ok("pro2", in); }

}  // namespace

TEST_CASE("pro2: means and weighted score", "[pro2]") {
  auto [sf, ap, sf_avg, ap_avg, weighted, band] =
      GENERATE(table<Json, Json, double, double, double, std::string>({
          // PRO2-01: SF 19/7 = 2.714286, AP 7/7 = 1; 2 x 2.714286 + 5 = 10.428571 mild
          {Json({3, 2, 3, 2, 3, 3, 3}), Json({1, 1, 1, 1, 1, 1, 1}), 2.714286, 1.0, 10.428571,
           "mild"},
          // PRO2-03 (5 days): SF 14/5 = 2.8, AP 4/5 = 0.8; 5.6 + 4 = 9.6 mild
          {Json({3, 3, 3, 3, 2}), Json({1, 1, 1, 0, 1}), 2.8, 0.8, 9.6, "mild"},
          // PRO2-04 (6 days): SF 9/6 = 1.5, AP 1; 3 + 5 = 8 -> mild (8 is the lower edge)
          {Json({1, 2, 1, 2, 1, 2}), Json({1, 1, 1, 1, 1, 1}), 1.5, 1.0, 8.0, "mild"},
          // all zero
          {Json({0, 0, 0, 0, 0, 0, 0}), Json({0, 0, 0, 0, 0, 0, 0}), 0, 0, 0, "remission"},
          // SF 1, AP 1: 2 + 5 = 7 remission
          {Json({1, 1, 1, 1, 1, 1, 1}), Json({1, 1, 1, 1, 1, 1, 1}), 1, 1, 7, "remission"},
          // SF 10/7 = 1.428571, AP 1: 2.857143 + 5 = 7.857143 remission (just below 8)
          {Json({1, 1, 1, 1, 2, 2, 2}), Json({1, 1, 1, 1, 1, 1, 1}), 1.428571, 1, 7.857143,
           "remission"},
          // SF 29/7 = 4.142857, AP 1: 8.285714 + 5 = 13.285714 mild (the 13-14 gap closed)
          {Json({4, 4, 4, 4, 4, 4, 5}), Json({1, 1, 1, 1, 1, 1, 1}), 4.142857, 1, 13.285714,
           "mild"},
          // SF 2, AP 2: 4 + 10 = 14 moderate
          {Json({2, 2, 2, 2, 2, 2, 2}), Json({2, 2, 2, 2, 2, 2, 2}), 2, 2, 14, "moderate"},
          // SF 10, AP 3: 20 + 15 = 35 moderate (upper edge)
          {Json({10, 10, 10, 10, 10, 10, 10}), Json({3, 3, 3, 3, 3, 3, 3}), 10, 3, 35,
           "moderate"},
          // SF 71/7 = 10.142857, AP 3: 20.285714 + 15 = 35.285714 severe
          {Json({10, 10, 10, 10, 10, 10, 11}), Json({3, 3, 3, 3, 3, 3, 3}), 10.142857, 3,
           35.285714, "severe"},
      }));
  CAPTURE(sf, ap);
  const Json out = ok({{"sf_daily", sf}, {"ap_daily", ap}});
  CHECK(near(out["sf_avg"], sf_avg, 1e-6));
  CHECK(near(out["ap_avg"], ap_avg, 1e-6));
  CHECK(near(out["pro2_weighted"], weighted, 1e-6));
  CHECK(out["pro2_band_khanna_ibdplexus"] == band);
  CHECK(out["sf_days"] == sf.size());
  CHECK(out["ap_days"] == ap.size());
}

TEST_CASE("pro2: Khanna band edges on the weighted score", "[pro2][bands]") {
  // §4: < 8 remission, 8 <= x < 14 mild, 14-35 moderate, > 35 severe.
  auto [w, band] = GENERATE(table<double, std::string>({
      {0.0, "remission"},   {7.99, "remission"}, {8.0, "mild"},      {13.0, "mild"},
      {13.99, "mild"},      {14.0, "moderate"},  {35.0, "moderate"}, {35.01, "severe"},
      {100.0, "severe"},
  }));
  CAPTURE(w);
  CHECK(crohn::band_name(crohn::pro2::band(w)) == band);
  // 2 x SF + 5 x AP with SF 1.4 and AP 1.2 = 2.8 + 6 = 8.8 (no binary noise at the edge)
  CHECK(crohn::pro2::weighted(1.4, 1.2) == Approx(8.8).margin(1e-12));
  CHECK(crohn::pro2::weighted(1.5, 1.0) == 8.0);
}

TEST_CASE("pro2: single-visit remission thresholds", "[pro2]") {
  // AbbVie SF <= 2.8, AP <= 1.0; STRIDE-II SF <= 3; strict SF <= 1.5 (§4).
  auto [sf, ap, le2_8, ap_le1, le3, le1_5] = GENERATE(table<Json, Json, bool, bool, bool, bool>({
      // SF 14/5 = 2.8 exactly (the tolerance makes 2.8 <= 2.8 hold)
      {Json({3, 3, 3, 3, 2}), Json({1, 1, 1, 1, 1}), true, true, true, false},
      // SF 20/7 = 2.857 > 2.8; AP 8/7 > 1
      {Json({3, 3, 3, 3, 3, 3, 2}), Json({1, 1, 1, 1, 1, 1, 2}), false, false, true, false},
      // SF 3 exactly
      {Json({3, 3, 3, 3, 3, 3, 3}), Json({0, 0, 0, 0, 0, 0, 0}), false, true, true, false},
      // SF 22/7 = 3.142857
      {Json({3, 3, 3, 3, 3, 3, 4}), Json({1, 1, 1, 1, 1, 1, 1}), false, true, false, false},
      // SF 1.5 exactly
      {Json({1, 2}), Json({1, 1}), true, true, true, true},
      // SF 11/7 = 1.571
      {Json({1, 1, 1, 2, 2, 2, 2}), Json({0, 0, 0, 0, 0, 0, 0}), true, true, true, false},
  }));
  CAPTURE(sf, ap);
  const Json out = ok({{"sf_daily", sf}, {"ap_daily", ap}});
  CHECK(out["meets_sf_le_2_8"] == le2_8);
  CHECK(out["meets_ap_le_1"] == ap_le1);
  CHECK(out["meets_sf_le_3"] == le3);
  CHECK(out["meets_sf_le_1_5"] == le1_5);
}

TEST_CASE("pro2: fewer than 7 diary days are accepted with a warning", "[pro2][warnings]") {
  // §2.1 / A12: no proration rule was found; 1-7 days are accepted and flagged.
  Json out = ok({{"sf_daily", {2, 2, 2, 2, 2, 2, 2}}, {"ap_daily", {1, 1, 1, 1, 1, 1, 1}}});
  CHECK(out["warnings"] == Json::array());
  out = ok({{"sf_daily", {2, 2, 2}}, {"ap_daily", {1, 1, 1}}});
  CHECK(out["warnings"] == Json::array({"fewer_than_7_diary_days"}));
  CHECK(out["sf_days"] == 3);
  out = ok({{"sf_daily", {4}}, {"ap_daily", {1, 1, 1, 1, 1, 1, 1}}});
  CHECK(out["warnings"] == Json::array({"fewer_than_7_diary_days"}));
  CHECK(near(out["pro2_weighted"], 13.0, 1e-9));  // 2 x 4 + 5 x 1
}

TEST_CASE("pro2: typed API", "[pro2]") {
  crohn::pro2::Input in;
  in.sf_daily = {3, 2, 3, 2, 3, 3, 3};
  in.ap_daily = {1, 1, 1, 1, 1, 1, 1};
  const auto r = crohn::pro2::compute(in);
  CHECK(r.sf_avg == Approx(19.0 / 7.0).margin(1e-8));
  CHECK(r.ap_avg == 1.0);
  CHECK(r.weighted == Approx(2.0 * 19.0 / 7.0 + 5.0).margin(1e-8));
  CHECK(r.band == crohn::Band::kMild);
}

TEST_CASE("pro2: diary errors name the array", "[pro2][validation]") {
  auto [key, days, code, path] = GENERATE(table<std::string, Json, std::string, std::string>({
      {"sf_daily", Json({2, 2, -1}), "out_of_range", "sf_daily[2]"},
      {"sf_daily", Json({2, 101}), "out_of_range", "sf_daily[1]"},
      {"sf_daily", Json({2.5, 2}), "invalid_type", "sf_daily[0]"},
      {"sf_daily", Json({2, "2"}), "invalid_type", "sf_daily[1]"},
      {"sf_daily", Json({2, nullptr}), "missing_field", "sf_daily[1]"},
      {"sf_daily", Json::array(), "out_of_range", ""},
      {"sf_daily", Json({1, 1, 1, 1, 1, 1, 1, 1}), "out_of_range", ""},
      {"sf_daily", Json(14), "invalid_type", ""},
      {"ap_daily", Json({1, 4}), "out_of_range", "ap_daily[1]"},
      {"ap_daily", Json({1, -1}), "out_of_range", "ap_daily[1]"},
      {"ap_daily", Json({0.5}), "invalid_type", "ap_daily[0]"},
      {"ap_daily", Json({true}), "invalid_type", "ap_daily[0]"},
  }));
  CAPTURE(key, days);
  Json in{{"sf_daily", {2, 2, 2}}, {"ap_daily", {1, 1, 1}}};
  in[key] = days;
  const Json out = run("pro2", in);
  REQUIRE(has_error_shape(out));
  CHECK(out["error"] == code);
  CHECK(out["field"] == key);
  if (!path.empty()) CHECK(has_error(out, code, key, path));
}

TEST_CASE("pro2: a missing diary is an error", "[pro2][validation]") {
  auto key = GENERATE(values<std::string>({"sf_daily", "ap_daily"}));
  Json in{{"sf_daily", {2, 2, 2}}, {"ap_daily", {1, 1, 1}}};
  in.erase(key);
  const Json out = run("pro2", in);
  CHECK(out["error"] == "missing_field");
  CHECK(out["field"] == key);
}
