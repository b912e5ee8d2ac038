// SPDX-License-Identifier: MIT
#include "crohn/stratified.hpp"

#include <cmath>

namespace crohn::stats {

std::optional<RiskDifference> mantel_haenszel_risk_difference(const std::vector<StratumTable>& strata,
                                                              double z) {
  double numerator = 0, weights = 0, p_sum = 0, q_sum = 0;
  int64_t used = 0;
  for (const StratumTable& t : strata) {
    if (t.total1 <= 0 || t.total2 <= 0) continue;  // weight n m / N is 0: adds nothing
    const double a = static_cast<double>(t.n1), n = static_cast<double>(t.total1);
    const double c = static_cast<double>(t.n2), m = static_cast<double>(t.total2);
    const double N = n + m;
    numerator += (a * m - c * n) / N;
    weights += n * m / N;
    p_sum += (n * n * c - m * m * a + n * m * (m - n) / 2) / (N * N);
    q_sum += (a * (m - c) + c * (n - a)) / (2 * N);
    ++used;
  }
  if (used == 0) return std::nullopt;
  RiskDifference out;
  out.difference = numerator / weights;
  out.variance = (out.difference * p_sum + q_sum) / (weights * weights);
  out.strata_used = used;
  if (out.variance > 0) {  // 0 when nobody (or everybody) achieved it: no interval
    const double half = z * std::sqrt(out.variance);
    out.ci95 = Interval{out.difference - half, out.difference + half};
  }
  return out;
}

std::optional<CmhTest> cochran_mantel_haenszel(const std::vector<StratumTable>& strata) {
  double deviation = 0, variance = 0;
  int64_t used = 0;
  for (const StratumTable& t : strata) {
    const double n = static_cast<double>(t.total1), m = static_cast<double>(t.total2);
    const double N = n + m;
    if (N < 2) continue;  // a - E a is 0 and the variance 0 for a stratum of one
    const double s = static_cast<double>(t.n1 + t.n2);
    const double f = N - s;
    deviation += static_cast<double>(t.n1) - n * s / N;
    variance += n * m * s * f / (N * N * (N - 1));
    ++used;
  }
  if (!(variance > 0)) return std::nullopt;
  CmhTest out;
  out.statistic = deviation * deviation / variance;
  // Survival function of chi-square with 1 df: P(X > x) = erfc(sqrt(x / 2)).
  out.p_value = std::erfc(std::sqrt(out.statistic / 2));
  out.strata_used = used;
  return out;
}

}  // namespace crohn::stats
