// SPDX-License-Identifier: MIT
// Simple Endoscopic Score for Crohn's Disease (SES-CD).
//
// Source: Daperno M et al. Development and validation of a new, simplified endoscopic activity
// score for Crohn's disease: the SES-CD. Gastrointest Endosc 2004;60(4):505-512.
// doi:10.1016/S0016-5107(04)01878-4. Total = sum of the four variables over the five segments.
// Bands 0-2 / 3-6 / 7-15 / >=16 (attributed to Moskovitz/Daperno 2007 as coded in ibdplexus
// and sophiewell; clinical-spec §3.2, A18).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "crohn/common.hpp"
#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"

namespace crohn::sescd {

inline constexpr int kSegmentCount = 5;
inline constexpr std::array<const char*, kSegmentCount> kSegments = {
    "ileum", "right_colon", "transverse_colon", "left_colon", "rectum"};
inline constexpr int kItemCount = 4;
inline constexpr std::array<const char*, kItemCount> kItems = {
    "ulcer_size", "ulcerated_surface", "affected_surface", "narrowing"};
inline constexpr int kItemMax = 3;
/// Narrowing 3 = "cannot be passed"; only one segment can hold one, so the published maximum is
/// 56 (clinical-spec §3.1). More than one is flagged, never capped (A13).
inline constexpr int kNonPassableNarrowing = 3;

/// Largest total a typed-in SES-CD may have: 60 (all 20 cells at 3, i.e. the flagged case of
/// several non-passable stenoses; the consistent maximum is 56).
inline constexpr int kTotalMax = kSegmentCount * kItemCount * kItemMax;

// Bands (clinical-spec §3.2).
inline constexpr int kRemissionMax = 2;
inline constexpr int kMildMax = 6;
inline constexpr int kModerateMax = 15;

/// Worked example of the sophiewell.com SES-CD tests ("worked example -> 12, moderate"): ulcer
/// size 2 + 1, ulcerated surface 2 + 1, affected surface 3 + 2, narrowing 1 (ileum, right colon;
/// the other segments 0) = 12, moderate; conformance vector SES-01.
inline constexpr WorkedExample kWorkedExample{
    "ses_cd",
    R"({"segments":{)"
    R"("ileum":{"ulcer_size":2,"ulcerated_surface":2,"affected_surface":3,"narrowing":1},)"
    R"("right_colon":{"ulcer_size":1,"ulcerated_surface":1,"affected_surface":2,"narrowing":0},)"
    R"("transverse_colon":{"ulcer_size":0,"ulcerated_surface":0,"affected_surface":0,"narrowing":0},)"
    R"("left_colon":{"ulcer_size":0,"ulcerated_surface":0,"affected_surface":0,"narrowing":0},)"
    R"("rectum":{"ulcer_size":0,"ulcerated_surface":0,"affected_surface":0,"narrowing":0}}})",
    R"({"ses_cd_total":12,"ses_cd_band":"moderate"})",
    "sophiewell.com SES-CD test 'worked example -> 12, moderate': 3 + 3 + 5 + 1 = 12"};

enum Item { kUlcerSize = 0, kUlceratedSurface = 1, kAffectedSurface = 2, kNarrowing = 3 };

struct Segment {
  bool evaluated = false;  // false = not examined (e.g. ileum not intubated): never read as 0
  bool resected = false;   // absent after surgery (then not evaluated either): never read as 0
  std::array<int, kItemCount> items{};
  int score() const { return items[0] + items[1] + items[2] + items[3]; }
};

/// A resected segment is absent: left out of the total like one not examined, but the
/// examination is still complete (clinical-spec-instruments §3.2, PROJECT RULE
/// `sum_present_segments`: no primary source says how Daperno 2004 or the AbbVie/SEQUENCE
/// programmes scored one, X1). The spec's named alternatives (`exclude_postoperative`,
/// `zero_resected`) change only how records compare visits, so they are an option of the
/// endpoint engine (record::Options::ses_resection_rule), not of this calculator.
struct Input {
  std::array<Segment, kSegmentCount> segments{};
  /// After an ileocolonic resection the ileum segment holds the neoterminal ileum only when the
  /// user says so (§3.2); required when the ileum is scored and the right colon resected.
  std::optional<bool> ileum_is_neoterminal;
};

struct Result {
  int total = 0;
  Band band = Band::kRemission;
  std::array<int, kItemCount> subtotals{};
  std::array<std::optional<int>, kSegmentCount> segment_scores{};
  int excluding_narrowing = 0;
  int segments_evaluated = 0;
  int segments_resected = 0;
  int segments_not_evaluated = 0;
  /// Bit s set: segment s was scored. Endpoints on a change compare these sets
  /// (clinical-spec-instruments §3.2).
  unsigned scored_set = 0;
  bool complete = false;  // every segment present (not resected) was scored
  int max_item_score = 0;
  bool any_ulcer = false;
  int nonpassable_stenoses = 0;
  std::vector<std::string> warnings;
};

Band band(int total);
Result compute(const Input& input);

std::optional<Input> read(Reader& reader);
Json to_json(const Input& input, const Result& result);

}  // namespace crohn::sescd
