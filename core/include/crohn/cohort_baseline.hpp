// SPDX-License-Identifier: MIT
// Crohn Score: the cohort's descriptive table (a paper's Table 1), per arm, at baseline and at each
// reported week: n, mean (SD), median (IQR), minimum and maximum of each score and biomarker, and
// the band counts (HBI and SES-CD bands, CRP and faecal calprotectin at or above the endpoint
// thresholds). Descriptive only: no test, no imputation; a patient without the measure is
// counted as missing for that measure, never as 0. Format: docs/cohort.md ("Baseline table").
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"

namespace crohn::cohort {

/// Summary of a sample. SD is the sample SD (n - 1; null for n = 1); quartiles by linear
/// interpolation between order statistics (Hyndman & Fan 1996 type 7, the default of R's
/// quantile() and numpy.percentile).
struct Describe {
  std::size_t n = 0;
  double mean = 0;
  std::optional<double> sd;
  double median = 0, q1 = 0, q3 = 0, min = 0, max = 0;
};

/// nullopt for an empty sample.
std::optional<Describe> describe(std::vector<double> values);

/// The table: {"rows": [{arm, week (null at baseline), patients, measures: {name: {n, missing,
/// mean, sd, median, q1, q3, min, max}}, bands: {...}}], "method": {...}}. At a week, each
/// measure is taken from the patient's follow-up visit nearest the week, within `window_weeks`,
/// that has it (ties: the earlier visit); at baseline from the baseline visit.
nlohmann::json baseline_table(const Input& input, const std::vector<double>& weeks,
                              double window_weeks);

}  // namespace crohn::cohort
