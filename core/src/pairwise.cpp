// SPDX-License-Identifier: MIT
#include "crohn/pairwise.hpp"

#include <cmath>
#include <functional>
#include <map>

#include "crohn/biomarkers.hpp"
#include "crohn/common.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/cdai.hpp"
#include "crohn/hbi.hpp"
#include "crohn/pro2.hpp"
#include "crohn/sescd.hpp"

namespace crohn::pairwise {

namespace {

using endpoints::Measures;
using endpoints::Snapshot;

enum class Kind { kInt, kNumber, kBool, kMillimetres };

// Ranges of typed-in totals come from each score's header.
constexpr double kHbiMax = hbi::kTotalMax;
constexpr double kCdaiMin = cdai::kTotalMin, kCdaiMax = cdai::kTotalMax;
constexpr double kSesMax = sescd::kTotalMax;
constexpr double kBwtMin = endpoints::kBwtMinMm, kBwtMax = endpoints::kBwtMaxMm;

struct FieldSpec {
  const char* key;
  Kind kind;
  double lo, hi;
  int slot;  // which baseline/follow-up pair of the instrument it feeds
  std::function<void(Measures&, double)> set;
};

struct OutputSpec {
  const char* key;
  const char* rule;
  int slot;
};

struct Spec {
  const char* name;
  std::vector<FieldSpec> fields;
  bool required;       // all fields required (else optional, at least one)
  int crp_slot;        // -1: no CRP input; else CRP (any unit form) feeds this slot's follow-up
  std::vector<OutputSpec> outputs;
  std::vector<std::pair<std::string, std::string>> renames;  // canonical -> this instrument's
  std::function<void(const std::vector<Measures>&, Json&)> extras;
};

// Note: `(cond ? m.baseline : m.followup).*field = v` silently assigns to a temporary with
// g++ 12, so the snapshot is bound to a reference first.
Snapshot& side_of(Measures& m, bool baseline) { return baseline ? m.baseline : m.followup; }

template <class T>
std::function<void(Measures&, double)> set_int(std::optional<T> Snapshot::*field, bool baseline) {
  return [field, baseline](Measures& m, double v) {
    Snapshot& s = side_of(m, baseline);
    s.*field = static_cast<T>(v);
  };
}
std::function<void(Measures&, double)> set_num(std::optional<double> Snapshot::*field,
                                               bool baseline) {
  return [field, baseline](Measures& m, double v) {
    Snapshot& s = side_of(m, baseline);
    s.*field = v;
  };
}
std::function<void(Measures&, double)> set_lab(std::optional<Censored> Snapshot::*field,
                                               bool baseline) {
  return [field, baseline](Measures& m, double v) {
    Snapshot& s = side_of(m, baseline);
    s.*field = Censored(v);
  };
}
std::function<void(Measures&, double)> set_bool(std::optional<bool> Snapshot::*field,
                                                bool baseline) {
  return [field, baseline](Measures& m, double v) {
    Snapshot& s = side_of(m, baseline);
    s.*field = v != 0;
  };
}
std::function<void(Measures&, double)> set_mm(bool baseline) {
  return [baseline](Measures& m, double v) {  // v is already a whole number of hundredths / 100
    side_of(m, baseline).bwt_hundredths_mm = to_hundredths(v);
  };
}
std::function<void(Measures&, double)> set_ileal() {
  return [](Measures& m, double v) { m.isolated_ileal_disease = v != 0; };
}

constexpr bool B = true;   // baseline
constexpr bool F = false;  // follow-up

FieldSpec hbi_field(const char* key, bool side, int slot = 0) {
  return {key, Kind::kInt, 0, kHbiMax, slot, set_int(&Snapshot::hbi, side)};
}
FieldSpec cdai_field(const char* key, bool side, int slot = 0) {
  return {key, Kind::kInt, kCdaiMin, kCdaiMax, slot, set_int(&Snapshot::cdai, side)};
}
FieldSpec ses_field(const char* key, bool side, int slot = 0) {
  return {key, Kind::kInt, 0, kSesMax, slot, set_int(&Snapshot::ses_cd, side)};
}
FieldSpec bwt_field(const char* key, bool side, int slot = 0) {
  return {key, Kind::kMillimetres, kBwtMin, kBwtMax, slot, set_mm(side)};
}
FieldSpec fc_field(int slot = 0) {
  return {"fecal_calprotectin_ug_g", Kind::kNumber, 0, biomarkers::kFcMaxUgG, slot,
          set_lab(&Snapshot::fc_ug_g, F)};
}

const std::vector<Spec>& specs() {
  static const std::vector<Spec> kSpecs = [] {
    std::vector<Spec> s;
    // HBI pairs (clinical-spec §1.3).
    s.push_back(
        {"hbi_endpoints",
         {hbi_field("hbi_baseline", B), hbi_field("hbi_followup", F),
          {"steroid_free", Kind::kBool, 0, 1, 0, set_bool(&Snapshot::steroid_free, F)}},
         false,
         -1,
         {{"response_drop_ge3", "hbi_response_drop_ge3", 0},
          {"response_drop_gt3_italian_upa", "hbi_response_drop_gt3", 0},
          {"response_drop_ge3_baseline_ge5", "hbi_response_drop_ge3_baseline_ge5", 0},
          {"remission_lt5", "hbi_remission_lt5", 0},
          {"remission_le3", "hbi_remission_le3", 0},
          {"steroid_free_remission_lt5", "hbi_steroid_free_remission_lt5", 0},
          {"steroid_free_remission_le3_italian_upa", "hbi_steroid_free_remission_le3", 0}},
         {},
         [](const std::vector<Measures>& m, Json& out) {
           const Snapshot &b = m[0].baseline, &f = m[0].followup;
           out["hbi_drop"] = b.hbi && f.hbi ? Json(*b.hbi - *f.hbi) : Json(nullptr);
           out["response_evaluable_baseline_ge5"] = b.hbi ? Json(*b.hbi >= 5) : Json(nullptr);
         }});
    // CDAI pairs (clinical-spec §2.5).
    s.push_back({"cdai_endpoints",
                 {cdai_field("cdai_baseline", B), cdai_field("cdai_followup", F)},
                 true,
                 -1,
                 {{"cr100", "cdai_cr100", 0},
                  {"cr70", "cdai_cr70", 0},
                  {"remission_lt150", "cdai_remission_lt150", 0},
                  {"remission_le150_best1976_wording", "cdai_remission_le150", 0},
                  {"power_clinical_response_dec100_or_lt150", "cdai_response_100_or_lt150", 0}},
                 {},
                 [](const std::vector<Measures>& m, Json& out) {
                   out["cdai_decrease"] = *m[0].baseline.cdai - *m[0].followup.cdai;
                 }});
    // SES-CD pairs (clinical-spec §3.4).
    s.push_back(
        {"ses_cd_endpoints",
         {ses_field("ses_cd_baseline", B),
          ses_field("ses_cd_followup", F),
          {"followup_max_item_score", Kind::kInt, 0, 3, 0, set_int(&Snapshot::ses_cd_max_item, F)},
          {"followup_any_ulcer", Kind::kBool, 0, 1, 0, set_bool(&Snapshot::ses_cd_any_ulcer, F)},
          {"baseline_any_ulcer", Kind::kBool, 0, 1, 0, set_bool(&Snapshot::ses_cd_any_ulcer, B)},
          {"isolated_ileal_disease", Kind::kBool, 0, 1, 0, set_ileal()}},
         false,
         -1,
         {{"endoscopic_response_gt50_abbvie", "ses_response_gt50", 0},
          {"endoscopic_response_ge50", "ses_response_ge50", 0},
          {"endoscopic_remission_abbvie", "ses_remission_abbvie", 0},
          {"ses_cd_le2", "ses_le2", 0},
          {"ses_cd_0", "ses_zero", 0},
          {"endoscopic_healing_stride2", "ses_healing_stride2", 0},
          {"ulcer_free", "ses_ulcer_free", 0}},
         {},
         [](const std::vector<Measures>& m, Json& out) {
           const Snapshot &b = m[0].baseline, &f = m[0].followup;
           out["decrease"] = b.ses_cd && f.ses_cd ? Json(*b.ses_cd - *f.ses_cd) : Json(nullptr);
         }});
    // PRO2 pairs (clinical-spec §4).
    s.push_back(
        {"pro2_endpoints",
         {{"sf_avg_baseline", Kind::kNumber, 0, pro2::kSfDailyMax, 0, set_num(&Snapshot::sf_avg, B)},
          {"ap_avg_baseline", Kind::kNumber, 0, pro2::kApDailyMax, 0, set_num(&Snapshot::ap_avg, B)},
          {"sf_avg_followup", Kind::kNumber, 0, pro2::kSfDailyMax, 0, set_num(&Snapshot::sf_avg, F)},
          {"ap_avg_followup", Kind::kNumber, 0, pro2::kApDailyMax, 0,
           set_num(&Snapshot::ap_avg, F)}},
         true,
         -1,
         {{"sf_ap_remission_abbvie", "pro2_remission_abbvie", 0},
          {"pro2_remission_stride2", "pro2_remission_stride2", 0},
          {"pro2_remission_sf1_5", "pro2_remission_sf1_5", 0},
          {"sf_ap_clinical_response_30", "pro2_response_30", 0},
          {"stride2_clinical_response_pro2_50", "pro2_response_50_stride2", 0}},
         {},
         [](const std::vector<Measures>& m, Json& out) {
           const Snapshot &b = m[0].baseline, &f = m[0].followup;
           out["pro2_weighted_baseline"] = pro2::weighted(*b.sf_avg, *b.ap_avg);
           out["pro2_weighted_followup"] = pro2::weighted(*f.sf_avg, *f.ap_avg);
         }});
    // Intestinal ultrasound (clinical-spec §5.2).
    s.push_back({"ius",
                 {bwt_field("bwt_baseline_mm", B),
                  bwt_field("bwt_followup_mm", F),
                  {"color_doppler_decreased", Kind::kBool, 0, 1, 0,
                   set_bool(&Snapshot::color_doppler_decreased, F)}},
                 false,
                 -1,
                 {{"transmural_response_ge2mm_italian_upa", "ius_response_ge2mm", 0},
                  {"transmural_healing_lt3mm_italian_upa", "ius_healing_lt3mm", 0},
                  {"ius_response_consensus", "ius_response_consensus", 0},
                  {"bwt_le3mm_consensus", "ius_bwt_le3mm", 0}},
                 {},
                 [](const std::vector<Measures>& m, Json& out) {
                   const Snapshot &b = m[0].baseline, &f = m[0].followup;
                   out["bwt_reduction_mm"] =
                       b.bwt_hundredths_mm && f.bwt_hundredths_mm
                           ? Json(static_cast<double>(*b.bwt_hundredths_mm - *f.bwt_hundredths_mm) /
                                  100.0)
                           : Json(nullptr);
                 }});
    // STRIDE-II targets at one visit (clinical-spec §5.6); PRO2 response needs a baseline.
    s.push_back(
        {"stride2",
         {{"pro2_sf_avg", Kind::kNumber, 0, pro2::kSfDailyMax, 0, set_num(&Snapshot::sf_avg, F)},
          {"pro2_ap_avg", Kind::kNumber, 0, pro2::kApDailyMax, 0, set_num(&Snapshot::ap_avg, F)},
          {"pro2_sf_avg_baseline", Kind::kNumber, 0, pro2::kSfDailyMax, 0,
           set_num(&Snapshot::sf_avg, B)},
          {"pro2_ap_avg_baseline", Kind::kNumber, 0, pro2::kApDailyMax, 0,
           set_num(&Snapshot::ap_avg, B)},
          hbi_field("hbi", F),
          {"crp_uln_mg_l", Kind::kNumber, 0.1, 100, 0, set_num(&Snapshot::crp_uln_mg_l, F)},
          fc_field(),
          ses_field("ses_cd", F),
          {"any_ulcer", Kind::kBool, 0, 1, 0, set_bool(&Snapshot::ses_cd_any_ulcer, F)}},
         false,
         0,
         {{"clinical_response_pro2_50", "pro2_response_50_stride2", 0},
          {"clinical_remission_pro2", "pro2_remission_stride2", 0},
          {"clinical_remission_hbi", "hbi_remission_lt5", 0},
          {"clinical_remission", "stride2_clinical_remission", 0},
          {"crp_normalised", "crp_lt_uln_stride2", 0},
          {"fc_lt250", "fc_lt250_stride2", 0},
          {"endoscopic_healing", "ses_healing_stride2", 0}},
         {{"sf_avg_followup", "pro2_sf_avg"},
          {"ap_avg_followup", "pro2_ap_avg"},
          {"sf_avg_baseline", "pro2_sf_avg_baseline"},
          {"ap_avg_baseline", "pro2_ap_avg_baseline"},
          {"hbi_followup", "hbi"},
          {"ses_cd_followup", "ses_cd"},
          {"followup_any_ulcer", "any_ulcer"}},
         nullptr});
    // POWER (clinical-spec §6.1): week-16 response and remission.
    s.push_back({"study_power",
                 {cdai_field("cdai_baseline", B), cdai_field("cdai_week16", F)},
                 true,
                 -1,
                 {{"clinical_response_week16", "cdai_response_100_or_lt150", 0},
                  {"clinical_remission_week16", "cdai_remission_lt150", 0}},
                 {{"cdai_followup", "cdai_week16"}},
                 nullptr});
    // SEQUENCE (clinical-spec §6.2): slot 0 = week 24, slot 1 = week 48.
    s.push_back(
        {"study_sequence",
         {cdai_field("cdai_week24", F, 0),
          ses_field("ses_cd_baseline", B, 1),
          ses_field("ses_cd_week48", F, 1),
          {"week48_max_item_score", Kind::kInt, 0, 3, 1, set_int(&Snapshot::ses_cd_max_item, F)},
          {"isolated_ileal_disease", Kind::kBool, 0, 1, 1, set_ileal()},
          cdai_field("cdai_week48", F, 2),
          ses_field("ses_cd_baseline", B, 3),
          ses_field("ses_cd_week24", F, 3),
          {"isolated_ileal_disease", Kind::kBool, 0, 1, 3, set_ileal()}},
         false,
         -1,
         {{"clinical_remission_week24_cdai_lt150", "cdai_remission_lt150", 0},
          {"endoscopic_remission_week48", "ses_remission_abbvie", 1},
          {"endoscopic_response_week48", "ses_response_gt50", 1},
          {"endoscopic_response_week24", "ses_response_gt50", 3},
          {"clinical_remission_week48_cdai_lt150", "cdai_remission_lt150", 2}},
         {{"cdai_followup@0", "cdai_week24"},
          {"cdai_followup@2", "cdai_week48"},
          {"ses_cd_followup@1", "ses_cd_week48"},
          {"ses_cd_followup@3", "ses_cd_week24"},
          {"followup_max_item_score", "week48_max_item_score"}},
         nullptr});
    // Italian upadacitinib cohort (clinical-spec §6.4).
    s.push_back(
        {"study_italian_upa",
         {hbi_field("hbi_baseline", B), hbi_field("hbi_followup", F),
          {"steroid_free", Kind::kBool, 0, 1, 0, set_bool(&Snapshot::steroid_free, F)},
          fc_field(), bwt_field("bwt_baseline_mm", B), bwt_field("bwt_followup_mm", F)},
         false,
         0,
         {{"steroid_free_clinical_remission_hbi_le3", "hbi_steroid_free_remission_le3", 0},
          {"clinical_response_hbi_drop_gt3", "hbi_response_drop_gt3", 0},
          {"biochemical_remission", "bio_remission_fc150_crp0_5", 0},
          {"transmural_response", "ius_response_ge2mm", 0},
          {"transmural_healing", "ius_healing_lt3mm", 0},
          {"deep_remission", "italian_deep_remission", 0}},
         {},
         nullptr});
    // Dutch ustekinumab re-induction cohort (clinical-spec §6.5; HBI <= 4 ASSUMED).
    s.push_back({"study_dutch_ust_reinduction",
                 {hbi_field("hbi", F),
                  {"discontinued", Kind::kBool, 0, 1, 0, set_bool(&Snapshot::discontinued, F)}},
                 false,
                 -1,
                 {{"clinical_remission_hbi_le4", "hbi_remission_le4", 0},
                  {"drug_survival", "on_drug", 0}},
                 {{"hbi_followup", "hbi"}},
                 nullptr});
    return s;
  }();
  return kSpecs;
}

const Spec* find(const std::string& name) {
  for (const Spec& s : specs()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

}  // namespace

bool has(const std::string& instrument) { return find(instrument) != nullptr; }

std::vector<std::string> names() {
  std::vector<std::string> out;
  for (const Spec& s : specs()) out.emplace_back(s.name);
  return out;
}

Json evaluate(const std::string& instrument, Reader& rd) {
  const Spec* spec = find(instrument);
  if (!spec) return nullptr;
  int slots = 1;
  for (const FieldSpec& f : spec->fields) slots = std::max(slots, f.slot + 1);
  for (const OutputSpec& o : spec->outputs) slots = std::max(slots, o.slot + 1);
  std::vector<Measures> m(static_cast<std::size_t>(slots));

  bool any = false;
  std::map<std::string, std::optional<double>> read_once;  // a key may feed several slots
  for (const FieldSpec& f : spec->fields) {
    const Need need = spec->required ? Need::kRequired : Need::kOptional;
    any = any || rd.present(f.key);
    if (auto it = read_once.find(f.key); it != read_once.end()) {
      if (it->second) f.set(m[static_cast<std::size_t>(f.slot)], *it->second);
      continue;
    }
    std::optional<double> v;
    switch (f.kind) {
      case Kind::kInt: {
        auto i = rd.integer(f.key, static_cast<int>(f.lo), static_cast<int>(f.hi), need);
        if (i) v = *i;
        break;
      }
      case Kind::kNumber: v = rd.number(f.key, f.lo, f.hi, need); break;
      case Kind::kBool: {
        auto b = rd.boolean(f.key, need);
        if (b) v = *b ? 1.0 : 0.0;
        break;
      }
      case Kind::kMillimetres: {
        auto h = rd.hundredths(f.key, f.lo, f.hi, need);
        if (h) v = static_cast<double>(*h) / 100.0;
        break;
      }
    }
    read_once[f.key] = v;
    if (v) f.set(m[static_cast<std::size_t>(f.slot)], *v);
  }
  if (spec->crp_slot >= 0) {
    auto crp = biomarkers::read_crp_mg_l(rd, Need::kOptional);
    any = any || crp.has_value();
    if (crp) m[static_cast<std::size_t>(spec->crp_slot)].followup.crp_mg_l = *crp;
  }
  if (rd.failed()) return nullptr;
  if (!any) {
    rd.fail(code::kMissingField, spec->fields.front().key,
            std::string("no input given: ") + instrument + " needs at least " +
                spec->fields.front().key);
    return nullptr;
  }
  // SES-CD cross-field rule: the largest item cannot exceed the follow-up total.
  for (const Measures& mm : m) {
    if (mm.followup.ses_cd_max_item && mm.followup.ses_cd &&
        *mm.followup.ses_cd_max_item > *mm.followup.ses_cd) {
      const char* key = instrument == "study_sequence" ? "week48_max_item_score"
                                                       : "followup_max_item_score";
      // The cap as data: the largest item is at most the total it is part of.
      Json params = reason_params(
          reason::kExceeds, instrument == "study_sequence" ? "ses_cd_week48" : "ses_cd_followup");
      params["max"] = *mm.followup.ses_cd;
      rd.fail(code::kOutOfRange, key,
              std::string(key) + " cannot exceed the follow-up SES-CD total", std::move(params));
      return nullptr;
    }
  }

  verdict::Table table;
  for (const OutputSpec& o : spec->outputs) {
    verdict::Tri t = endpoints::evaluate_rule(o.rule, m[static_cast<std::size_t>(o.slot)]);
    if (!t.evaluable() && !spec->renames.empty()) {
      std::vector<std::string> named;
      for (const std::string& missing : t.missing()) {
        std::string name = missing;
        for (const auto& [from, to] : spec->renames) {
          const std::string slotted = missing + "@" + std::to_string(o.slot);
          if (from == missing || from == slotted) name = to;
        }
        named.push_back(name);
      }
      t = verdict::Tri::unknown(named).with_detail(t.detail()).with_facts_of(t);
    }
    table.put(o.key, t);
  }
  Json out = table.to_json();
  if (spec->extras) spec->extras(m, out);
  return out;
}

}  // namespace crohn::pairwise
