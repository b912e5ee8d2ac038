// SPDX-License-Identifier: MIT
// Plausibility prompts (issue 14): warnings that keep the score, at their edges. More than 20
// liquid stools a day (HBI, CDAI weekly and per diary day), a weight outside 50-200 % of the
// standard weight, a CDAI total over 600 typed on a visit. Each is the project's own rule
// (docs/clinical-sources.md), so the tests pin the edges and that the score is unchanged.
#include <string>

#include <catch2/catch.hpp>

#include "crohn/cdai.hpp"
#include "crohn/common.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::Json;
using crohn_test::run_ok;

namespace {

Json hbi_with_stools(int n) {
  return Json{{"general_wellbeing", 1}, {"abdominal_pain", 1}, {"liquid_stools_per_day", n},
              {"abdominal_mass", 0}, {"complications", Json::array()}};
}

Json cdai_base() {
  return Json{{"sex", "male"}, {"liquid_stools_7d_total", 20}, {"abdominal_pain_7d_sum", 7},
              {"general_wellbeing_7d_sum", 7}, {"cdai_complications", Json::array()},
              {"antidiarrheal_use", false}, {"abdominal_mass", 0}, {"hematocrit_pct", 45},
              {"weight_kg", 70}, {"standard_weight_kg", 70}};
}

}  // namespace

TEST_CASE("plausibility: HBI liquid stools over 20 a day are asked about, the score stands",
          "[plausibility][hbi]") {
  const Json at20 = run_ok("hbi", hbi_with_stools(20));
  CHECK(at20["warnings"] == Json::array());
  CHECK(at20["hbi_total"] == 22);
  const Json at21 = run_ok("hbi", hbi_with_stools(21));
  CHECK(at21["warnings"] == Json::array({crohn::kWarnLiquidStoolsOver20}));
  CHECK(at21["hbi_total"] == 23);
  // The case: 99 a day gives HBI 101, now with the prompt.
  const Json at99 = run_ok("hbi", hbi_with_stools(99));
  CHECK(at99["hbi_total"] == 101);
  CHECK(at99["warnings"].size() == 1);
}

TEST_CASE("plausibility: CDAI weekly stools over 7 x 20, and a diary day over 20, named by day",
          "[plausibility][cdai]") {
  Json in = cdai_base();
  in["liquid_stools_7d_total"] = 140;
  CHECK(run_ok("cdai", in)["warnings"] == Json::array());
  in["liquid_stools_7d_total"] = 141;
  const Json weekly = run_ok("cdai", in);
  CHECK(weekly["warnings"] == Json::array({"liquid_stools_over_20_per_day"}));

  Json diary = cdai_base();
  diary.erase("liquid_stools_7d_total");
  diary["liquid_stools_daily"] = Json::array({3, 20, 21, 2, 0, 45, 1});
  const Json out = run_ok("cdai", diary);
  CHECK(out["warnings"] ==
        Json::array({"liquid_stools_over_20_per_day:day3", "liquid_stools_over_20_per_day:day6"}));
  // The week's sum (92) is below 140: the prompt is per day, not per week.
  CHECK(out["liquid_stools_7d_total"] == 92);
}

TEST_CASE("plausibility: CDAI weight outside 50-200 % of the standard weight", "[plausibility][cdai]") {
  const auto warned = [](double weight, double standard) {
    Json in = cdai_base();
    in["weight_kg"] = weight;
    in["standard_weight_kg"] = standard;
    return run_ok("cdai", in)["warnings"] == Json::array({crohn::cdai::kWarnWeightOutside50To200});
  };
  CHECK_FALSE(warned(35, 70));   // exactly 50 %
  CHECK(warned(34.9, 70));       // 49.9 %
  CHECK_FALSE(warned(140, 70));  // exactly 200 %
  CHECK(warned(140.1, 70));
  CHECK(warned(154, 72));        // the 214 %
  // Derived from height (Keys/BMI) too: 1.70 m man -> 63.58 kg; 130 kg is 204 %.
  Json keys = cdai_base();
  keys.erase("standard_weight_kg");
  keys["standard_weight_method"] = "keys_bmi";
  keys["height_cm"] = 170;
  keys["weight_kg"] = 130;
  CHECK(run_ok("cdai", keys)["warnings"] == Json::array({crohn::cdai::kWarnWeightOutside50To200}));
}

TEST_CASE("plausibility: a CDAI total over 600 typed on a visit is flagged, and still used",
          "[plausibility][record]") {
  const auto visit_warnings = [](int cdai) {
    const Json req = {{"record", {{"visits", Json::array({
                                      {{"baseline", true}, {"week", 0}, {"cdai_total", cdai}},
                                      {{"week", 16}, {"cdai_total", 100}}})}}},
                      {"definition_sets", Json::array({"study_power"})}};
    const Json out = crohn::record::evaluate_request(req);
    INFO(out.dump());
    REQUIRE_FALSE(out.contains("error"));
    // The decrease from the typed total decides the response either way.
    CHECK(out["sets"][0]["visits"][0]["endpoints"][0]["verdict"] == "achieved");
    return out["visits"][0]["warnings"];
  };
  CHECK(visit_warnings(600) == Json::array());
  CHECK(visit_warnings(601) == Json::array({"cdai_total_over_600"}));
}

TEST_CASE("plausibility: the items' prompts reach the visit, prefixed by the instrument",
          "[plausibility][record]") {
  const Json req = {{"record", {{"visits", Json::array({
                                    {{"baseline", true}, {"week", 0}, {"hbi", hbi_with_stools(25)}},
                                    {{"week", 12}, {"hbi_total", 3}}})}}},
                    {"definition_sets", Json::array({"generic"})}};
  const Json out = crohn::record::evaluate_request(req);
  INFO(out.dump());
  CHECK(out["visits"][0]["warnings"] == Json::array({"hbi:liquid_stools_over_20_per_day"}));
}

// The timeline's threshold lines come from the rules' own constants (definitions()): one check
// per kind of level, against the rule's verdict on each side of the line.
#include "crohn/definitions.hpp"
#include "crohn/endpoints.hpp"

TEST_CASE("definitions: each rule's fixed levels agree with its verdict on both sides of the line",
          "[definitions][levels]") {
  using crohn::endpoints::find_rule;
  const Json defs = crohn::definitions::to_json();
  std::size_t with_levels = 0;
  for (const Json& set : defs) {
    for (const Json& ep : set["endpoints"]) {
      REQUIRE(ep.contains("levels"));
      with_levels += ep["levels"].empty() ? 0 : 1;
    }
  }
  CHECK(with_levels >= 10);
  // Single-measure rules: a follow-up value just inside and just outside the level.
  struct Case { const char* rule; const char* field; double inside; double outside; };
  const Case cases[] = {
      {"hbi_remission_lt5", "hbi_total", 4, 5},
      {"hbi_remission_le4", "hbi_total", 4, 5},
      {"cdai_remission_lt150", "cdai_total", 149, 150},
      {"cdai_remission_le150", "cdai_total", 150, 151},
      {"ses_le2", "ses_cd_total", 2, 3},
      {"fc_lt250_stride2", "fecal_calprotectin_ug_g", 249.9, 250},
      {"ius_healing_lt3mm", "bwt_mm", 2.99, 3},
      {"ius_bwt_le3mm", "bwt_mm", 3, 3.01},
      {"ibdq_remission_ge170", "ibdq_total", 170, 169},
  };
  for (const Case& c : cases) {
    const auto* rule = find_rule(c.rule);
    REQUIRE(rule != nullptr);
    REQUIRE(rule->level_count() == 1);
    CHECK(std::string(rule->levels[0].measure) == c.field);
    const auto verdict = [&](double v) {
      Json followup = {{"week", 12}};
      followup[c.field] = v;
      Json baseline = {{"baseline", true}, {"week", 0}};
      baseline[c.field] = v;
      const Json req = {{"record", {{"visits", Json::array({baseline, followup})}}},
                        {"definition_sets", Json::array({"generic", "study_italian_upa", "study_dutch_ust_reinduction"})}};
      const Json out = crohn::record::evaluate_request(req);
      for (const Json& set : out["sets"]) {
        for (const Json& e : set["visits"][0]["endpoints"]) {
          if (e["rule"] == c.rule) return e["verdict"].get<std::string>();
        }
      }
      return std::string("absent");
    };
    INFO(c.rule);
    CHECK(verdict(c.inside) == "achieved");
    CHECK(verdict(c.outside) == "not_achieved");
    // The level's own value is on the side its comparison says.
    const std::string cmp = rule->levels[0].comparison;
    const double lv = rule->levels[0].value;
    const bool inside_ok = cmp == "<" ? c.inside < lv : cmp == "<=" ? c.inside <= lv
                           : cmp == ">=" ? c.inside >= lv : c.inside > lv;
    const bool outside_ok = cmp == "<" ? !(c.outside < lv) : cmp == "<=" ? !(c.outside <= lv)
                            : cmp == ">=" ? !(c.outside >= lv) : !(c.outside > lv);
    CHECK(inside_ok);
    CHECK(outside_ok);
  }
}

TEST_CASE("definitions: an assumed threshold is flagged as data, in the set and on its verdicts",
          "[definitions][assumed]") {
  const Json defs = crohn::definitions::to_json();
  std::size_t flagged = 0;
  for (const Json& set : defs) {
    for (const Json& ep : set["endpoints"]) {
      REQUIRE(ep.contains("assumed"));
      if (ep["assumed"].is_null()) continue;
      ++flagged;
      CHECK((set["id"] == "study_dutch_ust_reinduction" || set["id"] == "study_russian_dual"));
      CHECK_FALSE(ep["assumed"]["reason"].get<std::string>().empty());
    }
  }
  CHECK(flagged == 5);  // the Dutch HBI <= 4 and the Russian series' four STRIDE-II thresholds
  const Json out = crohn::record::evaluate_request(
      {{"record", {{"visits", Json::array({{{"baseline", true}, {"week", 0}, {"hbi_total", 9}},
                                           {{"week", 20}, {"hbi_total", 3}}})}}},
       {"definition_sets", Json::array({"study_dutch_ust_reinduction", "generic"})}});
  for (const Json& set : out["sets"]) {
    for (const Json& ep : set["visits"][0]["endpoints"]) {
      if (ep["id"] == "clinical_remission_hbi_le4") CHECK(ep["assumed"] == "registry_convention");
      else CHECK(ep["assumed"].is_null());
    }
  }
}
