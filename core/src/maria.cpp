// SPDX-License-Identifier: MIT
#include "crohn/maria.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace crohn::maria {

namespace {

constexpr std::array<const char*, 4> kMariaItems = {"wall_thickness_mm", "rce", "edema",
                                                    "ulceration"};
constexpr std::array<const char*, 5> kSmariaItems = {"wall_thickness_mm", "wall_thickening_gt3mm",
                                                     "edema", "fat_stranding", "ulcers"};

// A number held exactly in hundredths (RCE is not a length: Reader::hundredths' message speaks
// of millimetres). More than two decimals is refused, never rounded (PROJECT RULE, §5.6).
std::optional<int64_t> exact_hundredths(Reader& rd, const char* key, double lo, double hi) {
  auto v = rd.number(key, lo, hi);
  if (!v) return std::nullopt;
  const double scaled = *v * 100.0;
  if (std::fabs(scaled - std::round(scaled)) > 1e-6) {
    rd.fail(code::kInvalidType, key,
            rd.path_of(key) + " is computed exactly: give at most 2 decimals, not " +
                format_number(*v),
            decimals_params(2));
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(scaled));
}

// Reads `segments`: each of the six is scored by `score` (nullopt after an error) or marked
// {not_evaluated: true}, which is excluded (§5.5). `items` are the keys a scored segment may
// hold (refused beside not_evaluated). Returns nullopt after any error.
using Segments = std::array<std::optional<int64_t>, kSegmentCount>;
using ScoreFn = std::optional<int64_t> (*)(Reader&, int);

// One function for both indices (not a template: one copy in the WebAssembly module).
std::optional<Segments> read_segments(Reader& rd, Allowed items, ScoreFn score) {
  const auto segments = rd.object("segments");
  if (!segments) return std::nullopt;
  Segments out{};
  Reader srd(*segments, rd.sink(), rd.path_of("segments") + ".", "segments");
  bool ok = true;
  for (int s = 0; s < kSegmentCount; ++s) {
    const auto seg = srd.object(kSegments[s]);
    if (!seg) {
      ok = false;
      continue;
    }
    Reader segrd(*seg, rd.sink(), srd.path_of(kSegments[s]) + ".", "segments");
    auto not_evaluated = segrd.boolean("not_evaluated", Need::kOptional);
    if (not_evaluated && *not_evaluated) {
      for (const char* item : items) {
        if (segrd.present(item)) {
          segrd.fail(code::kUnknownValue, item,
                     segrd.path_of(item) + ": the segment is marked not_evaluated; remove one of "
                                           "them");
        }
        segrd.mark_used(item);
      }
    } else {
      out[s] = score(segrd, s);
      if (!out[s]) ok = false;
    }
    segrd.finish();
  }
  srd.finish();
  if (rd.failed() || !ok) return std::nullopt;
  bool any = false;
  for (const auto& v : out) any = any || v.has_value();
  if (!any) {
    rd.fail(code::kMissingField, "segments",
            "no segment was evaluated: at least one segment must be scored");
    return std::nullopt;
  }
  return out;
}

// The outputs both indices share: MaRIA's integers are in 1/kScale units, sMaRIA's are points.
void put_segments(const Segments& seg, bool smaria, Json& out) {
  const auto value = [smaria](int64_t v) {
    return smaria ? Json(v) : Json(static_cast<double>(v) / static_cast<double>(kScale));
  };
  const auto band = [smaria](int64_t v) {
    return Json(smaria ? smaria_band_name(static_cast<int>(v)) : band_name(v));
  };
  const char* global_key = smaria ? "smaria_global" : "maria_global";
  Json scores = Json::object();
  Json bands = Json::object();
  int64_t global = 0;
  int evaluated = 0;
  for (int s = 0; s < kSegmentCount; ++s) {
    if (seg[s]) {
      scores[kSegments[s]] = value(*seg[s]);
      bands[kSegments[s]] = band(*seg[s]);
      global += *seg[s];
      ++evaluated;
    } else {
      scores[kSegments[s]] = nullptr;
      bands[kSegments[s]] = nullptr;
    }
  }
  out["segment_scores"] = std::move(scores);
  out["segment_bands"] = std::move(bands);
  out[global_key] = value(global);
  out["segments_evaluated"] = evaluated;
  // Global values over different segment sets are not comparable (§5.5, PROJECT RULE).
  out["complete"] = evaluated == kSegmentCount;
  out["warnings"] = Json::array();
  if (evaluated != kSegmentCount) out["warnings"].push_back("incomplete_examination");
}

bool any_at_least(const Segments& seg, int64_t from) {
  for (const auto& v : seg) {
    if (v && *v >= from) return true;
  }
  return false;
}

}  // namespace

const char* band_name(int64_t scaled) {
  if (scaled >= kSevereFrom) return "severe";
  if (scaled >= kActiveFrom) return "active";
  return "inactive";
}

const char* smaria_band_name(int score) {
  if (score >= kSmariaSevereFrom) return "severe";
  if (score >= kSmariaActiveFrom) return "active";
  return "inactive";
}

Json evaluate(Reader& rd) {
  const auto seg = read_segments(
      rd, kMariaItems,
      [](Reader& s, int) -> std::optional<int64_t> {
        auto wt = exact_hundredths(s, "wall_thickness_mm", 0, kWallThicknessMaxMm);
        auto rce = exact_hundredths(s, "rce", 0, kRceMax);
        auto edema = s.boolean("edema");
        auto ulceration = s.boolean("ulceration");
        if (!wt || !rce || !edema || !ulceration) return std::nullopt;
        return kWallThicknessPerHundredth * *wt + kRcePerHundredth * *rce +
               (*edema ? kEdemaPoints : 0) + (*ulceration ? kUlcerationPoints : 0);
      });
  if (!seg) return nullptr;
  Json out = Json::object();
  put_segments(*seg, false, out);
  out["any_segment_ge7"] = any_at_least(*seg, kActiveFrom);
  out["any_segment_ge11"] = any_at_least(*seg, kSevereFrom);
  put_sources(kMariaSources, out);
  return out;
}

Json evaluate_smaria(Reader& rd) {
  const auto seg = read_segments(
      rd, kSmariaItems,
      [](Reader& s, int) -> std::optional<int64_t> {
        // Either the measured thickness or the dichotomous item; both must agree (§5.4,
        // PROJECT RULE).
        const bool has_mm = s.present("wall_thickness_mm");
        const bool has_flag = s.present("wall_thickening_gt3mm");
        std::optional<bool> thickened;
        bool bad = false;
        if (has_mm) {
          auto wt = s.hundredths("wall_thickness_mm", 0, kWallThicknessMaxMm);
          if (wt) {
            thickened = *wt > kSmariaWallThickeningAboveHundredths;
          } else {
            bad = true;
          }
        }
        if (has_flag) {
          auto flag = s.boolean("wall_thickening_gt3mm");
          if (!flag) {
            bad = true;
          } else if (thickened && *thickened != *flag) {
            s.fail(code::kInvalidType, "wall_thickening_gt3mm",
                   s.path_of("wall_thickening_gt3mm") +
                       " disagrees with wall_thickness_mm; give one of them",
                   reason_params(reason::kDisagrees, "wall_thickness_mm"));
            bad = true;
          } else {
            thickened = flag;
          }
        }
        if (!has_mm && !has_flag) {
          s.fail(code::kMissingField, "wall_thickness_mm",
                 s.path_of("wall_thickness_mm") + " (or wall_thickening_gt3mm) is required");
          bad = true;
        }
        auto edema = s.boolean("edema");
        auto fat = s.boolean("fat_stranding");
        auto ulcers = s.boolean("ulcers");
        if (bad || !thickened || !edema || !fat || !ulcers) return std::nullopt;
        return (*thickened ? kSmariaWallPoints : 0) + (*edema ? kSmariaEdemaPoints : 0) +
               (*fat ? kSmariaFatStrandingPoints : 0) + (*ulcers ? kSmariaUlcerPoints : 0);
      });
  if (!seg) return nullptr;
  Json out = Json::object();
  put_segments(*seg, true, out);
  out["any_segment_ge1"] = any_at_least(*seg, kSmariaActiveFrom);
  out["any_segment_ge2"] = any_at_least(*seg, kSmariaSevereFrom);
  out["segment_band_rule"] = "ordas2019_ge1_ge2";
  put_sources(kSmariaSources, out);
  return out;
}

}  // namespace crohn::maria
