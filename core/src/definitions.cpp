// SPDX-License-Identifier: MIT
// The definition sets of clinical-spec §1-§6, as data. Each entry names a rule of
// core/src/endpoints.cpp; where a source is silent, the set says so in its notes.
#include "crohn/definitions.hpp"

#include <utility>

#include "crohn/endpoints.hpp"
#include "crohn/populations.hpp"

namespace crohn::definitions {

const std::vector<DefinitionSet>& sets() {
  static const std::vector<DefinitionSet> kSets = {
      {"generic",
       "Generic response and remission definitions",
       "1",
       "See each endpoint's citation",
       "Competing published definitions are reported side by side under their own names; the "
       "biochemical remission thresholds can be set. Evaluated at every follow-up visit.",
       {
           {"cdai_cr70", "cdai_cr70", {}, ""},
           {"cdai_cr100", "cdai_cr100", {}, ""},
           {"cdai_remission_lt150", "cdai_remission_lt150", {}, ""},
           {"cdai_remission_le150", "cdai_remission_le150", {}, "Best 1976 wording (A5)"},
           {"hbi_response_drop_ge3", "hbi_response_drop_ge3", {}, ""},
           {"hbi_response_drop_ge3_baseline_ge5", "hbi_response_drop_ge3_baseline_ge5", {},
            "SWIBREG evaluates response only from an active baseline"},
           {"hbi_remission_lt5", "hbi_remission_lt5", {}, ""},
           {"hbi_steroid_free_remission_lt5", "hbi_steroid_free_remission_lt5", {}, ""},
           {"ses_response_gt50", "ses_response_gt50", {}, ""},
           {"ses_response_ge50", "ses_response_ge50", {}, "alternative cut-off (A15)"},
           {"ses_le2", "ses_le2", {}, ""},
           {"ses_remission_abbvie", "ses_remission_abbvie", {},
            "\"no item > 1\" is read per segment cell (A16)"},
           {"ses_healing_stride2", "ses_healing_stride2", {}, ""},
           {"ses_ulcer_free", "ses_ulcer_free", {}, ""},
           {"pro2_remission_abbvie", "pro2_remission_abbvie", {}, ""},
           {"pro2_remission_stride2", "pro2_remission_stride2", {}, ""},
           {"pro2_response_30", "pro2_response_30", {}, ""},
           {"pro2_response_50_stride2", "pro2_response_50_stride2", {}, ""},
           {"biochemical_remission", "bio_remission_param", {},
            "thresholds are options (default FC < 150 ug/g, CRP < 5 mg/L)"},
           {"fc_lt250", "fc_lt250_stride2", {}, ""},
           {"crp_lt_uln", "crp_lt_uln_stride2", {}, ""},
           {"ius_response_ge2mm", "ius_response_ge2mm", {}, ""},
           {"ius_response_consensus", "ius_response_consensus", {}, ""},
           {"ius_healing_lt3mm", "ius_healing_lt3mm", {}, ""},
           {"ius_bwt_le3mm", "ius_bwt_le3mm", {}, ""},
           {"ibdq_response_ge16", "ibdq_response_ge16", {}, ""},
           {"ibdq_remission_ge170", "ibdq_remission_ge170", {}, ""},
       }},
      {"stride2",
       "STRIDE-II treatment targets",
       "1",
       "Turner D et al. (STRIDE-II) Gastroenterology 2021;160(5):1570-1583. "
       "doi:10.1053/j.gastro.2020.12.031",
       "Short-term: clinical response; intermediate: clinical remission, CRP and FC; long-term: "
       "endoscopic healing. Normalised quality of life, absence of disability and growth are "
       "targets the tool does not measure. STRIDE-II's time frames per drug class are not applied: "
       "every follow-up visit is evaluated.",
       {
           {"short_term_clinical_response", "pro2_response_50_stride2", {}, ""},
           {"intermediate_clinical_remission", "stride2_clinical_remission", {}, ""},
           {"intermediate_crp_normalised", "crp_lt_uln_stride2", {}, ""},
           {"intermediate_fc_lt250", "fc_lt250_stride2", {}, ""},
           {"long_term_endoscopic_healing", "ses_healing_stride2", {},
            "SES-CD <= 2 with no ulcers; the CDEIS < 3 alternative is not computed"},
       }},
      {"study_power",
       "POWER: IV ustekinumab re-induction vs continued SC (NCT03782376)",
       "1",
       "Schreiber S et al. Inflamm Bowel Dis 2025. doi:10.1093/ibd/izaf163",
       "Primary endpoint clinical response at week 16 = CDAI decrease >= 100 OR CDAI < 150. "
       "The trial counted patients with prohibited CD surgery, prohibited medication changes or "
       "discontinuation for lack of efficacy or worsening before week 16 as non-responders "
       "whatever their CDAI (ClinicalTrials.gov results): per visit the tool reports the CDAI "
       "verdict and, for a patient who had stopped, the study's verdict (not achieved) beside "
       "it; the cohort mode's intention-to-treat count applies the same rule.",
       {
           {"clinical_response", "cdai_response_100_or_lt150", {16}, "primary endpoint"},
           {"clinical_remission", "cdai_remission_lt150", {16}, ""},
       },
       // ClinicalTrials.gov results of NCT03782376: discontinuation for lack of efficacy or
       // worsening before week 16 counted as non-response (docs/definitions.md).
       kDiscontinuationNonResponder,
       "POWER (NCT03782376), ClinicalTrials.gov results: discontinuation for lack of efficacy or "
       "worsening before week 16 counted as non-response"},
      {"study_sequence",
       "SEQUENCE: risankizumab vs ustekinumab after anti-TNF failure",
       "1",
       "Peyrin-Biroulet L et al. N Engl J Med 2024;391(3):213-223. doi:10.1056/NEJMoa2314585",
       "Co-primary endpoints: clinical remission (CDAI < 150) at week 24 and endoscopic "
       "remission at week 48. A lay summary's 'endoscopic response at week 48' is a secondary "
       "endpoint; the NEJM definition is followed.",
       {
           {"clinical_remission_cdai_lt150", "cdai_remission_lt150", {24, 48},
            "co-primary at week 24"},
           {"endoscopic_remission", "ses_remission_abbvie", {48}, "co-primary at week 48"},
           {"endoscopic_response", "ses_response_gt50", {24, 48}, "ranked secondary"},
           {"steroid_free_clinical_remission", "cdai_steroid_free_remission_lt150", {48},
            "steroid-free at the visit (the paper's wash-out period is not modelled)"},
           {"steroid_free_endoscopic_remission", "ses_steroid_free_remission_abbvie", {48},
            "steroid-free at the visit"},
       }},
      {"study_italian_upa",
       "Italian upadacitinib difficult-to-treat cohort",
       "1",
       "Italian upadacitinib cohort, Inflamm Bowel Dis (64 patients; definitions from the "
       "cohort paper's Methods)",
       "HBI at baseline, week 12 and week 24. Deep remission = steroid-free clinical remission "
       "AND biochemical remission AND transmural healing.",
       {
           // Week 24: among the 50 patients still on therapy after week 12 (39/50 remission,
           // 48/50 response; issue 15's account of the paper, docs/cohort.md "Populations").
           {"steroid_free_clinical_remission", "hbi_steroid_free_remission_le3", {12, 24},
            "week 24 counted among patients still on therapy at week 12 (39/50)", {}, 12.0},
           {"clinical_response", "hbi_response_drop_gt3", {12, 24},
            "week 24 counted among patients still on therapy at week 12 (48/50)", {}, 12.0},
           // Populations (docs/cohort.md "Populations"): clinical-spec §6.4 gives these
           // endpoints the denominators 58 (biochemical) and 52 (both transmural endpoints) of
           // the 64 patients; issue 15 reads them as the patients with the measures at
           // baseline and at week 12, the same 52 for healing and response.
           {"biochemical_remission", "bio_remission_fc150_crp0_5", {12, 24},
            "counted among patients with FC and CRP at baseline and at the visit (21/58)",
            {"fecal_calprotectin", "crp"}},
           {"transmural_response", "ius_response_ge2mm", {12, 24},
            "counted among patients with bowel-wall thickness at baseline and at the visit (38/52)",
            {"bwt"}},
           {"transmural_healing", "ius_healing_lt3mm", {12, 24},
            "counted among patients with bowel-wall thickness at baseline and at the visit (15/52)",
            {"bwt"}},
           {"deep_remission", "italian_deep_remission", {12, 24}, ""},
       },
       // The week-12 rates are over all 64 patients, the 14 who stopped before week 12 among
       // them (33/64, 46/64): the paper counts a discontinuation as a failure.
       kDiscontinuationNonResponder,
       "Italian upadacitinib cohort: week-12 rates over all 64 patients, the 14 who stopped "
       "before week 12 counted as failures (33/64, 46/64)"},
      {"study_dutch_ust_reinduction",
       "Dutch ustekinumab IV re-induction cohort",
       "1",
       "ten Bokkel Huinink S, Biemans V, Duijvestein M, Pierik M, Hoentjen F, West RL, "
       "van der Woude CJ, de Vries AC. Re-induction with intravenous ustekinumab after "
       "secondary loss of response is a valid optimization strategy in Crohn's disease",
       "Primary outcome drug survival; secondary clinical remission at weeks 8, 20 and 52. The "
       "abstract does not state the remission definition: HBI <= 4, the convention of the same "
       "group's ICC registry papers (Straatmijer et al.), is assumed until the full text is "
       "checked.",
       {
           {"drug_survival", "on_drug", {8, 20, 52}, ""},
           {"clinical_remission_hbi_le4", "hbi_remission_le4", {8, 20, 52},
            "ASSUMED registry convention (HBI <= 4); not stated in the abstract"},
       }},
      {"study_russian_dual",
       "Russian dual targeted therapy case series (upadacitinib + ustekinumab)",
       "1",
       "Knyazev OV, Kagramanova AV, Lishchinskaia AA, Sabelnikova EA, Lazuka NV et al. "
       "Combination therapy of Crohn's disease with an interleukin 12/23 inhibitor and a "
       "targeted immunosuppressant: clinical cases (Loginov Moscow Clinical Scientific Center; "
       "https://ogarev-online.ru/2075-1753/article/view/309773)",
       "The series reports clinical, endoscopic and 'immunobiological' remission after 26 weeks "
       "of combination therapy, but the retrieved abstract states no threshold. Every threshold "
       "here is taken from STRIDE-II (Turner 2021, doi:10.1053/j.gastro.2020.12.031), which the "
       "series cites: clinical remission HBI < 5; endoscopic remission SES-CD <= 2 with no "
       "ulcers; biochemical remission CRP below the upper limit of normal and FC < 250 ug/g.",
       {
           {"clinical_remission", "hbi_remission_lt5", {26},
            "threshold from STRIDE-II (HBI < 5): not stated in the retrieved abstract"},
           {"endoscopic_remission", "ses_healing_stride2", {26},
            "threshold from STRIDE-II (SES-CD <= 2, no ulcers): not stated in the abstract"},
           {"biochemical_remission_crp", "crp_lt_uln_stride2", {26},
            "threshold from STRIDE-II (CRP < ULN): not stated in the abstract"},
           {"biochemical_remission_fc", "fc_lt250_stride2", {26},
            "threshold from STRIDE-II (FC < 250 ug/g): not stated in the abstract"},
       }},
  };
  return kSets;
}

const std::vector<Assumption>& assumptions() {
  static const std::vector<Assumption> kAssumptions = {
      // ten Bokkel Huinink et al.: the abstract does not state the remission definition; HBI <= 4
      // is the same group's ICC registry convention (Straatmijer et al.).
      {"study_dutch_ust_reinduction", "clinical_remission_hbi_le4", "registry_convention",
       "HBI <= 4 is the Dutch ICC registry's convention (Straatmijer et al.); the cohort's abstract "
       "does not state its remission definition"},
      // Knyazev et al.: the retrieved abstract states no threshold; the series cites STRIDE-II.
      {"study_russian_dual", "*", "taken_from_stride2",
       "the case series states no threshold; STRIDE-II's (Turner 2021), which it cites, are used"},
  };
  return kAssumptions;
}

const Assumption* assumption_of(const std::string& set, const std::string& endpoint) {
  for (const Assumption& a : assumptions()) {
    if (set == a.set && (endpoint == a.endpoint || std::string(a.endpoint) == "*")) return &a;
  }
  return nullptr;
}

const DefinitionSet* find_set(const std::string& id) {
  for (const DefinitionSet& s : sets()) {
    if (id == s.id) return &s;
  }
  return nullptr;
}

nlohmann::json to_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const DefinitionSet& s : sets()) {
    nlohmann::json endpoints = nlohmann::json::array();
    for (const SetEndpoint& e : s.endpoints) {
      const endpoints::Rule* r = endpoints::find_rule(e.rule);
      nlohmann::json& ep = endpoints.emplace_back(nlohmann::json::object());
      ep["id"] = e.id;
      ep["rule"] = e.rule;
      ep["label"] = r ? r->label : "";
      ep["definition"] = r ? r->rule : "";
      ep["citation"] = r ? r->citation : "";
      ep["needs"] = r ? r->needs : "";
      ep["weeks"] = e.weeks;
      ep["note"] = e.note;
      // An assumed threshold says so, as data: {code, reason}, or null.
      const Assumption* assumed = assumption_of(s.id, e.id);
      ep["assumed"] = assumed ? nlohmann::json{{"code", assumed->code}, {"reason", assumed->reason}}
                              : nlohmann::json(nullptr);
      if (r) {
        const populations::Population pop = populations::of(e, *r);
        ep["population"] = pop.id();
        ep["population_text"] = pop.text();
      } else {
        ep["population"] = nullptr;
        ep["population_text"] = nullptr;
      }
      // From the week after on_therapy_at_week: counted among the patients still on therapy then.
      if (r && e.on_therapy_at_week) {
        const populations::Population later = populations::of(e, *r, *e.on_therapy_at_week + 1);
        ep["population_after_week"] = {{"week", *e.on_therapy_at_week},
                                       {"population", later.id()},
                                       {"population_text", later.text()}};
      } else {
        ep["population_after_week"] = nullptr;
      }
      // The fixed levels the rule compares a follow-up measure with (a timeline's lines).
      nlohmann::json& levels = ep["levels"] = nlohmann::json::array();
      if (r) {
        for (std::size_t i = 0; i < r->level_count(); ++i) {
          const endpoints::Level& l = r->levels[i];
          nlohmann::json& lv = levels.emplace_back(nlohmann::json::object());
          lv["measure"] = l.measure;
          lv["comparison"] = l.comparison;
          lv["value"] = l.value;
        }
      }
    }
    nlohmann::json& set = out.emplace_back(nlohmann::json::object());
    set["id"] = s.id;
    set["label"] = s.label;
    set["version"] = s.version;
    set["citation"] = s.citation;
    set["notes"] = s.notes;
    set["failure_rule"] = s.failure_rule ? nlohmann::json(s.failure_rule) : nlohmann::json(nullptr);
    set["failure_rule_source"] =
        s.failure_rule_source ? nlohmann::json(s.failure_rule_source) : nlohmann::json(nullptr);
    set["endpoints"] = std::move(endpoints);
  }
  return out;
}

}  // namespace crohn::definitions
