// SPDX-License-Identifier: MIT
// Property tests over generated inputs (fixed-seed std::mt19937, so every run sees the same
// cases): monotonicity of the activity scores, totals equal to the sum of their components,
// endpoint rules against a model written from the spec, and "every invalid input names its
// field" for one fault injected into a valid input.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/cdai.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/hbi.hpp"
#include "crohn/pro2.hpp"
#include "crohn/sescd.hpp"
#include "test_support.hpp"

using crohn_test::has_error_shape;
using crohn_test::Json;

namespace {

constexpr int kCases = 3000;

/// Uniform integer in [lo, hi].
int pick(std::mt19937& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}
bool coin(std::mt19937& rng) { return pick(rng, 0, 1) == 1; }

// Bands as the spec states them (§1.2, §2.4, §3.2), independent of the core.
std::string hbi_band(long long t) {
  return t < 5 ? "remission" : t <= 7 ? "mild" : t <= 16 ? "moderate" : "severe";
}
std::string cdai_band(long long t) {
  return t < 150 ? "remission" : t <= 219 ? "mild" : t <= 450 ? "moderate" : "severe";
}
std::string ses_band(long long t) {
  return t <= 2 ? "remission" : t <= 6 ? "mild" : t <= 15 ? "moderate" : "severe";
}

const std::array<const char*, 8> kHbiComplications = {
    "arthralgia", "uveitis", "erythema_nodosum", "aphthous_ulcers", "pyoderma_gangrenosum",
    "anal_fissure", "new_fistula", "abscess"};
const std::array<const char*, 6> kCdaiComplications = {
    "arthritis_arthralgia", "iritis_uveitis", "skin_mouth_lesions",
    "anal_fissure_fistula_abscess", "other_fistula", "fever_over_37_8c"};
const std::array<const char*, 5> kSegments = {"ileum", "right_colon", "transverse_colon",
                                              "left_colon", "rectum"};
const std::array<const char*, 4> kItems = {"ulcer_size", "ulcerated_surface", "affected_surface",
                                           "narrowing"};

// ---------------------------------------------------------------------------------------------
// Random valid inputs (typed)

crohn::hbi::Input random_hbi(std::mt19937& rng) {
  crohn::hbi::Input in;
  in.general_wellbeing = pick(rng, 0, 4);
  in.abdominal_pain = pick(rng, 0, 3);
  in.liquid_stools_per_day = pick(rng, 0, 1) ? pick(rng, 0, 10) : pick(rng, 0, 100);
  in.abdominal_mass = pick(rng, 0, 3);
  for (const char* c : kHbiComplications) {
    if (pick(rng, 0, 3) == 0) in.complications.emplace_back(c);
  }
  return in;
}

Json hbi_json(const crohn::hbi::Input& in) {
  return Json{{"general_wellbeing", in.general_wellbeing},
              {"abdominal_pain", in.abdominal_pain},
              {"liquid_stools_per_day", in.liquid_stools_per_day},
              {"abdominal_mass", in.abdominal_mass},
              {"complications", in.complications}};
}

crohn::cdai::Input random_cdai(std::mt19937& rng) {
  using namespace crohn::cdai;
  Input in;
  in.sex = coin(rng) ? Sex::kMale : Sex::kFemale;
  in.liquid_stools_7d_total = pick(rng, 0, 1) ? pick(rng, 0, 60) : pick(rng, 0, 700);
  in.abdominal_pain_7d_sum = pick(rng, 0, 21);
  in.general_wellbeing_7d_sum = pick(rng, 0, 28);
  for (const char* c : kCdaiComplications) {
    if (pick(rng, 0, 3) == 0) in.complications.emplace_back(c);
  }
  in.antidiarrheal_use = coin(rng);
  const int masses[] = {0, 2, 5};
  in.abdominal_mass = masses[pick(rng, 0, 2)];
  in.hematocrit_pct = pick(rng, 200, 600) / 10.0;
  in.weight_kg = pick(rng, 300, 1500) / 10.0;
  if (coin(rng)) {
    in.standard_weight_method = StandardWeightMethod::kKeysBmi;
    in.height_cm = pick(rng, 1400, 2000) / 10.0;
  } else {
    in.standard_weight_kg = pick(rng, 400, 1000) / 10.0;
  }
  in.hematocrit_mode = static_cast<HematocritMode>(pick(rng, 0, 2));
  in.weight_mode = static_cast<WeightMode>(pick(rng, 0, 2));
  return in;
}

Json cdai_json(const crohn::cdai::Input& in) {
  using namespace crohn::cdai;
  Json j{{"sex", in.sex == Sex::kMale ? "male" : "female"},
         {"liquid_stools_7d_total", in.liquid_stools_7d_total},
         {"abdominal_pain_7d_sum", in.abdominal_pain_7d_sum},
         {"general_wellbeing_7d_sum", in.general_wellbeing_7d_sum},
         {"cdai_complications", in.complications},
         {"antidiarrheal_use", in.antidiarrheal_use},
         {"abdominal_mass", in.abdominal_mass},
         {"hematocrit_pct", in.hematocrit_pct},
         {"weight_kg", in.weight_kg}};
  if (in.standard_weight_method == StandardWeightMethod::kKeysBmi) {
    j["height_cm"] = in.height_cm;
    j["standard_weight_method"] = "keys_bmi";
  } else {
    j["standard_weight_kg"] = in.standard_weight_kg;
  }
  const char* hct[] = {"signed", "clamp_zero", "absolute"};
  const char* wt[] = {"signed_floor_minus10", "signed_unbounded", "clamp_zero"};
  j["options"] = {{"hematocrit_mode", hct[static_cast<int>(in.hematocrit_mode)]},
                  {"weight_mode", wt[static_cast<int>(in.weight_mode)]}};
  return j;
}

crohn::sescd::Input random_sescd(std::mt19937& rng) {
  crohn::sescd::Input in;
  bool any = false;
  for (auto& seg : in.segments) {
    seg.evaluated = pick(rng, 0, 5) != 0;
    any = any || seg.evaluated;
    for (int& v : seg.items) v = pick(rng, 0, 3);
  }
  if (!any) in.segments[0].evaluated = true;
  return in;
}

Json sescd_json(const crohn::sescd::Input& in) {
  Json s = Json::object();
  for (std::size_t i = 0; i < 5; ++i) {
    if (!in.segments[i].evaluated) {
      s[kSegments[i]] = {{"not_evaluated", true}};
      continue;
    }
    Json seg = Json::object();
    for (std::size_t k = 0; k < 4; ++k) seg[kItems[k]] = in.segments[i].items[k];
    s[kSegments[i]] = seg;
  }
  return Json{{"segments", s}};
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Monotonicity: a worse symptom never lowers the score

TEST_CASE("properties: raising any HBI item never lowers the total", "[properties][hbi]") {
  std::mt19937 rng(20240601u);
  for (int n = 0; n < kCases; ++n) {
    crohn::hbi::Input in = random_hbi(rng);
    crohn::hbi::Input worse = in;
    const int item = pick(rng, 0, 4);
    switch (item) {
      case 0: worse.general_wellbeing = pick(rng, in.general_wellbeing, 4); break;
      case 1: worse.abdominal_pain = pick(rng, in.abdominal_pain, 3); break;
      case 2: worse.liquid_stools_per_day = pick(rng, in.liquid_stools_per_day, 100); break;
      case 3: worse.abdominal_mass = pick(rng, in.abdominal_mass, 3); break;
      default: {
        // Add a complication (possibly one already present: a duplicate counts once).
        std::vector<std::string> json_list = in.complications;
        json_list.emplace_back(kHbiComplications[static_cast<std::size_t>(pick(rng, 0, 7))]);
        const Json out = crohn::evaluate("hbi", [&] {
          Json j = hbi_json(in);
          j["complications"] = json_list;
          return j;
        }());
        REQUIRE_FALSE(crohn_test::is_error(out));
        CHECK(out["hbi_total"].get<int>() >= crohn::hbi::compute(in).total);
        continue;
      }
    }
    const int before = crohn::hbi::compute(in).total;
    const int after = crohn::hbi::compute(worse).total;
    if (after < before) {
      FAIL_CHECK("HBI fell from " << before << " to " << after << " raising item " << item);
    }
  }
}

TEST_CASE("properties: raising any CDAI symptom item never lowers the total", "[properties][cdai]") {
  std::mt19937 rng(1976u);
  for (int n = 0; n < kCases; ++n) {
    const crohn::cdai::Input in = random_cdai(rng);
    crohn::cdai::Input worse = in;
    const int item = pick(rng, 0, 5);
    switch (item) {
      case 0: worse.liquid_stools_7d_total = pick(rng, in.liquid_stools_7d_total, 700); break;
      case 1: worse.abdominal_pain_7d_sum = pick(rng, in.abdominal_pain_7d_sum, 21); break;
      case 2: worse.general_wellbeing_7d_sum = pick(rng, in.general_wellbeing_7d_sum, 28); break;
      case 3: {
        for (const char* c : kCdaiComplications) {
          if (std::find(worse.complications.begin(), worse.complications.end(), c) ==
              worse.complications.end()) {
            worse.complications.emplace_back(c);
            break;
          }
        }
        break;
      }
      case 4: worse.antidiarrheal_use = true; break;
      default: worse.abdominal_mass = in.abdominal_mass == 0 ? 2 : 5; break;
    }
    const auto before = crohn::cdai::compute(in);
    const auto after = crohn::cdai::compute(worse);
    if (after.total < before.total || after.unrounded < before.unrounded - 1e-9) {
      FAIL_CHECK("CDAI fell from " << before.unrounded << " to " << after.unrounded
                                   << " raising item " << item << " of " << cdai_json(in).dump());
    }
  }
}

TEST_CASE("properties: raising any SES-CD cell never lowers the total", "[properties][ses_cd]") {
  std::mt19937 rng(2004u);
  for (int n = 0; n < kCases; ++n) {
    const crohn::sescd::Input in = random_sescd(rng);
    crohn::sescd::Input worse = in;
    std::size_t s = static_cast<std::size_t>(pick(rng, 0, 4));
    while (!worse.segments[s].evaluated) s = (s + 1) % 5;
    const std::size_t i = static_cast<std::size_t>(pick(rng, 0, 3));
    worse.segments[s].items[i] = pick(rng, in.segments[s].items[i], 3);
    const int before = crohn::sescd::compute(in).total;
    const int after = crohn::sescd::compute(worse).total;
    if (after < before) {
      FAIL_CHECK("SES-CD fell from " << before << " to " << after << " in " << kSegments[s] << "."
                                     << kItems[i]);
    }
  }
}

TEST_CASE("properties: raising a PRO2 diary day never lowers the weighted score", "[properties][pro2]") {
  std::mt19937 rng(2015u);
  for (int n = 0; n < kCases; ++n) {
    crohn::pro2::Input in;
    const int days = pick(rng, 1, 7);
    for (int d = 0; d < days; ++d) {
      in.sf_daily.push_back(pick(rng, 0, 12));
      in.ap_daily.push_back(pick(rng, 0, 3));
    }
    crohn::pro2::Input worse = in;
    const std::size_t d = static_cast<std::size_t>(pick(rng, 0, days - 1));
    if (coin(rng)) {
      worse.sf_daily[d] = pick(rng, static_cast<int>(in.sf_daily[d]), 100);
    } else {
      worse.ap_daily[d] = pick(rng, static_cast<int>(in.ap_daily[d]), 3);
    }
    const auto before = crohn::pro2::compute(in);
    const auto after = crohn::pro2::compute(worse);
    CHECK(after.weighted >= before.weighted - 1e-9);
    CHECK(static_cast<int>(after.band) >= static_cast<int>(before.band));
  }
}

// ---------------------------------------------------------------------------------------------
// Totals equal the sum of their components (through the JSON output)

TEST_CASE("properties: HBI total is the sum of its components", "[properties][hbi]") {
  std::mt19937 rng(1980u);
  for (int n = 0; n < kCases; ++n) {
    const crohn::hbi::Input in = random_hbi(rng);
    const Json out = crohn::evaluate("hbi", hbi_json(in));
    REQUIRE_FALSE(crohn_test::is_error(out));
    const Json& c = out["components"];
    const int sum = c["general_wellbeing"].get<int>() + c["abdominal_pain"].get<int>() +
                    c["liquid_stools"].get<int>() + c["abdominal_mass"].get<int>() +
                    c["complications"].get<int>();
    const int expected = in.general_wellbeing + in.abdominal_pain + in.liquid_stools_per_day +
                         in.abdominal_mass + static_cast<int>(in.complications.size());
    if (out["hbi_total"] != sum || sum != expected || out["hbi_band"] != hbi_band(sum)) {
      FAIL_CHECK(hbi_json(in).dump() << " -> " << out.dump());
    }
  }
}

TEST_CASE("properties: CDAI components sum to cdai_unrounded; total and band follow", "[properties][cdai]") {
  std::mt19937 rng(4242u);
  for (int n = 0; n < kCases; ++n) {
    const crohn::cdai::Input in = random_cdai(rng);
    const Json j = cdai_json(in);
    const Json out = crohn::evaluate("cdai", j);
    REQUIRE_FALSE(crohn_test::is_error(out));
    double sum = 0;
    for (const auto& [key, value] : out["components"].items()) sum += value.get<double>();
    const double unrounded = out["cdai_unrounded"].get<double>();
    const long long total = out["cdai_total"].get<long long>();
    // §0.3.1: rounded half up, floor(x + 0.5); the band uses the rounded integer.
    const long long expect_total = static_cast<long long>(std::floor(unrounded + 0.5));
    // Multipliers of §2.1 for the integer items.
    const Json& c = out["components"];
    const bool items_ok =
        c["stools_points"] == 2 * in.liquid_stools_7d_total &&
        c["pain_points"] == 5 * in.abdominal_pain_7d_sum &&
        c["wellbeing_points"] == 7 * in.general_wellbeing_7d_sum &&
        c["complications_points"] == 20 * static_cast<int>(in.complications.size()) &&
        c["antidiarrheal_points"] == (in.antidiarrheal_use ? 30 : 0) &&
        c["mass_points"] == 10 * in.abdominal_mass;
    if (std::fabs(sum - unrounded) > 1e-9 || total != expect_total ||
        out["cdai_band"] != cdai_band(total) || !items_ok) {
      FAIL_CHECK(j.dump() << " -> " << out.dump());
    }
  }
}

TEST_CASE("properties: SES-CD subtotals and segment scores sum to the total", "[properties][ses_cd]") {
  std::mt19937 rng(56u);
  for (int n = 0; n < kCases; ++n) {
    const crohn::sescd::Input in = random_sescd(rng);
    const Json j = sescd_json(in);
    const Json out = crohn::evaluate("ses_cd", j);
    REQUIRE_FALSE(crohn_test::is_error(out));
    int sub = 0;
    for (const auto& [key, value] : out["subtotals"].items()) sub += value.get<int>();
    int seg = 0;
    int evaluated = 0;
    int expected = 0;
    for (std::size_t s = 0; s < 5; ++s) {
      const Json& v = out["segment_scores"][kSegments[s]];
      if (!in.segments[s].evaluated) {
        if (!v.is_null()) FAIL_CHECK("unexamined " << kSegments[s] << " is not null");
        continue;
      }
      ++evaluated;
      seg += v.get<int>();
      for (int x : in.segments[s].items) expected += x;
    }
    const int total = out["ses_cd_total"].get<int>();
    const bool ok = total == sub && total == seg && total == expected &&
                    out["ses_cd_band"] == ses_band(total) &&
                    out["segments_evaluated"] == evaluated &&
                    out["complete"] == (evaluated == 5) &&
                    out["ses_cd_excluding_narrowing"] ==
                        total - out["subtotals"]["narrowing"].get<int>();
    if (!ok) FAIL_CHECK(j.dump() << " -> " << out.dump());
  }
}

// ---------------------------------------------------------------------------------------------
// Endpoint rules against a model written from the spec definitions

TEST_CASE("properties: pair endpoints agree with their definitions", "[properties][endpoints]") {
  using crohn::endpoints::evaluate_rule;
  using crohn::endpoints::Measures;
  std::mt19937 rng(2021u);
  for (int n = 0; n < kCases; ++n) {
    Measures m;
    // HBI (§1.3)
    const int hb = pick(rng, 0, 25), hf = pick(rng, 0, 25);
    m.baseline.hbi = hb;
    m.followup.hbi = hf;
    // CDAI (§2.5)
    const long long cb = pick(rng, 0, 600), cf = pick(rng, 0, 600);
    m.baseline.cdai = cb;
    m.followup.cdai = cf;
    // SES-CD (§3.4)
    const int sb = pick(rng, 1, 30), sf = pick(rng, 0, 30);
    const bool ileal = coin(rng);
    const int max_item = pick(rng, 0, std::min(3, sf));
    m.baseline.ses_cd = sb;
    m.followup.ses_cd = sf;
    m.followup.ses_cd_max_item = max_item;
    m.isolated_ileal_disease = ileal;
    // IUS in hundredths (§5.2)
    const long long bb = pick(rng, 50, 1500), bf = pick(rng, 50, 1500);
    m.baseline.bwt_hundredths_mm = bb;
    m.followup.bwt_hundredths_mm = bf;

    const bool ses_gt50 = 2 * (sb - sf) > sb || (ileal && sb == 4 && sb - sf >= 2);
    const bool ius_consensus = (bb - bf) * 100 > 25 * bb || (bb - bf) > 200;
    m.followup.color_doppler_decreased = false;
    const struct {
      const char* rule;
      bool expected;
    } checks[] = {
        {"hbi_response_drop_ge3", hb - hf >= 3},
        {"hbi_response_drop_gt3", hb - hf > 3},
        {"hbi_remission_lt5", hf < 5},
        {"hbi_remission_le3", hf <= 3},
        {"cdai_cr70", cb - cf >= 70},
        {"cdai_cr100", cb - cf >= 100},
        {"cdai_remission_lt150", cf < 150},
        {"cdai_remission_le150", cf <= 150},
        {"cdai_response_100_or_lt150", cb - cf >= 100 || cf < 150},
        {"ses_response_gt50", ses_gt50},
        {"ses_response_ge50", 2 * (sb - sf) >= sb},
        {"ses_remission_abbvie", sf <= 4 && sb - sf >= 2 && max_item <= 1},
        {"ses_le2", sf <= 2},
        {"ses_zero", sf == 0},
        {"ius_response_ge2mm", bb - bf >= 200},
        {"ius_healing_lt3mm", bf < 300},
        {"ius_bwt_le3mm", bf <= 300},
        {"ius_response_consensus", ius_consensus},
    };
    for (const auto& c : checks) {
      const auto t = evaluate_rule(c.rule, m);
      if (!t.evaluable() || t.yes() != c.expected) {
        FAIL_CHECK(c.rule << " expected " << c.expected << " got "
                          << (t.evaluable() ? (t.yes() ? "true" : "false") : "not evaluable")
                          << " (HBI " << hb << "->" << hf << ", CDAI " << cb << "->" << cf
                          << ", SES " << sb << "->" << sf << " max " << max_item << " ileal "
                          << ileal << ", BWT " << bb << "->" << bf << ")");
      }
    }
  }
}

TEST_CASE("properties: ultrasound millimetres are exact through JSON", "[properties][ius]") {
  // §5.2: compare in integer hundredths; any value with two decimals round-trips exactly.
  std::mt19937 rng(41u);
  for (int n = 0; n < kCases; ++n) {
    const int b = pick(rng, 50, 3000), f = pick(rng, 50, 3000);
    const Json out = crohn::evaluate(
        "ius", {{"bwt_baseline_mm", b / 100.0}, {"bwt_followup_mm", f / 100.0}});
    REQUIRE_FALSE(crohn_test::is_error(out));
    const bool ok = out["bwt_reduction_mm"].get<double>() == (b - f) / 100.0 &&
                    out["transmural_response_ge2mm_italian_upa"] == (b - f >= 200) &&
                    out["transmural_healing_lt3mm_italian_upa"] == (f < 300) &&
                    out["bwt_le3mm_consensus"] == (f <= 300);
    if (!ok) FAIL_CHECK(b << " -> " << f << ": " << out.dump());
  }
}

// ---------------------------------------------------------------------------------------------
// Every generated invalid input names its field

namespace {

enum class Kind { kInt, kNum, kMm, kBool, kChoice, kIdSet, kIntArray, kCell };

struct Field {
  Field(std::string k, Kind kd) : key(std::move(k)), kind(kd) {}
  std::string key;
  Kind kind;
  double lo = 0, hi = 0;
  std::vector<std::string> choices;  // kChoice / kIdSet
  bool required = true;
  std::vector<int> allowed_ints;     // kInt restricted to a set (CDAI abdominal mass)
  std::size_t min_len = 0, max_len = 0;  // kIntArray
  std::string missing_key;           // reported when removed, if not `key` (diary sums)
  double bad_hi = -1;                // first out-of-range value above, when not just above hi
  std::size_t seg = 0, item = 0;     // kCell
};

struct Schema {
  std::string instrument;
  std::vector<Field> fields;
};

Field int_field(const std::string& key, int lo, int hi, bool required = true) {
  Field f{key, Kind::kInt};
  f.lo = lo;
  f.hi = hi;
  f.required = required;
  return f;
}
Field num_field(const std::string& key, double lo, double hi, bool required = true) {
  Field f{key, Kind::kNum};
  f.lo = lo;
  f.hi = hi;
  f.required = required;
  return f;
}
Field kind_field(const std::string& key, Kind kind, std::vector<std::string> choices = {},
                 bool required = true) {
  Field f{key, kind};
  f.choices = std::move(choices);
  f.required = required;
  return f;
}
Field array_field(const std::string& key, int lo, int hi, std::size_t min_len,
                  std::size_t max_len, const std::string& missing_key = "") {
  Field f{key, Kind::kIntArray};
  f.lo = lo;
  f.hi = hi;
  f.min_len = min_len;
  f.max_len = max_len;
  f.missing_key = missing_key;
  return f;
}

std::vector<std::string> ids(const std::array<const char*, 8>& a) { return {a.begin(), a.end()}; }
std::vector<std::string> ids6(const std::array<const char*, 6>& a) { return {a.begin(), a.end()}; }

std::vector<Schema> schemas() {
  std::vector<Schema> s;
  s.push_back({"hbi",
               {int_field("general_wellbeing", 0, 4), int_field("abdominal_pain", 0, 3),
                int_field("liquid_stools_per_day", 0, 100), int_field("abdominal_mass", 0, 3),
                kind_field("complications", Kind::kIdSet, ids(kHbiComplications))}});
  Field mass = int_field("abdominal_mass", 0, 5);
  mass.allowed_ints = {0, 2, 5};
  const std::vector<Field> cdai_common = {
      kind_field("sex", Kind::kChoice, {"male", "female"}),
      kind_field("cdai_complications", Kind::kIdSet, ids6(kCdaiComplications)),
      kind_field("antidiarrheal_use", Kind::kBool),
      mass,
      num_field("hematocrit_pct", 10, 70),
      num_field("weight_kg", 10, 400)};
  Schema cdai_sums{"cdai", cdai_common};
  cdai_sums.fields.push_back(int_field("liquid_stools_7d_total", 0, 700));
  cdai_sums.fields.push_back(int_field("abdominal_pain_7d_sum", 0, 21));
  cdai_sums.fields.push_back(int_field("general_wellbeing_7d_sum", 0, 28));
  cdai_sums.fields.push_back(num_field("standard_weight_kg", 10, 200));
  s.push_back(cdai_sums);
  Schema cdai_daily{"cdai", cdai_common};
  cdai_daily.fields.push_back(array_field("liquid_stools_daily", 0, 100, 7, 7,
                                          "liquid_stools_7d_total"));
  cdai_daily.fields.push_back(array_field("abdominal_pain_daily", 0, 3, 7, 7,
                                          "abdominal_pain_7d_sum"));
  cdai_daily.fields.push_back(array_field("general_wellbeing_daily", 0, 4, 7, 7,
                                          "general_wellbeing_7d_sum"));
  cdai_daily.fields.push_back(num_field("height_cm", 100, 250));
  cdai_daily.fields.push_back(kind_field("standard_weight_method", Kind::kChoice, {"keys_bmi"}));
  s.push_back(cdai_daily);
  Schema ses{"ses_cd", {}};
  for (std::size_t seg = 0; seg < 5; ++seg) {
    for (std::size_t item = 0; item < 4; ++item) {
      Field f{"segments", Kind::kCell};
      f.lo = 0;
      f.hi = 3;
      f.seg = seg;
      f.item = item;
      ses.fields.push_back(f);
    }
  }
  s.push_back(ses);
  s.push_back({"pro2", {array_field("sf_daily", 0, 100, 1, 7), array_field("ap_daily", 0, 3, 1, 7)}});
  s.push_back({"montreal",
               {int_field("age_at_diagnosis_years", 0, 120),
                kind_field("location", Kind::kChoice, {"ileal", "colonic", "ileocolonic"}, false),
                kind_field("upper_gi_involvement", Kind::kBool),
                kind_field("behavior", Kind::kChoice,
                           {"nonstricturing_nonpenetrating", "stricturing", "penetrating"}),
                kind_field("perianal_disease", Kind::kBool)}});
  s.push_back({"ibdq", {int_field("ibdq_baseline", 32, 224), int_field("ibdq_followup", 32, 224)}});
  s.push_back({"biomarkers",
               {num_field("fecal_calprotectin_ug_g", 0, 100000, false),
                [] {
                  Field f = num_field("crp_value", 0, 100);  // valid in either unit
                  f.bad_hi = 1000;  // 1000 mg/L is the plausibility limit of the mg/L form
                  return f;
                }(),
                kind_field("crp_unit", Kind::kChoice, {"mg/L", "mg/dL"}),
                num_field("crp_uln_mg_l", 0.1, 100, false)}});
  s.push_back({"hbi_endpoints",
               {int_field("hbi_baseline", 0, 118, false), int_field("hbi_followup", 0, 118, false),
                kind_field("steroid_free", Kind::kBool, {}, false)}});
  s.push_back({"cdai_endpoints",
               {int_field("cdai_baseline", -200, 1500), int_field("cdai_followup", -200, 1500)}});
  s.push_back({"pro2_endpoints",
               {num_field("sf_avg_baseline", 0, 100), num_field("ap_avg_baseline", 0, 3),
                num_field("sf_avg_followup", 0, 100), num_field("ap_avg_followup", 0, 3)}});
  Field bwt_b{"bwt_baseline_mm", Kind::kMm};
  bwt_b.lo = 0.5;
  bwt_b.hi = 30;
  bwt_b.required = false;
  Field bwt_f = bwt_b;
  bwt_f.key = "bwt_followup_mm";
  s.push_back({"ius", {bwt_b, bwt_f, kind_field("color_doppler_decreased", Kind::kBool, {}, false)}});
  s.push_back({"study_power", {int_field("cdai_baseline", -200, 1500),
                               int_field("cdai_week16", -200, 1500)}});
  s.push_back({"study_dutch_ust_reinduction",
               {int_field("hbi", 0, 118, false), kind_field("discontinued", Kind::kBool, {}, false)}});
  return s;
}

Json valid_value(const Field& f, std::mt19937& rng) {
  switch (f.kind) {
    case Kind::kInt:
      if (!f.allowed_ints.empty()) {
        return f.allowed_ints[static_cast<std::size_t>(pick(rng, 0, int(f.allowed_ints.size()) - 1))];
      }
      return pick(rng, static_cast<int>(f.lo), static_cast<int>(f.hi));
    case Kind::kNum: {
      const double t = pick(rng, 0, 1000) / 1000.0;
      return f.lo + t * (f.hi - f.lo);
    }
    case Kind::kMm: return pick(rng, static_cast<int>(f.lo * 100), static_cast<int>(f.hi * 100)) / 100.0;
    case Kind::kBool: return coin(rng);
    case Kind::kChoice: return f.choices[static_cast<std::size_t>(pick(rng, 0, int(f.choices.size()) - 1))];
    case Kind::kIdSet: {
      Json a = Json::array();
      for (const std::string& c : f.choices) {
        if (pick(rng, 0, 3) == 0) a.push_back(c);
      }
      return a;
    }
    case Kind::kIntArray: {
      Json a = Json::array();
      const int len = pick(rng, static_cast<int>(f.min_len), static_cast<int>(f.max_len));
      for (int i = 0; i < len; ++i) a.push_back(pick(rng, static_cast<int>(f.lo), static_cast<int>(f.hi)));
      return a;
    }
    case Kind::kCell: return pick(rng, 0, 3);
  }
  return nullptr;
}

Json valid_input(const Schema& s, std::mt19937& rng) {
  Json in = Json::object();
  for (const Field& f : s.fields) {
    if (f.kind == Kind::kCell) {
      in["segments"][kSegments[f.seg]][kItems[f.item]] = valid_value(f, rng);
    } else {
      in[f.key] = valid_value(f, rng);
    }
  }
  return in;
}

struct Expect {
  std::string code;
  std::string field;
  std::string path;  // checked when not empty
  std::string what;  // description for failure messages
};

/// Applies one fault to `in` and says which error it must cause. Returns false when the chosen
/// mutation does not apply to this field (the caller draws again).
bool mutate(const Field& f, int kind, Json& in, std::mt19937& rng, Expect& e) {
  const std::string cell_path =
      std::string("segments.") + kSegments[f.seg] + "." + kItems[f.item];
  Json* slot = f.kind == Kind::kCell ? &in["segments"][kSegments[f.seg]][kItems[f.item]]
                                     : &in[f.key];
  e.field = f.key;
  e.path = f.kind == Kind::kCell ? cell_path : "";
  switch (kind) {
    case 0: {  // out of range / not in the allowed set
      e.what = "out of range";
      switch (f.kind) {
        case Kind::kInt:
        case Kind::kCell: {
          if (!f.allowed_ints.empty() && coin(rng)) {
            int v = 1;
            do { v = pick(rng, -3, 8); } while (std::find(f.allowed_ints.begin(), f.allowed_ints.end(), v) != f.allowed_ints.end());
            *slot = v;
          } else {
            *slot = coin(rng) ? static_cast<int>(f.lo) - pick(rng, 1, 50)
                              : static_cast<int>(f.hi) + pick(rng, 1, 50);
          }
          e.code = "out_of_range";
          return true;
        }
        case Kind::kNum:
        case Kind::kMm:
          *slot = coin(rng) ? f.lo - pick(rng, 1, 50) / 100.0 - (f.lo > 1 ? 1.0 : 0.0)
                            : (f.bad_hi > 0 ? f.bad_hi : f.hi) + pick(rng, 1, 5000) / 100.0;
          e.code = "out_of_range";
          return true;
        case Kind::kChoice:
          *slot = "zz_not_allowed";
          e.code = "unknown_value";
          return true;
        case Kind::kIdSet:
          slot->push_back("zz_not_allowed");
          e.code = "unknown_value";
          return true;
        case Kind::kIntArray: {
          if (coin(rng)) {
            const std::size_t i = static_cast<std::size_t>(pick(rng, 0, int(slot->size()) - 1));
            (*slot)[i] = coin(rng) ? -pick(rng, 1, 9) : static_cast<int>(f.hi) + pick(rng, 1, 9);
            e.path = f.key + "[" + std::to_string(i) + "]";
          } else {
            Json a = Json::array();
            const std::size_t len = coin(rng) ? 0 : f.max_len + 1;
            for (std::size_t i = 0; i < len; ++i) a.push_back(0);
            *slot = a;
          }
          e.code = "out_of_range";
          return true;
        }
        case Kind::kBool: return false;
      }
      return false;
    }
    case 1: {  // wrong JSON type (or a non-integer on an integer scale)
      e.what = "wrong type";
      e.code = "invalid_type";
      const int variant = pick(rng, 0, 3);
      switch (f.kind) {
        case Kind::kInt:
        case Kind::kCell:
          if (variant == 0) *slot = "1";
          else if (variant == 1) *slot = true;
          else if (variant == 2) *slot = Json::array({1});
          else *slot = f.lo + 0.5;  // non-integer inside the range
          return true;
        case Kind::kNum:
          if (variant <= 1) *slot = "1";
          else if (variant == 2) *slot = false;
          else *slot = Json::object();
          return true;
        case Kind::kMm:
          if (variant <= 1) *slot = "3.1";
          else *slot = 3.125;  // finer than a hundredth of a millimetre
          return true;
        case Kind::kBool:
          *slot = variant <= 1 ? Json(1) : Json("true");
          return true;
        case Kind::kChoice:
          *slot = variant <= 1 ? Json(5) : Json::array({f.choices.front()});
          return true;
        case Kind::kIdSet:
          *slot = variant <= 1 ? Json(f.choices.front()) : Json::array({5});
          return true;
        case Kind::kIntArray:
          if (variant <= 1 || slot->empty()) {
            *slot = "1,2,3";
          } else {
            const std::size_t i = static_cast<std::size_t>(pick(rng, 0, int(slot->size()) - 1));
            (*slot)[i] = variant == 2 ? Json(1.5) : Json("1");
            e.path = f.key + "[" + std::to_string(i) + "]";
          }
          return true;
      }
      return false;
    }
    case 2: {  // removed (or set to null, which counts as absent)
      if (!f.required) return false;
      e.what = "removed";
      e.code = "missing_field";
      if (!f.missing_key.empty()) e.field = f.missing_key;
      const bool to_null = coin(rng);
      if (f.kind == Kind::kCell) {
        Json& seg = in["segments"][kSegments[f.seg]];
        if (to_null) seg[kItems[f.item]] = nullptr;
        else seg.erase(kItems[f.item]);
      } else if (to_null) {
        in[f.key] = nullptr;
      } else {
        in.erase(f.key);
      }
      return true;
    }
    default: {  // an unknown key added
      e.what = "unknown key";
      e.code = "unknown_value";
      const std::string key = "zz_extra_" + std::to_string(pick(rng, 0, 999));
      if (f.kind == Kind::kCell && coin(rng)) {
        in["segments"][kSegments[f.seg]][key] = 1;
        e.field = "segments";
        e.path = std::string("segments.") + kSegments[f.seg] + "." + key;
      } else {
        in[key] = 1;
        e.field = key;
        e.path = key;
      }
      return true;
    }
  }
}

}  // namespace

TEST_CASE("properties: generated valid inputs are accepted", "[properties][validation]") {
  std::mt19937 rng(7u);
  const auto all = schemas();
  for (int n = 0; n < kCases; ++n) {
    const Schema& s = all[static_cast<std::size_t>(n) % all.size()];
    const Json in = valid_input(s, rng);
    const Json out = crohn::evaluate(s.instrument, in);
    if (crohn_test::is_error(out)) FAIL_CHECK(s.instrument << " " << in.dump() << " -> " << out.dump());
  }
}

TEST_CASE("properties: every generated invalid input names its field", "[properties][validation]") {
  std::mt19937 rng(12345u);
  const auto all = schemas();
  int tried = 0;
  while (tried < 4 * kCases) {
    const Schema& s = all[static_cast<std::size_t>(pick(rng, 0, int(all.size()) - 1))];
    const Field& f = s.fields[static_cast<std::size_t>(pick(rng, 0, int(s.fields.size()) - 1))];
    Json in = valid_input(s, rng);
    Expect e;
    if (!mutate(f, pick(rng, 0, 3), in, rng, e)) continue;
    ++tried;
    const Json out = crohn::evaluate(s.instrument, in);
    bool ok = has_error_shape(out) && out["field"] == e.field && out["error"] == e.code;
    if (ok && !e.path.empty()) ok = crohn_test::has_error(out, e.code, e.field, e.path);
    if (!ok) {
      FAIL_CHECK(s.instrument << ": " << e.what << " of " << f.key << " should give " << e.code
                              << " on field " << e.field
                              << (e.path.empty() ? "" : " path " + e.path) << "\n  input  "
                              << in.dump() << "\n  output " << out.dump());
    }
  }
}
