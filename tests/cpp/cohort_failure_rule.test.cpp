// SPDX-License-Identifier: MIT
// The failure rule on the patient's rows and the population "still on therapy at an earlier
// week" (docs/cohort.md "Failure rule", "Populations"; issue 15). Expected values by hand below.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "cohort_support.hpp"
#include "crohn/cohort.hpp"
#include "crohn/definitions.hpp"
#include "crohn/populations.hpp"
#include "crohn/record.hpp"

using Json = nlohmann::json;
using crohn::cohort::analyse;
using crohn::cohort::read_csv;
using crohn_test::opts;
using crohn_test::summary_row;

namespace {

// P1 stops at week 10 (the visit records it) and has a week-16 CDAI of 140 (< 150: the rule's
// own verdict is "achieved"); P2 stays on therapy and drops 310 -> 180 (decrease 130: achieved).
const char* const kPower =
    "patient_id,week,cdai_total,discontinued\n"
    "P1,0,300,no\nP1,10,,yes\nP1,16,140,no\n"
    "P2,0,310,no\nP2,16,180,no\n";

const Json& verdict_of(const Json& a, std::size_t patient, const std::string& set,
                       const std::string& endpoint, double week) {
  for (const Json& v : a["patients"][patient]["verdicts"]) {
    if (v["set"] == set && v["endpoint"] == endpoint && v["week"] == week) return v;
  }
  FAIL("no verdict " << set << " " << endpoint << " " << week);
  static const Json none;
  return none;
}

const Json& record_endpoint(const Json& r, double week, const std::string& id) {
  for (const Json& row : r["sets"][0]["visits"]) {
    if (row["week"] != week) continue;
    for (const Json& e : row["endpoints"]) {
      if (e["id"] == id) return e;
    }
  }
  FAIL("no endpoint row " << id << " at week " << week);
  static const Json none;
  return none;
}

}  // namespace

TEST_CASE("failure rule: the per-patient row says it was applied, beside the rule's own verdict",
          "[cohort][failure_rule]") {
  const Json a = analyse(read_csv(kPower), opts({"study_power", "generic"}, {16}));
  // POWER counts a discontinuation before week 16 as non-response (ClinicalTrials.gov results).
  const Json& p1 = verdict_of(a, 0, "study_power", "clinical_response", 16);
  CHECK(p1["verdict"] == "achieved");  // the rule on the week-16 visit: CDAI 140 < 150
  CHECK(p1["failure_rule"] == "discontinuation_non_responder");
  CHECK(p1["study_verdict"] == "not_achieved");
  CHECK(p1["discontinued"] == true);
  // On therapy: no rule applied, the study's verdict is the rule's.
  const Json& p2 = verdict_of(a, 1, "study_power", "clinical_response", 16);
  CHECK(p2["failure_rule"].is_null());
  CHECK(p2["study_verdict"] == "achieved");
  // The generic set's source states no failure rule: the row keeps the rule's verdict as the
  // study's (the ITT count still counts P1 as discontinued, the tool's ITT rule).
  const Json& g = verdict_of(a, 0, "generic", "cdai_remission_lt150", 16);
  CHECK(g["verdict"] == "achieved");
  CHECK(g["failure_rule"].is_null());
  CHECK(g["study_verdict"] == "achieved");
  // The count agrees with the row: 1 achieved (P2), 1 discontinued (P1), ITT 1/2.
  const Json r = summary_row(a, "clinical_response", 16);
  CHECK(r["achieved"] == 1);
  CHECK(r["discontinued"] == 1);
  CHECK(r["itt"]["n"] == 1);
  CHECK(r["itt"]["N"] == 2);
}

TEST_CASE("failure rule on a record's endpoint rows: from the visit that records the stop on",
          "[record][failure_rule]") {
  const Json record = {
      {"patient_id", "P1"},
      {"visits",
       {{{"week", 0}, {"cdai_total", 300}, {"discontinued", true}},  // an earlier therapy
        {{"week", 8}, {"cdai_total", 200}},
        {{"week", 10}, {"discontinued", true}},
        {{"week", 16}, {"cdai_total", 140}}}}};
  const Json r = crohn::record::evaluate(record, {"study_power"}, crohn::record::Options{});
  REQUIRE(r.contains("sets"));
  // Week 8: before the stop (the flag on the baseline does not count): no rule applied.
  const Json& w8 = record_endpoint(r, 8, "clinical_response");
  CHECK(w8["verdict"] == "achieved");  // decrease 100
  CHECK(w8["failure_rule"].is_null());
  CHECK(w8["study_verdict"] == "achieved");
  // Week 16: stopped at week 10: a non-responder as POWER counts it; the rule's verdict is kept.
  const Json& w16 = record_endpoint(r, 16, "clinical_response");
  CHECK(w16["verdict"] == "achieved");
  CHECK(w16["failure_rule"] == "discontinuation_non_responder");
  CHECK(w16["study_verdict"] == "not_achieved");
  // A set whose source states no failure rule keeps the rule's verdict.
  const Json g = crohn::record::evaluate(record, {"generic"}, crohn::record::Options{});
  const Json& gw16 = record_endpoint(g, 16, "cdai_remission_lt150");
  CHECK(gw16["failure_rule"].is_null());
  CHECK(gw16["study_verdict"] == "achieved");
}

TEST_CASE("population: still on therapy at an earlier week", "[cohort][populations]") {
  // A stops at week 10, D exactly at week 12 (both outside at week 24); B stops at week 18
  // (inside: a failure at week 24); C stays and responds (drop 8).
  const Json a = analyse(read_csv("patient_id,week,hbi_total,discontinued\n"
                                  "A,0,12,no\nA,10,,yes\n"
                                  "B,0,12,no\nB,12,6,no\nB,18,,yes\nB,24,2,no\n"
                                  "C,0,12,no\nC,12,3,no\nC,24,4,no\n"
                                  "D,0,12,no\nD,12,3,yes\n"),
                         opts({"study_italian_upa"}, {12, 24}));
  const Json w24 = summary_row(a, "clinical_response", 24);
  CHECK(w24["population"] == "on_therapy_at_week:12");
  CHECK(w24["not_eligible"] == 2);
  CHECK(w24["achieved"] == 1);
  CHECK(w24["discontinued"] == 1);
  CHECK(w24["itt"]["n"] == 1);
  CHECK(w24["itt"]["N"] == 2);
  // Week 12 itself is every patient: A and D discontinued, B (drop 6) and C (drop 9) respond.
  const Json w12 = summary_row(a, "clinical_response", 12);
  CHECK(w12["population"] == "all");
  CHECK(w12["not_eligible"] == 0);
  CHECK(w12["discontinued"] == 2);
  CHECK(w12["achieved"] == 2);
  // Deep remission names no such population: at week 24 all four count.
  CHECK(summary_row(a, "deep_remission", 24)["not_eligible"] == 0);
  // Per patient: A is outside at week 24 (no failure rule applied there), B inside and failed.
  CHECK(verdict_of(a, 0, "study_italian_upa", "clinical_response", 24)["eligible"] == false);
  CHECK(verdict_of(a, 0, "study_italian_upa", "clinical_response", 24)["failure_rule"].is_null());
  const Json& b = verdict_of(a, 1, "study_italian_upa", "clinical_response", 24);
  CHECK(b["eligible"] == true);
  CHECK(b["verdict"] == "achieved");  // drop 10 at the week-24 visit
  CHECK(b["failure_rule"] == "discontinuation_non_responder");
  CHECK(b["study_verdict"] == "not_achieved");
}

TEST_CASE("definition sets: failure rule and the later population as data", "[definitions][failure_rule]") {
  const Json d = crohn::definitions::to_json();
  for (const Json& s : d) {
    INFO(s["id"]);
    const bool has = s["id"] == "study_power" || s["id"] == "study_italian_upa";
    CHECK(s["failure_rule"] == (has ? Json("discontinuation_non_responder") : Json(nullptr)));
    CHECK(s["failure_rule_source"].is_string() == has);
    for (const Json& e : s["endpoints"]) {
      const bool later = s["id"] == "study_italian_upa" &&
                         (e["id"] == "steroid_free_clinical_remission" || e["id"] == "clinical_response");
      INFO(e["id"]);
      CHECK(e["population_after_week"].is_object() == later);
      if (later) {
        CHECK(e["population_after_week"]["week"] == 12);
        CHECK(e["population_after_week"]["population"] == "on_therapy_at_week:12");
        CHECK(e["population"] == "all");
      }
    }
  }
  // No endpoint names both a measured population and the on-therapy one (one kind per row).
  for (const auto& s : crohn::definitions::sets()) {
    for (const auto& e : s.endpoints) {
      CHECK_FALSE((e.on_therapy_at_week.has_value() && !e.population_measures.empty()));
    }
  }
}
