// SPDX-License-Identifier: MIT
// Shared by the cohort's source files (core/src/cohort*.cpp), not part of the public API: the
// progress ticker, the patient-level column names and the arms check.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "crohn/cohort.hpp"

namespace crohn::cohort::detail {

/// Calls `progress` (done, total) as work advances: when done reaches another percent of total
/// (so about 100 calls at most), and once at the end with done == total.
class Ticker {
 public:
  Ticker(const Progress& progress, std::size_t total) : progress_(progress), total_(total) {}
  void at(std::size_t done) {
    if (!progress_ || done < next_ || done >= total_) return;
    progress_(done, total_);
    const uint64_t percent = static_cast<uint64_t>(done) * 100 / total_;
    next_ = static_cast<std::size_t>(((percent + 1) * total_ + 99) / 100);
  }
  void finish() {
    if (progress_ && !finished_) progress_(total_, total_);
    finished_ = true;
  }

 private:
  const Progress& progress_;
  std::size_t total_;
  std::size_t next_ = 0;
  bool finished_ = false;
};

// Patient-level columns (must agree on every row of a patient).
inline const char* const kPatientId = "patient_id";
inline const char* const kArm = "arm";
inline const char* const kStratum = "stratum";  // the stratified comparison's strata (docs/cohort.md)
// The summary row that pools every arm (present with two or more arms).
inline const std::string kAllArms = "all";
inline const char* const kIleal = "isolated_ileal_disease";

/// The arms of a cohort must name every patient's group unambiguously: once any patient has an
/// arm, a patient without one cannot be counted in an arm, and with two or more arms "all" is the
/// pooled row's name. Such patients are listed and left out (never counted in a made-up arm).
void check_arms(Input& in);

}  // namespace crohn::cohort::detail
