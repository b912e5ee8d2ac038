// SPDX-License-Identifier: MIT
#include "crohn/cdeis.hpp"

#include <cmath>

#include "crohn/common.hpp"

namespace crohn::cdeis {

namespace {

constexpr int64_t kHundred = 100;

/// A surface in cm held exactly in hundredths; more than two decimals is refused, never rounded.
std::optional<int64_t> surface(Reader& rd, const char* key) {
  auto v = rd.number(key, 0, kSurfaceMaxCm);
  if (!v) return std::nullopt;
  const double scaled = *v * 100.0;
  if (std::fabs(scaled - std::round(scaled)) > 1e-6) {
    rd.fail(code::kInvalidType, key,
            rd.path_of(key) + " is read to 0.01 cm on the 10-cm scale: give at most 2 decimals",
            decimals_params(2));
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(scaled));
}

}  // namespace

Result compute(const Input& in) {
  Result r;
  for (const Segment& s : in.segments) {
    if (!s.explored) continue;  // divided by the segments explored (§2.3)
    ++r.segments_explored;
    r.total_a_h += kHundred * ((s.deep ? kDeepUlcerationPoints : 0) +
                               (s.superficial ? kSuperficialUlcerationPoints : 0)) +
                   s.disease_h + s.ulcerated_h;
    r.any_ulceration = r.any_ulceration || s.deep || s.superficial;
  }
  r.stenosis_points = (in.ulcerated_stenosis ? kUlceratedStenosisPoints : 0) +
                      (in.nonulcerated_stenosis ? kNonulceratedStenosisPoints : 0);
  r.den = kHundred * r.segments_explored;
  r.num = r.total_a_h + r.den * r.stenosis_points;
  r.cdeis = static_cast<double>(r.num) / static_cast<double>(r.den);
  return r;
}

const char* band(const Result& r) {
  // CDEIS < k  <=>  num < k x den (den > 0): exact.
  if (r.num < kRemissionBandBelow * r.den) return "remission";
  if (r.num < kMildBandBelow * r.den) return "mild";
  if (r.num <= kModerateBandMax * r.den) return "moderate";
  return "severe";
}

std::vector<std::string> warnings(const Input& in, const Result& r) {
  std::vector<std::string> out;
  if (r.segments_explored < kSegmentCount) out.emplace_back("incomplete_examination");
  for (int i = 0; i < kSegmentCount; ++i) {
    const Segment& s = in.segments[i];
    if (!s.explored) continue;
    // The ulcerated area is part of the diseased area (PROJECT RULE from the item definitions).
    if (s.ulcerated_h > s.disease_h) {
      out.push_back(std::string("ulcerated_surface_exceeds_disease_surface:") + kSegments[i]);
    }
    const bool flag = s.deep || s.superficial;
    if (flag != (s.ulcerated_h > 0)) {
      out.push_back(std::string("inconsistent_ulcer_items:") + kSegments[i]);
    }
  }
  return out;
}

std::optional<Input> read(Reader& rd) {
  Input in;
  bool ok = true;
  const auto segments = rd.object("segments");
  if (segments) {
    Reader srd(*segments, rd.sink(), "segments.", "segments");
    for (int i = 0; i < kSegmentCount; ++i) {
      const auto seg = srd.object(kSegments[i]);
      if (!seg) {
        ok = false;
        continue;
      }
      Reader g(*seg, rd.sink(), "segments.", kSegments[i], "segments");
      const auto not_explored = g.boolean("not_explored", Need::kOptional);
      Segment& s = in.segments[i];
      if (not_explored && *not_explored) {
        for (const char* item : kItems) {
          if (g.present(item)) {
            g.fail(code::kUnknownValue, item,
                   std::string("segments.") + kSegments[i] + " is marked not_explored but has " +
                       item + "; remove one of them");
          }
          g.mark_used(item);
        }
      } else {
        s.explored = true;
        const auto deep = g.boolean(kItems[0]);
        const auto superficial = g.boolean(kItems[1]);
        const auto disease = surface(g, kItems[2]);
        const auto ulcerated = surface(g, kItems[3]);
        if (deep && superficial && disease && ulcerated) {
          s.deep = *deep;
          s.superficial = *superficial;
          s.disease_h = *disease;
          s.ulcerated_h = *ulcerated;
        }
      }
      g.finish();
    }
    srd.finish();
  }
  const auto ulcerated = rd.boolean("ulcerated_stenosis");
  const auto nonulcerated = rd.boolean("nonulcerated_stenosis");
  in.baseline = rd.number("cdeis_baseline", 0, kCdeisMax, Need::kOptional);
  if (rd.failed() || !ok || !segments || !ulcerated || !nonulcerated) return std::nullopt;
  in.ulcerated_stenosis = *ulcerated;
  in.nonulcerated_stenosis = *nonulcerated;
  bool any = false;
  for (const Segment& s : in.segments) any = any || s.explored;
  if (!any) {
    // §2.6: at least one explored segment (the division needs n >= 1).
    rd.fail(code::kOutOfRange, "segments",
            "no segment was explored: at least one segment must be scored",
            reason_params(reason::kNoneScored));
    return std::nullopt;
  }
  return in;
}

Json to_json(const Input& in, const Result& r) {
  Json out = Json::object();
  Json& scores = out["segment_scores"] = Json::object();
  for (int i = 0; i < kSegmentCount; ++i) {
    const Segment& s = in.segments[i];
    Json& v = scores[kSegments[i]];
    if (s.explored) {
      v = static_cast<double>(kHundred * ((s.deep ? kDeepUlcerationPoints : 0) +
                                          (s.superficial ? kSuperficialUlcerationPoints : 0)) +
                              s.disease_h + s.ulcerated_h) /
          static_cast<double>(kHundred);
    }
  }
  out["total_a"] = static_cast<double>(r.total_a_h) / static_cast<double>(kHundred);
  out["segments_explored"] = r.segments_explored;
  out["total_b"] = static_cast<double>(r.total_a_h) / static_cast<double>(r.den);
  out["stenosis_points"] = r.stenosis_points;
  out["cdeis_total"] = r.cdeis;
  out["cdeis_band"] = band(r);
  const bool lt3 = r.num < kLt3Below * r.den;
  out["cdeis_lt3"] = lt3;
  out["cdeis_lt6"] = r.num < kLt6Below * r.den;
  out["any_ulceration"] = r.any_ulceration;
  // STRIDE-II endoscopic healing: CDEIS < 3 AND no ulceration (C8: < 3 alone is not healing).
  out["healing_lt3_no_ulceration_stride2"] = lt3 && !r.any_ulceration;
  Json& not_evaluable = out["not_evaluable"] = Json::object();
  Json& decrease = out["cdeis_decrease"];
  Json& gt5 = out["response_decrease_gt5"];
  Json& gt50 = out["response_decrease_gt50pct"];
  if (in.baseline) {
    const double b = *in.baseline;
    const double d = b - r.cdeis;
    decrease = d;
    out["cdeis_baseline"] = b;
    gt5 = approx_gt(d, kResponseDecreaseAbove);
    // §0.3.3: 2 x decrease > baseline; a baseline of 0 makes it false.
    gt50 = b > 0 && approx_gt(kPercentResponseFactor * d, b);
  } else {
    not_evaluable["cdeis_decrease"].push_back("cdeis_baseline");
    not_evaluable["response_decrease_gt5"].push_back("cdeis_baseline");
    not_evaluable["response_decrease_gt50pct"].push_back("cdeis_baseline");
  }
  out["warnings"] = warnings(in, r);
  put_sources(kSources, out);
  return out;
}

void put_visit_outputs(const Result& r, Json& out) {
  const bool lt3 = r.num < kLt3Below * r.den;
  out["cdeis_total"] = r.cdeis;
  out["cdeis_band"] = band(r);
  out["cdeis_lt3"] = lt3;
  out["cdeis_lt6"] = r.num < kLt6Below * r.den;
  out["cdeis_any_ulceration"] = r.any_ulceration;
  out["cdeis_healing_lt3_no_ulceration_stride2"] = lt3 && !r.any_ulceration;
}

Json evaluate(Reader& rd) {
  auto in = read(rd);
  if (!in) return nullptr;
  return to_json(*in, compute(*in));
}

}  // namespace crohn::cdeis
