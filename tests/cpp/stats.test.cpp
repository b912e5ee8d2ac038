// SPDX-License-Identifier: MIT
// Statistics of the cohort mode against independently computed reference values.
// Source of every reference value: SciPy 1.10.1 and statsmodels 0.13.5 as packaged by Debian
// bookworm (python3-scipy, python3-statsmodels), run by hand on 2026-11-21:
//   statsmodels.stats.proportion.proportion_confint(n, N, alpha=0.05, method='wilson' | 'beta')
//   statsmodels.stats.proportion.confint_proportions_2indep(a, A, b, B, method='newcomb',
//                                                           compare='diff')
//   scipy.stats.chi2_contingency([[a, A-a], [b, B-b]], correction=False)
//   scipy.stats.fisher_exact([[a, A-a], [b, B-b]])  (two-sided)
#include <catch2/catch.hpp>

#include "crohn/stats.hpp"

using Catch::Matchers::WithinAbs;
using namespace crohn::stats;

namespace {
constexpr double kTol = 1e-9;
}

TEST_CASE("Wilson and Clopper-Pearson intervals match statsmodels", "[stats]") {
  struct Row {
    int64_t n, total;
    double wilson_lo, wilson_hi, cp_lo, cp_hi;
  };
  const Row rows[] = {
      {33, 64, 0.395816014786, 0.633664483346, 0.387258808220, 0.642498003280},
      {21, 58, 0.250549128300, 0.490724762952, 0.239920819406, 0.498821020491},
      {0, 10, 0.000000000000, 0.277532799863, 0.000000000000, 0.308497107819},
      {10, 10, 0.722467200137, 1.000000000000, 0.691502892181, 1.000000000000},
      {1, 1, 0.206549314377, 1.000000000000, 0.025000000000, 1.000000000000},
      {53, 108, 0.398408912983, 0.583708630716, 0.393259811904, 0.588742193976},
      {40, 107, 0.288028251379, 0.468380584383, 0.282189997887, 0.472647123668},
      {15, 52, 0.183299604147, 0.422727880367, 0.171296787331, 0.430758014619},
      {5, 20, 0.111861701408, 0.468700877619, 0.086571469101, 0.491045871708},
  };
  for (const Row& r : rows) {
    CAPTURE(r.n, r.total);
    const auto w = wilson(r.n, r.total);
    const auto cp = clopper_pearson(r.n, r.total);
    REQUIRE(w);
    REQUIRE(cp);
    CHECK_THAT(w->lower, WithinAbs(r.wilson_lo, kTol));
    CHECK_THAT(w->upper, WithinAbs(r.wilson_hi, kTol));
    CHECK_THAT(cp->lower, WithinAbs(r.cp_lo, kTol));
    CHECK_THAT(cp->upper, WithinAbs(r.cp_hi, kTol));
  }
}

TEST_CASE("an empty denominator has no interval", "[stats]") {
  CHECK_FALSE(wilson(0, 0));
  CHECK_FALSE(clopper_pearson(0, 0));
  CHECK_FALSE(newcombe_difference(1, 2, 0, 0));
  CHECK_FALSE(chi_square(1, 2, 0, 0));
  CHECK_FALSE(fisher_exact(0, 0, 1, 2));
}

TEST_CASE("difference, chi-square and Fisher exact match statsmodels and SciPy", "[stats]") {
  struct Row {
    int64_t a, A, b, B;
    double newcombe_lo, newcombe_hi, chi2, chi2_p, fisher_p;
  };
  const Row rows[] = {
      {53, 108, 40, 107, -0.015244898469, 0.243420914485, 2.992945754476, 0.083627912623,
       0.098914658179},
      {27, 103, 21, 102, -0.059888478037, 0.170429329654, 0.904379140036, 0.341610210263,
       0.410089493901},
      {7, 10, 2, 10, 0.066476314486, 0.739758634041, 5.050505050505, 0.024618761381,
       0.069778518695},
      {0, 5, 5, 5, -1.000000000000, -0.385549005690, 10.000000000000, 0.001565402258,
       0.007936507937},
      {12, 40, 12, 40, -0.195011486078, 0.195011486078, 0.000000000000, 1.000000000000,
       1.000000000000},
  };
  for (const Row& r : rows) {
    CAPTURE(r.a, r.A, r.b, r.B);
    const auto d = newcombe_difference(r.a, r.A, r.b, r.B);
    const auto chi = chi_square(r.a, r.A, r.b, r.B);
    const auto f = fisher_exact(r.a, r.A, r.b, r.B);
    REQUIRE(d);
    REQUIRE(chi);
    REQUIRE(f);
    CHECK_THAT(d->lower, WithinAbs(r.newcombe_lo, kTol));
    CHECK_THAT(d->upper, WithinAbs(r.newcombe_hi, kTol));
    CHECK_THAT(chi->statistic, WithinAbs(r.chi2, kTol));
    CHECK_THAT(chi->p_value, WithinAbs(r.chi2_p, kTol));
    CHECK_THAT(*f, WithinAbs(r.fisher_p, kTol));
  }
}

TEST_CASE("chi-square is undefined when nobody (or everybody) achieved it", "[stats]") {
  CHECK_FALSE(chi_square(0, 10, 0, 12));
  CHECK_FALSE(chi_square(10, 10, 12, 12));
  REQUIRE(fisher_exact(0, 10, 0, 12));
  CHECK_THAT(*fisher_exact(0, 10, 0, 12), WithinAbs(1.0, kTol));
}

TEST_CASE("incomplete beta at known points", "[stats]") {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5 by symmetry.
  CHECK_THAT(incomplete_beta(1, 1, 0.3), WithinAbs(0.3, 1e-12));
  CHECK_THAT(incomplete_beta(3, 1, 0.5), WithinAbs(0.125, 1e-12));
  CHECK_THAT(incomplete_beta(7.5, 7.5, 0.5), WithinAbs(0.5, 1e-12));
  CHECK(incomplete_beta(2, 3, 0) == 0);
  CHECK(incomplete_beta(2, 3, 1) == 1);
}
