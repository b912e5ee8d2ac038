// SPDX-License-Identifier: MIT
// MaRIA (Magnetic Resonance Index of Activity) and the simplified MaRIA (sMaRIA) of an MR
// enterography, per segment and global (clinical-spec-instruments §5). One header for both: they
// share the six segments and the missing-segment rule.
//
// Sources (evidence level of each in kMariaSources / kSmariaSources and docs/clinical-sources.md):
// - MaRIA formula: Rimola J et al. Gut 2009;58(8):1113-1120 (not read); SECONDARY: radiopaedia
//   "Magnetic Resonance Index of Activity (MaRIA)", Gastroenterol Res Pract 2015 (hindawi
//   grp/2015/159641).
// - MaRIA segment cut-offs 7 and 11: SECONDARY (radiopaedia; attributed to Rimola 2009/2011).
// - Six segments: Hrabric Sonje K et al., ECCO P212 (VERIFIED, abstract).
// - sMaRIA items: Ordas I et al. Gastroenterology 2019;157(2):432-439.e1,
//   doi:10.1053/j.gastro.2019.03.051 (VERIFIED, abstract); weights 1/1/1/2 SECONDARY
//   (radiopaedia; Reuters Health 2019); active >= 1 (Roseira J et al. UEG J 2020,
//   doi:10.1177/2050640620943089, VERIFIED abstract), severe >= 2 (Ordas 2019 abstract "2 or more").
// Global cut-offs and change endpoints of either index are UNVERIFIED and not built (M3).
#pragma once

#include <array>
#include <cstdint>
#include <optional>

#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"
#include "crohn/source.hpp"

namespace crohn::maria {

/// The six segments of global MaRIA and sMaRIA (ECCO P212, VERIFIED abstract; radiopaedia;
/// ambiguity M2 default: six, not the five SES-CD segments).
inline constexpr int kSegmentCount = 6;
inline constexpr std::array<const char*, kSegmentCount> kSegments = {
    "terminal_ileum", "ascending_colon", "transverse_colon",
    "descending_colon", "sigmoid_colon", "rectum"};

/// Arithmetic in integer units of 1/10000 (clinical-spec-instruments §0.3, §5.6): wall thickness
/// and RCE are read exactly in hundredths, so
/// MaRIA x 10000 = 150 x WT(1/100 mm) + 2 x RCE(1/100) + 50000 x oedema + 100000 x ulceration.
inline constexpr int64_t kScale = 10000;
/// MaRIA_segment = 1.5 x wall thickness (mm) + 0.02 x RCE + 5 x oedema + 10 x ulceration
/// (Rimola 2009; SECONDARY: radiopaedia, Gastroenterol Res Pract 2015), per 1/100 of the input.
inline constexpr int64_t kWallThicknessPerHundredth = 150;  // 1.5 per mm
inline constexpr int64_t kRcePerHundredth = 2;              // 0.02 per RCE unit
inline constexpr int64_t kEdemaPoints = 5 * kScale;
inline constexpr int64_t kUlcerationPoints = 10 * kScale;
/// Segment bands: < 7 inactive, >= 7 active, >= 11 severe (SECONDARY: radiopaedia, attributed to
/// Rimola 2009/2011; radiopaedia labels >= 7 "moderate", ambiguity M1 default "active").
inline constexpr int64_t kActiveFrom = 7 * kScale;
inline constexpr int64_t kSevereFrom = 11 * kScale;

/// sMaRIA_segment = 1 x (wall thickness > 3 mm) + 1 x mural oedema + 1 x perienteric fat
/// stranding + 2 x ulcers, 0-5 (items: Ordas 2019 VERIFIED abstract; weights SECONDARY:
/// radiopaedia, Reuters Health 2019).
inline constexpr int64_t kSmariaWallThickeningAboveHundredths = 300;  // strictly > 3 mm
inline constexpr int kSmariaWallPoints = 1;
inline constexpr int kSmariaEdemaPoints = 1;
inline constexpr int kSmariaFatStrandingPoints = 1;
inline constexpr int kSmariaUlcerPoints = 2;
/// sMaRIA segment bands (default "ordas2019_ge1_ge2", ambiguity S1): 0 inactive, >= 1 active
/// (Roseira 2020, VERIFIED abstract), >= 2 severe (Ordas 2019 "scores of 2 or more", VERIFIED
/// abstract). The "> 1 active" reading equals ">= 2" on an integer scale and is rejected.
inline constexpr int kSmariaActiveFrom = 1;
inline constexpr int kSmariaSevereFrom = 2;

/// Plausibility guards (PROJECT RULE, not from any source: they catch unit errors).
inline constexpr double kWallThicknessMaxMm = 30;
inline constexpr double kRceMax = 2000;

inline constexpr std::array<Source, 4> kMariaSources = {{
    {"formula", "secondary",
     "Rimola J et al. Gut 2009;58:1113-1120 (not read); formula from radiopaedia (MaRIA) and "
     "Gastroenterol Res Pract 2015 (hindawi grp/2015/159641)"},
    {"segment_bands", "secondary",
     "radiopaedia (MaRIA): < 7 inactive, >= 7 active (\"moderate\"), >= 11 severe; attributed to "
     "Rimola 2009/2011 (not read)"},
    {"segments", "verified_abstract", "Hrabric Sonje K et al., ECCO abstract P212 (six segments)"},
    {"global_cutoffs", "unverified",
     "no global cut-off or MaRIA response/healing definition was read: none is computed"},
}};

inline constexpr std::array<Source, 4> kSmariaSources = {{
    {"items", "verified_abstract",
     "Ordas I et al. Gastroenterology 2019;157:432-439.e1, doi:10.1053/j.gastro.2019.03.051 "
     "(abstract)"},
    {"weights", "secondary", "radiopaedia (MaRIA); Reuters Health 2019 report: 1/1/1, 2 for ulcers"},
    {"segment_bands", "verified_abstract",
     ">= 1 active: Roseira J et al. UEG J 2020, doi:10.1177/2050640620943089; >= 2 severe: Ordas "
     "2019 (abstracts)"},
    {"global", "secondary",
     "global = sum of the segment scores (abstract of a sMaRIA validation, biocloudy record); no "
     "global cut-off or change endpoint was read"},
}};

/// Worked example: conformance vector MARIA-02 (a segment exactly at 7 compares exactly).
inline constexpr WorkedExample kWorkedExample{
    "maria",
    R"({"segments":{"terminal_ileum":{"wall_thickness_mm":4,"rce":50,"edema":false,"ulceration":false},)"
    R"("ascending_colon":{"wall_thickness_mm":4,"rce":49,"edema":false,"ulceration":false},)"
    R"("transverse_colon":{"wall_thickness_mm":2,"rce":50,"edema":false,"ulceration":false},)"
    R"("descending_colon":{"wall_thickness_mm":2,"rce":50,"edema":false,"ulceration":false},)"
    R"("sigmoid_colon":{"wall_thickness_mm":2,"rce":50,"edema":false,"ulceration":false},)"
    R"("rectum":{"wall_thickness_mm":2,"rce":50,"edema":false,"ulceration":false}}})",
    R"({"segment_scores":{"terminal_ileum":7,"ascending_colon":6.98,"transverse_colon":4,)"
    R"("descending_colon":4,"sigmoid_colon":4,"rectum":4},)"
    R"("segment_bands":{"terminal_ileum":"active","ascending_colon":"inactive",)"
    R"("transverse_colon":"inactive","descending_colon":"inactive","sigmoid_colon":"inactive",)"
    R"("rectum":"inactive"},"maria_global":29.98,)"
    R"("any_segment_ge7":true,"any_segment_ge11":false})",
    "conformance vector MARIA-02: terminal ileum 1.5 x 4 + 0.02 x 50 = 7 -> active (>= 7); "
    "ascending 6 + 0.98 = 6.98 -> inactive; four segments 4 each; global 29.98 (formula and "
    "cut-offs SECONDARY: radiopaedia, Gastroenterol Res Pract 2015)"};

inline constexpr WorkedExample kSmariaWorkedExample{
    "smaria",
    R"({"segments":{"terminal_ileum":{"wall_thickness_mm":2,"edema":false,"fat_stranding":false,"ulcers":true},)"
    R"("ascending_colon":{"wall_thickness_mm":2,"edema":true,"fat_stranding":false,"ulcers":false},)"
    R"("transverse_colon":{"wall_thickness_mm":2,"edema":false,"fat_stranding":false,"ulcers":false},)"
    R"("descending_colon":{"wall_thickness_mm":2,"edema":false,"fat_stranding":false,"ulcers":false},)"
    R"("sigmoid_colon":{"wall_thickness_mm":2,"edema":false,"fat_stranding":false,"ulcers":false},)"
    R"("rectum":{"wall_thickness_mm":2,"edema":false,"fat_stranding":false,"ulcers":false}}})",
    R"({"segment_scores":{"terminal_ileum":2,"ascending_colon":1,"transverse_colon":0,)"
    R"("descending_colon":0,"sigmoid_colon":0,"rectum":0},)"
    R"("segment_bands":{"terminal_ileum":"severe","ascending_colon":"active",)"
    R"("transverse_colon":"inactive","descending_colon":"inactive","sigmoid_colon":"inactive",)"
    R"("rectum":"inactive"},"smaria_global":3})",
    "conformance vector SMARIA-02: ulcers alone = 2 -> severe (>= 2, Ordas 2019); oedema alone = "
    "1 -> active (>= 1, Roseira 2020); global 3 (weights SECONDARY: radiopaedia, Reuters 2019)"};

/// Segment band ids.
const char* band_name(int64_t scaled_maria);
const char* smaria_band_name(int score);

/// The evaluate() entry points.
Json evaluate(Reader& reader);
Json evaluate_smaria(Reader& reader);

}  // namespace crohn::maria
