// SPDX-License-Identifier: MIT
#include "crohn/sescd.hpp"

#include <algorithm>
#include <utility>

namespace crohn::sescd {

Band band(int total) {
  if (total <= kRemissionMax) return Band::kRemission;
  if (total <= kMildMax) return Band::kMild;
  if (total <= kModerateMax) return Band::kModerate;
  return Band::kSevere;
}

Result compute(const Input& in) {
  Result r;
  std::vector<std::string> inconsistent;
  for (int s = 0; s < kSegmentCount; ++s) {
    const Segment& seg = in.segments[s];
    if (seg.resected) {  // clinical-spec-instruments §3.2: absent, no prorating
      ++r.segments_resected;
      continue;
    }
    if (!seg.evaluated) {  // clinical-spec §3.3: sum the evaluated segments only
      ++r.segments_not_evaluated;
      continue;
    }
    ++r.segments_evaluated;
    r.scored_set |= 1u << s;
    r.segment_scores[s] = seg.score();
    for (int i = 0; i < kItemCount; ++i) {
      r.subtotals[i] += seg.items[i];
      r.max_item_score = std::max(r.max_item_score, seg.items[i]);
    }
    if (seg.items[kUlcerSize] > 0 || seg.items[kUlceratedSurface] > 0) r.any_ulcer = true;
    if (seg.items[kNarrowing] == kNonPassableNarrowing) ++r.nonpassable_stenoses;
    // Internal consistency of Daperno's item definitions (clinical-spec §3.1): an ulcer size
    // needs an ulcerated surface and vice versa, and an ulcer is an affected surface.
    const bool has_size = seg.items[kUlcerSize] > 0;
    const bool has_surface = seg.items[kUlceratedSurface] > 0;
    if (has_size != has_surface || ((has_size || has_surface) && seg.items[kAffectedSurface] == 0)) {
      inconsistent.push_back(std::string("inconsistent_ulcer_items:") + kSegments[s]);
    }
  }
  for (int i = 0; i < kItemCount; ++i) r.total += r.subtotals[i];
  r.excluding_narrowing = r.total - r.subtotals[kNarrowing];
  r.complete = r.segments_not_evaluated == 0;
  r.band = band(r.total);
  if (!r.complete) r.warnings.emplace_back("incomplete_examination");
  // clinical-spec-instruments §3.2: the SES-CD was not developed for postoperative anatomy.
  if (r.segments_resected) r.warnings.emplace_back("resected_segments");
  if (r.segments_resected || in.ileum_is_neoterminal.value_or(false)) {
    r.warnings.emplace_back("postoperative_anatomy");
  }
  if (r.nonpassable_stenoses > 1) r.warnings.emplace_back("more_than_one_nonpassable_stenosis");
  r.warnings.insert(r.warnings.end(), inconsistent.begin(), inconsistent.end());
  return r;
}

std::optional<Input> read(Reader& rd) {
  const auto segments = rd.object("segments");
  if (!segments) return std::nullopt;
  Input in;
  Reader srd(*segments, rd.sink(), "segments.", "segments");
  bool ok = true;
  for (int s = 0; s < kSegmentCount; ++s) {
    const auto seg = srd.object(kSegments[s]);
    if (!seg) {
      ok = false;
      continue;
    }
    Reader segrd(*seg, rd.sink(), "segments.", kSegments[s], "segments");
    const bool not_evaluated = segrd.boolean("not_evaluated", Need::kOptional).value_or(false);
    // Beside not_evaluated, "resected" is never asked for: finish() refuses it (one state only).
    const bool resected = !not_evaluated && segrd.boolean("resected", Need::kOptional).value_or(false);
    if (not_evaluated || resected) {
      const char* state = resected ? " is marked resected but has " : " is marked not_evaluated but has ";
      for (const char* item : kItems) {
        if (segrd.present(item)) {
          segrd.fail(code::kUnknownValue, item,
                     std::string("segments.") + kSegments[s] + state + item + "; remove one of them");
        }
        segrd.mark_used(item);
      }
      in.segments[s].evaluated = false;
      in.segments[s].resected = resected;
    } else {
      in.segments[s].evaluated = true;
      for (int i = 0; i < kItemCount; ++i) {
        auto v = segrd.integer(kItems[i], 0, kItemMax);
        if (v) in.segments[s].items[i] = *v;
      }
    }
    segrd.finish();
  }
  srd.finish();
  in.ileum_is_neoterminal = rd.boolean("ileum_is_neoterminal", Need::kOptional);
  const Segment& ileum = in.segments[0];
  if (ileum.resected && in.ileum_is_neoterminal.value_or(false)) {
    rd.fail(code::kUnknownValue, "ileum_is_neoterminal", "the ileum is resected");
  } else if (ileum.evaluated && in.segments[1].resected && !rd.present("ileum_is_neoterminal")) {
    // clinical-spec-instruments §3.2: after an ileocolonic resection the ileum scored is the
    // neoterminal ileum only if the user says so; the answer is never assumed.
    rd.fail(code::kMissingField, "ileum_is_neoterminal", "needed after a right-colon resection");
  }
  if (rd.failed() || !ok) return std::nullopt;
  bool any = false;
  for (const Segment& seg : in.segments) any = any || seg.evaluated;
  if (!any) {
    rd.fail(code::kMissingField, "segments",
            "no segment was examined: at least one segment must be scored");
    return std::nullopt;
  }
  return in;
}

Json to_json(const Input&, const Result& r) {
  Json subtotals = Json::object();
  for (int i = 0; i < kItemCount; ++i) subtotals[kItems[i]] = r.subtotals[i];
  Json scores = Json::object();
  for (int s = 0; s < kSegmentCount; ++s) {
    scores[kSegments[s]] = r.segment_scores[s] ? Json(*r.segment_scores[s]) : Json(nullptr);
  }
  // Built key by key, as hbi::to_json (hbi.cpp says why).
  Json out = Json::object();
  out["ses_cd_total"] = r.total;
  out["ses_cd_band"] = band_name(r.band);
  out["subtotals"] = std::move(subtotals);
  out["segment_scores"] = std::move(scores);
  out["ses_cd_excluding_narrowing"] = r.excluding_narrowing;
  out["segments_evaluated"] = r.segments_evaluated;
  out["segments_resected"] = r.segments_resected;
  out["segments_not_evaluated"] = r.segments_not_evaluated;
  out["complete"] = r.complete;
  out["max_item_score"] = r.max_item_score;
  out["any_ulcer"] = r.any_ulcer;
  out["nonpassable_stenoses"] = r.nonpassable_stenoses;
  out["warnings"] = r.warnings;
  return out;
}

}  // namespace crohn::sescd
