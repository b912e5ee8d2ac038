// SPDX-License-Identifier: MIT
// Crohn Score: comparisons of two arms across strata: the Mantel-Haenszel risk difference with
// Sato's variance and the Cochran-Mantel-Haenszel test. The project's own implementation (no
// library), checked against statsmodels (StratifiedTable for the test; Sato's variance by hand,
// statsmodels has no risk difference) in tests/stats/oracle.py.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "crohn/stats.hpp"

namespace crohn::stats {

/// One stratum's 2 x 2 table: n1 of total1 achieved in the first arm, n2 of total2 in the second.
struct StratumTable {
  int64_t n1 = 0, total1 = 0, n2 = 0, total2 = 0;
};

struct RiskDifference {
  double difference = 0;      // first arm minus second
  double variance = 0;        // Sato's estimator
  std::optional<Interval> ci95;  // difference -/+ z sqrt(variance); nullopt unless variance > 0
  int64_t strata_used = 0;    // strata with both arms non-empty (the others have weight 0)
};

/// The Mantel-Haenszel risk difference (Greenland S, Robins JM. Biometrics 1985;41:55-68):
/// RD = sum_k (a_k m_k - c_k n_k) / N_k  /  sum_k n_k m_k / N_k, with a_k of n_k achieved in the
/// first arm and c_k of m_k in the second, N_k = n_k + m_k; and Sato's variance (Sato T.
/// Biometrics 1989;45:1323-1324), consistent in both sparse data and large strata:
/// Var = (RD * sum P_k + sum Q_k) / (sum n_k m_k / N_k)^2 with
/// P_k = (n_k^2 c_k - m_k^2 a_k + n_k m_k (m_k - n_k) / 2) / N_k^2 and
/// Q_k = (a_k (m_k - c_k) + c_k (n_k - a_k)) / (2 N_k). Wald interval RD -/+ z sqrt(Var).
/// nullopt when no stratum has both arms.
std::optional<RiskDifference> mantel_haenszel_risk_difference(const std::vector<StratumTable>& strata,
                                                              double z = kZ95);

struct CmhTest {
  double statistic = 0;  // chi-square, 1 degree of freedom
  double p_value = 1;
  int64_t strata_used = 0;  // strata of 2 or more subjects (a stratum of one adds nothing)
};

/// The Cochran-Mantel-Haenszel test of no association in any stratum (Mantel N, Haenszel W.
/// J Natl Cancer Inst 1959;22:719-748; Cochran WG. Biometrics 1954;10:417-451):
/// (|sum_k a_k - E a_k|)^2 / sum_k Var a_k, E a_k = n_k s_k / N_k,
/// Var a_k = n_k m_k s_k f_k / (N_k^2 (N_k - 1)) (s_k achieved, f_k not achieved), WITHOUT the
/// continuity correction (statsmodels' StratifiedTable.test_null_odds default, correction=False).
/// nullopt when the variance sum is 0 (no stratum with both arms and both outcomes).
std::optional<CmhTest> cochran_mantel_haenszel(const std::vector<StratumTable>& strata);

}  // namespace crohn::stats
