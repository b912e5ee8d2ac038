// SPDX-License-Identifier: MIT
// PDAI (clinical-spec-instruments §7): the total, the edge of "active > 4" (Losco 2009), each
// validation error, and the ambiguities D1 (no anchors), D2 (0-4 coding), D3 (> 4 only).
#include <string>

#include <catch2/catch.hpp>

#include "crohn/fhir.hpp"
#include "crohn/pdai.hpp"
#include "crohn/record.hpp"
#include "test_support.hpp"

using crohn_test::has_error;
using crohn_test::has_error_shape;
using crohn_test::Json;
using crohn_test::run;

namespace {

Json items(int a, int b, int c, int d, int e) {
  return {{"discharge", a},
          {"pain_restriction_of_activities", b},
          {"restriction_of_sexual_activity", c},
          {"type_of_perianal_disease", d},
          {"degree_of_induration", e}};
}

}  // namespace

TEST_CASE("pdai: total and active > 4 at its edge", "[pdai]") {
  auto [in, total, active] = GENERATE(table<Json, int, bool>({
      {items(0, 0, 0, 0, 0), 0, false},   // PDAI-01; D2: a total of 0 exists
      {items(4, 0, 0, 0, 0), 4, false},   // 4 is not > 4
      {items(0, 1, 1, 1, 1), 4, false},
      {items(1, 1, 1, 1, 1), 5, true},    // PDAI-03, the edge
      {items(0, 0, 0, 1, 4), 5, true},
      {items(4, 4, 4, 4, 4), 20, true},   // PDAI-04 maximum
  }));
  CAPTURE(in);
  const Json out = crohn_test::run_ok("pdai", in);
  CHECK(out["pdai_total"] == total);
  CHECK(out["active_gt4_losco2009"] == active);
  CHECK(out["items"] == in);
  CHECK(out["warnings"] == Json::array());
}

TEST_CASE("pdai: validation errors name the item", "[pdai]") {
  for (const char* key : crohn::pdai::kItems) {
    CAPTURE(key);
    Json in = items(1, 1, 1, 1, 1);
    in[key] = 2.5;  // PDAI-07
    CHECK(has_error(run("pdai", in), "invalid_type", key));
    in[key] = 5;
    CHECK(has_error(run("pdai", in), "out_of_range", key));
    in[key] = -1;
    CHECK(has_error(run("pdai", in), "out_of_range", key));
    in[key] = "2";
    CHECK(has_error(run("pdai", in), "invalid_type", key));
    in.erase(key);
    const Json out = run("pdai", in);
    CHECK(has_error_shape(out));
    CHECK(has_error(out, "missing_field", key));  // missing is never read as 0
  }
  Json extra = items(1, 1, 1, 1, 1);
  extra["pain"] = 1;
  CHECK(has_error(run("pdai", extra), "unknown_value", "pain"));
}

TEST_CASE("pdai D1-D3: no anchor text, 0-4 coding, the only cut-off > 4", "[pdai][ambiguity]") {
  const Json out = crohn_test::run_ok("pdai", items(0, 0, 0, 0, 0));
  CHECK(out["sources"]["item_anchors"]["evidence"] == "unverified");
  CHECK(out["sources"]["coding_0_4"]["evidence"] == "project_rule");
  CHECK(out["sources"]["active_gt4_losco2009"]["evidence"] == "verified_abstract");
  CHECK(crohn::pdai::kItemMin == 0);
  CHECK(crohn::pdai::kItemMax == 4);
  CHECK(crohn::pdai::kActiveAbove == 4);
  // No response definition was found (D3): no such output.
  // pdai_total, items, active_gt4_losco2009, warnings, warning_details, sources
  CHECK(out.size() == 6);
}

TEST_CASE("pdai at a visit: scores under its prefix and a FHIR Observation", "[pdai][fhir]") {
  const Json record = {{"patient_id", "PA-P1"},
                       {"visits",
                        {{{"label", "baseline"}, {"week", 0}, {"baseline", true}, {"pdai", items(2, 2, 1, 2, 1)}},
                         {{"label", "w12"}, {"week", 12}, {"pdai", items(1, 1, 0, 1, 1)}}}}};
  const Json out = crohn::record::evaluate(record, {"generic"}, {});
  INFO(out.dump());
  REQUIRE_FALSE(out.contains("error"));
  CHECK(out["visits"][0]["scores"]["pdai_total"] == 8);
  CHECK(out["visits"][0]["scores"]["pdai_active_gt4_losco2009"] == true);
  CHECK(out["visits"][1]["scores"]["pdai_total"] == 4);
  CHECK(out["visits"][1]["scores"]["pdai_active_gt4_losco2009"] == false);
  CHECK_FALSE(out["visits"][1]["scores"].contains("pdai_items"));
  int found = 0;
  const Json bundle = crohn::fhir::bundle(out);
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (r["code"]["coding"][0]["code"] != "pdai") continue;
    ++found;
    CHECK(r["code"]["coding"][0]["system"] == crohn::fhir::kScoreSystem);
    CHECK(r["category"][0]["coding"][0]["code"] == "exam");
    CHECK(r["valueInteger"].is_number_integer());
  }
  CHECK(found == 2);
  Json bad = record;
  bad["visits"][1]["pdai"]["discharge"] = 7;
  CHECK(has_error(crohn::record::evaluate(bad, {"generic"}, {}), "out_of_range",
                  "visits[1].pdai.discharge"));
}
