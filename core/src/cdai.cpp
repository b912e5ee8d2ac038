// SPDX-License-Identifier: MIT
#include "crohn/cdai.hpp"

#include <cmath>

namespace crohn::cdai {

namespace {

/// A diary item given either as its 7-day sum or as 7 daily values (never both).
std::optional<int> read_weekly(Reader& rd, const char* sum_key, const char* daily_key,
                               int daily_max, bool& from_daily,
                               std::vector<int>* days_out = nullptr) {
  const bool has_sum = rd.present(sum_key);
  const bool has_daily = rd.present(daily_key);
  if (has_sum && has_daily) {
    rd.mark_used(sum_key);
    rd.fail(code::kUnknownValue, daily_key,
            std::string("give either ") + sum_key + " or " + daily_key + ", not both",
            reason_params(reason::kNotBoth));
    return std::nullopt;
  }
  if (has_daily) {
    rd.mark_used(sum_key);
    // Ambiguity A12: no source fixes a proration rule for missing diary days, so all 7 are
    // required.
    auto days = rd.number_array(daily_key, 0, daily_max, true, kDiaryDays, kDiaryDays);
    if (!days) return std::nullopt;
    from_daily = true;
    int sum = 0;
    for (double d : *days) sum += static_cast<int>(d);
    if (days_out) days_out->assign(days->begin(), days->end());
    return sum;
  }
  rd.mark_used(daily_key);
  if (!has_sum) {
    rd.fail(code::kMissingField, sum_key,
            std::string(sum_key) + " (or the 7 daily values in " + daily_key + ") is required");
    return std::nullopt;
  }
  return rd.integer(sum_key, 0, daily_max * kDiaryDays);
}

}  // namespace

Band band(long long total) {
  if (total < kRemissionBelow) return Band::kRemission;
  if (total <= kMildMax) return Band::kMild;
  if (total <= kModerateMax) return Band::kModerate;
  return Band::kSevere;
}

Band band_alt_150_220_221_450(long long total) {
  if (total < kRemissionBelow) return Band::kRemission;
  if (total <= kAltMildMax) return Band::kMild;
  if (total <= kModerateMax) return Band::kModerate;
  return Band::kSevere;
}

Band band_of_unrounded(double x) {
  // What a calculator that bands the unrounded value reports (A11; 149.5 -> remission).
  if (approx_lt(x, kRemissionBelow)) return Band::kRemission;
  if (approx_lt(x, kMildMax + 1)) return Band::kMild;
  if (approx_le(x, kModerateMax)) return Band::kModerate;
  return Band::kSevere;
}

double keys_bmi_standard_weight(Sex sex, double height_cm) {
  const double h = height_cm / 100.0;
  return snap((sex == Sex::kMale ? kKeysBmiMale : kKeysBmiFemale) * h * h);
}

Result compute(const Input& in) {
  Result r;
  Components& c = r.components;
  c.stools = kStoolsWeight * in.liquid_stools_7d_total;
  c.pain = kPainWeight * in.abdominal_pain_7d_sum;
  c.wellbeing = kWellbeingWeight * in.general_wellbeing_7d_sum;
  c.complications = kComplicationWeight * static_cast<double>(in.complications.size());
  c.antidiarrheal = in.antidiarrheal_use ? kAntidiarrhealWeight : 0;
  c.mass = kMassWeight * in.abdominal_mass;

  // Hematocrit: 6 x (expected - observed), expected 47 (men) / 42 (women) (Best 1976).
  const double reference =
      in.sex == Sex::kMale ? kHematocritReferenceMale : kHematocritReferenceFemale;
  double hct_points = snap(kHematocritWeight * (reference - in.hematocrit_pct));
  if (in.hematocrit_mode == HematocritMode::kClampZero && hct_points < 0) hct_points = 0;
  if (in.hematocrit_mode == HematocritMode::kAbsolute) hct_points = std::fabs(hct_points);
  c.hematocrit = hct_points + 0.0;  // + 0.0 turns -0.0 into 0.0

  // Weight: percent below standard weight = 100 x (1 - weight / standard) (Best 1976).
  r.standard_weight_kg = in.standard_weight_method == StandardWeightMethod::kKeysBmi
                             ? keys_bmi_standard_weight(in.sex, in.height_cm)
                             : in.standard_weight_kg;
  r.percent_below_standard_weight_raw =
      snap(100.0 * (1.0 - in.weight_kg / r.standard_weight_kg)) + 0.0;
  double weight_points = kWeightWeight * r.percent_below_standard_weight_raw;
  if (in.weight_mode == WeightMode::kSignedFloorMinus10 && weight_points < kWeightTermFloor) {
    weight_points = kWeightTermFloor;
  }
  if (in.weight_mode == WeightMode::kClampZero && weight_points < 0) weight_points = 0;
  c.weight = weight_points + 0.0;

  r.unrounded = snap(c.sum()) + 0.0;
  r.total = round_half_up(r.unrounded);  // A11: half-up, the band uses the rounded integer
  r.band = band(r.total);
  r.band_alt_150_220_221_450 = band_alt_150_220_221_450(r.total);
  r.band_if_unrounded_used = band_of_unrounded(r.unrounded);

  // Plausibility prompts: the score stands, the user is asked to check.
  if (!in.liquid_stools_daily.empty()) {
    for (std::size_t d = 0; d < in.liquid_stools_daily.size(); ++d) {
      if (in.liquid_stools_daily[d] > kPlausibleLiquidStoolsPerDayMax) {
        r.warnings.push_back(std::string(kWarnLiquidStoolsOver20) + ":day" + std::to_string(d + 1));
      }
    }
  } else if (in.liquid_stools_7d_total > kPlausibleLiquidStoolsPerDayMax * kDiaryDays) {
    r.warnings.emplace_back(kWarnLiquidStoolsOver20);
  }
  const double pct_of_standard = 100.0 * in.weight_kg / r.standard_weight_kg;
  if (pct_of_standard < kPlausibleWeightMinPctOfStandard ||
      pct_of_standard > kPlausibleWeightMaxPctOfStandard) {
    r.warnings.emplace_back(kWarnWeightOutside50To200);
  }
  return r;
}

std::optional<Input> read(Reader& rd) {
  Input in;
  auto sex = rd.choice("sex", {"male", "female"});
  auto stools = read_weekly(rd, "liquid_stools_7d_total", "liquid_stools_daily",
                            kStoolsPerDayMax, in.from_daily_diary, &in.liquid_stools_daily);
  auto pain = read_weekly(rd, "abdominal_pain_7d_sum", "abdominal_pain_daily", kDailyPainMax,
                          in.from_daily_diary);
  auto wellbeing = read_weekly(rd, "general_wellbeing_7d_sum", "general_wellbeing_daily",
                               kDailyWellbeingMax, in.from_daily_diary);
  auto comps = rd.id_set("cdai_complications", kComplications);
  auto antidiarrheal = rd.boolean("antidiarrheal_use");
  std::optional<int> mass;
  if (auto m = rd.integer("abdominal_mass", 0, 5)) {
    if (*m == 0 || *m == 2 || *m == 5) {
      mass = m;
    } else {
      // Built item by item: a braced list here would bring nlohmann's initializer-list
      // constructor into the WebAssembly module (hbi.cpp).
      Json allowed = Json::object();
      Json& list = allowed["allowed"] = Json::array();
      for (int points : {0, 2, 5}) list.push_back(points);
      rd.fail(code::kOutOfRange, "abdominal_mass",
              "abdominal_mass must be 0 (none), 2 (questionable) or 5 (definite), not " +
                  std::to_string(*m),
              std::move(allowed));
    }
  }
  auto hct = rd.number("hematocrit_pct", kHematocritMin, kHematocritMax);
  auto weight = rd.number("weight_kg", kWeightMin, kWeightMax);

  // Standard weight: typed in, or derived from height and sex by the Keys/BMI rule.
  std::optional<double> standard;
  std::optional<double> height;
  const bool has_standard = rd.present("standard_weight_kg");
  const bool has_height = rd.present("height_cm") || rd.present("standard_weight_method");
  if (has_standard && has_height) {
    rd.mark_used("height_cm");
    rd.mark_used("standard_weight_method");
    rd.fail(code::kUnknownValue, rd.present("height_cm") ? "height_cm" : "standard_weight_method",
            "give either standard_weight_kg or height_cm with standard_weight_method, not both",
            reason_params(reason::kNotBoth));
    rd.mark_used("standard_weight_kg");
  } else if (has_height) {
    auto h = rd.number("height_cm", kHeightMin, kHeightMax);
    auto method = rd.choice("standard_weight_method", {"keys_bmi"});
    if (h && method) {
      height = h;
      in.height_cm = *h;
    }
    rd.mark_used("standard_weight_kg");
  } else {
    rd.mark_used("height_cm");
    rd.mark_used("standard_weight_method");
    if (!rd.present("standard_weight_kg")) {
      rd.fail(code::kMissingField, "standard_weight_kg",
              "standard_weight_kg (or height_cm with standard_weight_method \"keys_bmi\") is "
              "required");
      rd.mark_used("standard_weight_kg");
    } else {
      standard = rd.number("standard_weight_kg", kStandardWeightMin, kStandardWeightMax);
    }
  }

  // Named variant options (ambiguities A7, A8); absent means the documented default.
  std::optional<std::string> hct_mode = std::string("signed");
  std::optional<std::string> weight_mode = std::string("signed_floor_minus10");
  if (const auto opts = rd.object("options", Need::kOptional)) {
    Reader ord(*opts, rd.sink(), "options.");
    if (ord.present("hematocrit_mode")) {
      hct_mode = ord.choice("hematocrit_mode", {"signed", "clamp_zero", "absolute"});
    } else {
      ord.mark_used("hematocrit_mode");
    }
    if (ord.present("weight_mode")) {
      weight_mode = ord.choice("weight_mode",
                               {"signed_floor_minus10", "signed_unbounded", "clamp_zero"});
    } else {
      ord.mark_used("weight_mode");
    }
    ord.finish();
  }

  if (!sex || !stools || !pain || !wellbeing || !comps || !antidiarrheal || !mass || !hct ||
      !weight || !(standard || height) || !hct_mode || !weight_mode) {
    return std::nullopt;
  }
  in.sex = *sex == "male" ? Sex::kMale : Sex::kFemale;
  in.liquid_stools_7d_total = *stools;
  in.abdominal_pain_7d_sum = *pain;
  in.general_wellbeing_7d_sum = *wellbeing;
  in.complications = *comps;
  in.antidiarrheal_use = *antidiarrheal;
  in.abdominal_mass = *mass;
  in.hematocrit_pct = *hct;
  in.weight_kg = *weight;
  if (height) {
    in.standard_weight_method = StandardWeightMethod::kKeysBmi;
  } else {
    in.standard_weight_kg = *standard;
  }
  in.hematocrit_mode = *hct_mode == "signed"       ? HematocritMode::kSigned
                       : *hct_mode == "clamp_zero" ? HematocritMode::kClampZero
                                                   : HematocritMode::kAbsolute;
  in.weight_mode = *weight_mode == "signed_floor_minus10" ? WeightMode::kSignedFloorMinus10
                   : *weight_mode == "signed_unbounded"   ? WeightMode::kSignedUnbounded
                                                          : WeightMode::kClampZero;
  return in;
}

// Built key by key, as hbi::to_json (hbi.cpp says why).
Json to_json(const Input& in, const Result& r) {
  const Components& c = r.components;
  static constexpr const char* kHctModes[] = {"signed", "clamp_zero", "absolute"};
  static constexpr const char* kWeightModes[] = {"signed_floor_minus10", "signed_unbounded",
                                                 "clamp_zero"};
  Json out = Json::object();
  Json& comp = out["components"] = Json::object();
  comp["stools_points"] = c.stools;
  comp["pain_points"] = c.pain;
  comp["wellbeing_points"] = c.wellbeing;
  comp["complications_points"] = c.complications;
  comp["antidiarrheal_points"] = c.antidiarrheal;
  comp["mass_points"] = c.mass;
  comp["hematocrit_points"] = c.hematocrit;
  comp["weight_points"] = c.weight;
  out["liquid_stools_7d_total"] = in.liquid_stools_7d_total;
  out["abdominal_pain_7d_sum"] = in.abdominal_pain_7d_sum;
  out["general_wellbeing_7d_sum"] = in.general_wellbeing_7d_sum;
  out["complications"] = in.complications;
  out["standard_weight_kg"] = r.standard_weight_kg;
  out["standard_weight_method"] =
      in.standard_weight_method == StandardWeightMethod::kKeysBmi ? "keys_bmi" : "given";
  out["percent_below_standard_weight_raw"] = r.percent_below_standard_weight_raw;
  Json& opts = out["options"] = Json::object();
  opts["hematocrit_mode"] = kHctModes[static_cast<int>(in.hematocrit_mode)];
  opts["weight_mode"] = kWeightModes[static_cast<int>(in.weight_mode)];
  out["cdai_unrounded"] = r.unrounded;
  out["cdai_total"] = r.total;
  out["cdai_band"] = band_name(r.band);
  out["cdai_band_alt_150_220_221_450"] = band_name(r.band_alt_150_220_221_450);
  out["cdai_band_if_unrounded_used"] = band_name(r.band_if_unrounded_used);
  out["warnings"] = r.warnings;
  return out;
}

}  // namespace crohn::cdai
