// SPDX-License-Identifier: MIT
#include "crohn/hbi.hpp"

namespace crohn::hbi {

Band band(int total) {
  if (total < kRemissionBelow) return Band::kRemission;
  if (total <= kMildMax) return Band::kMild;
  if (total <= kModerateMax) return Band::kModerate;
  return Band::kSevere;
}

Result compute(const Input& in) {
  Result r;
  r.complications_count = static_cast<int>(in.complications.size());
  // Harvey & Bradshaw 1980: plain unweighted sum of the five items (ambiguity A3).
  r.total = in.general_wellbeing + in.abdominal_pain + in.liquid_stools_per_day +
            in.abdominal_mass + r.complications_count;
  r.band = band(r.total);
  if (in.liquid_stools_per_day > kPlausibleLiquidStoolsPerDayMax) {
    r.warnings.emplace_back(kWarnLiquidStoolsOver20);
  }
  return r;
}

std::optional<Input> read(Reader& rd) {
  Input in;
  auto wellbeing = rd.integer("general_wellbeing", 0, kWellbeingMax);
  auto pain = rd.integer("abdominal_pain", 0, kAbdominalPainMax);
  auto stools = rd.integer("liquid_stools_per_day", 0, kLiquidStoolsPerDayMax);
  auto mass = rd.integer("abdominal_mass", 0, kAbdominalMassMax);
  auto comps = rd.id_set("complications", kComplications);
  if (!wellbeing || !pain || !stools || !mass || !comps) return std::nullopt;
  in.general_wellbeing = *wellbeing;
  in.abdominal_pain = *pain;
  in.liquid_stools_per_day = *stools;
  in.abdominal_mass = *mass;
  in.complications = *comps;
  return in;
}

// Built key by key rather than from nested initializer lists: each of those copies every value
// into a temporary array first, which costs allocations on every keystroke and code size in the
// WebAssembly module (docs/architecture.md). The object's keys are sorted either way.
Json to_json(const Input& in, const Result& r) {
  Json out = Json::object();
  out["hbi_total"] = r.total;
  out["hbi_band"] = band_name(r.band);
  out["complications_count"] = r.complications_count;
  out["complications"] = in.complications;
  Json& components = out["components"] = Json::object();
  components["general_wellbeing"] = in.general_wellbeing;
  components["abdominal_pain"] = in.abdominal_pain;
  components["liquid_stools"] = in.liquid_stools_per_day;
  components["abdominal_mass"] = in.abdominal_mass;
  components["complications"] = r.complications_count;
  out["warnings"] = r.warnings;
  return out;
}

}  // namespace crohn::hbi
