// SPDX-License-Identifier: MIT
// Biomarkers: C-reactive protein (unit-safe) and faecal calprotectin, with the biochemical
// remission definitions of clinical-spec §5.1 (ambiguity A21) as named thresholds.
#pragma once

#include <optional>

#include "crohn/common.hpp"
#include "crohn/input.hpp"

namespace crohn::biomarkers {

/// 1 mg/dL = 10 mg/L (clinical-spec §5.1).
inline constexpr double kMgLPerMgDl = 10.0;
inline constexpr double kCrpMaxMgL = 1000.0;  // plausibility limit (project's own)
inline constexpr double kFcMaxUgG = 100000.0;  // plausibility limit (project's own)

/// Italian upadacitinib cohort: FC < 150 ug/g and CRP < 0.5 mg/dL (= 5 mg/L) (clinical-spec §6.4).
inline constexpr double kItalianFcBelow = 150.0;
inline constexpr double kItalianCrpBelowMgL = 5.0;
/// STRIDE-II (Turner 2021): FC < 250 ug/g; CRP below the laboratory's upper limit of normal.
inline constexpr double kStride2FcBelow = 250.0;
/// AbbVie post hoc: hs-CRP <= 5 mg/L; FC <= 250 ug/g (clinical-spec §5.1).
inline constexpr double kAbbvieCrpMaxMgL = 5.0;
inline constexpr double kAbbvieFcMax = 250.0;

/// The laboratory's CRP upper limit of normal accepted as plausible, in mg/L (project's own).
inline constexpr double kCrpUlnMinMgL = 0.1;
inline constexpr double kCrpUlnMaxMgL = 100.0;

/// Reads the CRP upper limit of normal given as crp_uln + crp_uln_unit ("mg/L" or "mg/dL", as
/// the laboratory reports it) or as crp_uln_mg_l (one form), and returns it in mg/L. Optional:
/// absent means std::nullopt, no error.
std::optional<double> read_crp_uln_mg_l(Reader& reader);

/// Reads CRP given as crp_value + crp_unit ("mg/L" or "mg/dL"), crp_mg_l or crp_mg_dl (exactly
/// one form) and returns it in mg/L. With Need::kOptional, absent means std::nullopt, no error.
std::optional<double> read_crp_mg_l(Reader& reader, Need need);
/// The same for a visit of a patient record, where CRP may be censored ("<0.5" mg/dL: a bound,
/// kept as one, in mg/L).
std::optional<Censored> read_crp_lab_mg_l(Reader& reader, Need need);

struct Input {
  std::optional<double> fc_ug_g;
  std::optional<double> crp_mg_l;
  std::optional<double> crp_uln_mg_l;
  double fc_threshold_ug_g = kItalianFcBelow;   // options.fc_below_ug_g
  double crp_threshold_mg_l = kItalianCrpBelowMgL;  // options.crp_below_mg_l
};

std::optional<Input> read(Reader& reader);
Json evaluate(const Input& input);

}  // namespace crohn::biomarkers
