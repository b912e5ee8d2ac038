// SPDX-License-Identifier: MIT
// Rutgeerts score (clinical-spec-instruments §1): every grade i0-i4 and i2a/i2b, the endpoints
// >= i2 (Kotze 2015), >= i2b (not evaluable for an unsplit i2) and i0-i1 (Vuitton 2016), each
// validation error, and each ambiguity's option (R1-R6).
#include <string>
#include <tuple>

#include <catch2/catch.hpp>

#include "crohn/fhir.hpp"
#include "crohn/record.hpp"
#include "crohn/rutgeerts.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json ok(const Json& in) { return crohn_test::run_ok("rutgeerts", in); }

}  // namespace

TEST_CASE("rutgeerts: every grade, its original and modified grade and the three endpoints",
          "[rutgeerts]") {
  // null = not evaluable / no modified grade.
  auto [grade, original, modified, ge_i2, ge_i2b, remission] =
      GENERATE(table<std::string, std::string, Json, bool, Json, bool>({
          {"i0", "i0", Json("i0"), false, Json(false), true},   // RUT-01
          {"i1", "i1", Json("i1"), false, Json(false), true},   // i1: upper edge of remission
          {"i2", "i2", Json(nullptr), true, Json(nullptr), false},  // unsplit: >= i2b unknown
          {"i2a", "i2", Json("i2a"), true, Json(false), false},  // recurrence >= i2 only
          {"i2b", "i2", Json("i2b"), true, Json(true), false},   // RUT-04
          {"i3", "i3", Json("i3"), true, Json(true), false},
          {"i4", "i4", Json("i4"), true, Json(true), false},
      }));
  CAPTURE(grade);
  const Json out = ok({{"rutgeerts_grade", grade}});
  CHECK(out["rutgeerts_grade"] == grade);  // stored as entered (R3)
  CHECK(out["rutgeerts_grade_original"] == original);
  CHECK(out["rutgeerts_grade_modified"] == modified);
  CHECK(out["recurrence_ge_i2"] == ge_i2);
  CHECK(out["recurrence_ge_i2b"] == ge_i2b);
  CHECK(out["remission_i0_i1"] == remission);
  // Remission and recurrence >= i2 are complements on every grade (i0-i1 vs i2-i4).
  CHECK(out["recurrence_ge_i2"].get<bool>() != out["remission_i0_i1"].get<bool>());
  if (grade == "i2") {
    CHECK(out["warnings"] == Json::array({"i2_not_subclassified"}));
    CHECK(out["not_evaluable"] == Json({{"recurrence_ge_i2b", {"rutgeerts_grade_i2a_or_i2b"}}}));
  } else {
    CHECK(out["warnings"] == Json::array());
    CHECK(out["not_evaluable"] == Json::object());
  }
}

TEST_CASE("rutgeerts: the named constants behind the endpoints", "[rutgeerts]") {
  using crohn::rutgeerts::Grade;
  CHECK(crohn::rutgeerts::kRecurrenceMinOriginalGrade == 2);
  CHECK(crohn::rutgeerts::kRemissionMaxOriginalGrade == 1);
  CHECK(crohn::rutgeerts::kRecurrenceAlternativeMinGrade == Grade::kI2b);
  CHECK(crohn::rutgeerts::original_grade(Grade::kI2a) == 2);
  CHECK(crohn::rutgeerts::original_grade(Grade::kI2b) == 2);
  CHECK_FALSE(crohn::rutgeerts::modified_grade(Grade::kI2).has_value());
  CHECK_FALSE(crohn::rutgeerts::recurrence_ge_i2b(Grade::kI2).has_value());
  for (const char* g : crohn::rutgeerts::kGrades) {
    const auto parsed = crohn::rutgeerts::grade_of(g);
    REQUIRE(parsed.has_value());
    CHECK(std::string(crohn::rutgeerts::grade_name(*parsed)) == g);
  }
  CHECK_FALSE(crohn::rutgeerts::grade_of("I2").has_value());
}

TEST_CASE("rutgeerts: public vectors RUT-01/04/07/08", "[rutgeerts]") {
  const Json r1 = ok({{"rutgeerts_grade", "i0"}});
  CHECK(r1["rutgeerts_grade_original"] == "i0");
  CHECK(r1["rutgeerts_grade_modified"] == "i0");
  CHECK(r1["recurrence_ge_i2"] == false);
  CHECK(r1["recurrence_ge_i2b"] == false);
  CHECK(r1["remission_i0_i1"] == true);
  CHECK(r1["warnings"] == Json::array());
  const Json r4 = ok({{"rutgeerts_grade", "i2b"}});
  CHECK(r4["rutgeerts_grade_original"] == "i2");
  CHECK(r4["rutgeerts_grade_modified"] == "i2b");
  CHECK(r4["recurrence_ge_i2"] == true);
  CHECK(r4["recurrence_ge_i2b"] == true);
  CHECK(r4["remission_i0_i1"] == false);
  const Json r7 = run("rutgeerts", Json::object());
  CHECK(has_error_shape(r7));
  CHECK(r7["error"] == "missing_field");
  CHECK(r7["field"] == "rutgeerts_grade");
  const Json r8 = run("rutgeerts", {{"rutgeerts_grade", "i5"}});
  CHECK(r8["error"] == "unknown_value");
  CHECK(r8["field"] == "rutgeerts_grade");
}

TEST_CASE("rutgeerts: validation errors name the field", "[rutgeerts][validation]") {
  auto [inputs, code, field] = GENERATE(table<Json, std::string, std::string>({
      {Json::object(), "missing_field", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", nullptr}}), "missing_field", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", 2}}), "invalid_type", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", true}}), "invalid_type", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", "i5"}}), "unknown_value", "rutgeerts_grade"},
      // A value the user typed is never changed: "I2" or "2" is not read as i2.
      {Json({{"rutgeerts_grade", "I2"}}), "unknown_value", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", "2"}}), "unknown_value", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", "i2c"}}), "unknown_value", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", ""}}), "unknown_value", "rutgeerts_grade"},
      {Json({{"rutgeerts_grade", "i1"}, {"anastomosis_type", "stapled"}}), "unknown_value",
       "anastomosis_type"},
      {Json({{"rutgeerts_grade", "i1"}, {"anastomosis_type", 1}}), "invalid_type",
       "anastomosis_type"},
      {Json({{"rutgeerts_grade", "i1"}, {"months_since_resection", -1}}), "out_of_range",
       "months_since_resection"},
      {Json({{"rutgeerts_grade", "i1"}, {"months_since_resection", 1200.5}}), "out_of_range",
       "months_since_resection"},
      {Json({{"rutgeerts_grade", "i1"}, {"months_since_resection", "6"}}), "invalid_type",
       "months_since_resection"},
      {Json({{"rutgeerts_grade", "i1"}, {"neoterminal_ileum_intubated", false}}), "out_of_range",
       "neoterminal_ileum_intubated"},
      {Json({{"rutgeerts_grade", "i1"}, {"neoterminal_ileum_intubated", "yes"}}), "invalid_type",
       "neoterminal_ileum_intubated"},
      // Lesion counts are not an input (R1, R2: the grade is entered, never derived).
      {Json({{"rutgeerts_grade", "i1"}, {"aphthous_lesions", 5}}), "unknown_value",
       "aphthous_lesions"},
  }));
  CAPTURE(inputs);
  const Json out = run("rutgeerts", inputs);
  CHECK(has_error_shape(out));
  CHECK(has_error(out, code, field));
  CHECK_FALSE(out.contains("recurrence_ge_i2"));
}

TEST_CASE("rutgeerts: every error is reported at once", "[rutgeerts][validation]") {
  const Json out = run("rutgeerts", {{"rutgeerts_grade", "i9"},
                                     {"anastomosis_type", "x"},
                                     {"neoterminal_ileum_intubated", false}});
  CHECK(has_error(out, "unknown_value", "rutgeerts_grade"));
  CHECK(has_error(out, "unknown_value", "anastomosis_type"));
  CHECK(has_error(out, "out_of_range", "neoterminal_ileum_intubated"));
  CHECK(out["errors"].size() == 3);
}

TEST_CASE("rutgeerts: the optional inputs are echoed and never change the grade",
          "[rutgeerts]") {
  const Json out = ok({{"rutgeerts_grade", "i2a"},
                       {"anastomosis_type", "end_to_end"},
                       {"months_since_resection", 6},
                       {"neoterminal_ileum_intubated", true}});
  CHECK(out["anastomosis_type"] == "end_to_end");
  CHECK(out["months_since_resection"] == 6);
  CHECK(out["neoterminal_ileum_intubated"] == true);
  CHECK(out["warnings"] == Json::array());
  CHECK(out["recurrence_ge_i2"] == true);
  CHECK(out["recurrence_ge_i2b"] == false);
  // Bounds of months_since_resection are inclusive.
  CHECK(ok({{"rutgeerts_grade", "i0"}, {"months_since_resection", 0}})["months_since_resection"] == 0);
  CHECK(ok({{"rutgeerts_grade", "i0"}, {"months_since_resection", 1200}})["months_since_resection"] ==
        1200);
  // Absent optional inputs are absent from the output, not defaulted.
  const Json bare = ok({{"rutgeerts_grade", "i0"}});
  CHECK_FALSE(bare.contains("anastomosis_type"));
  CHECK_FALSE(bare.contains("months_since_resection"));
  CHECK_FALSE(bare.contains("neoterminal_ileum_intubated"));
}

TEST_CASE("rutgeerts R6: any anastomosis but end-to-end is warned about", "[rutgeerts][ambiguity]") {
  auto [type, warned] = GENERATE(table<std::string, bool>({
      {"end_to_end", false},
      {"side_to_side", true},
      {"end_to_side", true},
      {"kono_s", true},
      {"other", true},
      {"unknown", true},
  }));
  CAPTURE(type);
  const Json out = ok({{"rutgeerts_grade", "i3"}, {"anastomosis_type", type}});
  const Json expected = warned ? Json::array({"rutgeerts_not_validated_for_anastomosis_type"})
                               : Json::array();
  CHECK(out["warnings"] == expected);
  CHECK(out["recurrence_ge_i2"] == true);  // the warning never changes a verdict
  // Both warnings together on an unsplit i2, in a stable order.
  if (warned) {
    CHECK(ok({{"rutgeerts_grade", "i2"}, {"anastomosis_type", type}})["warnings"] ==
          Json::array({"i2_not_subclassified", "rutgeerts_not_validated_for_anastomosis_type"}));
  }
}

TEST_CASE("rutgeerts R3/R4: i2a and i2b side by side under both recurrence definitions",
          "[rutgeerts][ambiguity]") {
  // R4 default: both thresholds are reported under their own names; R3: the sub-grade is the
  // user's, stored as entered. i2a is a recurrence >= i2 but not >= i2b; i2b is both.
  const Json a = ok({{"rutgeerts_grade", "i2a"}});
  const Json b = ok({{"rutgeerts_grade", "i2b"}});
  CHECK(a["recurrence_ge_i2"] == true);
  CHECK(a["recurrence_ge_i2b"] == false);
  CHECK(b["recurrence_ge_i2"] == true);
  CHECK(b["recurrence_ge_i2b"] == true);
  // The unsplit grade: >= i2 is known, >= i2b is not guessed either way.
  const Json u = ok({{"rutgeerts_grade", "i2"}});
  CHECK(u["recurrence_ge_i2"] == true);
  CHECK(u["recurrence_ge_i2b"].is_null());
  CHECK(u["rutgeerts_grade_modified"].is_null());
}

TEST_CASE("rutgeerts: each rule's source and evidence level is part of the result",
          "[rutgeerts][sources]") {
  const Json out = ok({{"rutgeerts_grade", "i1"}});
  REQUIRE(out["sources"].is_object());
  const Json& s = out["sources"];
  CHECK(s["grades"]["evidence"] == "secondary");
  CHECK(s["recurrence_ge_i2"]["evidence"] == "verified_abstract");
  CHECK(s["recurrence_ge_i2b"]["evidence"] == "unverified");
  CHECK(s["remission_i0_i1"]["evidence"] == "verified_abstract");
  CHECK(s["modified_i2a_i2b"]["evidence"] == "verified_abstract");
  CHECK(s["anastomosis_type"]["evidence"] == "secondary");
  CHECK_THAT(s["recurrence_ge_i2"]["text"].get<std::string>(),
             Catch::Matchers::Contains("10.5217/ir.2015.13.3.259"));
  CHECK_THAT(s["remission_i0_i1"]["text"].get<std::string>(),
             Catch::Matchers::Contains("10.1136/gutjnl-2015-309903"));
  CHECK(s.size() == crohn::rutgeerts::kSources.size());
}

// ---- records and FHIR ----------------------------------------------------------------------

namespace {

Json record_with(const Json& rutgeerts) {
  return {{"patient_id", "RUT-P1"},
          {"visits",
           {{{"label", "surgery"}, {"week", 0}, {"baseline", true}, {"hbi_total", 4}},
            {{"label", "ileocolonoscopy"}, {"week", 26}, {"rutgeerts", rutgeerts}}}}};
}

Json rutgeerts_observation(const Json& bundle) {
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (r["code"]["coding"][0]["code"] == "rutgeerts") return r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("rutgeerts in a record: a follow-up visit carries the grade and its endpoints",
          "[rutgeerts][record]") {
  const Json out = crohn::record::evaluate(record_with({{"rutgeerts_grade", "i2a"}}), {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  const Json& scores = out["visits"][1]["scores"];
  CHECK(scores["rutgeerts_grade"] == "i2a");
  CHECK(scores["rutgeerts_grade_original"] == "i2");
  CHECK(scores["rutgeerts_grade_modified"] == "i2a");
  CHECK(scores["rutgeerts_recurrence_ge_i2"] == true);
  CHECK(scores["rutgeerts_recurrence_ge_i2b"] == false);
  CHECK(scores["rutgeerts_remission_i0_i1"] == false);
  CHECK(out["visits"][1]["warnings"] == Json::array());
  CHECK_FALSE(out["visits"][0]["scores"].contains("rutgeerts_grade"));

  const Json unsplit = crohn::record::evaluate(
      record_with({{"rutgeerts_grade", "i2"}, {"anastomosis_type", "side_to_side"}}), {"generic"}, {});
  const Json& v = unsplit["visits"][1];
  CHECK(v["scores"]["rutgeerts_recurrence_ge_i2b"].is_null());
  CHECK(v["scores"]["rutgeerts_grade_modified"].is_null());
  CHECK(v["warnings"] == Json::array({"rutgeerts:i2_not_subclassified",
                                      "rutgeerts:rutgeerts_not_validated_for_anastomosis_type"}));
}

TEST_CASE("rutgeerts in a record: errors carry the visit's path", "[rutgeerts][record][validation]") {
  auto [rutgeerts, code, field] = GENERATE(table<Json, std::string, std::string>({
      {Json::object(), "missing_field", "visits[1].rutgeerts.rutgeerts_grade"},
      {Json({{"rutgeerts_grade", "i5"}}), "unknown_value", "visits[1].rutgeerts.rutgeerts_grade"},
      {Json({{"rutgeerts_grade", "i1"}, {"neoterminal_ileum_intubated", false}}), "out_of_range",
       "visits[1].rutgeerts.neoterminal_ileum_intubated"},
      {Json({{"rutgeerts_grade", "i1"}, {"colour", 1}}), "unknown_value",
       "visits[1].rutgeerts.colour"},
      {Json("i2b"), "invalid_type", "visits[1].rutgeerts"},
  }));
  CAPTURE(rutgeerts);
  const Json out = crohn::record::evaluate(record_with(rutgeerts), {"generic"}, {});
  CHECK(has_error_shape(out));
  CHECK(has_error(out, code, field));
}

TEST_CASE("rutgeerts in FHIR: a coded Observation, no LOINC code", "[rutgeerts][fhir]") {
  const Json bundle = crohn::fhir::bundle(
      crohn::record::evaluate(record_with({{"rutgeerts_grade", "i2b"}}), {"generic"}, {}));
  const Json o = rutgeerts_observation(bundle);
  INFO(bundle.dump());
  REQUIRE(o.is_object());
  CHECK(o["resourceType"] == "Observation");
  CHECK(o["status"] == "final");
  CHECK(o["code"]["coding"][0]["system"] == crohn::fhir::kScoreSystem);
  CHECK(o["category"][0]["coding"][0]["code"] == "procedure");
  CHECK(o["valueCodeableConcept"]["coding"][0]["code"] == "rutgeerts-i2b");
  CHECK(o["valueCodeableConcept"]["coding"][0]["system"] == crohn::fhir::kScoreSystem);
  REQUIRE(o["component"].size() == 1);
  CHECK(o["component"][0]["code"]["coding"][0]["code"] == "rutgeerts-original");
  CHECK(o["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "rutgeerts-i2");
  CHECK_FALSE(o.contains("valueInteger"));
  CHECK(o["subject"]["identifier"]["value"] == "RUT-P1");
  CHECK(o["note"].size() == 1);  // the visit note only
  CHECK_THAT(o["note"][0]["text"].get<std::string>(), Catch::Matchers::Contains("ileocolonoscopy"));

  // An unsplit i2 and a side-to-side anastomosis each add a note.
  const Json o2 = rutgeerts_observation(crohn::fhir::bundle(crohn::record::evaluate(
      record_with({{"rutgeerts_grade", "i2"}, {"anastomosis_type", "side_to_side"}}), {"generic"}, {})));
  REQUIRE(o2.is_object());
  CHECK(o2["valueCodeableConcept"]["coding"][0]["code"] == "rutgeerts-i2");
  REQUIRE(o2["note"].size() == 3);
  CHECK_THAT(o2["note"][1]["text"].get<std::string>(), Catch::Matchers::Contains("i2b is not evaluable"));
  CHECK_THAT(o2["note"][2]["text"].get<std::string>(), Catch::Matchers::Contains("end-to-end"));
}

TEST_CASE("rutgeerts R1/R2: the grade is entered, never derived from a lesion count",
          "[rutgeerts][ambiguity]") {
  // The i1/i2 boundary at exactly 5 aphthous lesions ("<= 5" vs "less than five") and the i2b
  // threshold ("> 5" vs ">= 5") differ between sources: no count is read, so no default of
  // either can be applied silently. Every count-like key is an unknown input.
  for (const char* key : {"aphthous_lesions", "aphthous_ulcers_count", "lesion_count"}) {
    CAPTURE(key);
    const Json out = run("rutgeerts", {{"rutgeerts_grade", "i1"}, {key, 5}});
    CHECK(has_error(out, "unknown_value", key));
  }
  // The grade typed is the grade used: i1 and i2b stay as entered whatever a count might say.
  CHECK(ok({{"rutgeerts_grade", "i1"}})["rutgeerts_grade"] == "i1");
  CHECK(ok({{"rutgeerts_grade", "i2b"}})["rutgeerts_grade_modified"] == "i2b");
}

TEST_CASE("rutgeerts R5: remission is i0-i1 and nothing else", "[rutgeerts][ambiguity]") {
  for (const char* g : crohn::rutgeerts::kGrades) {
    CAPTURE(g);
    const bool expected = std::string(g) == "i0" || std::string(g) == "i1";
    CHECK(ok({{"rutgeerts_grade", g}})["remission_i0_i1"] == expected);
  }
}
