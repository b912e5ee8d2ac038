// SPDX-License-Identifier: MIT
// Helpers shared by the cohort test files: a summary row by endpoint, week and arm, and the
// options of an analysis.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"

namespace crohn_test {

/// The summary row of `endpoint` at `week` for `arm`; the test fails when there is none.
inline nlohmann::json summary_row(const nlohmann::json& a, const std::string& endpoint, double week,
                                  const std::string& arm = "all") {
  for (const nlohmann::json& r : a.at("summary")) {
    if (r["endpoint"] == endpoint && r["week"] == week && r["arm"] == arm) return r;
  }
  FAIL("no summary row " << endpoint << " " << week << " " << arm);
  return nullptr;
}

/// Options of an analysis of `sets` at `weeks`.
inline crohn::cohort::Options opts(std::vector<std::string> sets, std::vector<double> weeks) {
  crohn::cohort::Options o;
  o.sets = std::move(sets);
  o.weeks = std::move(weeks);
  return o;
}

}  // namespace crohn_test
