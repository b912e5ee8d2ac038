// SPDX-License-Identifier: MIT
// Populations (docs/cohort.md "Populations"): an endpoint's denominators count the patients of
// its population, the others are `not_eligible`. Expected counts worked out by hand below.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

#include "crohn/cohort.hpp"
#include "cohort_support.hpp"
#include "crohn/definitions.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/populations.hpp"

using Json = nlohmann::json;
using crohn::cohort::analyse;
using crohn::cohort::read_csv;

using crohn_test::opts;
using crohn_test::summary_row;

namespace {


// A has ulcers at baseline, HBI 10 and SES-CD 12; B and C have none, HBI 3 and 4, SES-CD 0.
const char* const kThree =
    "patient_id,week,hbi_total,ses_cd_total,ses_cd_any_ulcer\n"
    "A,0,10,12,yes\n"
    "A,12,3,2,no\n"
    "B,0,3,0,no\n"
    "B,12,2,0,no\n"
    "C,0,4,0,no\n"
    "C,12,4,0,no\n";

}  // namespace

TEST_CASE("a baseline precondition is a population: the ineligible are in no denominator", "[cohort][populations]") {
  const auto in = read_csv(kThree);
  REQUIRE(in.issues.empty());
  const Json a = analyse(in, opts({"generic"}, {12}));
  // Before issue 15 these were 1/3, 1/3 and 2/3 (B and C counted as failures or successes).
  for (const auto& [endpoint, population] :
       std::vector<std::pair<std::string, std::string>>{
           {"ses_ulcer_free", "baseline:baseline_any_ulcer=true"},
           {"hbi_response_drop_ge3_baseline_ge5", "baseline:hbi_baseline>=5"},
           {"ses_response_gt50", "baseline:ses_cd_baseline>0"},
           {"ses_response_ge50", "baseline:ses_cd_baseline>0"}}) {
    INFO(endpoint);
    const Json r = summary_row(a, endpoint, 12);
    CHECK(r["population"] == population);
    CHECK(r["not_eligible"] == 2);
    CHECK(r["itt"]["n"] == 1);
    CHECK(r["itt"]["N"] == 1);
    CHECK(r["observed"]["n"] == 1);
    CHECK(r["observed"]["N"] == 1);
    CHECK(r["not_evaluable"] == 0);
  }
  // The per-patient rows say who is in the population (the verdict stays the rule's).
  for (const Json& pt : a["patients"]) {
    for (const Json& v : pt["verdicts"]) {
      if (v["endpoint"] != "ses_ulcer_free") continue;
      CHECK(v["eligible"] == (pt["patient_id"] == "A"));
      if (pt["patient_id"] != "A") CHECK(v["verdict"] == "not_evaluable");
    }
  }
  // Endpoints without a precondition keep every patient: HBI < 5 at week 12, all three.
  const Json all = summary_row(a, "hbi_remission_lt5", 12);
  CHECK(all["population"] == "all");
  CHECK(all["not_eligible"] == 0);
  CHECK(all["itt"]["N"] == 3);
  CHECK(all["itt"]["n"] == 3);
  // The summary CSV carries both new columns at the end of each line.
  const std::string csv = crohn::cohort::summary_csv(a);
  CHECK(csv.find(",population,not_eligible\n") != std::string::npos);
  CHECK(csv.find(",baseline:baseline_any_ulcer=true,2\n") != std::string::npos);
}

TEST_CASE("a patient whose baseline does not tell stays in the population (ITT, not evaluable)", "[cohort][populations]") {
  // D's baseline HBI cell is bad: its HBI is missing at baseline (listed), the patient is kept,
  // and whether it meets HBI >= 5 is unknown: in the population, not evaluable, an ITT failure.
  const std::string csv = std::string(kThree) + "D,0,x,8,yes\nD,12,2,3,no\n";
  const auto in = read_csv(csv);
  REQUIRE(in.patients.size() == 4);
  REQUIRE(in.issues.size() == 1);
  const Json a = analyse(in, opts({"generic"}, {12}));
  const Json r = summary_row(a, "hbi_response_drop_ge3_baseline_ge5", 12);
  CHECK(r["not_eligible"] == 2);
  CHECK(r["not_evaluable"] == 1);
  CHECK(r["itt"]["n"] == 1);
  CHECK(r["itt"]["N"] == 2);
  CHECK(r["observed"]["N"] == 1);
  // D has ulcers at baseline: in the ulcer-free population with A (both ulcer-free at week 12).
  const Json u = summary_row(a, "ses_ulcer_free", 12);
  CHECK(u["itt"]["n"] == 2);
  CHECK(u["itt"]["N"] == 2);
  CHECK(u["not_eligible"] == 2);
}

TEST_CASE("the Italian set counts biochemical and transmural endpoints among the measured", "[cohort][populations]") {
  // P1: FC, CRP and BWT at baseline and at week 12 (remission, healing 2.5 mm, response 4 mm).
  // P2: no FC at baseline; FC, CRP at week 12 in range (achieved before issue 15); BWT both times.
  // P3: everything at baseline, no week-12 visit.
  const std::string csv =
      "patient_id,week,hbi_total,corticosteroids,fecal_calprotectin_ug_g,crp_mg_l,bwt_mm\n"
      "P1,0,10,no,800,20,6.5\n"
      "P1,12,2,no,100,2,2.5\n"
      "P2,0,9,no,,20,5.0\n"
      "P2,12,3,no,100,2,4.0\n"
      "P3,0,11,no,700,15,6.0\n";
  const auto in = read_csv(csv);
  REQUIRE(in.issues.empty());
  const Json a = analyse(in, opts({"study_italian_upa"}, {12}));
  const Json bio = summary_row(a, "biochemical_remission", 12);
  CHECK(bio["population"] == "measured_at_baseline_and_visit:fecal_calprotectin+crp");
  CHECK(bio["itt"]["n"] == 1);
  CHECK(bio["itt"]["N"] == 1);
  CHECK(bio["not_eligible"] == 2);
  // Healing and response: the same population (BWT at baseline and week 12): P1 and P2.
  for (const char* e : {"transmural_healing", "transmural_response"}) {
    INFO(e);
    const Json r = summary_row(a, e, 12);
    CHECK(r["population"] == "measured_at_baseline_and_visit:bwt");
    CHECK(r["itt"]["N"] == 2);
    CHECK(r["not_eligible"] == 1);
  }
  CHECK(summary_row(a, "transmural_healing", 12)["itt"]["n"] == 1);   // P1 2.5 < 3; P2 4.0
  CHECK(summary_row(a, "transmural_response", 12)["itt"]["n"] == 1);  // P1 -4.0; P2 -1.0
  // Clinical endpoints count all 64-style: every patient, P3 an ITT failure (no visit).
  const Json sfr = summary_row(a, "steroid_free_clinical_remission", 12);
  CHECK(sfr["population"] == "all");
  CHECK(sfr["itt"]["N"] == 3);
  CHECK(sfr["itt"]["n"] == 2);
  CHECK(sfr["no_visit"] == 1);
}

TEST_CASE("a patient who discontinued stays in the POWER population as a failure", "[cohort][populations]") {
  // Q stopped at week 10; its week-16 CDAI of 140 would be a response. R responds on therapy.
  const std::string csv =
      "patient_id,week,cdai_total,discontinued\n"
      "Q,0,300,no\nQ,10,280,yes\nQ,16,140,yes\n"
      "R,0,320,no\nR,16,200,no\n";
  const auto in = read_csv(csv);
  REQUIRE(in.issues.empty());
  const Json r = summary_row(analyse(in, opts({"study_power"}, {16})), "clinical_response", 16);
  CHECK(r["population"] == "all");
  CHECK(r["not_eligible"] == 0);
  CHECK(r["discontinued"] == 1);
  CHECK(r["itt"]["n"] == 1);
  CHECK(r["itt"]["N"] == 2);
}

TEST_CASE("the precondition table agrees with the rules", "[populations]") {
  using crohn::endpoints::Measures;
  // Baselines that fail each precondition; a rule that names a precondition ("...>=5", "...>0",
  // "...=true") for one of them must be in the table with that id, and in_by_baseline must
  // place such a patient outside exactly then.
  std::vector<Measures> probes(3);
  probes[0].baseline.hbi = 3;
  probes[1].baseline.ses_cd = 0;
  probes[1].baseline.ses_cd_any_ulcer = false;
  probes[1].baseline.ses_cd_max_item = 0;
  probes[2].baseline.hbi = 12;
  probes[2].baseline.ses_cd = 10;
  probes[2].baseline.ses_cd_any_ulcer = true;
  probes[2].baseline.ses_cd_max_item = 3;
  for (const auto& rule : crohn::endpoints::rules()) {
    const char* pre = crohn::populations::precondition_of(rule.id);
    crohn::definitions::SetEndpoint e{rule.id, rule.id, {}, ""};
    const auto pop = crohn::populations::of(e, rule);
    for (const Measures& probe : probes) {
      Measures m = probe;
      m.followup = m.baseline;
      const auto t = rule.evaluate(m);
      bool names_precondition = false;
      if (!t.evaluable()) {
        for (const std::string& id : t.missing()) {
          if (id.find_first_of("<>=") != std::string::npos) {
            INFO(rule.id << " names " << id);
            REQUIRE(pre != nullptr);
            CHECK(id == pre);
            names_precondition = true;
          }
        }
      }
      INFO(rule.id);
      CHECK(crohn::populations::in_by_baseline(pop, rule, probe) == !names_precondition);
    }
  }
  // Every rule in the table exists, and every measure a set names is known.
  for (const char* id : {"hbi_response_drop_ge3_baseline_ge5", "ses_response_gt50", "ses_response_ge50", "ses_ulcer_free"}) {
    CHECK(crohn::endpoints::find_rule(id) != nullptr);
    CHECK(crohn::populations::precondition_of(id) != nullptr);
  }
  for (const auto& set : crohn::definitions::sets()) {
    for (const auto& e : set.endpoints) {
      for (const char* m : e.population_measures) CHECK(crohn::populations::known_measure(m));
    }
  }
  // The definition sets' JSON says each endpoint's population.
  const Json defs = crohn::definitions::to_json();
  bool seen = false;
  for (const Json& s : defs) {
    for (const Json& e : s["endpoints"]) {
      REQUIRE(e.contains("population"));
      if (s["id"] == "study_italian_upa" && e["id"] == "transmural_healing") {
        CHECK(e["population"] == "measured_at_baseline_and_visit:bwt");
        seen = true;
      }
    }
  }
  CHECK(seen);
}
