// SPDX-License-Identifier: MIT
#include "crohn/pro2.hpp"

#include <utility>

namespace crohn::pro2 {

namespace {
double mean(const std::vector<double>& v) {
  double s = 0;
  for (double d : v) s += d;
  return s / static_cast<double>(v.size());
}
}  // namespace

Band band(double w) {
  if (approx_lt(w, kRemissionBelow)) return Band::kRemission;
  if (approx_lt(w, kMildBelow)) return Band::kMild;
  if (approx_le(w, kModerateMax)) return Band::kModerate;
  return Band::kSevere;
}

Result compute(const Input& in) {
  Result r;
  r.sf_avg = mean(in.sf_daily);
  r.ap_avg = mean(in.ap_daily);
  r.weighted = weighted(r.sf_avg, r.ap_avg);
  r.band = band(r.weighted);
  return r;
}

std::optional<Input> read(Reader& rd) {
  // Protocols differ on the minimum number of diary days (clinical-spec §4, not verified):
  // 1 to 7 days are accepted and fewer than 7 are flagged in warnings.
  auto sf = rd.number_array("sf_daily", 0, kSfDailyMax, true, 1, kDiaryDaysMax);
  auto ap = rd.number_array("ap_daily", 0, kApDailyMax, true, 1, kDiaryDaysMax);
  if (!sf || !ap) return std::nullopt;
  return Input{*sf, *ap};
}

std::vector<std::string> warnings(const Input& in) {
  std::vector<std::string> out;
  if (in.sf_daily.size() < kDiaryDaysMax || in.ap_daily.size() < kDiaryDaysMax) {
    out.emplace_back("fewer_than_7_diary_days");
  }
  return out;
}

Json to_json(const Input& in, const Result& r) {
  // Built key by key, as hbi::to_json (hbi.cpp says why).
  Json out = Json::object();
  out["sf_avg"] = r.sf_avg;
  out["ap_avg"] = r.ap_avg;
  out["sf_days"] = in.sf_daily.size();
  out["ap_days"] = in.ap_daily.size();
  out["pro2_weighted"] = r.weighted;
  out["pro2_band_khanna_ibdplexus"] = band_name(r.band);
  out["meets_sf_le_2_8"] = approx_le(r.sf_avg, kAbbvieSfMax);
  out["meets_ap_le_1"] = approx_le(r.ap_avg, kAbbvieApMax);
  out["meets_sf_le_3"] = approx_le(r.sf_avg, kStride2SfMax);
  out["meets_sf_le_1_5"] = approx_le(r.sf_avg, kStrictSfMax);
  out["warnings"] = warnings(in);
  return out;
}

}  // namespace crohn::pro2
