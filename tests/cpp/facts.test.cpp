// SPDX-License-Identifier: MIT
// The facts of an endpoint verdict (crohn/verdict.hpp, docs/contract.md "facts"): each rule kind
// states the comparisons it made as data (measure, value, baseline, change, comparison,
// threshold, unit, result) from its own constants; a composition keeps its parts' facts; a
// verdict not evaluable carries the facts of the parts that could be compared, and none for a
// comparison whose input is missing.
#include <optional>
#include <string>

#include <catch2/catch.hpp>

#include "crohn/censored.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/verdict.hpp"

// The main WebAssembly module's core is built without facts (CROHN_VERDICT_FACTS=0: its flat
// instruments give details only, wasm/CMakeLists.txt), and the Catch2 suite under wasm runs on
// that core; the tools module's facts are checked through wasm by tests/js/facts.test.mjs.
#if CROHN_VERDICT_FACTS

using crohn::endpoints::evaluate_rule;
using crohn::endpoints::Measures;
using crohn::verdict::Fact;
using crohn::verdict::Tri;

namespace {

std::string str(const char* s) { return s ? s : "(null)"; }

void check_fact(const Fact& f, const std::string& measure, const std::string& kind, double value,
                const std::string& comparison, double threshold, std::optional<bool> result) {
  INFO(measure << " " << kind);
  CHECK(str(f.measure) == measure);
  CHECK(str(f.kind) == kind);
  CHECK(f.value == Approx(value));
  CHECK(str(f.comparison) == comparison);
  CHECK(f.threshold == Approx(threshold));
  CHECK(f.result == result);
}

}  // namespace

TEST_CASE("facts: an absolute threshold (CDAI < 150, BWT < 3 mm, FC censored)", "[facts]") {
  Measures m;
  m.followup.cdai = 178;
  const Tri t = evaluate_rule("cdai_remission_lt150", m);
  REQUIRE(t.facts().size() == 1);
  check_fact(t.facts()[0], "cdai", "level", 178, "<", 150, false);
  CHECK_FALSE(t.facts()[0].baseline);
  CHECK_FALSE(t.facts()[0].change);
  CHECK(t.facts()[0].unit == nullptr);
  CHECK(t.detail() == "CDAI 178, required < 150");  // the English detail unchanged

  m.followup.cdai = 150;
  check_fact(evaluate_rule("cdai_remission_le150", m).facts().at(0), "cdai", "level", 150, "<=",
             150, true);

  m.followup.bwt_hundredths_mm = 299;
  const Tri bwt = evaluate_rule("ius_healing_lt3mm", m);
  REQUIRE(bwt.facts().size() == 1);
  check_fact(bwt.facts()[0], "bwt", "level", 2.99, "<", 3, true);
  CHECK(str(bwt.facts()[0].unit) == "mm");

  // A censored value: its bound kept, the result null where the bound does not decide.
  m.followup.fc_ug_g = crohn::Censored(300, crohn::Bound::kBelow);
  const Tri fc = evaluate_rule("fc_lt250_stride2", m);
  CHECK_FALSE(fc.evaluable());
  REQUIRE(fc.facts().size() == 1);
  check_fact(fc.facts()[0], "fecal_calprotectin", "level", 300, "<", 250, std::nullopt);
  CHECK(fc.facts()[0].bound == crohn::Bound::kBelow);
  CHECK(str(fc.facts()[0].unit) == "ug/g");
  CHECK(fc.facts_json()[0]["bound"] == "<");

  // A laboratory's own limit is named as the threshold's source.
  m.followup.crp_mg_l = 3.0;
  m.followup.crp_uln_mg_l = 5.0;
  const Tri uln = evaluate_rule("crp_lt_uln_stride2", m);
  REQUIRE(uln.facts().size() == 1);
  check_fact(uln.facts()[0], "crp", "level", 3, "<", 5, true);
  CHECK(str(uln.facts()[0].threshold_of) == "crp_uln");
}

TEST_CASE("facts: a change from baseline (CDAI-100, HBI drop, IBDQ increase)", "[facts]") {
  Measures m;
  m.baseline.cdai = 312;
  m.followup.cdai = 178;
  const Tri t = evaluate_rule("cdai_cr100", m);
  REQUIRE(t.facts().size() == 1);
  const Fact& f = t.facts()[0];
  check_fact(f, "cdai", "decrease", 178, ">=", 100, true);
  REQUIRE(f.baseline);
  CHECK(*f.baseline == 312);
  REQUIRE(f.change);
  CHECK(*f.change == 134);
  CHECK(t.detail() == "decrease 134 of required 100");
  const nlohmann::json j = t.facts_json()[0];
  CHECK(j["measure"] == "cdai");
  CHECK(j["baseline"] == 312.0);
  CHECK(j["change"] == 134.0);
  CHECK(j["result"] == true);
  CHECK(j["unit"].is_null());
  CHECK(j["bound"].is_null());

  m.baseline.hbi = 8;
  m.followup.hbi = 5;
  check_fact(evaluate_rule("hbi_response_drop_gt3", m).facts().at(0), "hbi", "decrease", 5, ">", 3,
             false);
  m.baseline.ibdq = 150;
  m.followup.ibdq = 166;
  const Tri q = evaluate_rule("ibdq_response_ge16", m);
  check_fact(q.facts().at(0), "ibdq", "increase", 166, ">=", 16, true);
  CHECK(*q.facts()[0].change == 16);
}

TEST_CASE("facts: a percent change (SES-CD > 50 %, PRO2 >= 30 %, baseline 0)", "[facts]") {
  Measures m;
  m.baseline.ses_cd = 10;
  m.followup.ses_cd = 5;  // exactly 50 %: not more than 50 %
  const Tri t = evaluate_rule("ses_response_gt50", m);
  CHECK(t.no());
  REQUIRE(t.facts().size() == 1);
  check_fact(t.facts()[0], "ses_cd", "decrease_percent", 5, ">", 50, false);
  CHECK(*t.facts()[0].change == 50);
  CHECK(*t.facts()[0].baseline == 10);
  check_fact(evaluate_rule("ses_response_ge50", m).facts().at(0), "ses_cd", "decrease_percent", 5,
             ">=", 50, true);

  m.baseline.ses_cd = 0;
  const Tri zero = evaluate_rule("ses_response_gt50", m);
  CHECK_FALSE(zero.evaluable());
  REQUIRE(zero.facts().size() == 1);
  CHECK_FALSE(zero.facts()[0].change);  // a percent decrease from 0 is undefined
  CHECK(zero.facts_json()[0]["change"].is_null());

  m.baseline.sf_avg = 4.0;
  m.followup.sf_avg = 2.0;
  m.baseline.ap_avg = 2.0;
  m.followup.ap_avg = 1.8;
  const Tri pro2 = evaluate_rule("pro2_response_30", m);
  CHECK(pro2.yes());
  // SF -50 % and AP -10 % (the OR), then neither worse than baseline (the AND).
  REQUIRE(pro2.facts().size() == 4);
  check_fact(pro2.facts()[0], "sf_avg", "decrease_percent", 2, ">=", 30, true);
  CHECK(*pro2.facts()[0].change == Approx(50));
  check_fact(pro2.facts()[1], "ap_avg", "decrease_percent", 1.8, ">=", 30, false);
  CHECK(*pro2.facts()[1].change == Approx(10));
  check_fact(pro2.facts()[2], "sf_avg", "not_worse", 2, "<=", 4, true);
  check_fact(pro2.facts()[3], "ap_avg", "not_worse", 1.8, "<=", 2, true);
}

TEST_CASE("facts: a gate (HBI response only from HBI >= 5; ulcer-free only with ulcers)",
          "[facts]") {
  Measures m;
  m.baseline.hbi = 4;
  m.followup.hbi = 1;
  const Tri t = evaluate_rule("hbi_response_drop_ge3_baseline_ge5", m);
  CHECK_FALSE(t.evaluable());
  REQUIRE(t.facts().size() == 1);
  check_fact(t.facts()[0], "hbi", "baseline", 4, ">=", 5, false);

  m.baseline.hbi = 9;
  const Tri active = evaluate_rule("hbi_response_drop_ge3_baseline_ge5", m);
  CHECK(active.yes());
  check_fact(active.facts().at(0), "hbi", "decrease", 1, ">=", 3, true);

  m.baseline.ses_cd_any_ulcer = false;
  m.followup.ses_cd_any_ulcer = false;
  const Tri ulcer = evaluate_rule("ses_ulcer_free", m);
  CHECK_FALSE(ulcer.evaluable());
  REQUIRE(ulcer.facts().size() == 1);
  CHECK(ulcer.facts()[0].flag);
  CHECK(str(ulcer.facts()[0].kind) == "baseline");
  CHECK(ulcer.facts_json()[0]["value"] == false);
  CHECK(ulcer.facts_json()[0]["threshold"] == true);
}

TEST_CASE("facts: AND / OR compositions keep their parts' facts", "[facts][kleene]") {
  Measures m;
  m.baseline.cdai = 312;
  m.followup.cdai = 178;
  // CDAI-100 OR CDAI < 150 (POWER): both comparisons, in order.
  const Tri power = evaluate_rule("cdai_response_100_or_lt150", m);
  CHECK(power.yes());
  REQUIRE(power.facts().size() == 2);
  check_fact(power.facts()[0], "cdai", "decrease", 178, ">=", 100, true);
  check_fact(power.facts()[1], "cdai", "level", 178, "<", 150, false);

  // SES-CD <= 2 AND no ulcers (STRIDE-II healing).
  m.followup.ses_cd = 2;
  m.followup.ses_cd_any_ulcer = true;
  const Tri heal = evaluate_rule("ses_healing_stride2", m);
  CHECK(heal.no());
  REQUIRE(heal.facts().size() == 2);
  check_fact(heal.facts()[0], "ses_cd", "level", 2, "<=", 2, true);
  CHECK(str(heal.facts()[1].measure) == "any_ulcer");
  CHECK(heal.facts()[1].result == false);

  // The Italian deep remission: four parts, one missing (not evaluable): the other three stay.
  m.followup.hbi = 2;
  m.followup.steroid_free = true;
  m.followup.fc_ug_g = 90.0;
  m.followup.crp_mg_l = 2.0;
  const Tri deep = evaluate_rule("italian_deep_remission", m);
  CHECK_FALSE(deep.evaluable());
  CHECK(deep.missing() == std::vector<std::string>{"bwt_followup_mm"});
  REQUIRE(deep.facts().size() == 4);
  check_fact(deep.facts()[0], "hbi", "level", 2, "<=", 3, true);
  CHECK(str(deep.facts()[1].measure) == "steroid_free");
  check_fact(deep.facts()[2], "fecal_calprotectin", "level", 90, "<", 150, true);
  check_fact(deep.facts()[3], "crp", "level", 2, "<", 5, true);
}

TEST_CASE("facts: not evaluable for a missing input has no fact of that comparison", "[facts]") {
  Measures m;
  CHECK(evaluate_rule("cdai_cr100", m).facts().empty());
  m.followup.cdai = 120;  // the baseline missing: no change to state
  CHECK(evaluate_rule("cdai_cr100", m).facts().empty());
  const Tri power = evaluate_rule("cdai_response_100_or_lt150", m);
  CHECK(power.yes());  // yes OR unknown
  REQUIRE(power.facts().size() == 1);
  check_fact(power.facts()[0], "cdai", "level", 120, "<", 150, true);
}

TEST_CASE("facts: every evaluable verdict of every rule states at least one comparison",
          "[facts]") {
  // One full pair of visits: every rule can compare something.
  Measures m;
  m.baseline.hbi = 9;
  m.followup.hbi = 3;
  m.baseline.cdai = 320;
  m.followup.cdai = 140;
  m.baseline.ses_cd = 12;
  m.followup.ses_cd = 2;
  m.followup.ses_cd_max_item = 1;
  m.baseline.ses_cd_any_ulcer = true;
  m.followup.ses_cd_any_ulcer = false;
  m.baseline.sf_avg = 5;
  m.followup.sf_avg = 2;
  m.baseline.ap_avg = 2;
  m.followup.ap_avg = 1;
  m.followup.fc_ug_g = 100.0;
  m.followup.crp_mg_l = 3.0;
  m.followup.crp_uln_mg_l = 5.0;
  m.baseline.bwt_hundredths_mm = 600;
  m.followup.bwt_hundredths_mm = 280;
  m.followup.color_doppler_decreased = true;
  m.baseline.ibdq = 140;
  m.followup.ibdq = 180;
  m.followup.steroid_free = true;
  m.followup.discontinued = false;
  m.isolated_ileal_disease = false;
  for (const crohn::endpoints::Rule& r : crohn::endpoints::rules()) {
    INFO(r.id);
    const Tri t = r.evaluate(m);
    CHECK(t.evaluable());
    CHECK_FALSE(t.facts().empty());
    for (const Fact& f : t.facts()) {
      CHECK(f.measure != nullptr);
      CHECK(f.comparison != nullptr);
    }
  }
}

#endif  // CROHN_VERDICT_FACTS
