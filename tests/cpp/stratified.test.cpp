// SPDX-License-Identifier: MIT
// Mantel-Haenszel risk difference (Sato's variance) and the Cochran-Mantel-Haenszel test, worked
// by hand on two strata (each line of arithmetic below), the test also against statsmodels
// 0.13.5 StratifiedTable(...).test_null_odds() (statistic 1.5, p 0.22067136191984693).
#include <catch2/catch.hpp>

#include <cmath>

#include "crohn/stratified.hpp"

using Catch::Matchers::WithinAbs;
using namespace crohn::stats;

namespace {
constexpr double kTol = 1e-12;
}

TEST_CASE("Mantel-Haenszel risk difference with Sato's variance, by hand", "[stratified]") {
  // Stratum 1: 3/5 vs 1/5, N 10: (a m - c n) / N = (15 - 5) / 10 = 1; weight n m / N = 2.5;
  //   P = (25 * 1 - 25 * 3 + 25 * 0 / 2) / 100 = -0.5; Q = (3 * 4 + 1 * 2) / 20 = 0.7.
  // Stratum 2: 2/4 vs 2/6, N 10: (12 - 8) / 10 = 0.4; weight 2.4;
  //   P = (16 * 2 - 36 * 2 + 24 * 2 / 2) / 100 = -0.16; Q = (2 * 4 + 2 * 2) / 20 = 0.6.
  // RD = 1.4 / 4.9 = 2/7; Var = (2/7 * -0.66 + 1.3) / 4.9^2 = 1.1114285714 / 24.01.
  const std::vector<StratumTable> strata = {{3, 5, 1, 5}, {2, 4, 2, 6}};
  const auto rd = mantel_haenszel_risk_difference(strata);
  REQUIRE(rd);
  CHECK_THAT(rd->difference, WithinAbs(2.0 / 7, kTol));
  const double variance = (2.0 / 7 * -0.66 + 1.3) / (4.9 * 4.9);
  CHECK_THAT(rd->variance, WithinAbs(variance, kTol));
  REQUIRE(rd->ci95);
  CHECK_THAT(rd->ci95->lower, WithinAbs(2.0 / 7 - kZ95 * std::sqrt(variance), kTol));
  CHECK_THAT(rd->ci95->upper, WithinAbs(2.0 / 7 + kZ95 * std::sqrt(variance), kTol));
  CHECK(rd->strata_used == 2);
}

TEST_CASE("Cochran-Mantel-Haenszel test without continuity correction, by hand", "[stratified]") {
  // Stratum 1: 4 achieved of 10, E a = 5 * 4 / 10 = 2, a - E = 1, Var = 5*5*4*6 / (100*9) = 2/3.
  // Stratum 2: 4 of 10, E a = 4 * 4 / 10 = 1.6, a - E = 0.4, Var = 4*6*4*6 / 900 = 0.64.
  // Statistic = 1.4^2 / (2/3 + 0.64) = 1.5; p = P(chi2_1 > 1.5) = erfc(sqrt(0.75)).
  const auto t = cochran_mantel_haenszel({{3, 5, 1, 5}, {2, 4, 2, 6}});
  REQUIRE(t);
  CHECK_THAT(t->statistic, WithinAbs(1.5, kTol));
  CHECK_THAT(t->p_value, WithinAbs(0.22067136191984693, kTol));
  CHECK(t->strata_used == 2);
}

TEST_CASE("one stratum: Mantel-Haenszel is the plain difference", "[stratified]") {
  // 53/108 vs 40/107 (the POWER-like arms): RD = 53/108 - 40/107, and the test is Pearson's
  // chi-square times (N - 1) / N (the hypergeometric variance has N - 1 where Pearson has N).
  const auto rd = mantel_haenszel_risk_difference({{53, 108, 40, 107}});
  REQUIRE(rd);
  CHECK_THAT(rd->difference, WithinAbs(53.0 / 108 - 40.0 / 107, kTol));
  const auto cmh = cochran_mantel_haenszel({{53, 108, 40, 107}});
  const auto pearson = chi_square(53, 108, 40, 107);
  REQUIRE(cmh);
  REQUIRE(pearson);
  CHECK_THAT(cmh->statistic, WithinAbs(pearson->statistic * 214.0 / 215.0, 1e-9));
}

TEST_CASE("strata that cannot contribute, and no stratum with both arms", "[stratified]") {
  // A stratum with one arm empty has weight 0 and adds nothing; a stratum of one patient adds
  // nothing to the test.
  const auto with = mantel_haenszel_risk_difference({{3, 5, 1, 5}, {2, 4, 2, 6}, {1, 3, 0, 0}, {0, 0, 0, 0}});
  const auto without = mantel_haenszel_risk_difference({{3, 5, 1, 5}, {2, 4, 2, 6}});
  REQUIRE(with);
  CHECK(with->difference == without->difference);
  CHECK(with->variance == without->variance);
  CHECK(with->strata_used == 2);
  const auto t = cochran_mantel_haenszel({{3, 5, 1, 5}, {2, 4, 2, 6}, {1, 1, 0, 0}});
  REQUIRE(t);
  CHECK_THAT(t->statistic, WithinAbs(1.5, kTol));
  CHECK(t->strata_used == 2);
  CHECK_FALSE(mantel_haenszel_risk_difference({{1, 3, 0, 0}, {0, 0, 2, 5}}));
  CHECK_FALSE(cochran_mantel_haenszel({{1, 3, 0, 0}, {0, 0, 2, 5}}));
  // Nobody achieved it: the difference is 0 and Sato's variance 0: no interval (never 0 to 0).
  const auto zero = mantel_haenszel_risk_difference({{0, 5, 0, 5}, {0, 4, 0, 6}});
  REQUIRE(zero);
  CHECK(zero->difference == 0);
  CHECK_FALSE(zero->ci95);
  CHECK_FALSE(cochran_mantel_haenszel({{0, 5, 0, 5}, {0, 4, 0, 6}}));
}
