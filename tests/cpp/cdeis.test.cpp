// SPDX-License-Identifier: MIT
// CDEIS (clinical-spec-instruments §2): the public vectors, each band edge on the exact fraction,
// the single-visit and change endpoints at their thresholds, each validation error and each
// ambiguity's option (C1-C8).
#include <string>

#include <catch2/catch.hpp>

#include "crohn/cdeis.hpp"
#include "crohn/fhir.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::near;

namespace {

Json seg(bool deep, bool superficial, double disease, double ulcerated) {
  return {{"deep_ulceration", deep},
          {"superficial_ulceration", superficial},
          {"disease_surface_cm", disease},
          {"ulcerated_surface_cm", ulcerated}};
}
Json clean() { return seg(false, false, 0, 0); }
Json not_explored() { return {{"not_explored", true}}; }

/// Five segments, all explored and clean, with the given ones replaced.
Json input(const Json& replace = Json::object(), bool ulcerated_stenosis = false,
           bool nonulcerated_stenosis = false) {
  Json segments = Json::object();
  for (const char* s : crohn::cdeis::kSegments) segments[s] = clean();
  for (auto it = replace.begin(); it != replace.end(); ++it) segments[it.key()] = it.value();
  return {{"segments", segments},
          {"ulcerated_stenosis", ulcerated_stenosis},
          {"nonulcerated_stenosis", nonulcerated_stenosis}};
}
/// Only the ileum explored (n = 1): the score is the ileum's points.
Json ileum_only(const Json& ileum) {
  Json r = Json::object();
  for (const char* s : crohn::cdeis::kSegments) r[s] = not_explored();
  r["ileum"] = ileum;
  return input(r);
}

Json ok(const Json& in) { return crohn_test::run_ok("cdeis", in); }

}  // namespace

TEST_CASE("cdeis: public vectors CDEIS-01/02/03/06", "[cdeis]") {
  // CDEIS-01: A = 32, B = 6.4, + 3 -> 9.4 moderate; baseline 15: decrease 5.6.
  Json in1 = input({{"ileum", seg(true, false, 6, 3)}, {"right_colon", seg(false, true, 4, 1)}},
                   false, true);
  in1["cdeis_baseline"] = 15;
  const Json o1 = ok(in1);
  CHECK(near(o1["total_a"], 32));
  CHECK(o1["segments_explored"] == 5);
  CHECK(near(o1["total_b"], 6.4));
  CHECK(o1["stenosis_points"] == 3);
  CHECK(near(o1["cdeis_total"], 9.4));
  CHECK(o1["cdeis_band"] == "moderate");
  CHECK(o1["cdeis_lt3"] == false);
  CHECK(o1["cdeis_lt6"] == false);
  CHECK(o1["any_ulceration"] == true);
  CHECK(near(o1["cdeis_decrease"], 5.6));
  CHECK(o1["response_decrease_gt5"] == true);
  CHECK(o1["response_decrease_gt50pct"] == false);
  CHECK(o1["warnings"] == Json::array());
  CHECK(o1["not_evaluable"] == Json::object());
  CHECK(near(o1["segment_scores"]["ileum"], 21));
  CHECK(near(o1["segment_scores"]["right_colon"], 11));

  // CDEIS-02: ileum not explored -> n = 4; 43 / 4 = 10.75 + 3 = 13.75 severe.
  const Json o2 = ok(input({{"ileum", not_explored()},
                            {"right_colon", seg(true, true, 10, 5)},
                            {"transverse_colon", seg(false, true, 3, 1)}},
                           true, false));
  CHECK(near(o2["total_a"], 43));
  CHECK(o2["segments_explored"] == 4);
  CHECK(near(o2["total_b"], 10.75));
  CHECK(near(o2["cdeis_total"], 13.75));
  CHECK(o2["cdeis_band"] == "severe");
  CHECK(o2["warnings"] == Json::array({"incomplete_examination"}));
  CHECK(o2["segment_scores"]["ileum"].is_null());
  // No baseline: the change endpoints are not evaluable, and say why.
  CHECK(o2["cdeis_decrease"].is_null());
  CHECK(o2["response_decrease_gt5"].is_null());
  CHECK(o2["response_decrease_gt50pct"].is_null());
  CHECK(o2["not_evaluable"]["response_decrease_gt5"] == Json::array({"cdeis_baseline"}));

  // CDEIS-03 (C8): 12 / 5 = 2.4 < 3 with an ulcer: not STRIDE-II healing.
  const Json o3 = ok(input({{"ileum", seg(false, true, 4, 2)}}));
  CHECK(near(o3["cdeis_total"], 2.4));
  CHECK(o3["cdeis_band"] == "remission");
  CHECK(o3["cdeis_lt3"] == true);
  CHECK(o3["cdeis_lt6"] == true);
  CHECK(o3["any_ulceration"] == true);
  CHECK(o3["healing_lt3_no_ulceration_stride2"] == false);

  // CDEIS-06 (C3): 42.5 / 5 = 8.5 -> mild under the mild_lt9 closure; inconsistent ulcer items.
  const Json o6 = ok(input({{"ileum", seg(true, true, 10, 10)},
                            {"right_colon", seg(false, false, 3, 1.5)}}));
  CHECK(near(o6["total_a"], 42.5));
  CHECK(near(o6["cdeis_total"], 8.5));
  CHECK(o6["cdeis_band"] == "mild");
  CHECK(o6["warnings"] == Json::array({"inconsistent_ulcer_items:right_colon"}));
}

TEST_CASE("cdeis: each band edge compares the exact value", "[cdeis][bands]") {
  // Only the ileum explored (n = 1): the CDEIS is the ileum's points.
  auto [ileum, band] = GENERATE(table<Json, std::string>({
      {seg(false, false, 2.99, 0), "remission"},
      {seg(false, false, 3, 0), "mild"},  // exactly 3: not < 3
      {seg(false, false, 8.99, 0), "mild"},
      {seg(false, false, 9, 0), "moderate"},  // C3 closure: 9 opens moderate
      {seg(false, true, 5, 1), "moderate"},   // 6 + 5 + 1 = 12: moderate (<= 12)
      {seg(false, true, 5, 1.01), "severe"},  // 12.01: > 12
  }));
  CAPTURE(ileum.dump());
  CHECK(ok(ileum_only(ileum))["cdeis_band"] == band);
}

TEST_CASE("cdeis: repeating fractions decide bands and endpoints exactly (§0.3)", "[cdeis][bands]") {
  // Five explored, A = 15 -> exactly 3 (mild, not < 3); A = 14.99 -> remission.
  CHECK(ok(input({{"ileum", seg(false, false, 10, 0)}, {"rectum", seg(false, false, 5, 0)}}))
            ["cdeis_band"] == "mild");
  CHECK(ok(input({{"ileum", seg(false, false, 10, 0)}, {"rectum", seg(false, false, 4.99, 0)}}))
            ["cdeis_band"] == "remission");
  // Three explored, A = 9 -> 3 exactly; A = 18 -> 6 exactly: not < 6.
  Json three = {{"left_colon", not_explored()}, {"rectum", not_explored()}};
  three["ileum"] = seg(false, false, 9, 0);
  const Json o3 = ok(input(three));
  CHECK(o3["cdeis_band"] == "mild");
  CHECK(o3["cdeis_lt3"] == false);
  three["ileum"] = seg(false, false, 9, 0);
  three["right_colon"] = seg(false, false, 9, 0);
  const Json o6 = ok(input(three));
  CHECK(near(o6["cdeis_total"], 6));
  CHECK(o6["cdeis_lt6"] == false);
  CHECK(o6["cdeis_lt3"] == false);
  // A = 32 over 3 = 10.666...: moderate, shown unrounded.
  three["ileum"] = seg(true, false, 10, 10);
  three["right_colon"] = clean();
  CHECK(near(ok(input(three))["cdeis_total"], 32.0 / 3.0, 1e-12));
}

TEST_CASE("cdeis: CDEIS < 3 and < 6 side by side (C4), STRIDE-II healing needs no ulcer (C8)",
          "[cdeis][ambiguity]") {
  const Json a = ok(ileum_only(seg(false, false, 2.99, 0)));
  CHECK(a["cdeis_lt3"] == true);
  CHECK(a["cdeis_lt6"] == true);
  CHECK(a["healing_lt3_no_ulceration_stride2"] == true);
  const Json b = ok(ileum_only(seg(false, false, 5.99, 0)));
  CHECK(b["cdeis_lt3"] == false);
  CHECK(b["cdeis_lt6"] == true);
  CHECK(b["healing_lt3_no_ulceration_stride2"] == false);
  const Json c = ok(ileum_only(seg(false, false, 6, 0)));
  CHECK(c["cdeis_lt6"] == false);
  // No single "remission" flag (C4), no < 3.5 (Ordas 2014 is an option the spec does not default).
  CHECK_FALSE(c.contains("cdeis_remission"));
  CHECK_FALSE(c.contains("cdeis_lt3_5"));
}

TEST_CASE("cdeis: response by > 5 points and by > 50 % side by side (C5)", "[cdeis][ambiguity]") {
  auto with = [](double baseline, const Json& ileum) {
    Json in = ileum_only(ileum);
    in["cdeis_baseline"] = baseline;
    return ok(in);
  };
  // CDEIS-05's edge: a decrease of exactly 5 (11 - 6) is not > 5.
  const Json e = with(11, seg(false, false, 6, 0));
  CHECK(near(e["cdeis_decrease"], 5));
  CHECK(e["response_decrease_gt5"] == false);
  CHECK(with(11.01, seg(false, false, 6, 0))["response_decrease_gt5"] == true);
  // A decrease of 5 reached through decimals that a double does not hold: 10.6 - 5.6.
  {
    Json in = input({{"ileum", seg(false, false, 10, 0)}, {"right_colon", seg(false, false, 10, 0)},
                     {"transverse_colon", seg(false, false, 8, 0)}});
    in["cdeis_baseline"] = 10.6;  // follow-up 28 / 5 = 5.6
    const Json o = ok(in);
    CHECK(near(o["cdeis_total"], 5.6));
    CHECK(o["response_decrease_gt5"] == false);
  }
  // > 50 %: baseline 12, follow-up 6 is exactly half: not > 50 %; 5.99 is.
  CHECK(with(12, seg(false, false, 6, 0))["response_decrease_gt50pct"] == false);
  CHECK(with(12, seg(false, false, 5.99, 0))["response_decrease_gt50pct"] == true);
  // Both named outputs can disagree: 20 -> 14 is > 5 points but not > 50 %.
  const Json d = with(20, seg(true, false, 1, 1));
  CHECK(d["response_decrease_gt5"] == true);
  CHECK(d["response_decrease_gt50pct"] == false);
  // 8 -> 3.5: > 50 % but not > 5 points.
  const Json f = with(8, seg(false, false, 3.5, 0));
  CHECK(f["response_decrease_gt5"] == false);
  CHECK(f["response_decrease_gt50pct"] == true);
  // A baseline of 0 makes every decrease endpoint false (§0.3.3); a rise is a negative decrease.
  const Json z = with(0, seg(false, false, 0, 0));
  CHECK(z["response_decrease_gt50pct"] == false);
  CHECK(z["response_decrease_gt5"] == false);
  CHECK(near(with(2, seg(false, false, 4, 0))["cdeis_decrease"], -2));
}

TEST_CASE("cdeis: stenosis points once per examination, not per segment (C6)", "[cdeis][ambiguity]") {
  const Json one = ok(ileum_only(clean()));
  CHECK(near(one["cdeis_total"], 0));
  Json both = input(Json::object(), true, true);
  const Json o = ok(both);
  CHECK(o["stenosis_points"] == 6);
  CHECK(near(o["cdeis_total"], 6));  // 0 / 5 + 3 + 3, whatever n is
  Json both1 = ileum_only(clean());
  both1["ulcerated_stenosis"] = true;
  both1["nonulcerated_stenosis"] = true;
  CHECK(near(ok(both1)["cdeis_total"], 6));
  // The published maximum 44: one segment with every item at its maximum + both stenoses.
  Json max = ileum_only(seg(true, true, 10, 10));
  max["ulcerated_stenosis"] = true;
  max["nonulcerated_stenosis"] = true;
  CHECK(near(ok(max)["cdeis_total"], 44));
}

TEST_CASE("cdeis C1/C2/C7: five segments, partly seen counts as explored, surfaces in cm",
          "[cdeis][ambiguity]") {
  // C1: a combined "ileum and right colon" or an unknown segment is refused.
  Json in = input();
  in["segments"]["colon"] = clean();
  CHECK(has_error(crohn_test::run("cdeis", in), "unknown_value", "segments"));
  // C2: a partly seen segment is entered as explored and divides like any other: n counts it.
  CHECK(ok(input({{"rectum", seg(false, false, 1, 0)}}))["segments_explored"] == 5);
  // C7: a VAS read in mm (21) is out of the 0-10 cm range, never divided silently.
  CHECK(has_error(crohn_test::run("cdeis", ileum_only(seg(false, false, 21, 0))), "out_of_range",
                  "segments"));
}

TEST_CASE("cdeis: warnings from the item definitions", "[cdeis][warnings]") {
  // Ulcerated area larger than the diseased area.
  CHECK(ok(input({{"left_colon", seg(false, true, 1, 2)}}))["warnings"] ==
        Json::array({"ulcerated_surface_exceeds_disease_surface:left_colon"}));
  // An ulcer flag with no ulcerated surface.
  CHECK(ok(input({{"rectum", seg(true, false, 2, 0)}}))["warnings"] ==
        Json::array({"inconsistent_ulcer_items:rectum"}));
  // Both at once, in segment order, after incomplete_examination.
  const Json o = ok(input({{"ileum", not_explored()},
                           {"right_colon", seg(false, false, 0, 1)},
                           {"rectum", seg(true, false, 2, 0)}}));
  CHECK(o["warnings"] == Json::array({"incomplete_examination",
                                      "ulcerated_surface_exceeds_disease_surface:right_colon",
                                      "inconsistent_ulcer_items:right_colon",
                                      "inconsistent_ulcer_items:rectum"}));
  // A segment may carry both ulcer types (needed for the maximum 44).
  CHECK(ok(input({{"ileum", seg(true, true, 3, 2)}}))["warnings"] == Json::array());
}

TEST_CASE("cdeis: validation errors name the field", "[cdeis][validation]") {
  auto check_error = [](const Json& in, const std::string& code, const std::string& field) {
    const Json out = crohn_test::run("cdeis", in);
    INFO(out.dump());
    CHECK(has_error_shape(out));
    CHECK(has_error(out, code, field));
  };
  Json no_segments = input();
  no_segments.erase("segments");
  check_error(no_segments, "missing_field", "segments");
  Json missing_segment = input();
  missing_segment["segments"].erase("transverse_colon");
  check_error(missing_segment, "missing_field", "segments");
  Json missing_item = input();
  missing_item["segments"]["ileum"].erase("ulcerated_surface_cm");
  check_error(missing_item, "missing_field", "segments");
  check_error(input({{"ileum", seg(false, false, 10.5, 0)}}), "out_of_range", "segments");
  check_error(input({{"ileum", seg(false, false, -1, 0)}}), "out_of_range", "segments");
  check_error(input({{"ileum", seg(false, false, 2.125, 0)}}), "invalid_type", "segments");
  Json bad_flag = input();
  bad_flag["segments"]["ileum"]["deep_ulceration"] = "yes";
  check_error(bad_flag, "invalid_type", "segments");
  Json both_states = input();
  both_states["segments"]["ileum"]["not_explored"] = true;
  check_error(both_states, "unknown_value", "segments");
  Json all_out = Json::object();
  for (const char* s : crohn::cdeis::kSegments) all_out[s] = not_explored();
  check_error(input(all_out), "out_of_range", "segments");
  Json no_stenosis = input();
  no_stenosis.erase("ulcerated_stenosis");
  check_error(no_stenosis, "missing_field", "ulcerated_stenosis");
  Json no_stenosis2 = input();
  no_stenosis2.erase("nonulcerated_stenosis");
  check_error(no_stenosis2, "missing_field", "nonulcerated_stenosis");
  Json bad_baseline = input();
  bad_baseline["cdeis_baseline"] = 44.5;
  check_error(bad_baseline, "out_of_range", "cdeis_baseline");
  Json unknown = input();
  unknown["cdeis_total"] = 3;
  check_error(unknown, "unknown_value", "cdeis_total");
  // not_explored: false is an explored segment whose items are required.
  Json explicit_explored = input();
  explicit_explored["segments"]["ileum"] = {{"not_explored", false}};
  check_error(explicit_explored, "missing_field", "segments");
}

TEST_CASE("cdeis: the named constants and the sources shown", "[cdeis]") {
  using namespace crohn::cdeis;
  CHECK(kDeepUlcerationPoints == 12);
  CHECK(kSuperficialUlcerationPoints == 6);
  CHECK(kUlceratedStenosisPoints == 3);
  CHECK(kNonulceratedStenosisPoints == 3);
  CHECK(kRemissionBandBelow == 3);
  CHECK(kMildBandBelow == 9);
  CHECK(kModerateBandMax == 12);
  const Json o = ok(input());
  CHECK(o["sources"]["weights_formula"]["evidence"] == "secondary");
  CHECK(o["sources"]["response_decrease_gt50pct"]["evidence"] == "verified_abstract");
  CHECK(o["sources"].size() == kSources.size());
}

// ---- records and FHIR ----------------------------------------------------------------------

namespace {

Json record_with(const Json& cdeis) {
  return {{"patient_id", "CDEIS-P1"},
          {"visits",
           {{{"label", "baseline"}, {"week", 0}, {"baseline", true}, {"hbi_total", 6}},
            {{"label", "week 12 ileocolonoscopy"}, {"week", 12}, {"cdeis", cdeis}}}}};
}

Json cdeis_observation(const Json& bundle) {
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (r["code"]["coding"][0]["code"] == "cdeis") return r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("cdeis in a record: a visit carries the score, its band and its endpoints",
          "[cdeis][record]") {
  // CDEIS-03's examination: 2.4 with an ulcer.
  const Json out = crohn::record::evaluate(
      record_with(input({{"ileum", seg(false, true, 4, 2)}, {"rectum", not_explored()}})),
      {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  const Json& scores = out["visits"][1]["scores"];
  CHECK(near(scores["cdeis_total"], 3));  // 12 / 4
  CHECK(scores["cdeis_band"] == "mild");  // exactly 3: not < 3
  CHECK(scores["cdeis_lt3"] == false);
  CHECK(scores["cdeis_lt6"] == true);
  CHECK(scores["cdeis_any_ulceration"] == true);
  CHECK(scores["cdeis_healing_lt3_no_ulceration_stride2"] == false);
  CHECK(out["visits"][1]["warnings"] == Json::array({"cdeis:incomplete_examination"}));
  CHECK_FALSE(out["visits"][0]["scores"].contains("cdeis_total"));
  // Errors carry the visit's path.
  Json bad = input();
  bad["segments"]["ileum"]["disease_surface_cm"] = 11;
  const Json err = crohn::record::evaluate(record_with(bad), {"generic"}, {});
  CHECK(has_error_shape(err));
  CHECK(has_error(err, "out_of_range", "segments"));
}

TEST_CASE("cdeis in FHIR: a decimal Observation with its band, no LOINC code", "[cdeis][fhir]") {
  const Json bundle = crohn::fhir::bundle(crohn::record::evaluate(
      record_with(input({{"ileum", seg(true, false, 6, 3)}, {"right_colon", seg(false, true, 4, 1)}},
                        false, true)),
      {"generic"}, {}));
  const Json o = cdeis_observation(bundle);
  INFO(bundle.dump());
  REQUIRE(o.is_object());
  CHECK(o["resourceType"] == "Observation");
  CHECK(o["code"]["coding"][0]["system"] == crohn::fhir::kScoreSystem);
  CHECK(o["category"][0]["coding"][0]["code"] == "procedure");
  CHECK(near(o["valueQuantity"]["value"], 9.4));
  CHECK(o["valueQuantity"]["code"] == "{score}");
  REQUIRE(o["component"].size() == 1);
  CHECK(o["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "band-moderate");
  CHECK(o["note"].size() == 1);  // the visit note only
  // An incomplete examination adds a note.
  const Json o2 = cdeis_observation(crohn::fhir::bundle(crohn::record::evaluate(
      record_with(input({{"ileum", not_explored()}})), {"generic"}, {})));
  REQUIRE(o2.is_object());
  REQUIRE(o2["note"].size() == 2);
  CHECK_THAT(o2["note"][1]["text"].get<std::string>(), Catch::Matchers::Contains("segments explored"));
}
