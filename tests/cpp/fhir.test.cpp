// SPDX-License-Identifier: MIT
// FHIR R4 export: the Bundle and its Observations follow the R4 rules checked below
// (hl7.org/fhir/R4: Bundle, Observation with invariants obs-6 and obs-7, Quantity, Coding,
// datatypes id, uri and dateTime), and carry the right codes and values.
#include <regex>
#include <set>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/fhir.hpp"
#include "crohn/record.hpp"

using Json = nlohmann::json;

namespace {

const Json kRecord = Json::parse(R"({
  "patient_id": "SEQ-104",
  "visits": [
    {"label": "screening", "date": "2024-01-08", "baseline": true, "cdai_total": 334,
     "ses_cd_total": 11, "ses_cd_max_item_score": 2, "ses_cd_any_ulcer": true,
     "crp_value": 1.4, "crp_unit": "mg/dL", "fecal_calprotectin_ug_g": 900, "bwt_mm": 6.1,
     "sf_avg": 5, "ap_avg": 2},
    {"label": "week 24", "date": "2024-06-24", "cdai_total": 132},
    {"label": "week 48", "date": "2024-12-09", "cdai_total": 118, "ses_cd_total": 3,
     "ses_cd_max_item_score": 1, "ses_cd_any_ulcer": false}]})");

const std::set<std::string> kValueKeys = {
    "valueQuantity", "valueCodeableConcept", "valueString",  "valueBoolean", "valueInteger",
    "valueRange",    "valueRatio",           "valueSampledData", "valueTime",  "valueDateTime",
    "valuePeriod"};

std::vector<std::string> value_keys(const Json& o) {
  std::vector<std::string> out;
  for (auto it = o.begin(); it != o.end(); ++it) {
    if (kValueKeys.count(it.key())) out.push_back(it.key());
  }
  return out;
}

void check_coding(const Json& c) {
  REQUIRE(c.is_object());
  REQUIRE(c.contains("system"));
  CHECK(std::regex_match(c["system"].get<std::string>(), std::regex(R"((https?://|urn:uuid:)\S+)")));
  REQUIRE(c.contains("code"));
  CHECK(std::regex_match(c["code"].get<std::string>(), std::regex(R"([^\s]+( [^\s]+)*)")));
}

void check_codeable(const Json& cc) {
  REQUIRE(cc.is_object());
  CHECK((cc.contains("coding") || cc.contains("text")));
  if (cc.contains("coding")) {
    for (const Json& c : cc["coding"]) check_coding(c);
  }
}

void check_quantity(const Json& q) {
  REQUIRE(q["value"].is_number());
  CHECK(q["system"] == "http://unitsofmeasure.org");
  CHECK(q["code"].is_string());
}

void check_value(const Json& holder) {
  const auto keys = value_keys(holder);
  REQUIRE(keys.size() <= 1);  // value[x] is 0..1
  if (keys.empty()) return;
  const Json& v = holder[keys[0]];
  if (keys[0] == "valueQuantity") check_quantity(v);
  if (keys[0] == "valueCodeableConcept") check_codeable(v);
  if (keys[0] == "valueInteger") CHECK(v.is_number_integer());
  if (keys[0] == "valueBoolean") CHECK(v.is_boolean());
  if (keys[0] == "valueString") CHECK(v.is_string());
}

void check_observation(const Json& o) {
  CHECK(o["resourceType"] == "Observation");
  CHECK(std::regex_match(o["id"].get<std::string>(), std::regex(R"([A-Za-z0-9\-\.]{1,64})")));
  const std::set<std::string> statuses = {"registered", "preliminary", "final", "amended",
                                          "corrected",  "cancelled",   "entered-in-error", "unknown"};
  CHECK(statuses.count(o["status"].get<std::string>()) == 1);
  check_codeable(o["code"]);
  for (const Json& c : o["category"]) check_codeable(c);
  check_value(o);
  // obs-6: dataAbsentReason SHALL only be present if value[x] is not present.
  if (o.contains("dataAbsentReason")) {
    CHECK(value_keys(o).empty());
    check_codeable(o["dataAbsentReason"]);
  }
  if (o.contains("effectiveDateTime")) {
    CHECK(std::regex_match(o["effectiveDateTime"].get<std::string>(),
                           std::regex(R"(\d{4}(-\d{2}(-\d{2})?)?)")));
  }
  for (const Json& comp : o.value("component", Json::array())) {
    check_codeable(comp["code"]);
    check_value(comp);
    // obs-7: a component's code differs from the observation's code when the latter has a value.
    CHECK(comp["code"] != o["code"]);
  }
}

Json bundle_of(const Json& record, std::vector<std::string> sets) {
  return crohn::fhir::bundle(crohn::record::evaluate(record, sets, {}));
}

Json find(const Json& bundle, const std::string& system, const std::string& code,
          const std::string& date = "") {
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    for (const Json& c : r["code"]["coding"]) {
      if (c["system"] == system && c["code"] == code &&
          (date.empty() || r.value("effectiveDateTime", "") == date)) {
        return r;
      }
    }
  }
  FAIL("no observation " << system << " " << code << " " << date);
  return nullptr;
}

// The observations of one code whose first note names the visit (label and week).
std::vector<Json> at_visit(const Json& bundle, const std::string& system, const std::string& code,
                           const std::string& label, const std::string& week) {
  std::vector<Json> out;
  const std::string note = "visit \"" + label + "\", week " + week + " after baseline";
  for (const Json& e : bundle["entry"]) {
    const Json& r = e["resource"];
    if (r["code"]["coding"][0]["system"] == system && r["code"]["coding"][0]["code"] == code &&
        r["note"][0]["text"] == note) {
      out.push_back(r);
    }
  }
  return out;
}

std::string verdict_of(const Json& observation) {
  if (observation.contains("dataAbsentReason")) return "not evaluable";
  return observation["valueCodeableConcept"]["text"];
}

bool has_note(const Json& observation, const std::string& part) {
  for (const Json& n : observation["note"]) {
    if (n["text"].get<std::string>().find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("fhir: the Bundle follows the R4 rules", "[fhir]") {
  const Json b = bundle_of(kRecord, {"study_sequence", "generic"});
  CHECK(b["resourceType"] == "Bundle");
  CHECK(b["type"] == "collection");
  REQUIRE(b["entry"].size() > 10);
  std::set<std::string> urls;
  for (const Json& e : b["entry"]) {
    const std::string url = e["fullUrl"];
    CHECK(std::regex_match(url, std::regex(R"(urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})")));
    CHECK(urls.insert(url).second);  // bdl-7: fullUrl unique
    CHECK(url == "urn:uuid:" + e["resource"]["id"].get<std::string>());
    check_observation(e["resource"]);
  }
  // The same evaluation always gives the same Bundle.
  CHECK(bundle_of(kRecord, {"study_sequence", "generic"}) == b);
}

TEST_CASE("fhir: LOINC only where a code exists, with UCUM units", "[fhir]") {
  const Json b = bundle_of(kRecord, {"study_sequence"});
  const Json crp = find(b, "http://loinc.org", "1988-5");
  CHECK(crp["valueQuantity"]["value"] == 14.0);  // 1.4 mg/dL = 14 mg/L
  CHECK(crp["valueQuantity"]["code"] == "mg/L");
  CHECK(crp["category"][0]["coding"][0]["code"] == "laboratory");
  const Json fc = find(b, "http://loinc.org", "38445-3");
  CHECK(fc["valueQuantity"]["value"] == 900.0);
  CHECK(fc["valueQuantity"]["code"] == "ug/g");
  for (const Json& e : b["entry"]) {
    for (const Json& c : e["resource"]["code"]["coding"]) {
      if (c["system"] == "http://loinc.org") {
        CHECK((c["code"] == "1988-5" || c["code"] == "38445-3"));
      }
    }
  }
  const Json bwt = find(b, crohn::fhir::kScoreSystem, "bwt");
  CHECK(bwt["valueQuantity"]["value"] == 6.1);
  CHECK(bwt["valueQuantity"]["code"] == "mm");
}

TEST_CASE("fhir: scores with bands as components, dates as effective", "[fhir]") {
  const Json b = bundle_of(kRecord, {"study_sequence"});
  const Json cdai = find(b, crohn::fhir::kScoreSystem, "cdai", "2024-06-24");
  CHECK(cdai["valueInteger"] == 132);
  CHECK(cdai["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "band-remission");
  CHECK(cdai["subject"]["identifier"]["value"] == "SEQ-104");
  const Json pro2 = find(b, crohn::fhir::kScoreSystem, "pro2");
  CHECK(pro2["valueQuantity"]["value"] == 20.0);  // 2 x 5 + 5 x 2
}

TEST_CASE("fhir: verdicts name the definition set and its version", "[fhir]") {
  const Json b = bundle_of(kRecord, {"study_sequence"});
  const Json remission =
      find(b, crohn::fhir::kEndpointSystem, "study_sequence.endoscopic_remission", "2024-12-09");
  CHECK(remission["valueCodeableConcept"]["coding"][0]["code"] == "achieved");
  CHECK(remission["method"]["text"].get<std::string>().find("study_sequence v1") != std::string::npos);
  // Week 24 has no SES-CD: not evaluable -> no value, a dataAbsentReason naming what is missing.
  const Json w24 =
      find(b, crohn::fhir::kEndpointSystem, "study_sequence.endoscopic_response", "2024-06-24");
  CHECK(value_keys(w24).empty());
  CHECK(w24["dataAbsentReason"]["coding"][0]["code"] == "unknown");
  CHECK(w24["dataAbsentReason"]["text"] == "not evaluable: missing ses_cd_followup");
}

TEST_CASE("fhir: records with weeks have no effective date; errors pass through", "[fhir]") {
  const Json rec = Json::parse(R"({"visits": [{"week": 0, "hbi_total": 9}, {"week": 12, "hbi_total": 3}]})");
  const Json b = bundle_of(rec, {"study_italian_upa"});
  for (const Json& e : b["entry"]) {
    CHECK_FALSE(e["resource"].contains("effectiveDateTime"));
    CHECK_FALSE(e["resource"].contains("subject"));
  }
  CHECK(crohn::fhir::bundle(Json{{"error", "x"}}).is_null());
  const Json err = Json::parse(crohn::fhir::bundle_json(R"({"record": {"visits": []}})"));
  CHECK(err["error"] == "out_of_range");
}

TEST_CASE("fhir: each verdict belongs to the visit it was computed at, also in a shared week", "[fhir]") {
  using crohn::fhir::kEndpointSystem;
  // A clinic and a lab visit in week 12: the CDAI verdict is the clinic's, the FC verdict the lab's.
  const Json rec = Json::parse(R"({"visits": [
    {"label": "baseline", "week": 0, "baseline": true, "cdai_total": 300},
    {"label": "clinic", "week": 12, "cdai_total": 120},
    {"label": "lab", "week": 12, "fecal_calprotectin_ug_g": 100}]})");
  const Json b = bundle_of(rec, {"generic"});
  auto verdict_at = [&](const Json& bundle, const std::string& code, const std::string& label,
                        const std::string& week) {
    const std::vector<Json> found = at_visit(bundle, kEndpointSystem, code, label, week);
    return found.size() == 1 ? verdict_of(found[0]) : std::to_string(found.size()) + " found";
  };
  CHECK(verdict_at(b, "generic.cdai_cr100", "clinic", "12") == "achieved");
  CHECK(verdict_at(b, "generic.cdai_cr100", "lab", "12") == "not evaluable");
  CHECK(verdict_at(b, "generic.fc_lt250", "clinic", "12") == "not evaluable");
  CHECK(verdict_at(b, "generic.fc_lt250", "lab", "12") == "achieved");
  for (const Json& o : at_visit(b, kEndpointSystem, "generic.cdai_cr100", "clinic", "12")) {
    CHECK(o["note"][1]["text"] == "decrease 180 of required 100");
  }

  // The same two visits on one date.
  const Json dated = Json::parse(R"({"visits": [
    {"label": "baseline", "date": "2024-01-08", "baseline": true, "cdai_total": 300},
    {"label": "clinic", "date": "2024-04-01", "cdai_total": 120},
    {"label": "lab", "date": "2024-04-01", "fecal_calprotectin_ug_g": 100}]})");
  const Json bd = bundle_of(dated, {"generic"});
  CHECK(verdict_at(bd, "generic.cdai_cr100", "clinic", "12") == "achieved");
  CHECK(verdict_at(bd, "generic.cdai_cr100", "lab", "12") == "not evaluable");
  CHECK(verdict_at(bd, "generic.fc_lt250", "lab", "12") == "achieved");
  for (const Json& o : at_visit(bd, kEndpointSystem, "generic.fc_lt250", "lab", "12")) {
    CHECK(o["effectiveDateTime"] == "2024-04-01");
  }

  // One label at two weeks stays two visits; one label twice in one week gives both verdicts.
  const Json same_label = Json::parse(R"({"visits": [
    {"label": "baseline", "week": 0, "baseline": true, "cdai_total": 300},
    {"label": "follow-up", "week": 12, "cdai_total": 120},
    {"label": "follow-up", "week": 24, "cdai_total": 260},
    {"label": "follow-up", "week": 24, "fecal_calprotectin_ug_g": 100}]})");
  const Json bs = bundle_of(same_label, {"generic"});
  CHECK(verdict_at(bs, "generic.cdai_cr100", "follow-up", "12") == "achieved");
  const std::vector<Json> w24 = at_visit(bs, kEndpointSystem, "generic.cdai_cr100", "follow-up", "24");
  REQUIRE(w24.size() == 2);
  CHECK(verdict_of(w24[0]) == "not achieved");
  CHECK(verdict_of(w24[1]) == "not evaluable");
  const std::vector<Json> fc24 = at_visit(bs, kEndpointSystem, "generic.fc_lt250", "follow-up", "24");
  REQUIRE(fc24.size() == 2);
  CHECK(verdict_of(fc24[0]) == "not evaluable");
  CHECK(verdict_of(fc24[1]) == "achieved");
}

TEST_CASE("fhir: an incomplete SES-CD and a short PRO2 diary are not plain scores", "[fhir]") {
  using crohn::fhir::kScoreSystem;
  // Week 48: the ileum was not reached, the total 0 covers four segments; week 12: a 3-day diary.
  const Json rec = Json::parse(R"({"visits": [
    {"week": 0, "baseline": true, "pro2": {"sf_daily": [6,6,6,6,6,6,6], "ap_daily": [2,2,2,2,2,2,2]},
     "ses_cd": {"segments": {
       "ileum": {"ulcer_size": 2, "ulcerated_surface": 2, "affected_surface": 2, "narrowing": 0},
       "right_colon": {"ulcer_size": 1, "ulcerated_surface": 1, "affected_surface": 1, "narrowing": 0},
       "transverse_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "left_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "rectum": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0}}}},
    {"week": 12, "pro2": {"sf_daily": [2,2,3], "ap_daily": [1,1,1]}},
    {"week": 48, "ses_cd": {"segments": {
       "ileum": {"not_evaluated": true},
       "right_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "transverse_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "left_colon": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0},
       "rectum": {"ulcer_size": 0, "ulcerated_surface": 0, "affected_surface": 0, "narrowing": 0}}}}]})");
  const Json b = bundle_of(rec, {"generic"});
  for (const Json& e : b["entry"]) check_observation(e["resource"]);

  const std::vector<Json> base = at_visit(b, kScoreSystem, "ses-cd", "baseline", "0");
  REQUIRE(base.size() == 1);
  CHECK(base[0]["valueInteger"] == 9);
  CHECK(base[0]["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == "band-moderate");
  CHECK(base[0]["note"].size() == 1);

  const std::vector<Json> partial = at_visit(b, kScoreSystem, "ses-cd", "week 48", "48");
  REQUIRE(partial.size() == 1);
  CHECK(partial[0]["valueInteger"] == 0);  // what was measured is kept
  CHECK_FALSE(partial[0].contains("component"));  // no band for a partial total
  CHECK(partial[0]["note"].size() == 2);
  CHECK(has_note(partial[0], "not every segment was examined"));
  CHECK(has_note(partial[0], "covers the examined segments only"));
  CHECK(has_note(partial[0], "not comparable with the total of a complete examination"));

  const std::vector<Json> full_diary = at_visit(b, kScoreSystem, "pro2", "baseline", "0");
  REQUIRE(full_diary.size() == 1);
  CHECK(full_diary[0]["note"].size() == 1);
  const std::vector<Json> short_diary = at_visit(b, kScoreSystem, "pro2", "week 12", "12");
  REQUIRE(short_diary.size() == 1);
  CHECK(short_diary[0]["valueQuantity"]["value"].get<double>() == Approx(2.0 * 7.0 / 3.0 + 5.0));
  CHECK(short_diary[0]["note"].size() == 2);
  CHECK(has_note(short_diary[0], "fewer than 7 days"));
}

TEST_CASE("fhir: resource ids come from the content, and the same input gives the same ids", "[fhir]") {
  // Two records without patient_id, the same codes in the same places, different values.
  const Json one = Json::parse(R"({"visits": [{"week": 0, "baseline": true, "hbi_total": 9},
                                              {"week": 12, "hbi_total": 3}]})");
  const Json two = Json::parse(R"({"visits": [{"week": 0, "baseline": true, "hbi_total": 9},
                                              {"week": 12, "hbi_total": 8}]})");
  const Json a = bundle_of(one, {"generic"});
  const Json b = bundle_of(two, {"generic"});
  REQUIRE(a["entry"].size() == b["entry"].size());
  // Entry 0 is the same baseline HBI in both; entry 1 is the week-12 HBI, 3 against 8.
  CHECK(a["entry"][0]["resource"] == b["entry"][0]["resource"]);
  CHECK(a["entry"][0]["fullUrl"] == b["entry"][0]["fullUrl"]);
  REQUIRE(a["entry"][1]["resource"]["code"] == b["entry"][1]["resource"]["code"]);
  CHECK(a["entry"][1]["resource"]["valueInteger"] != b["entry"][1]["resource"]["valueInteger"]);
  CHECK(a["entry"][1]["resource"]["id"] != b["entry"][1]["resource"]["id"]);
  CHECK(a["entry"][1]["fullUrl"] != b["entry"][1]["fullUrl"]);
  // Every resource whose content differs has its own id.
  for (std::size_t i = 0; i < a["entry"].size(); ++i) {
    Json ra = a["entry"][i]["resource"], rb = b["entry"][i]["resource"];
    ra.erase("id");
    rb.erase("id");
    CAPTURE(i);
    CHECK((ra == rb) == (a["entry"][i]["fullUrl"] == b["entry"][i]["fullUrl"]));
  }
  // Deterministic: the same record again gives the same Bundle, ids included.
  CHECK(bundle_of(one, {"generic"}) == a);
  // Two identical resources (same visit twice) still get distinct fullUrls.
  const Json twice = Json::parse(R"({"visits": [{"week": 0, "baseline": true, "hbi_total": 9},
                                                {"week": 12, "hbi_total": 3},
                                                {"week": 12, "hbi_total": 3}]})");
  std::set<std::string> urls;
  const Json b2 = bundle_of(twice, {"generic"});  // (a loop over a temporary's member would dangle)
  for (const Json& e : b2["entry"]) CHECK(urls.insert(e["fullUrl"].get<std::string>()).second);
}
