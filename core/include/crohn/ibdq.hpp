// SPDX-License-Identifier: MIT
// Inflammatory Bowel Disease Questionnaire (IBDQ-32): 32 items on a 7-point scale (1 worst - 7
// best), total 32-224 (Guyatt/McMaster instrument as summarised by medicalalgorithms.com;
// clinical-spec §5.5; the questionnaire itself is licensed and not reproduced here).
#pragma once

#include "crohn/input.hpp"

namespace crohn::ibdq {

inline constexpr int kItems = 32;
inline constexpr int kItemMin = 1;
inline constexpr int kItemMax = 7;
inline constexpr int kTotalMin = kItems * kItemMin;  // 32
inline constexpr int kTotalMax = kItems * kItemMax;  // 224

/// `ibdq_items` (32 answers) or `ibdq_total` for one visit, or `ibdq_baseline` and
/// `ibdq_followup` for a change. Response/remission thresholds live in endpoints.cpp.
Json evaluate(Reader& reader);

}  // namespace crohn::ibdq
