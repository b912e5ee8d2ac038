// SPDX-License-Identifier: MIT
#include "crohn/pcdai.hpp"

#include <cmath>
#include <utility>

namespace crohn::pcdai {

namespace {

double points(Tenths t) { return t / 10.0; }  // multiples of 0.5: exact in binary

std::size_t at(int level) { return static_cast<std::size_t>(level); }

Tenths pcdai_eim(const Shared& in) {
  return kPcdaiEimPoints[in.eims.size() >= 2 ? 2 : in.eims.size()];
}

Tenths wpcdai_eim(const Shared& in) { return in.eims.empty() ? 0 : kWpcdaiEimPoints; }

}  // namespace

int esr_row(double esr) {
  if (esr < kEsrMiddleFrom) return 0;
  return esr > kEsrTopAbove ? 2 : 1;
}

int albumin_row(double albumin) {
  if (albumin >= kAlbuminLowestFrom) return 0;
  return albumin <= kAlbuminTopAtOrBelow ? 2 : 1;
}

const HematocritBand& hematocrit_band(int age, const std::string& sex) {
  if (age <= kHctChildMaxAge) return kHctAge0To10;
  if (sex == "female") return kHctFemale11To19;
  return age <= kHctMaleYoungMaxAge ? kHctMale11To14 : kHctMale15To19;
}

int hematocrit_row(const HematocritBand& band, double hct) {
  if (hct >= band.zero_from) return 0;
  return hct >= band.middle_from ? 1 : 2;
}

Tenths pcdai_total(const PcdaiInput& in) {
  const Shared& s = in.shared;
  const int items[] = {s.abdominal_pain_level, s.stools_level,    s.wellbeing_level,
                       s.weight_level,         in.height_level,   in.abdomen_level,
                       s.perianal_level};
  Tenths total = 0;
  for (int level : items) total += kPcdaiItemPoints[at(level)];
  total += pcdai_eim(s);
  total += kPcdaiHematocritPoints[at(
      hematocrit_row(hematocrit_band(in.age_years, in.sex), in.hematocrit_pct))];
  total += kPcdaiEsrPoints[at(esr_row(s.esr_mm_h))];
  total += kPcdaiAlbuminPoints[at(albumin_row(s.albumin_g_dl))];
  return total;
}

Tenths wpcdai_total(const Shared& s) {
  return kWpcdaiPainPoints[at(s.abdominal_pain_level)] +
         kWpcdaiWellbeingPoints[at(s.wellbeing_level)] + kWpcdaiStoolsPoints[at(s.stools_level)] +
         kWpcdaiEsrPoints[at(esr_row(s.esr_mm_h))] +
         kWpcdaiAlbuminPoints[at(albumin_row(s.albumin_g_dl))] +
         kWpcdaiWeightPoints[at(s.weight_level)] + kWpcdaiPerianalPoints[at(s.perianal_level)] +
         wpcdai_eim(s);
}

const char* pcdai_band(Tenths t) {
  if (t < kPcdaiRemissionBelow) return "remission";
  if (t < kPcdaiModerateFrom) return "mild";
  return t < kPcdaiSevereFrom ? "moderate" : "severe";
}

const char* pcdai_band_hyams2005(Tenths t) {
  if (t < kHyamsInactiveBelow) return "inactive";
  return t < kHyamsModerateSevereFrom ? "mild" : "moderate_severe";
}

const char* wpcdai_band(Tenths t) {
  if (t < kWpcdaiRemissionBelow) return "remission";
  if (t <= kWpcdaiMildMax) return "mild";
  return t <= kWpcdaiModerateMax ? "moderate" : "severe";
}

std::optional<Shared> read_shared(Reader& rd) {
  auto pain = rd.integer("abdominal_pain_level", 0, 2);
  auto wellbeing = rd.integer("wellbeing_level", 0, 2);
  auto stools = rd.integer("stools_level", 0, 2);
  auto weight = rd.integer("weight_level", 0, 2);
  auto perianal = rd.integer("perianal_level", 0, 2);
  auto eims = rd.id_set("eims", kEims);
  auto esr = rd.number("esr_mm_h", 0, kEsrMax);
  auto albumin = rd.number("albumin_g_dl", kAlbuminMin, kAlbuminMax);
  if (!pain || !wellbeing || !stools || !weight || !perianal || !eims || !esr || !albumin) {
    return std::nullopt;
  }
  Shared s;
  s.abdominal_pain_level = *pain;
  s.wellbeing_level = *wellbeing;
  s.stools_level = *stools;
  s.weight_level = *weight;
  s.perianal_level = *perianal;
  s.eims = std::move(*eims);
  s.esr_mm_h = *esr;
  s.albumin_g_dl = *albumin;
  return s;
}

std::optional<PcdaiInput> read_pcdai(Reader& rd) {
  auto shared = read_shared(rd);
  auto height = rd.integer("height_level", 0, 2);
  auto abdomen = rd.integer("abdomen_level", 0, 2);
  auto hct = rd.number("hematocrit_pct", kHematocritMin, kHematocritMax);
  auto age = rd.integer("age_years", 0, kAgeMax);
  auto sex = rd.choice("sex", kSexes);
  auto baseline = rd.number("pcdai_baseline", 0, kPcdaiMax, Need::kOptional);
  std::optional<Tenths> baseline_tenths;
  if (baseline) {
    // A PCDAI total is a multiple of 2.5 (PROJECT RULE): anything else is refused, not rounded.
    const double steps = *baseline * 10.0 / kPcdaiStep;
    if (std::fabs(steps - std::round(steps)) > 1e-9) {
      rd.fail(code::kOutOfRange, "pcdai_baseline",
              rd.path_of("pcdai_baseline") + " must be a PCDAI total, a multiple of 2.5, not " +
                  format_number(*baseline),
              step_params(kPcdaiStep / 10.0));
    } else {
      baseline_tenths = static_cast<Tenths>(std::lround(steps)) * kPcdaiStep;
    }
  }
  if (rd.failed() || !shared || !height || !abdomen || !hct || !age || !sex) return std::nullopt;
  PcdaiInput in;
  in.shared = std::move(*shared);
  in.height_level = *height;
  in.abdomen_level = *abdomen;
  in.hematocrit_pct = *hct;
  in.age_years = *age;
  in.sex = std::move(*sex);
  in.baseline = baseline_tenths;
  return in;
}

Json pcdai_to_json(const PcdaiInput& in) {
  const Shared& s = in.shared;
  const HematocritBand& band = hematocrit_band(in.age_years, in.sex);
  const Tenths total = pcdai_total(in);
  const Tenths height = kPcdaiItemPoints[at(in.height_level)];
  Json out = Json::object();
  out["pcdai_total"] = points(total);
  out["pcdai_band"] = pcdai_band(total);
  out["pcdai_band_hyams2005"] = pcdai_band_hyams2005(total);
  const std::pair<const char*, Tenths> item_points[] = {
      {"abdominal_pain_points", kPcdaiItemPoints[at(s.abdominal_pain_level)]},
      {"stools_points", kPcdaiItemPoints[at(s.stools_level)]},
      {"wellbeing_points", kPcdaiItemPoints[at(s.wellbeing_level)]},
      {"weight_points", kPcdaiItemPoints[at(s.weight_level)]},
      {"height_points", height},
      {"abdomen_points", kPcdaiItemPoints[at(in.abdomen_level)]},
      {"perianal_points", kPcdaiItemPoints[at(s.perianal_level)]},
      {"eim_points", pcdai_eim(s)},
      {"hematocrit_points", kPcdaiHematocritPoints[at(hematocrit_row(band, in.hematocrit_pct))]},
      {"esr_points", kPcdaiEsrPoints[at(esr_row(s.esr_mm_h))]},
      {"albumin_points", kPcdaiAlbuminPoints[at(albumin_row(s.albumin_g_dl))]},
  };
  for (const auto& [key, value] : item_points) out[key] = points(value);
  out["hematocrit_band"] = band.id;
  out["remission_lt10"] = total < kPcdaiRemissionBelow;
  out["remission_lt7_5_without_height"] = total - height < kPcdaiRemissionWithoutHeightBelow;
  Json& decrease = out["pcdai_decrease"];
  Json& ge = out["response_drop_ge12_5_hyams2005"];
  Json& gt = out["response_drop_gt12_5_turner2010"];
  Json& protocol = out["response_protocol_bmjopen2024"];
  Json& not_evaluable = out["not_evaluable"] = Json::object();
  if (in.baseline) {
    const Tenths drop = *in.baseline - total;
    decrease = points(drop);
    ge = drop >= kPcdaiResponseDrop;
    gt = drop > kPcdaiResponseDrop;
    protocol = (drop >= kPcdaiResponseDrop && total < kProtocolResponseTotalBelow) ||
               total < kProtocolRemissionTotalBelow;
  } else {
    for (const char* k : {"pcdai_decrease", "response_drop_ge12_5_hyams2005",
                          "response_drop_gt12_5_turner2010", "response_protocol_bmjopen2024"}) {
      not_evaluable[k].push_back("pcdai_baseline");
    }
  }
  out["eims"] = s.eims;
  out["warnings"] = Json::array();
  put_sources(kPcdaiSources, out);
  return out;
}

Json wpcdai_to_json(const Shared& s) {
  const Tenths total = wpcdai_total(s);
  Json out = Json::object();
  out["wpcdai_total"] = points(total);
  out["wpcdai_band"] = wpcdai_band(total);
  const std::pair<const char*, Tenths> item_points[] = {
      {"abdominal_pain_points", kWpcdaiPainPoints[at(s.abdominal_pain_level)]},
      {"wellbeing_points", kWpcdaiWellbeingPoints[at(s.wellbeing_level)]},
      {"stools_points", kWpcdaiStoolsPoints[at(s.stools_level)]},
      {"esr_points", kWpcdaiEsrPoints[at(esr_row(s.esr_mm_h))]},
      {"albumin_points", kWpcdaiAlbuminPoints[at(albumin_row(s.albumin_g_dl))]},
      {"weight_points", kWpcdaiWeightPoints[at(s.weight_level)]},
      {"perianal_points", kWpcdaiPerianalPoints[at(s.perianal_level)]},
      {"eim_points", wpcdai_eim(s)},
  };
  for (const auto& [key, value] : item_points) out[key] = points(value);
  out["remission_lt12_5"] = total < kWpcdaiRemissionBelow;
  out["eims"] = s.eims;
  out["warnings"] = Json::array();
  put_sources(kWpcdaiSources, out);
  return out;
}

Json evaluate_pcdai(Reader& rd) {
  auto in = read_pcdai(rd);
  if (!in) return nullptr;
  return pcdai_to_json(*in);
}

Json evaluate_wpcdai(Reader& rd) {
  auto in = read_shared(rd);
  if (!in) return nullptr;
  return wpcdai_to_json(*in);
}

}  // namespace crohn::pcdai
