// SPDX-License-Identifier: MIT
// One patient's assessment at a week (crohn/assessment.hpp, docs/cohort.md "Assessments").
#include "crohn/assessment.hpp"

#include <cmath>

#include "crohn/common.hpp"

namespace crohn::cohort {

namespace {

using endpoints::Snapshot;

bool has(Part part, const Snapshot& s) {
  switch (part) {
    case Part::kHbi: return s.hbi.has_value();
    case Part::kCdai: return s.cdai.has_value();
    case Part::kSesCd:
      return s.ses_cd.has_value() || s.ses_cd_max_item.has_value() || s.ses_cd_any_ulcer.has_value();
    case Part::kPro2: return s.sf_avg.has_value() || s.ap_avg.has_value();
    case Part::kFc: return s.fc_ug_g.has_value();
    case Part::kCrp: return s.crp_mg_l.has_value();
    case Part::kUltrasound:
      return s.bwt_hundredths_mm.has_value() || s.color_doppler_decreased.has_value();
    case Part::kIbdq: return s.ibdq.has_value();
    case Part::kCorticosteroids: return s.steroid_free.has_value();
    case Part::kDiscontinued: return s.discontinued.has_value();
    case Part::kCount: break;
  }
  return false;
}

/// Copies one part's fields (every field of Snapshot belongs to exactly one part).
void copy(Part part, const Snapshot& from, Snapshot& to) {
  switch (part) {
    case Part::kHbi: to.hbi = from.hbi; break;
    case Part::kCdai: to.cdai = from.cdai; break;
    case Part::kSesCd:
      to.ses_cd = from.ses_cd;
      to.ses_cd_max_item = from.ses_cd_max_item;
      to.ses_cd_any_ulcer = from.ses_cd_any_ulcer;
      to.ses_cd_incomplete = from.ses_cd_incomplete;
      to.ses_cd_segments = from.ses_cd_segments;
      to.ses_cd_resected = from.ses_cd_resected;
      break;
    case Part::kPro2:
      to.sf_avg = from.sf_avg;
      to.ap_avg = from.ap_avg;
      break;
    case Part::kFc: to.fc_ug_g = from.fc_ug_g; break;
    case Part::kCrp:
      to.crp_mg_l = from.crp_mg_l;
      to.crp_uln_mg_l = from.crp_uln_mg_l;  // the laboratory's limit of that value
      break;
    case Part::kUltrasound:
      to.bwt_hundredths_mm = from.bwt_hundredths_mm;
      to.color_doppler_decreased = from.color_doppler_decreased;
      break;
    case Part::kIbdq: to.ibdq = from.ibdq; break;
    case Part::kCorticosteroids: to.steroid_free = from.steroid_free; break;
    case Part::kDiscontinued: to.discontinued = from.discontinued; break;
    case Part::kCount: break;
  }
}

/// Whether a visit at distance `d` replaces the best so far at `best` (ties: the earlier, which
/// in week order is the one already held).
bool nearer(double d, double best) {
  return kAssessmentTieEarlier ? d < best : d <= best;
}

}  // namespace

const char* part_name(Part part) {
  switch (part) {
    case Part::kHbi: return "hbi";
    case Part::kCdai: return "cdai";
    case Part::kSesCd: return "ses_cd";
    case Part::kPro2: return "pro2";
    case Part::kFc: return "fecal_calprotectin";
    case Part::kCrp: return "crp";
    case Part::kUltrasound: return "ultrasound";
    case Part::kIbdq: return "ibdq";
    case Part::kCorticosteroids: return "corticosteroids";
    case Part::kDiscontinued: return "discontinued";
    case Part::kCount: break;
  }
  return "";
}

Assessment assess(const record::Visit* const* first, const record::Visit* const* last,
                  double week, double window) {
  Assessment a;
  std::array<double, kParts> best{};
  for (; first != last; ++first) {
    const record::Visit* v = *first;
    const double d = std::fabs(*v->week - week);
    if (d > window + kTolerance) continue;
    if (!a.nearest || nearer(d, std::fabs(*a.nearest->week - week))) a.nearest = v;
    for (std::size_t k = 0; k < kParts; ++k) {
      const Part part = static_cast<Part>(k);
      if (!has(part, v->snap)) continue;
      if (!a.from[k] || nearer(d, best[k])) {
        a.from[k] = v;
        best[k] = d;
      }
    }
  }
  if (!a.nearest) return a;
  a.latest_week = *a.nearest->week;
  for (std::size_t k = 0; k < kParts; ++k) {
    if (!a.from[k]) continue;
    copy(static_cast<Part>(k), a.from[k]->snap, a.snap);
    if (*a.from[k]->week > a.latest_week) a.latest_week = *a.from[k]->week;
  }
  return a;
}

}  // namespace crohn::cohort
