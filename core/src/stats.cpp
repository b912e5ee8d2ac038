// SPDX-License-Identifier: MIT
#include "crohn/stats.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace crohn::stats {

namespace {

double log_choose(int64_t n, int64_t k) {
  return std::lgamma(static_cast<double>(n) + 1) - std::lgamma(static_cast<double>(k) + 1) -
         std::lgamma(static_cast<double>(n - k) + 1);
}

/// Continued fraction of the incomplete beta function (modified Lentz).
double beta_continued_fraction(double a, double b, double x) {
  constexpr int kMaxIterations = 1000;
  constexpr double kEpsilon = 1e-15;
  constexpr double kTiny = 1e-300;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1) < kEpsilon) break;
  }
  return h;
}

/// The x with I_x(a, b) = p, by bisection (I is increasing in x); 200 halvings reach double
/// precision on [0, 1].
double beta_quantile(double p, double a, double b) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (incomplete_beta(a, b, mid) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

}  // namespace

double incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

std::optional<Interval> wilson(int64_t n, int64_t total, double z) {
  if (total <= 0 || n < 0 || n > total) return std::nullopt;
  const double N = static_cast<double>(total);
  const double p = static_cast<double>(n) / N;
  const double z2 = z * z;
  const double denominator = 1 + z2 / N;
  const double centre = (p + z2 / (2 * N)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / N + z2 / (4 * N * N)) / denominator;
  return Interval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

std::optional<Interval> clopper_pearson(int64_t n, int64_t total, double alpha) {
  if (total <= 0 || n < 0 || n > total) return std::nullopt;
  const double k = static_cast<double>(n);
  const double N = static_cast<double>(total);
  const double lower = n == 0 ? 0.0 : beta_quantile(alpha / 2, k, N - k + 1);
  const double upper = n == total ? 1.0 : beta_quantile(1 - alpha / 2, k + 1, N - k);
  return Interval{lower, upper};
}

std::optional<Interval> newcombe_difference(int64_t n1, int64_t total1, int64_t n2, int64_t total2,
                                            double z) {
  const auto w1 = wilson(n1, total1, z);
  const auto w2 = wilson(n2, total2, z);
  if (!w1 || !w2) return std::nullopt;
  const double p1 = static_cast<double>(n1) / static_cast<double>(total1);
  const double p2 = static_cast<double>(n2) / static_cast<double>(total2);
  const double d = p1 - p2;
  const double lower_gap = std::sqrt((p1 - w1->lower) * (p1 - w1->lower) +
                                     (w2->upper - p2) * (w2->upper - p2));
  const double upper_gap = std::sqrt((w1->upper - p1) * (w1->upper - p1) +
                                     (p2 - w2->lower) * (p2 - w2->lower));
  return Interval{d - lower_gap, d + upper_gap};
}

std::optional<ChiSquare> chi_square(int64_t n1, int64_t total1, int64_t n2, int64_t total2) {
  if (total1 <= 0 || total2 <= 0) return std::nullopt;
  const double a = static_cast<double>(n1), b = static_cast<double>(total1 - n1);
  const double c = static_cast<double>(n2), d = static_cast<double>(total2 - n2);
  const double N = a + b + c + d;
  const double successes = a + c, failures = b + d;
  if (successes == 0 || failures == 0) return std::nullopt;
  const double numerator = N * (a * d - b * c) * (a * d - b * c);
  const double statistic = numerator / (successes * failures * static_cast<double>(total1) *
                                        static_cast<double>(total2));
  // Survival function of chi-square with 1 df: P(X > s) = erfc(sqrt(s / 2)).
  return ChiSquare{statistic, std::erfc(std::sqrt(statistic / 2))};
}

std::optional<double> fisher_exact(int64_t n1, int64_t total1, int64_t n2, int64_t total2) {
  if (total1 <= 0 || total2 <= 0) return std::nullopt;
  const int64_t successes = n1 + n2;
  const int64_t N = total1 + total2;
  const int64_t lo = std::max<int64_t>(0, successes - total2);
  const int64_t hi = std::min(successes, total1);
  // log P(X = x) for the hypergeometric count of successes in arm 1.
  auto log_p = [&](int64_t x) {
    return log_choose(total1, x) + log_choose(total2, successes - x) - log_choose(N, successes);
  };
  const double observed = log_p(n1);
  constexpr double kRelativeTolerance = 1e-7;
  double p = 0;
  for (int64_t x = lo; x <= hi; ++x) {
    const double lp = log_p(x);
    if (lp <= observed + std::log1p(kRelativeTolerance)) p += std::exp(lp);
  }
  return std::min(1.0, p);
}

}  // namespace crohn::stats
