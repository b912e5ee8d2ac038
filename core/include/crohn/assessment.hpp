// SPDX-License-Identifier: MIT
// Crohn Score: one patient's assessment at a reported week (docs/cohort.md, "Assessments"). The
// measures of the patient's follow-up visits inside the window of a week form one assessment:
// each measure is taken from the visit nearest the week that has it; of two visits equally
// near, the earlier (kAssessmentTieEarlier). Labs at week 11, the HBI at week 12 and ultrasound
// at week 13 are one week-12 assessment.
#pragma once

#include <array>
#include <cstddef>
#include <optional>

#include "crohn/endpoints.hpp"
#include "crohn/record.hpp"

namespace crohn::cohort {

/// Ties: of two visits equally near the week that have a measure, the earlier gives it (the
/// rule of the visit that counts before issue 15, kept; docs/cohort.md "Assessments").
inline constexpr bool kAssessmentTieEarlier = true;

/// The parts of an assessment: the measures taken together from one visit (one instrument, or
/// a value with its own reference, CRP with its laboratory's ULN; an ultrasound's BWT with its
/// colour Doppler), in output order.
enum class Part : std::size_t {
  kHbi, kCdai, kSesCd, kPro2, kFc, kCrp, kUltrasound, kIbdq, kCorticosteroids, kDiscontinued,
  kCount
};
inline constexpr std::size_t kParts = static_cast<std::size_t>(Part::kCount);

/// The name of a part in the per-patient output ("hbi", "cdai", "ses_cd", "pro2",
/// "fecal_calprotectin", "crp", "ultrasound", "ibdq", "corticosteroids", "discontinued").
const char* part_name(Part part);

struct Assessment {
  /// The follow-up visit nearest the week within the window (whatever it holds); nullptr: no
  /// visit in the window ("no_visit").
  const record::Visit* nearest = nullptr;
  /// Each part from the visit nearest the week that has it (nullptr: no visit in the window has it).
  std::array<const record::Visit*, kParts> from{};
  /// The measures assembled (a part no visit has is absent).
  endpoints::Snapshot snap;
  /// The latest week of a visit that gave a part (or of `nearest`): a discontinuation recorded
  /// up to it counts for the week.
  double latest_week = 0;
};

/// The assessment at `week` from the follow-up visits [first, last) in week order.
Assessment assess(const record::Visit* const* first, const record::Visit* const* last,
                  double week, double window);

}  // namespace crohn::cohort
