// SPDX-License-Identifier: MIT
// Crohn Score: the statistics of the cohort mode, the project's own implementation (no
// library): binomial confidence intervals, the difference of two proportions, and tests of a
// 2 x 2 table. Reference values in tests/cpp/stats.test.cpp come from SciPy / statsmodels.
#pragma once

#include <cstdint>
#include <optional>

namespace crohn::stats {

/// Two-sided 95 % normal quantile, z = Phi^-1(0.975).
inline constexpr double kZ95 = 1.959963984540054;

struct Interval {
  double lower = 0;
  double upper = 0;
};

/// Wilson score interval for n successes out of total (Wilson EB. J Am Stat Assoc 1927;22:209-212).
/// nullopt when total is 0.
std::optional<Interval> wilson(int64_t n, int64_t total, double z = kZ95);

/// Clopper-Pearson "exact" interval (Clopper CJ, Pearson ES. Biometrika 1934;26:404-413): the
/// alpha/2 and 1 - alpha/2 quantiles of Beta(n, total - n + 1) and Beta(n + 1, total - n).
std::optional<Interval> clopper_pearson(int64_t n, int64_t total, double alpha = 0.05);

/// Newcombe's hybrid score interval for p1 - p2 from two Wilson intervals (Newcombe RG. Stat Med
/// 1998;17:873-890, method 10).
std::optional<Interval> newcombe_difference(int64_t n1, int64_t total1, int64_t n2, int64_t total2,
                                            double z = kZ95);

struct ChiSquare {
  double statistic = 0;
  double p_value = 1;
};

/// Pearson's chi-square test of a 2 x 2 table (successes / failures by arm), 1 degree of freedom,
/// without continuity correction. nullopt when a row or column total is 0.
std::optional<ChiSquare> chi_square(int64_t n1, int64_t total1, int64_t n2, int64_t total2);

/// Fisher's exact test, two-sided: the sum of the probabilities of all tables with the same
/// margins that are no more likely than the observed one (relative tolerance 1e-7, as R and
/// SciPy do). nullopt when an arm is empty.
std::optional<double> fisher_exact(int64_t n1, int64_t total1, int64_t n2, int64_t total2);

/// Regularised incomplete beta function I_x(a, b) (continued fraction, Lentz's method).
double incomplete_beta(double a, double b, double x);

}  // namespace crohn::stats
