// SPDX-License-Identifier: MIT
// PCDAI and wPCDAI from one form (clinical-spec-instruments §4): item weights, the age- and
// sex-specific hematocrit bands, the laboratory rows at their edges, every band edge, remission
// and response, each validation error, and each ambiguity's default (W2-W5, P1-P5).
#include <string>

#include <catch2/catch.hpp>

#include "crohn/fhir.hpp"
#include "crohn/pcdai.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json shared_zero() {
  return {{"abdominal_pain_level", 0}, {"wellbeing_level", 0}, {"stools_level", 0},
          {"weight_level", 0},         {"perianal_level", 0},  {"eims", Json::array()},
          {"esr_mm_h", 10},            {"albumin_g_dl", 4.0}};
}

Json pcdai_zero() {
  Json in = shared_zero();
  in["height_level"] = 0;
  in["abdomen_level"] = 0;
  in["hematocrit_pct"] = 40;
  in["age_years"] = 12;
  in["sex"] = "male";
  return in;
}

Json wp(const Json& in) { return crohn_test::run_ok("wpcdai", in); }
Json pc(const Json& in) { return crohn_test::run_ok("pcdai", in); }

}  // namespace

TEST_CASE("wpcdai: item weights at each level", "[pcdai][wpcdai]") {
  auto [field, level, points] = GENERATE(table<std::string, int, double>({
      {"abdominal_pain_level", 1, 10}, {"abdominal_pain_level", 2, 20},
      {"wellbeing_level", 1, 10},      {"wellbeing_level", 2, 20},
      {"stools_level", 1, 7.5},        {"stools_level", 2, 15},
      {"weight_level", 1, 5},          {"weight_level", 2, 10},
      {"perianal_level", 1, 7.5},      {"perianal_level", 2, 15},
  }));
  CAPTURE(field, level);
  Json in = shared_zero();
  in[field] = level;
  CHECK(wp(in).at("wpcdai_total").get<double>() == points);
}

TEST_CASE("wpcdai: laboratory rows at their edges (W3, W4)", "[pcdai][wpcdai]") {
  auto [esr, esr_points] = GENERATE(table<double, double>({
      {0, 0}, {19.9, 0}, {20, 7.5}, {50, 7.5}, {50.1, 15}, {200, 15}}));
  Json in = shared_zero();
  in["esr_mm_h"] = esr;
  CAPTURE(esr);
  CHECK(wp(in).at("esr_points").get<double>() == esr_points);

  auto [alb, alb_points] = GENERATE(table<double, double>({
      {4.0, 0}, {3.5, 0}, {3.45, 10}, {3.4, 10}, {3.1, 10}, {3.05, 10}, {3.0, 20}, {0.5, 20}}));
  Json in2 = shared_zero();
  in2["albumin_g_dl"] = alb;
  CAPTURE(alb);
  CHECK(wp(in2).at("albumin_points").get<double>() == alb_points);
}

TEST_CASE("wpcdai: EIM 10 for one or more (five EIMs, W5), duplicates count once",
          "[pcdai][wpcdai]") {
  Json in = shared_zero();
  in["eims"] = {"uveitis"};
  CHECK(wp(in).at("eim_points").get<double>() == 10);
  in["eims"] = {"uveitis", "definite_arthritis", "uveitis"};
  const Json out = wp(in);
  CHECK(out.at("eim_points").get<double>() == 10);
  CHECK(out.at("eims") == Json({"definite_arthritis", "uveitis"}));
  in["eims"] = {"oral_ulcers"};  // ibdplexus's sixth EIM is not one (W5 default)
  CHECK(has_error(run("wpcdai", in), "unknown_value", "eims"));
}

TEST_CASE("wpcdai: band edges, 40 = mild (W2), remission < 12.5", "[pcdai][wpcdai]") {
  // Totals built from pain/well-being (10s), stools (7.5s), weight (5s).
  auto [pain, wellbeing, stools, weight, total, band] =
      GENERATE(table<int, int, int, int, double, std::string>({
          {0, 0, 0, 0, 0, "remission"},
          {1, 0, 0, 0, 10, "remission"},     // < 12.5
          {0, 0, 1, 1, 12.5, "mild"},        // 12.5 is mild
          {2, 2, 0, 0, 40, "mild"},          // W2: 40 mild (ibdplexus, TISKids)
          {2, 2, 1, 0, 47.5, "moderate"},    // > 40
          {2, 2, 2, 0, 55, "moderate"},
          {2, 2, 2, 1, 60, "severe"},        // > 57.5
      }));
  CAPTURE(total);
  Json in = shared_zero();
  in["abdominal_pain_level"] = pain;
  in["wellbeing_level"] = wellbeing;
  in["stools_level"] = stools;
  in["weight_level"] = weight;
  const Json out = wp(in);
  CHECK(out.at("wpcdai_total").get<double>() == total);
  CHECK(out.at("wpcdai_band") == band);
  CHECK(out.at("remission_lt12_5") == (total < 12.5));
}

TEST_CASE("wpcdai: 57.5 is moderate, the maximum 125 severe", "[pcdai][wpcdai]") {
  Json in = shared_zero();
  in["abdominal_pain_level"] = 2;
  in["wellbeing_level"] = 2;
  in["stools_level"] = 1;
  in["eims"] = {"uveitis"};
  CHECK(wp(in).at("wpcdai_band") == "moderate");  // WPCDAI-05
  Json max = {{"abdominal_pain_level", 2}, {"wellbeing_level", 2}, {"stools_level", 2},
              {"weight_level", 2},         {"perianal_level", 2},  {"eims", {"uveitis"}},
              {"esr_mm_h", 60},            {"albumin_g_dl", 2.0}};
  const Json out = wp(max);
  CHECK(out.at("wpcdai_total").get<double>() == 125);
  CHECK(out.at("wpcdai_band") == "severe");
}

TEST_CASE("wpcdai: no response endpoint (> 17.5 UNVERIFIED) and no PCDAI-only field",
          "[pcdai][wpcdai]") {
  const Json out = wp(shared_zero());
  CHECK_FALSE(out.contains("response_drop_gt17_5"));
  for (const char* extra : {"wpcdai_baseline", "height_level", "hematocrit_pct"}) {
    Json in = shared_zero();
    in[extra] = 1;
    CAPTURE(extra);
    CHECK(has_error(run("wpcdai", in), "unknown_value", extra));
  }
}

TEST_CASE("pcdai: the sophiewell worked case is 35 (PCDAI-01)", "[pcdai]") {
  Json in = pcdai_zero();
  for (const char* f : {"abdominal_pain_level", "stools_level", "wellbeing_level", "weight_level",
                        "abdomen_level"}) {
    in[f] = 1;
  }
  in["hematocrit_pct"] = 31;
  in["esr_mm_h"] = 40;
  in["albumin_g_dl"] = 3.2;
  const Json out = pc(in);
  CHECK(out.at("pcdai_total").get<double>() == 35);
  CHECK(out.at("pcdai_band") == "moderate");
  CHECK(out.at("pcdai_band_hyams2005") == "moderate_severe");
  CHECK(out.at("hematocrit_points").get<double>() == 2.5);
}

TEST_CASE("pcdai: item weights 0/5/10, EIM 5 for one and 10 for two or more", "[pcdai]") {
  for (const char* f : {"abdominal_pain_level", "stools_level", "wellbeing_level", "weight_level",
                        "height_level", "abdomen_level", "perianal_level"}) {
    for (int level : {1, 2}) {
      Json in = pcdai_zero();
      in[f] = level;
      CAPTURE(f, level);
      CHECK(pc(in).at("pcdai_total").get<double>() == 5.0 * level);
    }
  }
  Json in = pcdai_zero();
  in["eims"] = {"uveitis"};
  CHECK(pc(in).at("eim_points").get<double>() == 5);
  in["eims"] = {"uveitis", "erythema_nodosum"};
  CHECK(pc(in).at("eim_points").get<double>() == 10);
  in["eims"] = {"uveitis", "erythema_nodosum", "pyoderma_gangrenosum"};
  CHECK(pc(in).at("eim_points").get<double>() == 10);
}

TEST_CASE("pcdai: ESR 0/2.5/5 and albumin 0/5/10 at their edges", "[pcdai]") {
  auto [esr, points] = GENERATE(table<double, double>({{19.5, 0}, {20, 2.5}, {50, 2.5}, {51, 5}}));
  Json in = pcdai_zero();
  in["esr_mm_h"] = esr;
  CAPTURE(esr);
  CHECK(pc(in).at("esr_points").get<double>() == points);
  auto [alb, apoints] = GENERATE(table<double, double>({{3.5, 0}, {3.45, 5}, {3.05, 5}, {3.0, 10}}));
  Json in2 = pcdai_zero();
  in2["albumin_g_dl"] = alb;
  CAPTURE(alb);
  CHECK(pc(in2).at("albumin_points").get<double>() == apoints);
}

TEST_CASE("pcdai: hematocrit bands by age and sex at each edge (P4, P5)", "[pcdai]") {
  auto [age, sex, hct, band, points] =
      GENERATE(table<int, std::string, double, std::string, double>({
          {0, "male", 33, "age0to10", 0},       {10, "female", 33, "age0to10", 0},
          {10, "female", 32.5, "age0to10", 2.5},  // between printed integers: lower-points row
          {10, "male", 28, "age0to10", 2.5},    {10, "male", 27.9, "age0to10", 5},
          {11, "male", 35, "male11to14", 0},    {14, "male", 34.9, "male11to14", 2.5},
          {11, "male", 30, "male11to14", 2.5},  {14, "male", 29.9, "male11to14", 5},
          {15, "male", 37, "male15to19", 0},    {19, "male", 36, "male15to19", 2.5},
          {15, "male", 32, "male15to19", 2.5},  {19, "male", 31.9, "male15to19", 5},
          {11, "female", 34, "female11to19", 0}, {19, "female", 33.9, "female11to19", 2.5},
          {11, "female", 29, "female11to19", 2.5}, {19, "female", 28.9, "female11to19", 5},
      }));
  CAPTURE(age, sex, hct);
  Json in = pcdai_zero();
  in["age_years"] = age;
  in["sex"] = sex;
  in["hematocrit_pct"] = hct;
  const Json out = pc(in);
  CHECK(out.at("hematocrit_band") == band);
  CHECK(out.at("hematocrit_points").get<double>() == points);
}

TEST_CASE("pcdai: the same 34 % scores 2.5 in a boy and 0 in a girl of 12 (PCDAI-05)",
          "[pcdai]") {
  Json in = pcdai_zero();
  in["hematocrit_pct"] = 34;
  CHECK(pc(in).at("pcdai_total").get<double>() == 2.5);
  in["sex"] = "female";
  CHECK(pc(in).at("pcdai_total").get<double>() == 0);
}

TEST_CASE("pcdai: band edges 10 and 30 and 40 (P1, P2), remission", "[pcdai]") {
  auto [total, band, hyams] = GENERATE(table<int, std::string, std::string>({
      {0, "remission", "inactive"}, {5, "remission", "inactive"},
      {10, "mild", "mild"},         {25, "mild", "mild"},
      {30, "moderate", "moderate_severe"}, {35, "moderate", "moderate_severe"},
      {40, "severe", "moderate_severe"},   {70, "severe", "moderate_severe"},
  }));
  // `total` points in 5s from the seven 0/5/10 items.
  Json in = pcdai_zero();
  const char* fields[] = {"abdominal_pain_level", "stools_level", "wellbeing_level",
                          "weight_level",         "abdomen_level", "perianal_level",
                          "height_level"};
  int left = total / 5;
  for (const char* f : fields) {
    const int level = left >= 2 ? 2 : left;
    in[f] = level;
    left -= level;
  }
  REQUIRE(left == 0);
  CAPTURE(total);
  const Json out = pc(in);
  CHECK(out.at("pcdai_total").get<double>() == total);
  CHECK(out.at("pcdai_band") == band);
  CHECK(out.at("pcdai_band_hyams2005") == hyams);
  CHECK(out.at("remission_lt10") == (total < 10));
}

TEST_CASE("pcdai: remission < 7.5 without the height item (Turner 2010)", "[pcdai]") {
  Json in = pcdai_zero();
  in["height_level"] = 2;   // 10 points, not counted
  in["hematocrit_pct"] = 34;  // 2.5 in a boy of 12
  in["esr_mm_h"] = 20;        // 2.5 -> 5 without height
  Json out = pc(in);
  CHECK(out.at("pcdai_total").get<double>() == 15);
  CHECK(out.at("remission_lt10") == false);
  CHECK(out.at("remission_lt7_5_without_height") == true);
  in["abdominal_pain_level"] = 1;  // 10 without height: not < 7.5
  out = pc(in);
  CHECK(out.at("remission_lt7_5_without_height") == false);
  in["abdominal_pain_level"] = 0;
  in["hematocrit_pct"] = 29;  // 5 -> 7.5 without height: not < 7.5
  CHECK(pc(in).at("remission_lt7_5_without_height") == false);
}

TEST_CASE("pcdai: response >= 12.5 (Hyams 2005) vs > 12.5 (Turner 2010), protocol (P3)",
          "[pcdai]") {
  auto [baseline, total_items, ge, gt, protocol] =
      GENERATE(table<double, int, bool, bool, bool>({
          // total = 5 x total_items (items at level 1)
          {47.5, 7, true, false, false},  // 35: drop exactly 12.5; 35 is not < 30
          {50, 7, true, true, false},     // 35: drop 15
          {42.5, 6, true, false, false},  // 30: drop 12.5; 30 is not < 30
          {40, 5, true, true, true},      // 25: drop 15, total < 30
          {20, 1, true, true, true},      // 5: drop 15
          {10, 1, false, false, true},    // 5: drop 5, total < 10 -> protocol by remission
          {0, 0, false, false, true},     // baseline 0: no decrease
      }));
  Json in = pcdai_zero();
  const char* fields[] = {"abdominal_pain_level", "stools_level", "wellbeing_level",
                          "weight_level", "abdomen_level", "perianal_level", "height_level"};
  for (int i = 0; i < total_items; ++i) in[fields[i]] = 1;
  in["pcdai_baseline"] = baseline;
  CAPTURE(baseline, total_items);
  const Json out = pc(in);
  const double total = 5.0 * total_items;
  const double drop = baseline - total;
  CHECK(out.at("pcdai_decrease").get<double>() == drop);
  CHECK(out.at("response_drop_ge12_5_hyams2005") == ge);
  CHECK(out.at("response_drop_gt12_5_turner2010") == gt);
  CHECK(out.at("response_protocol_bmjopen2024") == protocol);
}

TEST_CASE("pcdai: response rows by hand", "[pcdai]") {
  Json in = pcdai_zero();
  for (const char* f : {"abdominal_pain_level", "stools_level", "wellbeing_level",
                        "weight_level", "abdomen_level"}) {
    in[f] = 1;
  }  // 25
  in["pcdai_baseline"] = 37.5;  // drop exactly 12.5, total < 30
  Json out = pc(in);
  CHECK(out.at("response_drop_ge12_5_hyams2005") == true);
  CHECK(out.at("response_drop_gt12_5_turner2010") == false);
  CHECK(out.at("response_protocol_bmjopen2024") == true);
  in["pcdai_baseline"] = 35;  // drop 10
  out = pc(in);
  CHECK(out.at("response_drop_ge12_5_hyams2005") == false);
  CHECK(out.at("response_protocol_bmjopen2024") == false);
  in["abdomen_level"] = 2;  // 30, baseline 45: drop 15 but 30 is not < 30
  in["pcdai_baseline"] = 45;
  out = pc(in);
  CHECK(out.at("response_drop_gt12_5_turner2010") == true);
  CHECK(out.at("response_protocol_bmjopen2024") == false);
}

TEST_CASE("pcdai: no baseline leaves the response not evaluable, never false", "[pcdai]") {
  const Json out = pc(pcdai_zero());
  CHECK(out.at("response_drop_ge12_5_hyams2005").is_null());
  CHECK(out.at("response_drop_gt12_5_turner2010").is_null());
  CHECK(out.at("response_protocol_bmjopen2024").is_null());
  CHECK(out.at("pcdai_decrease").is_null());
  CHECK(out.at("not_evaluable").at("response_drop_ge12_5_hyams2005") == Json({"pcdai_baseline"}));
}

TEST_CASE("pcdai and wpcdai: validation names the field", "[pcdai][wpcdai]") {
  for (const char* instrument : {"pcdai", "wpcdai"}) {
    const Json base = std::string(instrument) == "pcdai" ? pcdai_zero() : shared_zero();
    for (auto it = base.begin(); it != base.end(); ++it) {
      Json in = base;
      in.erase(it.key());
      CAPTURE(instrument, it.key());
      CHECK(has_error(run(instrument, in), "missing_field", it.key()));
    }
    auto bad = [&](const char* field, const Json& value, const char* code) {
      Json in = base;
      in[field] = value;
      CAPTURE(instrument, field, value.dump());
      const Json out = run(instrument, in);
      CHECK(has_error_shape(out));
      CHECK(has_error(out, code, field));
    };
    bad("abdominal_pain_level", 3, "out_of_range");
    bad("stools_level", -1, "out_of_range");
    bad("wellbeing_level", 1.5, "invalid_type");
    bad("weight_level", "1", "invalid_type");
    bad("perianal_level", 3, "out_of_range");
    bad("eims", "uveitis", "invalid_type");
    bad("eims", Json({"rash"}), "unknown_value");
    bad("esr_mm_h", 201, "out_of_range");
    bad("esr_mm_h", -1, "out_of_range");
    bad("esr_mm_h", "40", "invalid_type");
    bad("albumin_g_dl", 35, "out_of_range");  // g/L typed as g/dL
    bad("albumin_g_dl", 0.4, "out_of_range");
  }
  Json in = pcdai_zero();
  auto bad = [&](const char* field, const Json& value, const char* code) {
    Json x = in;
    x[field] = value;
    CAPTURE(field, value.dump());
    CHECK(has_error(run("pcdai", x), code, field));
  };
  bad("height_level", 3, "out_of_range");
  bad("abdomen_level", 3, "out_of_range");
  bad("hematocrit_pct", 0.4, "out_of_range");  // a fraction typed as a percent
  bad("hematocrit_pct", 71, "out_of_range");
  bad("age_years", 20, "out_of_range");   // PCDAI-07: adults rejected (P5)
  bad("age_years", 12.5, "invalid_type");  // completed years
  bad("sex", "m", "unknown_value");
  bad("pcdai_baseline", 101, "out_of_range");
  bad("pcdai_baseline", 41, "out_of_range");  // not a multiple of 2.5: refused, not rounded
  bad("pcdai_baseline", "40", "invalid_type");
}

TEST_CASE("pcdai and wpcdai: each output carries its sources", "[pcdai][wpcdai]") {
  const Json p = pc(pcdai_zero());
  CHECK(p.at("sources").at("points").at("evidence") == "secondary");
  CHECK(p.at("sources").at("pcdai_band").at("evidence") == "verified_abstract");
  const Json w = wp(shared_zero());
  CHECK(w.at("sources").at("points").at("evidence") == "secondary");
  CHECK(w.at("sources").at("remission_lt12_5").at("evidence") == "verified_abstract");
}

// ---- PCDAI and wPCDAI in patient records and FHIR ------------------------------------------

namespace {

/// The one form at 0 points with some items raised: (pain, stools, weight levels, hematocrit %).
Json form(int pain, int stools, int weight, double hct) {
  Json in = pcdai_zero();
  in["abdominal_pain_level"] = pain;
  in["stools_level"] = stools;
  in["weight_level"] = weight;
  in["hematocrit_pct"] = hct;
  return in;
}

Json visit(const char* label, int week, const Json& pcdai_form) {
  Json v = {{"label", label}, {"week", week}, {"pcdai", pcdai_form}};
  if (week == 0) v["baseline"] = true;
  return v;
}

Json record_of(Json visits) { return {{"patient_id", "PC-P1"}, {"visits", std::move(visits)}}; }

}  // namespace

TEST_CASE("pcdai at visits: the response from the baseline visit's PCDAI at its edge 12.5",
          "[pcdai][record]") {
  // Baseline 20 (pain 10 + stools 10). Week 12: 7.5 (pain 5 + hematocrit 34 % in a boy of 12,
  // 2.5): decrease 12.5 exactly, >= 12.5 yes (Hyams 2005), > 12.5 no (Turner 2010), protocol yes
  // (decrease >= 12.5 and < 30). Week 24: 10 (pain 5 + stools 5): decrease 10, no response.
  const Json out = crohn::record::evaluate(
      record_of({visit("baseline", 0, form(2, 2, 0, 40)), visit("w12", 12, form(1, 0, 0, 34)),
                 visit("w24", 24, form(1, 1, 0, 40))}),
      {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  const Json& base = out["visits"][0]["scores"];
  const Json& w12 = out["visits"][1]["scores"];
  const Json& w24 = out["visits"][2]["scores"];
  CHECK(base["pcdai_total"] == 20);
  CHECK(base["pcdai_band"] == "mild");
  // At the baseline itself the response is not evaluable (null), never false.
  CHECK(base["pcdai_response_drop_ge12_5_hyams2005"].is_null());
  CHECK(base["pcdai_decrease"].is_null());
  CHECK(w12["pcdai_total"] == 7.5);
  CHECK(w12["pcdai_decrease"] == 12.5);
  CHECK(w12["pcdai_response_drop_ge12_5_hyams2005"] == true);
  CHECK(w12["pcdai_response_drop_gt12_5_turner2010"] == false);
  CHECK(w12["pcdai_response_protocol_bmjopen2024"] == true);
  CHECK(w12["pcdai_remission_lt10"] == true);
  CHECK(w12["pcdai_hematocrit_band"] == "male11to14");
  CHECK(w24["pcdai_total"] == 10);
  CHECK(w24["pcdai_decrease"] == 10);
  CHECK(w24["pcdai_response_drop_ge12_5_hyams2005"] == false);
  CHECK(w24["pcdai_response_protocol_bmjopen2024"] == false);
  CHECK(w24["pcdai_remission_lt10"] == false);
  // Single values only: no per-item points, EIM list or sources in a visit's scores.
  CHECK_FALSE(w12.contains("pcdai_abdominal_pain_points"));
  CHECK_FALSE(w12.contains("pcdai_eims"));
}

TEST_CASE("pcdai at visits: no baseline PCDAI leaves the follow-up's response null",
          "[pcdai][record]") {
  Json base = {{"label", "baseline"}, {"week", 0}, {"baseline", true}, {"hbi_total", 6}};
  const Json out = crohn::record::evaluate(record_of({base, visit("w12", 12, form(1, 0, 0, 34))}),
                                           {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  const Json& w12 = out["visits"][1]["scores"];
  CHECK(w12["pcdai_total"] == 7.5);
  CHECK(w12["pcdai_response_drop_ge12_5_hyams2005"].is_null());
  CHECK(w12["pcdai_response_protocol_bmjopen2024"].is_null());
}

TEST_CASE("wpcdai at visits: remission < 12.5 at the visit, from either form", "[wpcdai][record]") {
  // The PCDAI form's wPCDAI: pain 1 = 10 -> remission. A wPCDAI-only visit: stools 1 (7.5) +
  // weight 1 (5) = 12.5 exactly -> not remission, mild.
  Json only = shared_zero();
  only["stools_level"] = 1;
  only["weight_level"] = 1;
  const Json out = crohn::record::evaluate(
      record_of({visit("baseline", 0, form(1, 0, 0, 40)),
                 {{"label", "w12"}, {"week", 12}, {"wpcdai", only}}}),
      {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][0]["scores"]["wpcdai_total"] == 10);
  CHECK(out["visits"][0]["scores"]["wpcdai_remission_lt12_5"] == true);
  CHECK(out["visits"][1]["scores"]["wpcdai_total"] == 12.5);
  CHECK(out["visits"][1]["scores"]["wpcdai_band"] == "mild");
  CHECK(out["visits"][1]["scores"]["wpcdai_remission_lt12_5"] == false);
  CHECK_FALSE(out["visits"][1]["scores"].contains("pcdai_total"));
  // No wPCDAI response between visits (decrease > 17.5 UNVERIFIED).
  for (auto it = out["visits"][1]["scores"].begin(); it != out["visits"][1]["scores"].end(); ++it) {
    CHECK(it.key().find("response") == std::string::npos);
  }
}

TEST_CASE("pcdai at visits: a form's own baseline and both forms at one visit are refused",
          "[pcdai][record][errors]") {
  Json own = form(1, 0, 0, 34);
  own["pcdai_baseline"] = 20;
  const Json a = crohn::record::evaluate(
      record_of({visit("baseline", 0, form(2, 2, 0, 40)), visit("w12", 12, own)}), {"generic"}, {});
  CHECK(has_error(a, "unknown_value", "visits[1].pcdai.pcdai_baseline"));
  Json both = visit("baseline", 0, form(2, 2, 0, 40));
  both["wpcdai"] = shared_zero();
  const Json b = crohn::record::evaluate(record_of({both, visit("w12", 12, form(1, 0, 0, 34))}),
                                         {"generic"}, {});
  CHECK(has_error(b, "unknown_value", "visits[0].wpcdai"));
  Json bad = form(1, 0, 0, 34);
  bad["age_years"] = 20;
  const Json c = crohn::record::evaluate(
      record_of({visit("baseline", 0, form(2, 2, 0, 40)), visit("w12", 12, bad)}), {"generic"}, {});
  CHECK(has_error(c, "out_of_range", "visits[1].pcdai.age_years"));
}

TEST_CASE("pcdai and wpcdai at visits: a FHIR Observation each with the band", "[pcdai][wpcdai][fhir]") {
  const Json out = crohn::record::evaluate(
      record_of({visit("baseline", 0, form(2, 2, 0, 40)), visit("w12", 12, form(1, 0, 0, 34))}),
      {"generic"}, {});
  REQUIRE_FALSE(out.contains("error"));
  const Json bundle = crohn::fhir::bundle(out);
  int pcdai = 0;
  int wpcdai = 0;
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (!r.contains("code")) continue;
    const std::string c = r["code"]["coding"][0]["code"];
    if (c != "pcdai" && c != "wpcdai") continue;
    CHECK(r["code"]["coding"][0]["system"] == crohn::fhir::kScoreSystem);
    CHECK(r["category"][0]["coding"][0]["code"] == "exam");
    CHECK(r["valueQuantity"]["code"] == "{score}");
    CHECK(r["component"][0]["code"]["coding"][0]["code"] == c + "-band");
    if (c == "pcdai") {
      ++pcdai;
      if (r["valueQuantity"]["value"] == 7.5) {
        CHECK(r["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "band-remission");
      }
    } else {
      ++wpcdai;
      CHECK(r.contains("note"));
    }
  }
  CHECK(pcdai == 2);
  CHECK(wpcdai == 2);
}
