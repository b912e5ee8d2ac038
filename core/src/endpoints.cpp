// SPDX-License-Identifier: MIT
// The endpoint rules of clinical-spec §1.3, §2.5, §3.4, §4, §5 and §6, each beside its source.
#include "crohn/endpoints.hpp"

#include "crohn/biomarkers.hpp"
#include "crohn/common.hpp"
#include "crohn/input.hpp"
#include "crohn/pro2.hpp"

namespace crohn::endpoints {

namespace {

template <class T>
Tri have(const std::optional<T>& v, const char* name) {
  return Tri::known(v.has_value(), name);
}

std::string n(double v) { return format_number(v); }
std::string mm(int64_t hundredths) { return format_number(static_cast<double>(hundredths) / 100.0); }
double mm_of(int64_t hundredths) { return static_cast<double>(hundredths) / 100.0; }

using verdict::Fact;
// CROHN_FACT(f): the fact `f` as one more argument (of Tri::of or with_detail) where verdicts
// collect facts, nothing where they do not (CROHN_VERDICT_FACTS=0, the main WebAssembly module):
// there the fact is not even built (built and dropped, it still cost 1.6 KB gzip of code).
#if CROHN_VERDICT_FACTS
#define CROHN_FACT(...) , __VA_ARGS__
#else
#define CROHN_FACT(...)
#endif
/// A comparison of the visit's value with a fixed level (Fact kind "level").
[[maybe_unused]] Fact level(const char* measure, double value, const char* comparison, double threshold,
           std::optional<bool> result, const char* unit = nullptr) {
  Fact f;
  f.measure = measure;
  f.value = value;
  f.comparison = comparison;
  f.threshold = threshold;
  f.result = result;
  f.unit = unit;
  return f;
}
/// A comparison of a change from baseline (kind "decrease", "increase", "decrease_percent",
/// "not_worse") or of the baseline itself ("baseline"; value is then the baseline's).
[[maybe_unused]] Fact change(const char* measure, const char* kind, double baseline, double value,
            std::optional<double> delta, const char* comparison, double threshold, bool result,
            const char* unit = nullptr) {
  Fact f = level(measure, value, comparison, threshold, result, unit);
  f.kind = kind;
  f.baseline = baseline;
  f.change = delta;
  return f;
}
/// A yes/no input compared with the value the rule requires.
[[maybe_unused]] Fact flag(const char* measure, bool value, bool required, const char* kind = "level") {
  Fact f = level(measure, value ? 1 : 0, "=", required ? 1 : 0, value == required);
  f.kind = kind;
  f.flag = true;
  return f;
}

// ---------------------------------------------------------------------------------------------
// HBI (clinical-spec §1.3). Vermeire S et al. Clin Gastroenterol Hepatol 2010;8(4):357-363,
// doi:10.1016/j.cgh.2010.01.001: a 3-point HBI drop corresponds to a 100-point CDAI drop and
// HBI <= 4 to CDAI <= 150.

/// Response: HBI drop >= 3 (Vermeire 2010; ambiguity A2 default).
constexpr int kHbiResponseDrop = 3;
/// Remission: HBI < 5 (Best 2006 bands; Vermeire 2010; STRIDE-II; A1 default).
constexpr int kHbiRemissionBelow = 5;
/// Italian upadacitinib cohort (cohort paper, Methods): remission HBI <= 3, response drop > 3.
constexpr int kHbiItalianRemissionMax = 3;
constexpr int kHbiItalianResponseDropAbove = 3;
/// PROSE/SWIBREG (Forss et al. Dig Dis Sci 2023;68:65-76): response only from baseline >= 5.
constexpr int kHbiActiveBaselineMin = 5;
/// Dutch ICC registry convention (Straatmijer et al.): remission HBI <= 4. ASSUMED for the
/// ustekinumab re-induction cohort, whose abstract does not state it (clinical-spec §6.5).
constexpr int kHbiIccRemissionMax = 4;

Tri hbi_pair(const Measures& m) {
  return have(m.baseline.hbi, "hbi_baseline") && have(m.followup.hbi, "hbi_followup");
}
int hbi_drop(const Measures& m) { return *m.baseline.hbi - *m.followup.hbi; }

[[maybe_unused]] Fact hbi_decrease(const Measures& m, const char* comparison, int threshold, bool result) {
  return change("hbi", "decrease", *m.baseline.hbi, *m.followup.hbi, hbi_drop(m), comparison,
                threshold, result);
}
Tri hbi_response_drop_ge3(const Measures& m) {
  const Tri pair = hbi_pair(m);
  if (!pair.evaluable()) return pair;
  const bool met = hbi_drop(m) >= kHbiResponseDrop;
  return Tri::of(met)
      .with_detail("drop " + std::to_string(hbi_drop(m)) + " of required 3" CROHN_FACT(hbi_decrease(m, ">=", kHbiResponseDrop, met)));
}
Tri hbi_response_drop_gt3(const Measures& m) {
  const Tri pair = hbi_pair(m);
  if (!pair.evaluable()) return pair;
  const bool met = hbi_drop(m) > kHbiItalianResponseDropAbove;
  return Tri::of(met)
      .with_detail("drop " + std::to_string(hbi_drop(m)) + ", required more than 3" CROHN_FACT(hbi_decrease(m, ">", kHbiItalianResponseDropAbove, met)));
}
Tri hbi_response_drop_ge3_active_baseline(const Measures& m) {
  if (m.baseline.hbi && *m.baseline.hbi < kHbiActiveBaselineMin) {
    return Tri::unknown({"hbi_baseline>=5"})
        .with_detail("baseline HBI " + std::to_string(*m.baseline.hbi) +
                     " is below 5: response is evaluated only from active disease" CROHN_FACT(change("hbi", "baseline", *m.baseline.hbi, *m.baseline.hbi, std::nullopt,
                          ">=", kHbiActiveBaselineMin, false)));
  }
  return hbi_response_drop_ge3(m);
}
Tri hbi_followup_at_most(const Measures& m, int max) {
  const Tri t = have(m.followup.hbi, "hbi_followup");
  if (!t.evaluable()) return t;
  const bool met = *m.followup.hbi <= max;
  return Tri::of(met)
      .with_detail("HBI " + std::to_string(*m.followup.hbi) + ", required <= " +
                   std::to_string(max) CROHN_FACT(level("hbi", *m.followup.hbi, "<=", max, met)));
}
Tri hbi_remission_lt5(const Measures& m) { return hbi_followup_at_most(m, kHbiRemissionBelow - 1); }
Tri hbi_remission_le3(const Measures& m) { return hbi_followup_at_most(m, kHbiItalianRemissionMax); }
Tri hbi_remission_le4(const Measures& m) { return hbi_followup_at_most(m, kHbiIccRemissionMax); }

/// Corticosteroid-free: remission AND no systemic corticosteroids at the visit (FORTIFY wording;
/// clinical-spec §5.4, A25: an explicit input, never assumed).
Tri steroid_free(const Measures& m) {
  const Tri t = have(m.followup.steroid_free, "steroid_free");
  if (!t.evaluable()) return t;
  return Tri::of(*m.followup.steroid_free)
      .with_detail(*m.followup.steroid_free ? "no corticosteroids" : "on corticosteroids" CROHN_FACT(flag("steroid_free", *m.followup.steroid_free, true)));
}
Tri hbi_sf_remission_lt5(const Measures& m) { return hbi_remission_lt5(m) && steroid_free(m); }
Tri hbi_sf_remission_le3(const Measures& m) { return hbi_remission_le3(m) && steroid_free(m); }

// ---------------------------------------------------------------------------------------------
// CDAI (clinical-spec §2.5). Sandborn WJ et al. Gastroenterology 2002;122(2):512-530,
// doi:10.1053/gast.2002.31072 (CR-70 / CR-100, remission < 150).

constexpr long long kCdaiRemissionBelow = 150;  // SEQUENCE, UNITI, POWER, ... (A5 default)
constexpr long long kCdaiBest1976QuiescentMax = 150;  // Best 1976 abstract: "150 and below"
constexpr long long kCdaiCr100 = 100;
constexpr long long kCdaiCr70 = 70;

Tri cdai_pair(const Measures& m) {
  return have(m.baseline.cdai, "cdai_baseline") && have(m.followup.cdai, "cdai_followup");
}
long long cdai_decrease(const Measures& m) { return *m.baseline.cdai - *m.followup.cdai; }
Tri cdai_decrease_at_least(const Measures& m, long long required) {
  const Tri t = cdai_pair(m);
  if (!t.evaluable()) return t;
  const bool met = cdai_decrease(m) >= required;
  return Tri::of(met)
      .with_detail("decrease " + std::to_string(cdai_decrease(m)) + " of required " +
                   std::to_string(required) CROHN_FACT(change("cdai", "decrease", static_cast<double>(*m.baseline.cdai),
                        static_cast<double>(*m.followup.cdai),
                        static_cast<double>(cdai_decrease(m)), ">=",
                        static_cast<double>(required), met)));
}
Tri cdai_followup(const Measures& m, bool strict, long long limit) {
  const Tri t = have(m.followup.cdai, "cdai_followup");
  if (!t.evaluable()) return t;
  const long long c = *m.followup.cdai;
  const bool met = strict ? c < limit : c <= limit;
  return Tri::of(met)
      .with_detail("CDAI " + std::to_string(c) + ", required " + (strict ? "< " : "<= ") +
                   std::to_string(limit) CROHN_FACT(level("cdai", static_cast<double>(c), strict ? "<" : "<=",
                       static_cast<double>(limit), met)));
}
Tri cdai_cr100(const Measures& m) { return cdai_decrease_at_least(m, kCdaiCr100); }
Tri cdai_cr70(const Measures& m) { return cdai_decrease_at_least(m, kCdaiCr70); }
Tri cdai_remission_lt150(const Measures& m) { return cdai_followup(m, true, kCdaiRemissionBelow); }
Tri cdai_remission_le150(const Measures& m) {
  return cdai_followup(m, false, kCdaiBest1976QuiescentMax);
}
/// UNITI / POWER clinical response: decrease >= 100 OR CDAI < 150 (Schreiber et al. Inflamm
/// Bowel Dis 2025, doi:10.1093/ibd/izaf163; clinical-spec §2.5, §6.1).
Tri cdai_response_100_or_remission(const Measures& m) {
  return cdai_cr100(m) || cdai_remission_lt150(m);
}

/// Steroid-free clinical remission: CDAI < 150 and no corticosteroids (SEQUENCE secondary).
Tri cdai_sf_remission_lt150(const Measures& m) {
  return cdai_remission_lt150(m) && steroid_free(m);
}

// ---------------------------------------------------------------------------------------------
// SES-CD (clinical-spec §3.4). Exact integer arithmetic: "> 50 %" is 2 x decrease > baseline.

/// AbbVie programmes (ADVANCE/MOTIVATE/FORTIFY, U-EXCEL/U-EXCEED/U-ENDURE, SEQUENCE) and
/// STRIDE-II: response = decrease > 50 %; for isolated ileal disease with baseline 4, a decrease
/// >= 2 points (D'Haens G et al. Lancet 2022;399:2015-2030; Peyrin-Biroulet L et al. NEJM
/// 2024;391:213-223, doi:10.1056/NEJMoa2314585).
constexpr int kSesResponsePct = 50;  // "> 50 %" (AbbVie, STRIDE-II); ">= 50 %" (de Voogd)
constexpr int kSesIlealBaseline = 4;
constexpr int kSesIlealDecrease = 2;
/// AbbVie endoscopic remission: SES-CD <= 4 AND decrease >= 2 AND no item > 1 (per cell, A16).
constexpr int kSesAbbvieRemissionMax = 4;
constexpr int kSesAbbvieRemissionDecrease = 2;
constexpr int kSesAbbvieItemMax = 1;
/// STRIDE-II endoscopic healing: SES-CD <= 2 with no ulcers (Turner 2021).
constexpr int kSesHealingMax = 2;

/// All five segments (bit s: sescd::kSegments[s]).
constexpr unsigned kSesAllSegments = 0x1f;

/// clinical-spec-instruments §3.2 (PROJECT RULE; no primary source says how a resected segment
/// was scored, X1/X3): a change in SES-CD is read only between totals over the same segments.
/// A typed total is taken as the usual five-segment examination: beside a postoperative set it
/// is a different set too (never compared on an assumption that it was postoperative as well).
Tri ses_same_segments(const Measures& m) {
  return Tri::known(m.baseline.ses_cd_segments.value_or(kSesAllSegments) ==
                        m.followup.ses_cd_segments.value_or(kSesAllSegments),
                    "segment_set_changed");
}

}  // namespace

bool ses_segment_set_changed(const Measures& m) {
  return m.baseline.ses_cd_segments.value_or(kSesAllSegments) !=
         m.followup.ses_cd_segments.value_or(kSesAllSegments);
}

namespace {

Tri ses_pair(const Measures& m) {
  return have(m.baseline.ses_cd, "ses_cd_baseline") && have(m.followup.ses_cd, "ses_cd_followup") &&
         ses_same_segments(m);
}
int ses_decrease(const Measures& m) { return *m.baseline.ses_cd - *m.followup.ses_cd; }
std::string ses_detail(const Measures& m) {
  return "SES-CD " + std::to_string(*m.baseline.ses_cd) + " -> " +
         std::to_string(*m.followup.ses_cd) + " (decrease " + std::to_string(ses_decrease(m)) +
         ")";
}

/// The percent decrease of SES-CD as a fact (its comparison is decided exactly, in integers, by
/// the caller: `result`); the baseline 0 has none.
[[maybe_unused]] Fact ses_percent(const Measures& m, const char* comparison, bool result) {
  const int b = *m.baseline.ses_cd;
  return change("ses_cd", "decrease_percent", b, *m.followup.ses_cd,
                b == 0 ? std::nullopt : std::optional<double>(snap(100.0 * ses_decrease(m) / b)),
                comparison, kSesResponsePct, result);
}
Tri ses_response_gt50(const Measures& m) {
  const Tri pair = ses_pair(m);
  if (!pair.evaluable()) return pair;
  const int b = *m.baseline.ses_cd;
  const int d = ses_decrease(m);
  if (b == 0) {
    return Tri::unknown({"ses_cd_baseline>0"})
        .with_detail("a percent decrease from a baseline of 0 is undefined" CROHN_FACT(ses_percent(m, ">", false)));
  }
  // "> 50 %" exactly: 2 x decrease > baseline (kSesResponsePct is 50).
  const bool pct = 2 * d > b;
  if (pct) {
    return Tri::of(true).with_detail(ses_detail(m) + ", more than 50 %" CROHN_FACT(ses_percent(m, ">", true)));
  }
  if (b != kSesIlealBaseline || d < kSesIlealDecrease) {
    return Tri::of(false)
        .with_detail(ses_detail(m) + ", required more than 50 %" CROHN_FACT(ses_percent(m, ">", false)));
  }
  // Baseline 4, decrease >= 2 but not > 50 %: only the isolated-ileal rule can make it a response.
  const Tri ileal = have(m.isolated_ileal_disease, "isolated_ileal_disease");
  Tri out = ileal.then([&] { return *m.isolated_ileal_disease; })
                .with_detail(ses_detail(m) +
                             ", isolated ileal disease with baseline 4 needs >= 2 points" CROHN_FACT(ses_percent(m, ">", false)));
#if CROHN_VERDICT_FACTS
  out = std::move(out).with_fact(
      change("ses_cd", "decrease", b, *m.followup.ses_cd, d, ">=", kSesIlealDecrease, true));
  if (m.isolated_ileal_disease) {
    out = std::move(out).with_fact(flag("isolated_ileal_disease", *m.isolated_ileal_disease, true));
  }
#endif
  return out;
}
/// De Voogd et al. J Crohns Colitis 2022;16:1598-1608 (A15 alternative): decrease >= 50 %.
Tri ses_response_ge50(const Measures& m) {
  const Tri pair = ses_pair(m);
  if (!pair.evaluable()) return pair;
  if (*m.baseline.ses_cd == 0) {
    return Tri::unknown({"ses_cd_baseline>0"})
        .with_detail("a percent decrease from a baseline of 0 is undefined" CROHN_FACT(ses_percent(m, ">=", false)));
  }
  const bool met = 2 * ses_decrease(m) >= *m.baseline.ses_cd;
  return Tri::of(met)
      .with_detail(ses_detail(m) + ", required at least 50 %" CROHN_FACT(ses_percent(m, ">=", met)));
}
Tri ses_followup_at_most(const Measures& m, int max) {
  const Tri t = have(m.followup.ses_cd, "ses_cd_followup");
  if (!t.evaluable()) return t;
  const bool met = *m.followup.ses_cd <= max;
  return Tri::of(met)
      .with_detail("SES-CD " + std::to_string(*m.followup.ses_cd) + ", required <= " +
                   std::to_string(max) CROHN_FACT(level("ses_cd", *m.followup.ses_cd, "<=", max, met)));
}
Tri ses_remission_abbvie(const Measures& m) {
  // A remission defined by a change is not evaluable across different segment sets, whatever
  // its other parts say (clinical-spec-instruments §3.2: every such output is null).
  if (ses_segment_set_changed(m)) return ses_same_segments(m);
  const Tri low = ses_followup_at_most(m, kSesAbbvieRemissionMax);
  const Tri pair = ses_pair(m);
  Tri drop = pair;
  if (pair.evaluable()) {
    const bool met = ses_decrease(m) >= kSesAbbvieRemissionDecrease;
    drop = Tri::of(met)
               .with_detail("decrease " + std::to_string(ses_decrease(m)) + " of required 2" CROHN_FACT(change("ses_cd", "decrease", *m.baseline.ses_cd, *m.followup.ses_cd,
                                 ses_decrease(m), ">=", kSesAbbvieRemissionDecrease, met)));
  }
  Tri items = have(m.followup.ses_cd_max_item, "followup_max_item_score");
  if (items.evaluable()) {
    const bool met = *m.followup.ses_cd_max_item <= kSesAbbvieItemMax;
    items = Tri::of(met)
                .with_detail("largest item " + std::to_string(*m.followup.ses_cd_max_item) +
                             ", required <= 1" CROHN_FACT(level("ses_cd_max_item", *m.followup.ses_cd_max_item, "<=",
                                 kSesAbbvieItemMax, met)));
  }
  return low && drop && items;
}
Tri ses_sf_remission_abbvie(const Measures& m) {
  if (ses_segment_set_changed(m)) return ses_same_segments(m);
  return ses_remission_abbvie(m) && steroid_free(m);
}
Tri ses_le2(const Measures& m) { return ses_followup_at_most(m, kSesHealingMax); }
Tri ses_zero(const Measures& m) { return ses_followup_at_most(m, 0); }
Tri no_ulcers(const Measures& m) {
  const Tri t = have(m.followup.ses_cd_any_ulcer, "followup_any_ulcer");
  if (!t.evaluable()) return t;
  return Tri::of(!*m.followup.ses_cd_any_ulcer)
      .with_detail(*m.followup.ses_cd_any_ulcer ? "ulcers present" : "no ulcers" CROHN_FACT(flag("any_ulcer", *m.followup.ses_cd_any_ulcer, false)));
}
Tri ses_healing_stride2(const Measures& m) { return ses_le2(m) && no_ulcers(m); }
/// Ulcer-free endoscopy (FORTIFY / U-EXCEL post hoc): no ulcer at follow-up, in patients with
/// at least one ulcer at baseline (clinical-spec §3.4).
Tri ses_ulcer_free(const Measures& m) {
  if (m.baseline.ses_cd_any_ulcer && !*m.baseline.ses_cd_any_ulcer) {
    return Tri::unknown({"baseline_any_ulcer=true"})
        .with_detail("applies only to patients with ulcers at baseline" CROHN_FACT(flag("any_ulcer", false, true, "baseline")));
  }
  // Whether the patient belongs to the endpoint's population must be known: with the baseline's
  // ulcers unknown the verdict is not evaluable whatever the follow-up shows (an AND would make
  // "unknown and ulcers present" a "not achieved").
  const Tri followup = no_ulcers(m);
  if (!m.baseline.ses_cd_any_ulcer) {
    std::vector<std::string> missing{"baseline_any_ulcer"};
    if (!followup.evaluable()) {
      missing.insert(missing.end(), followup.missing().begin(), followup.missing().end());
    }
    return Tri::unknown(std::move(missing)).with_detail(followup.detail()).with_facts_of(followup);
  }
  return followup;
}

// ---------------------------------------------------------------------------------------------
// PRO2 (clinical-spec §4): thresholds in crohn/pro2.hpp.

/// SF/APS clinical response (AbbVie): >= 30 % decrease in SF and/or >= 30 % in AP, neither worse
/// than baseline. Percent change from a baseline of 0 cannot satisfy a component (spec §4).
constexpr double kPro2ResponseDecreasePct = 30.0;
/// STRIDE-II short-term target: >= 50 % decrease in (weighted) PRO2 (Turner 2021).
constexpr double kStride2Pro2DecreasePct = 50.0;

Tri pct_decrease_at_least(const std::optional<double>& b, const std::optional<double>& f,
                          const char* b_name, const char* f_name, double pct,
                          [[maybe_unused]] const char* measure) {
  const Tri pair = have(b, b_name) && have(f, f_name);
  if (!pair.evaluable()) return pair;
  if (*b <= 0) {
    // clinical-spec §4: "Percent change with baseline 0 is undefined -> that component cannot
    // satisfy a %-decrease criterion": the component is not met (all inputs are present).
    return Tri::of(false)
        .with_detail(std::string(b_name) + " is 0: a percent decrease from 0 cannot be met" CROHN_FACT(change(measure, "decrease_percent", *b, *f, std::nullopt, ">=", pct, false)));
  }
  const double dec_pct = snap(100.0 * (*b - *f) / *b);
  const bool met = approx_ge(dec_pct, pct);
  return Tri::of(met)
      .with_detail(n(*b) + " -> " + n(*f) + " (decrease " + n(dec_pct) + " %, required " + n(pct) +
                   " %)" CROHN_FACT(change(measure, "decrease_percent", *b, *f, dec_pct, ">=", pct, met)));
}
Tri not_worse(const std::optional<double>& b, const std::optional<double>& f, const char* b_name,
              const char* f_name, [[maybe_unused]] const char* measure) {
  const Tri pair = have(b, b_name) && have(f, f_name);
  if (!pair.evaluable()) return pair;
  const bool met = approx_le(*f, *b);
  return Tri::of(met CROHN_FACT(change(measure, "not_worse", *b, *f, snap(*b - *f), "<=", *b, met)));
}
Tri at_most(const std::optional<double>& v, const char* name, [[maybe_unused]] const char* measure,
            const char* shown, double max) {
  const Tri t = have(v, name);
  if (!t.evaluable()) return t;
  const bool met = approx_le(*v, max);
  return Tri::of(met)
      .with_detail(std::string(shown) + " " + n(*v) + ", required <= " + n(max) CROHN_FACT(level(measure, *v, "<=", max, met)));
}
Tri sf_ap_at_most(const Measures& m, double sf_max, double ap_max) {
  return at_most(m.followup.sf_avg, "sf_avg_followup", "sf_avg", "SF", sf_max) &&
         at_most(m.followup.ap_avg, "ap_avg_followup", "ap_avg", "AP", ap_max);
}
Tri pro2_neither_worse(const Measures& m) {
  return not_worse(m.baseline.sf_avg, m.followup.sf_avg, "sf_avg_baseline", "sf_avg_followup",
                   "sf_avg") &&
         not_worse(m.baseline.ap_avg, m.followup.ap_avg, "ap_avg_baseline", "ap_avg_followup",
                   "ap_avg");
}
Tri pro2_remission_abbvie(const Measures& m) {
  return sf_ap_at_most(m, pro2::kAbbvieSfMax, pro2::kAbbvieApMax) && pro2_neither_worse(m);
}
Tri pro2_remission_stride2(const Measures& m) {
  return sf_ap_at_most(m, pro2::kStride2SfMax, pro2::kStride2ApMax);
}
Tri pro2_remission_sf1_5(const Measures& m) {
  return sf_ap_at_most(m, pro2::kStrictSfMax, pro2::kStrictApMax);
}
Tri pro2_response_30(const Measures& m) {
  const Tri sf = pct_decrease_at_least(m.baseline.sf_avg, m.followup.sf_avg, "sf_avg_baseline",
                                       "sf_avg_followup", kPro2ResponseDecreasePct, "sf_avg");
  const Tri ap = pct_decrease_at_least(m.baseline.ap_avg, m.followup.ap_avg, "ap_avg_baseline",
                                       "ap_avg_followup", kPro2ResponseDecreasePct, "ap_avg");
  // Each part's numbers under its name; a part with nothing to show (inputs missing) says nothing.
  const auto named = [](const char* name, const Tri& t) {
    return t.detail().empty() ? t : t.with_detail(name + t.detail());
  };
  return (named("SF ", sf) || named("AP ", ap)) && pro2_neither_worse(m);
}
std::optional<double> weighted(const Snapshot& s) {
  if (!s.sf_avg || !s.ap_avg) return std::nullopt;
  return pro2::weighted(*s.sf_avg, *s.ap_avg);
}
Tri pro2_response_50_stride2(const Measures& m) {
  const Tri inputs = have(m.baseline.sf_avg, "sf_avg_baseline") &&
                     have(m.baseline.ap_avg, "ap_avg_baseline") &&
                     have(m.followup.sf_avg, "sf_avg_followup") &&
                     have(m.followup.ap_avg, "ap_avg_followup");
  if (!inputs.evaluable()) return inputs;
  return pct_decrease_at_least(weighted(m.baseline), weighted(m.followup), "pro2_baseline",
                               "pro2_followup", kStride2Pro2DecreasePct, "pro2_weighted")
      .with_detail("weighted PRO2 " + n(*weighted(m.baseline)) + " -> " +
                   n(*weighted(m.followup)) + ", required a decrease of at least 50 %");
}

// ---------------------------------------------------------------------------------------------
// Biomarkers (clinical-spec §5.1): thresholds in crohn/biomarkers.hpp.

/// Whether a laboratory value (possibly censored) is below `threshold`: decided by is_below
/// (crohn/censored.hpp), the one comparison of a censored value. A bound that does not decide
/// ("<300" against < 250) is not evaluable, its input named `censored` (with "_censored").
Tri lab_below(const std::optional<Censored>& v, const char* name, const char* censored,
              double threshold, const char* what, const char* unit, const char* measure,
              const char* threshold_of = nullptr) {
  const Tri t = have(v, name);
  if (!t.evaluable()) return t;
  const std::string shown = std::string(what) + " " + censored_text(*v) + " " + unit;
  const std::optional<bool> below = is_below(*v, threshold);
  Fact fact = level(measure, v->value, "<", threshold, below, unit);
  fact.bound = v->bound;
  fact.threshold_of = threshold_of;
  if (!below) {
    return Tri::unknown({censored})
        .with_detail(shown + ": the bound does not decide < " + n(threshold) CROHN_FACT(fact));
  }
  return Tri::of(*below)
      .with_detail(shown + ", required < " + n(threshold) +
                   (std::string(unit) == "mg/L" ? " mg/L" : "") CROHN_FACT(fact));
}
Tri fc_below(const Measures& m, double below) {
  return lab_below(m.followup.fc_ug_g, "fecal_calprotectin_ug_g", "fecal_calprotectin_censored",
                   below, "FC", "ug/g", "fecal_calprotectin");
}
Tri crp_below_mg_l(const Measures& m, double below) {
  return lab_below(m.followup.crp_mg_l, "crp", "crp_censored", below, "CRP", "mg/L", "crp");
}
/// Italian upadacitinib cohort: FC < 150 ug/g AND CRP < 0.5 mg/dL.
Tri bio_remission_italian(const Measures& m) {
  return fc_below(m, biomarkers::kItalianFcBelow) &&
         crp_below_mg_l(m, biomarkers::kItalianCrpBelowMgL);
}
/// Biochemical remission with user-set thresholds (A21): FC < x ug/g AND CRP < y mg/L.
Tri bio_remission_param(const Measures& m) {
  return fc_below(m, m.thresholds.fc_below_ug_g) && crp_below_mg_l(m, m.thresholds.crp_below_mg_l);
}
/// STRIDE-II: FC < 250 ug/g.
Tri fc_lt250_stride2(const Measures& m) { return fc_below(m, biomarkers::kStride2FcBelow); }
/// STRIDE-II: CRP below the laboratory's upper limit of normal.
Tri crp_lt_uln_stride2(const Measures& m) {
  const Tri uln = have(m.followup.crp_uln_mg_l, "crp_uln_mg_l");
  const Tri t = have(m.followup.crp_mg_l, "crp") && uln;
  if (!t.evaluable()) return t;
  return lab_below(m.followup.crp_mg_l, "crp", "crp_censored", *m.followup.crp_uln_mg_l, "CRP", "mg/L",
                   "crp", "crp_uln")
      .with_detail("CRP " + censored_text(*m.followup.crp_mg_l) + " mg/L, ULN " +
                   n(*m.followup.crp_uln_mg_l) + " mg/L");
}

// ---------------------------------------------------------------------------------------------
// Intestinal ultrasound (clinical-spec §5.2), exact in hundredths of a millimetre.

/// Italian upadacitinib cohort: transmural response = BWT reduction >= 2 mm; healing BWT < 3 mm.
constexpr int64_t kItalianBwtReduction = 200;
constexpr int64_t kItalianBwtHealingBelow = 300;
/// Consensus-style (Ilvemark et al. JCC 2022, via Dig Dis Sci 2025 doi:10.1007/s10620-025-09181-x):
/// response = decrease > 25 %, or > 2.0 mm, or > 1.0 mm with a colour-Doppler decrease;
/// normalisation BWT <= 3.0 mm.
constexpr int64_t kConsensusReductionAbove = 200;
constexpr int64_t kConsensusReductionWithDopplerAbove = 100;
constexpr int64_t kConsensusPercentAbove = 25;
constexpr int64_t kConsensusBwtMax = 300;

Tri bwt_pair(const Measures& m) {
  return have(m.baseline.bwt_hundredths_mm, "bwt_baseline_mm") &&
         have(m.followup.bwt_hundredths_mm, "bwt_followup_mm");
}
int64_t bwt_reduction(const Measures& m) {
  return *m.baseline.bwt_hundredths_mm - *m.followup.bwt_hundredths_mm;
}
/// A bowel-wall thickness change as a fact (in mm; decided exactly in hundredths by the caller).
[[maybe_unused]] Fact bwt_change(const Measures& m, const char* kind, std::optional<double> delta,
                const char* comparison, double threshold, bool result) {
  return change("bwt", kind, mm_of(*m.baseline.bwt_hundredths_mm),
                mm_of(*m.followup.bwt_hundredths_mm), delta, comparison, threshold, result, "mm");
}
Tri ius_response_ge2mm(const Measures& m) {
  const Tri t = bwt_pair(m);
  if (!t.evaluable()) return t;
  const bool met = bwt_reduction(m) >= kItalianBwtReduction;
  return Tri::of(met)
      .with_detail("reduction " + mm(bwt_reduction(m)) + " mm of required 2" CROHN_FACT(bwt_change(m, "decrease", mm_of(bwt_reduction(m)), ">=",
                            mm_of(kItalianBwtReduction), met)));
}
Tri bwt_followup(const Measures& m, bool strict, int64_t limit) {
  const Tri t = have(m.followup.bwt_hundredths_mm, "bwt_followup_mm");
  if (!t.evaluable()) return t;
  const int64_t f = *m.followup.bwt_hundredths_mm;
  const bool met = strict ? f < limit : f <= limit;
  return Tri::of(met)
      .with_detail("BWT " + mm(f) + " mm, required " + (strict ? "< " : "<= ") + mm(limit) + " mm" CROHN_FACT(level("bwt", mm_of(f), strict ? "<" : "<=", mm_of(limit), met, "mm")));
}
Tri ius_healing_lt3mm(const Measures& m) { return bwt_followup(m, true, kItalianBwtHealingBelow); }
Tri ius_bwt_le3mm(const Measures& m) { return bwt_followup(m, false, kConsensusBwtMax); }
Tri ius_response_consensus(const Measures& m) {
  const Tri t = bwt_pair(m);
  if (!t.evaluable()) return t;
  const int64_t b = *m.baseline.bwt_hundredths_mm;
  const int64_t r = bwt_reduction(m);
  const std::string detail = "reduction " + mm(r) + " mm of " + mm(b) + " mm";
  // Each comparison decided exactly in hundredths; its fact shows it in mm and %.
  const bool pct_met = r * 100 > kConsensusPercentAbove * b;
  const bool abs_met = r > kConsensusReductionAbove;
  const bool dop_met = r > kConsensusReductionWithDopplerAbove;
  const Tri pct = Tri::of(pct_met CROHN_FACT(bwt_change(m, "decrease_percent", snap(100.0 * static_cast<double>(r) / static_cast<double>(b)),
                 ">", static_cast<double>(kConsensusPercentAbove), pct_met)));
  const Tri abs = Tri::of(abs_met CROHN_FACT(bwt_change(m, "decrease", mm_of(r), ">", mm_of(kConsensusReductionAbove), abs_met)));
  Tri dop = have(m.followup.color_doppler_decreased, "color_doppler_decreased");
  if (dop.evaluable()) {
    dop = Tri::of(*m.followup.color_doppler_decreased CROHN_FACT(flag("color_doppler_decreased", *m.followup.color_doppler_decreased, true)));
  }
  const Tri doppler =
      Tri::of(dop_met CROHN_FACT(bwt_change(m, "decrease", mm_of(r), ">",
                                            mm_of(kConsensusReductionWithDopplerAbove), dop_met))) &&
      dop;
  return (pct || abs || doppler).with_detail(detail);
}

// ---------------------------------------------------------------------------------------------
// IBDQ (clinical-spec §5.5): remission >= 170, response increase >= 16 (medicalalgorithms.com
// summary of the McMaster instrument); Hlavaty et al. Inflamm Bowel Dis 2006;12:199-204: 168 and
// increases of 22 / 27 corresponding to CDAI-70 / CDAI-100 (A23).
constexpr int kIbdqRemissionMin = 170;
constexpr int kIbdqResponseIncrease = 16;
constexpr int kIbdqHlavatyRemissionMin = 168;
constexpr int kIbdqHlavatyIncrease70 = 22;
constexpr int kIbdqHlavatyIncrease100 = 27;

Tri ibdq_at_least(const Measures& m, int min) {
  const Tri t = have(m.followup.ibdq, "ibdq_followup");
  if (!t.evaluable()) return t;
  const bool met = *m.followup.ibdq >= min;
  return Tri::of(met)
      .with_detail("IBDQ " + std::to_string(*m.followup.ibdq) + ", required >= " +
                   std::to_string(min) CROHN_FACT(level("ibdq", *m.followup.ibdq, ">=", min, met)));
}
Tri ibdq_increase_at_least(const Measures& m, int min) {
  const Tri t = have(m.baseline.ibdq, "ibdq_baseline") && have(m.followup.ibdq, "ibdq_followup");
  if (!t.evaluable()) return t;
  const int inc = *m.followup.ibdq - *m.baseline.ibdq;
  const bool met = inc >= min;
  return Tri::of(met)
      .with_detail("increase " + std::to_string(inc) + " of required " + std::to_string(min) CROHN_FACT(change("ibdq", "increase", *m.baseline.ibdq, *m.followup.ibdq, inc, ">=", min,
                        met)));
}
Tri ibdq_remission_ge170(const Measures& m) { return ibdq_at_least(m, kIbdqRemissionMin); }
Tri ibdq_remission_ge168(const Measures& m) { return ibdq_at_least(m, kIbdqHlavatyRemissionMin); }
Tri ibdq_response_ge16(const Measures& m) { return ibdq_increase_at_least(m, kIbdqResponseIncrease); }
Tri ibdq_response_ge22(const Measures& m) { return ibdq_increase_at_least(m, kIbdqHlavatyIncrease70); }
Tri ibdq_response_ge27(const Measures& m) { return ibdq_increase_at_least(m, kIbdqHlavatyIncrease100); }

// ---------------------------------------------------------------------------------------------
// Composites and therapy status.

/// STRIDE-II intermediate target, clinical remission: PRO2 (AP <= 1 and SF <= 3) or HBI < 5.
Tri stride2_clinical_remission(const Measures& m) {
  return pro2_remission_stride2(m) || hbi_remission_lt5(m);
}
/// Italian upadacitinib cohort deep remission: (steroid-free) clinical remission AND biochemical
/// remission AND transmural healing (cohort paper's endpoint list; clinical-spec §6.4).
Tri italian_deep_remission(const Measures& m) {
  return hbi_sf_remission_le3(m) && bio_remission_italian(m) && ius_healing_lt3mm(m);
}
/// Drug survival: still on the study drug at this visit (Dutch re-induction cohort primary
/// outcome, clinical-spec §6.5).
Tri on_drug(const Measures& m) {
  const Tri t = have(m.followup.discontinued, "discontinued");
  if (!t.evaluable()) return t;
  return Tri::of(!*m.followup.discontinued)
      .with_detail(*m.followup.discontinued ? "therapy discontinued" : "still on therapy" CROHN_FACT(flag("discontinued", *m.followup.discontinued, false)));
}

const char* const kVermeire = "Vermeire S et al. Clin Gastroenterol Hepatol 2010;8(4):357-363. doi:10.1016/j.cgh.2010.01.001";
const char* const kBest2006 = "Best WR. Inflamm Bowel Dis 2006;12(4):304-310; Vermeire 2010 doi:10.1016/j.cgh.2010.01.001; Turner D et al. (STRIDE-II) Gastroenterology 2021 doi:10.1053/j.gastro.2020.12.031";
const char* const kItalian = "Italian upadacitinib difficult-to-treat cohort, Inflamm Bowel Dis (cohort paper, Methods)";
const char* const kSandborn = "Sandborn WJ et al. Gastroenterology 2002;122(2):512-530. doi:10.1053/gast.2002.31072";
const char* const kBest1976 = "Best WR et al. Gastroenterology 1976;70(3):439-444 (PMID 1248701)";
const char* const kPower = "Schreiber S et al. (POWER) Inflamm Bowel Dis 2025. doi:10.1093/ibd/izaf163";
const char* const kAbbvie = "D'Haens G et al. Lancet 2022;399:2015-2030; Loftus EV et al. N Engl J Med 2023;388:1966-1980, doi:10.1056/NEJMoa2212728; Peyrin-Biroulet L et al. (SEQUENCE) N Engl J Med 2024;391:213-223. doi:10.1056/NEJMoa2314585";
const char* const kStride2 = "Turner D et al. (STRIDE-II) Gastroenterology 2021;160(5):1570-1583. doi:10.1053/j.gastro.2020.12.031";
const char* const kDeVoogd = "de Voogd F et al. J Crohns Colitis 2022;16:1598-1608";
const char* const kKhanna = "Khanna R et al. Aliment Pharmacol Ther 2015;41(1):77-86 (PMID 25348809)";
// The consensus paper itself was not read; its criteria as the Dig Dis Sci 2025 paper reports them.
const char* const kIusConsensus = "Ilvemark JFKF et al. J Crohns Colitis 2022 (international consensus), as reported in Dig Dis Sci 2025, doi:10.1007/s10620-025-09181-x";
// The cut-offs were read in a secondary summary only (clinical-spec §5.5); the citation says so.
const char* const kIbdq = "Guyatt G et al. Gastroenterology 1989;96:804-810 (the IBDQ); remission >= 170 and response >= 16 points as conventionally used, from a secondary source (primary source not checked)";
const char* const kHlavaty = "Hlavaty T et al. Inflamm Bowel Dis 2006;12:199-204";
const char* const kSwibreg = "Forss A et al. Dig Dis Sci 2023;68:65-76 (PROSE/SWIBREG)";
const char* const kIcc = "Straatmijer T et al. (Dutch ICC registry) convention; assumed for ten Bokkel Huinink et al., whose abstract does not state it";
const char* const kFortify = "FORTIFY / U-EXCEL post hoc analyses (upadacitinib maintenance and induction trials)";
const char* const kDutch = "ten Bokkel Huinink S et al. Re-induction with intravenous ustekinumab after secondary loss of response (Maastricht University CRIS record)";

}  // namespace

const std::vector<Rule>& rules() {
  static const std::vector<Rule> kRules = {
      {"hbi_response_drop_ge3", "HBI drop >= 3", "HBI decrease of at least 3 points from baseline", kVermeire, "hbi_baseline, hbi_followup", hbi_response_drop_ge3, {}},
      {"hbi_response_drop_gt3", "HBI drop > 3", "HBI decrease of more than 3 points from baseline", kItalian, "hbi_baseline, hbi_followup", hbi_response_drop_gt3, {}},
      {"hbi_response_drop_ge3_baseline_ge5", "HBI drop >= 3 from HBI >= 5", "HBI decrease of at least 3 points, evaluated only when baseline HBI >= 5", kSwibreg, "hbi_baseline, hbi_followup", hbi_response_drop_ge3_active_baseline, {}},
      {"hbi_remission_lt5", "HBI < 5", "HBI below 5 (0-4) at the visit", kBest2006, "hbi_followup", hbi_remission_lt5,
       {{"hbi_total", "<", kHbiRemissionBelow}}},
      {"hbi_remission_le4", "HBI <= 4", "HBI of 4 or less at the visit", kIcc, "hbi_followup", hbi_remission_le4,
       {{"hbi_total", "<=", kHbiIccRemissionMax}}},
      {"hbi_remission_le3", "HBI <= 3", "HBI of 3 or less at the visit", kItalian, "hbi_followup", hbi_remission_le3,
       {{"hbi_total", "<=", kHbiItalianRemissionMax}}},
      {"hbi_steroid_free_remission_lt5", "Steroid-free HBI < 5", "HBI below 5 and no systemic corticosteroids at the visit", kBest2006, "hbi_followup, steroid_free", hbi_sf_remission_lt5,
       {{"hbi_total", "<", kHbiRemissionBelow}}},
      {"hbi_steroid_free_remission_le3", "Steroid-free HBI <= 3", "HBI of 3 or less and no corticosteroids at the visit", kItalian, "hbi_followup, steroid_free", hbi_sf_remission_le3,
       {{"hbi_total", "<=", kHbiItalianRemissionMax}}},
      {"cdai_cr70", "CDAI-70", "CDAI decrease of at least 70 points from baseline", kSandborn, "cdai_baseline, cdai_followup", cdai_cr70, {}},
      {"cdai_cr100", "CDAI-100", "CDAI decrease of at least 100 points from baseline", kSandborn, "cdai_baseline, cdai_followup", cdai_cr100, {}},
      {"cdai_remission_lt150", "CDAI < 150", "CDAI below 150 at the visit", kSandborn, "cdai_followup", cdai_remission_lt150,
       {{"cdai_total", "<", kCdaiRemissionBelow}}},
      {"cdai_remission_le150", "CDAI <= 150 (Best 1976 wording)", "CDAI of 150 or less (\"150 and below\", Best 1976 abstract)", kBest1976, "cdai_followup", cdai_remission_le150,
       {{"cdai_total", "<=", kCdaiBest1976QuiescentMax}}},
      {"cdai_steroid_free_remission_lt150", "Steroid-free CDAI < 150", "CDAI below 150 and no systemic corticosteroids at the visit", kAbbvie, "cdai_followup, steroid_free", cdai_sf_remission_lt150,
       {{"cdai_total", "<", kCdaiRemissionBelow}}},
      {"cdai_response_100_or_lt150", "CDAI-100 or CDAI < 150", "CDAI decrease of at least 100 points OR CDAI below 150 (UNITI, POWER)", kPower, "cdai_baseline, cdai_followup", cdai_response_100_or_remission,
       {{"cdai_total", "<", kCdaiRemissionBelow}}},
      {"ses_response_gt50", "SES-CD > 50 % decrease", "SES-CD decrease of more than 50 % from baseline; isolated ileal disease with baseline 4: decrease >= 2 points", kAbbvie, "ses_cd_baseline, ses_cd_followup, isolated_ileal_disease", ses_response_gt50, {}},
      {"ses_response_ge50", "SES-CD >= 50 % decrease", "SES-CD decrease of at least 50 % from baseline", kDeVoogd, "ses_cd_baseline, ses_cd_followup", ses_response_ge50, {}},
      {"ses_remission_abbvie", "AbbVie endoscopic remission", "SES-CD <= 4 AND decrease >= 2 points AND no individual item (segment cell) > 1", kAbbvie, "ses_cd_baseline, ses_cd_followup, followup_max_item_score", ses_remission_abbvie,
       {{"ses_cd_total", "<=", kSesAbbvieRemissionMax}}},
      {"ses_steroid_free_remission_abbvie", "Steroid-free endoscopic remission (AbbVie)", "AbbVie endoscopic remission and no systemic corticosteroids at the visit", kAbbvie, "ses_cd_baseline, ses_cd_followup, followup_max_item_score, steroid_free", ses_sf_remission_abbvie,
       {{"ses_cd_total", "<=", kSesAbbvieRemissionMax}}},
      {"ses_le2", "SES-CD <= 2", "SES-CD of 2 or less", kStride2, "ses_cd_followup", ses_le2,
       {{"ses_cd_total", "<=", kSesHealingMax}}},
      {"ses_zero", "SES-CD 0", "SES-CD of 0", kDeVoogd, "ses_cd_followup", ses_zero,
       {{"ses_cd_total", "<=", 0}}},
      {"ses_healing_stride2", "Endoscopic healing (STRIDE-II)", "SES-CD <= 2 and no ulcers (aphthous included)", kStride2, "ses_cd_followup, followup_any_ulcer", ses_healing_stride2,
       {{"ses_cd_total", "<=", kSesHealingMax}}},
      {"ses_ulcer_free", "Ulcer-free endoscopy", "No ulcers at the visit, in patients with at least one ulcer at baseline", kFortify, "baseline_any_ulcer, followup_any_ulcer", ses_ulcer_free, {}},
      {"pro2_remission_abbvie", "SF/APS clinical remission (AbbVie)", "mean daily SF <= 2.8 AND AP <= 1.0, neither worse than baseline", kAbbvie, "sf_avg_*, ap_avg_*", pro2_remission_abbvie,
       {{"sf_avg", "<=", pro2::kAbbvieSfMax}, {"ap_avg", "<=", pro2::kAbbvieApMax}}},
      {"pro2_remission_stride2", "PRO2 remission (STRIDE-II)", "mean daily AP <= 1 AND SF <= 3", kStride2, "sf_avg_followup, ap_avg_followup", pro2_remission_stride2,
       {{"sf_avg", "<=", pro2::kStride2SfMax}, {"ap_avg", "<=", pro2::kStride2ApMax}}},
      {"pro2_remission_sf1_5", "PRO2 remission SF <= 1.5", "mean daily SF <= 1.5 AND AP <= 1.0", kKhanna, "sf_avg_followup, ap_avg_followup", pro2_remission_sf1_5,
       {{"sf_avg", "<=", pro2::kStrictSfMax}, {"ap_avg", "<=", pro2::kAbbvieApMax}}},
      {"pro2_response_30", "SF/APS clinical response (AbbVie)", ">= 30 % decrease in SF and/or >= 30 % decrease in AP, neither worse than baseline", kAbbvie, "sf_avg_*, ap_avg_*", pro2_response_30, {}},
      {"pro2_response_50_stride2", "PRO2 >= 50 % decrease (STRIDE-II)", "decrease of at least 50 % in weighted PRO2 (2 x SF + 5 x AP)", kStride2, "sf_avg_*, ap_avg_*", pro2_response_50_stride2, {}},
      {"bio_remission_fc150_crp0_5", "FC < 150 and CRP < 0.5 mg/dL", "faecal calprotectin < 150 ug/g AND CRP < 0.5 mg/dL (5 mg/L)", kItalian, "fecal_calprotectin_ug_g, crp", bio_remission_italian,
       {{"fecal_calprotectin_ug_g", "<", biomarkers::kItalianFcBelow}, {"crp_mg_l", "<", biomarkers::kItalianCrpBelowMgL}}},
      {"bio_remission_param", "Biochemical remission (set thresholds)", "faecal calprotectin below the set threshold AND CRP below the set threshold (defaults FC < 150 ug/g, CRP < 5 mg/L)", "Thresholds set by the user (defaults: the Italian upadacitinib cohort's FC < 150 ug/g and CRP < 5 mg/L)", "fecal_calprotectin_ug_g, crp", bio_remission_param, {}},
      {"fc_lt250_stride2", "FC < 250 (STRIDE-II)", "faecal calprotectin < 250 ug/g", kStride2, "fecal_calprotectin_ug_g", fc_lt250_stride2,
       {{"fecal_calprotectin_ug_g", "<", biomarkers::kStride2FcBelow}}},
      {"crp_lt_uln_stride2", "CRP < ULN (STRIDE-II)", "CRP below the laboratory's upper limit of normal", kStride2, "crp, crp_uln_mg_l", crp_lt_uln_stride2, {}},
      {"ius_response_ge2mm", "BWT reduction >= 2 mm", "bowel-wall thickness reduction of at least 2 mm", kItalian, "bwt_baseline_mm, bwt_followup_mm", ius_response_ge2mm, {}},
      {"ius_healing_lt3mm", "BWT < 3 mm", "bowel-wall thickness below 3 mm", kItalian, "bwt_followup_mm", ius_healing_lt3mm,
       {{"bwt_mm", "<", kItalianBwtHealingBelow / 100.0}}},
      {"ius_response_consensus", "IUS response (consensus)", "BWT decrease > 25 %, or > 2.0 mm, or > 1.0 mm with decreased colour Doppler", kIusConsensus, "bwt_baseline_mm, bwt_followup_mm, color_doppler_decreased", ius_response_consensus, {}},
      {"ius_bwt_le3mm", "BWT <= 3 mm (consensus)", "bowel-wall thickness of 3.0 mm or less (the BWT part of transmural remission)", kIusConsensus, "bwt_followup_mm", ius_bwt_le3mm,
       {{"bwt_mm", "<=", kConsensusBwtMax / 100.0}}},
      {"ibdq_response_ge16", "IBDQ +16", "IBDQ increase of at least 16 points", kIbdq, "ibdq_baseline, ibdq_followup", ibdq_response_ge16, {}},
      {"ibdq_remission_ge170", "IBDQ >= 170", "IBDQ of 170 or more", kIbdq, "ibdq_followup", ibdq_remission_ge170,
       {{"ibdq_total", ">=", kIbdqRemissionMin}}},
      {"ibdq_remission_ge168", "IBDQ >= 168 (Hlavaty)", "IBDQ of 168 or more", kHlavaty, "ibdq_followup", ibdq_remission_ge168,
       {{"ibdq_total", ">=", kIbdqHlavatyRemissionMin}}},
      {"ibdq_response_ge22", "IBDQ +22 (Hlavaty, ~CDAI-70)", "IBDQ increase of at least 22 points", kHlavaty, "ibdq_baseline, ibdq_followup", ibdq_response_ge22, {}},
      {"ibdq_response_ge27", "IBDQ +27 (Hlavaty, ~CDAI-100)", "IBDQ increase of at least 27 points", kHlavaty, "ibdq_baseline, ibdq_followup", ibdq_response_ge27, {}},
      {"stride2_clinical_remission", "Clinical remission (STRIDE-II)", "PRO2 remission (AP <= 1 and SF <= 3) or HBI < 5", kStride2, "sf_avg_followup, ap_avg_followup or hbi_followup", stride2_clinical_remission,
       {{"sf_avg", "<=", pro2::kStride2SfMax}, {"ap_avg", "<=", pro2::kStride2ApMax}, {"hbi_total", "<", kHbiRemissionBelow}}},
      {"italian_deep_remission", "Deep remission (Italian UPA)", "steroid-free clinical remission (HBI <= 3) AND biochemical remission (FC < 150, CRP < 0.5 mg/dL) AND transmural healing (BWT < 3 mm)", kItalian, "hbi_followup, steroid_free, fecal_calprotectin_ug_g, crp, bwt_followup_mm", italian_deep_remission,
       {{"hbi_total", "<=", kHbiItalianRemissionMax}, {"fecal_calprotectin_ug_g", "<", biomarkers::kItalianFcBelow}, {"crp_mg_l", "<", biomarkers::kItalianCrpBelowMgL}, {"bwt_mm", "<", kItalianBwtHealingBelow / 100.0}}},
      {"on_drug", "Drug survival", "still on the therapy at the visit (not discontinued)", kDutch, "discontinued", on_drug, {}},
  };
  return kRules;
}

const Rule* find_rule(const std::string& id) {
  for (const Rule& r : rules()) {
    if (id == r.id) return &r;
  }
  return nullptr;
}

Tri evaluate_rule(const std::string& id, const Measures& m) {
  const Rule* r = find_rule(id);
  if (!r) return Tri::unknown({"rule:" + id});
  return r->evaluate(m);
}

}  // namespace crohn::endpoints
