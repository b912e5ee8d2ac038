// SPDX-License-Identifier: MIT
// SES-CD after a resection (clinical-spec-instruments §3, issue 16): a resected segment is absent,
// distinct from one not examined; the total sums the segments present (PROJECT RULE
// sum_present_segments, no prorating); the named alternatives exclude_postoperative and
// zero_resected; the neoterminal ileum; the change endpoints across different segment sets.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "crohn/cohort.hpp"
#include "crohn/fhir.hpp"
#include "crohn/record.hpp"
#include "crohn/sescd.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json ok(const Json& in) { return crohn_test::run_ok("ses_cd", in); }

Json cell(int size, int surface, int affected, int narrowing) {
  return Json{{"ulcer_size", size}, {"ulcerated_surface", surface}, {"affected_surface", affected},
              {"narrowing", narrowing}};
}

/// Ileum 2/2/2/0 = 6, right colon resected, transverse 1/1/1/0 = 3, left colon and rectum 0.
Json after_ileocolonic() {
  return Json{{"segments",
               {{"ileum", cell(2, 2, 2, 0)},
                {"right_colon", {{"resected", true}}},
                {"transverse_colon", cell(1, 1, 1, 0)},
                {"left_colon", cell(0, 0, 0, 0)},
                {"rectum", cell(0, 0, 0, 0)}}},
              {"ileum_is_neoterminal", true}};
}

Json warnings_of(const Json& out) { return out["warnings"]; }

}  // namespace

TEST_CASE("ses_cd resection: a resected segment is left out, counted and flagged", "[ses_cd][resected]") {
  const Json out = ok(after_ileocolonic());
  CHECK(out["ses_cd_total"] == 9);  // 6 + 3, no prorating to five segments
  CHECK(out["ses_cd_band"] == "moderate");
  CHECK(out["segment_scores"]["right_colon"].is_null());  // absent, never 0
  CHECK(out["segments_evaluated"] == 4);
  CHECK(out["segments_resected"] == 1);
  CHECK(out["segments_not_evaluated"] == 0);
  CHECK(out["complete"] == true);  // every segment present was scored
  CHECK(warnings_of(out) == Json::array({"resected_segments", "postoperative_anatomy"}));
}

TEST_CASE("ses_cd resection: resected and not examined are different states", "[ses_cd][resected]") {
  Json in = after_ileocolonic();
  in["segments"]["rectum"] = {{"not_evaluated", true}};
  const Json out = ok(in);
  CHECK(out["ses_cd_total"] == 9);
  CHECK(out["segments_evaluated"] == 3);
  CHECK(out["segments_resected"] == 1);
  CHECK(out["segments_not_evaluated"] == 1);
  CHECK(out["complete"] == false);
  CHECK(warnings_of(out) ==
        Json::array({"incomplete_examination", "resected_segments", "postoperative_anatomy"}));

  SECTION("each segment can be the resected one") {
    const char* const segs[] = {"ileum", "right_colon", "transverse_colon", "left_colon", "rectum"};
    for (const char* seg : segs) {
      CAPTURE(seg);
      Json x{{"segments", Json::object()}};
      for (const char* s : segs) x["segments"][s] = cell(0, 0, 1, 0);
      x["segments"][seg] = {{"resected", true}};
      if (std::string(seg) == "right_colon") x["ileum_is_neoterminal"] = false;
      const Json o = ok(x);
      CHECK(o["ses_cd_total"] == 4);
      CHECK(o["segments_resected"] == 1);
      CHECK(o["complete"] == true);
      CHECK(o["segment_scores"][seg].is_null());
    }
  }
  SECTION("resected: false means scored") {
    Json x = after_ileocolonic();
    x["segments"]["rectum"] = cell(0, 0, 1, 0);
    x["segments"]["rectum"]["resected"] = false;
    CHECK(ok(x)["ses_cd_total"] == 10);
  }
}

TEST_CASE("ses_cd resection: the neoterminal ileum is never assumed", "[ses_cd][resected]") {
  SECTION("ileum scored after a right-colon resection: the answer is required") {
    Json in = after_ileocolonic();
    in.erase("ileum_is_neoterminal");
    CHECK(has_error(run("ses_cd", in), "missing_field", "ileum_is_neoterminal"));
  }
  SECTION("false is an answer") {
    Json in = after_ileocolonic();
    in["ileum_is_neoterminal"] = false;
    const Json out = ok(in);
    CHECK(out["ses_cd_total"] == 9);
  }
  SECTION("a neoterminal ileum in a resected ileum segment is refused") {
    Json in = after_ileocolonic();
    in["segments"]["ileum"] = {{"resected", true}};
    CHECK(has_error(run("ses_cd", in), "unknown_value", "ileum_is_neoterminal"));
  }
  SECTION("neoterminal ileum without a whole segment resected: postoperative anatomy") {
    Json in{{"segments",
             {{"ileum", cell(1, 1, 1, 0)}, {"right_colon", cell(0, 0, 0, 0)},
              {"transverse_colon", cell(0, 0, 0, 0)}, {"left_colon", cell(0, 0, 0, 0)},
              {"rectum", cell(0, 0, 0, 0)}}},
            {"ileum_is_neoterminal", true}};
    const Json out = ok(in);
    CHECK(out["segments_resected"] == 0);
    CHECK(warnings_of(out) == Json::array({"postoperative_anatomy"}));
  }
  SECTION("absent without a resection: null, no warning") {
    Json in = after_ileocolonic();
    in.erase("ileum_is_neoterminal");
    in["segments"]["right_colon"] = cell(0, 0, 0, 0);
    const Json out = ok(in);
    CHECK(warnings_of(out) == Json::array());
  }
}

TEST_CASE("ses_cd resection: invalid states", "[ses_cd][resected][errors]") {
  SECTION("resected together with items") {
    Json in = after_ileocolonic();
    in["segments"]["right_colon"]["ulcer_size"] = 1;
    CHECK(has_error(run("ses_cd", in), "unknown_value", "segments", "segments.right_colon.ulcer_size"));
  }
  SECTION("resected and not_evaluated both") {
    Json in = after_ileocolonic();
    in["segments"]["right_colon"]["not_evaluated"] = true;
    CHECK(has_error(run("ses_cd", in), "unknown_value", "segments", "segments.right_colon.resected"));
  }
  SECTION("resected of the wrong type") {
    Json in = after_ileocolonic();
    in["segments"]["right_colon"] = {{"resected", "yes"}};
    CHECK(has_error(run("ses_cd", in), "invalid_type", "segments", "segments.right_colon.resected"));
  }
  SECTION("every segment resected or not examined: nothing scored") {
    Json in{{"segments",
             {{"ileum", {{"resected", true}}}, {"right_colon", {{"resected", true}}},
              {"transverse_colon", {{"not_evaluated", true}}}, {"left_colon", {{"resected", true}}},
              {"rectum", {{"not_evaluated", true}}}}}};
    CHECK(has_error(run("ses_cd", in), "missing_field", "segments"));
  }
}

TEST_CASE("ses_cd resection: typed API, scored sets", "[ses_cd][resected]") {
  crohn::sescd::Input in;
  for (auto& seg : in.segments) seg.evaluated = true;
  in.segments[1].evaluated = false;
  in.segments[1].resected = true;
  const crohn::sescd::Result r = crohn::sescd::compute(in);
  CHECK(r.scored_set == 0x1du);
  CHECK(r.segments_resected == 1);
  CHECK(r.complete);
}

// ---------------------------------------------------------------------------------------------
// Endpoints across visits (clinical-spec-instruments §3.2, X3).

namespace {

Json full(int ileum_size) {
  return Json{{"segments",
               {{"ileum", cell(ileum_size, ileum_size, ileum_size, 0)},
                {"right_colon", cell(2, 2, 2, 0)},
                {"transverse_colon", cell(0, 0, 0, 0)},
                {"left_colon", cell(0, 0, 0, 0)},
                {"rectum", cell(0, 0, 0, 0)}}}};
}

Json postop(int ileum_size) {
  Json s = full(ileum_size);
  s["segments"]["right_colon"] = {{"resected", true}};
  s["ileum_is_neoterminal"] = true;
  return s;
}

Json record(const Json& baseline, const Json& followup) {
  return Json{{"visits",
               Json::array({{{"week", 0}, {"baseline", true}, {"corticosteroids", false}, {"ses_cd", baseline}},
                            {{"label", "week 48"}, {"week", 48}, {"corticosteroids", false}, {"ses_cd", followup}}})}};
}

Json endpoint(const Json& out, const std::string& id) {
  for (const Json& s : out.at("sets")) {
    for (const Json& v : s.at("visits")) {
      for (const Json& e : v.at("endpoints")) {
        if (e.at("id") == id) return e;
      }
    }
  }
  FAIL("no endpoint " << id);
  return nullptr;
}

const char* const kChangeRules[] = {"ses_response_gt50", "ses_response_ge50", "ses_remission_abbvie"};
const char* const kThresholdRules[] = {"ses_le2", "ses_healing_stride2", "ses_ulcer_free"};

}  // namespace

TEST_CASE("ses_cd endpoints: the same segment set at both visits", "[ses_cd][resected][record]") {
  // Both visits after the resection: ileum 3+3+3 = 9 at baseline, 0 at week 48; change rules read.
  const Json out = crohn::record::evaluate(record(postop(3), postop(0)), {"generic"}, {});
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][1]["scores"]["ses_cd_total"] == 0);
  CHECK(out["visits"][1]["scores"]["ses_cd_segments_resected"] == Json::array({"right_colon"}));
  CHECK(out["visits"][1]["warnings"] ==
        Json::array({"ses_cd:resected_segments", "ses_cd:postoperative_anatomy"}));
  for (const char* id : kChangeRules) {
    CAPTURE(id);
    const Json e = endpoint(out, id);
    CHECK(e["verdict"] == "achieved");
    CHECK_FALSE(e.contains("warnings"));
  }
  for (const char* id : kThresholdRules) {
    CAPTURE(id);
    CHECK(endpoint(out, id)["verdict"] == "achieved");
    CHECK_FALSE(endpoint(out, id).contains("warnings"));
  }
}

TEST_CASE("ses_cd endpoints: a resection between the visits", "[ses_cd][resected][record]") {
  // Baseline complete: ileum 9 + right colon 6 = 15; week 48 after a right-colon resection: 0.
  const Json out = crohn::record::evaluate(record(full(3), postop(0)), {"generic", "study_sequence"}, {});
  REQUIRE_FALSE(out.contains("error"));
  for (const char* id : kChangeRules) {
    CAPTURE(id);
    const Json e = endpoint(out, id);
    CHECK(e["verdict"] == "not_evaluable");
    CHECK(e["missing"] == Json::array({"segment_set_changed"}));
    CHECK(e["warnings"] == Json::array({"segment_set_changed"}));
  }
  // The rules on the follow-up total alone are returned, flagged.
  for (const char* id : kThresholdRules) {
    CAPTURE(id);
    const Json e = endpoint(out, id);
    CHECK(e["verdict"] == "achieved");
    CHECK(e["warnings"] == Json::array({"segment_set_changed"}));
  }
  // A set's endpoint built on the AbbVie remission, steroid-free included.
  CHECK(endpoint(out, "endoscopic_remission")["verdict"] == "not_evaluable");
  CHECK(endpoint(out, "steroid_free_endoscopic_remission")["verdict"] == "not_evaluable");

  SECTION("the named alternatives, only when picked (record option ses_resection_rule)") {
    const Json req_zero{{"record", record(full(3), postop(0))},
                        {"definition_sets", {"generic"}},
                        {"options", {{"ses_resection_rule", "zero_resected"}}}};
    // zero_resected: the resected segment counts as a scored 0, so the sets compare equal.
    const Json z = crohn::record::evaluate_request(req_zero);
    REQUIRE_FALSE(z.contains("error"));
    CHECK(z["options"]["ses_resection_rule"] == "zero_resected");
    CHECK(endpoint(z, "ses_response_gt50")["verdict"] == "achieved");
    CHECK_FALSE(endpoint(z, "ses_response_gt50").contains("warnings"));
    // exclude_postoperative: the postoperative SES-CD is not used at all.
    Json req_ex = req_zero;
    req_ex["options"]["ses_resection_rule"] = "exclude_postoperative";
    const Json x = crohn::record::evaluate_request(req_ex);
    CHECK(endpoint(x, "ses_le2")["verdict"] == "not_evaluable");
    CHECK(endpoint(x, "ses_le2")["missing"] == Json::array({"ses_cd_followup"}));
    CHECK(endpoint(x, "ses_response_gt50")["verdict"] == "not_evaluable");
    // ... and the default is the project rule, echoed.
    Json req_def = req_zero;
    req_def["options"].erase("ses_resection_rule");
    const Json d = crohn::record::evaluate_request(req_def);
    CHECK(d["options"]["ses_resection_rule"] == "sum_present_segments");
    CHECK(endpoint(d, "ses_le2")["verdict"] == "achieved");
    CHECK(endpoint(d, "ses_response_gt50")["missing"] == Json::array({"segment_set_changed"}));
    // An unknown rule is an error naming the option.
    Json bad = req_zero;
    bad["options"]["ses_resection_rule"] = "prorate";
    const Json e = crohn::record::evaluate_request(bad);
    INFO(e.dump());
    CHECK(has_error(e, "unknown_value", "options.ses_resection_rule"));
  }
  SECTION("a typed total (five segments) beside a postoperative set is a different set") {
    const Json typed = Json{{"visits",
        Json::array({{{"week", 0}, {"baseline", true}, {"ses_cd_total", 15}},
                     {{"label", "week 48"}, {"week", 48}, {"ses_cd", postop(0)}}})}};
    const Json t = crohn::record::evaluate(typed, {"generic"}, {});
    CHECK(endpoint(t, "ses_response_gt50")["missing"] == Json::array({"segment_set_changed"}));
  }
  SECTION("a typed total beside a complete set is compared as before") {
    const Json typed = Json{{"visits",
        Json::array({{{"week", 0}, {"baseline", true}, {"ses_cd_total", 15}},
                     {{"label", "week 48"}, {"week", 48}, {"ses_cd", full(0)}}})}};
    const Json t = crohn::record::evaluate(typed, {"generic"}, {});
    CHECK(endpoint(t, "ses_response_gt50")["verdict"] == "achieved");
  }
}

TEST_CASE("ses_cd FHIR: the resected segments are noted on the Observation", "[ses_cd][resected][fhir]") {
  const Json out = crohn::fhir::bundle(crohn::record::evaluate(record(postop(3), postop(0)), {"generic"}, {}));
  REQUIRE(out.is_object());
  int notes = 0;
  for (const Json& entry : out["entry"]) {
    const Json& r = entry["resource"];
    if (r["resourceType"] != "Observation" || r["code"]["coding"][0]["code"] != "ses-cd") continue;
    REQUIRE(r.contains("note"));
    for (const Json& n : r["note"]) {
      if (n["text"].get<std::string>().find("Resected segments: right_colon") != std::string::npos) ++notes;
    }
  }
  CHECK(notes == 2);
}

TEST_CASE("ses_cd cohort CSV: ses_<segment>_resected and ses_ileum_is_neoterminal", "[ses_cd][resected][cohort]") {
  std::string header = "patient_id,week";
  const char* const segs[] = {"ileum", "right_colon", "transverse_colon", "left_colon", "rectum"};
  const char* const items[] = {"ulcer_size", "ulcerated_surface", "affected_surface", "narrowing"};
  for (const char* s : segs) {
    for (const char* i : items) header += std::string(",ses_") + s + "_" + i;
    header += std::string(",ses_") + s + "_resected";
  }
  header += ",ses_ileum_is_neoterminal\n";
  // Week 0: ileum 1/1/1/0, right colon resected, the rest 0; the ileum is the neoterminal one.
  const std::string row0 = "A,0,1,1,1,0,,,,,,yes,0,0,0,0,,0,0,0,0,,0,0,0,0,,yes\n";
  const crohn::cohort::Input in = crohn::cohort::read_csv(header + row0);
  CHECK(in.issues.empty());
  CHECK(in.unknown_columns.empty());
  REQUIRE(in.patients.size() == 1);
  const auto& snap = in.patients[0].visits[0].snap;
  REQUIRE(snap.ses_cd);
  CHECK(*snap.ses_cd == 3);
  CHECK(snap.ses_cd_resected == 0x2u);
  CHECK(*snap.ses_cd_segments == 0x1du);
  CHECK_FALSE(snap.ses_cd_incomplete);

  // Without the neoterminal answer the SES-CD is not read, and the issue names the column.
  const crohn::cohort::Input missing =
      crohn::cohort::read_csv(header + "A,0,1,1,1,0,,,,,,yes,0,0,0,0,,0,0,0,0,,0,0,0,0,,\n");
  REQUIRE(missing.issues.size() == 1);
  CHECK(missing.issues[0].column == "ses_ileum_is_neoterminal");
  CHECK(missing.issues[0].code == "missing_field");
}
