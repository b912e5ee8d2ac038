// SPDX-License-Identifier: MIT
#include "crohn/fhir.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <utility>
#include <vector>

#include "crohn/censored.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/input.hpp"
#include "crohn/record.hpp"
#include "crohn/version.hpp"

namespace crohn::fhir {

namespace {

using Json = nlohmann::json;

/// A deterministic UUID (version 4 layout) from text, so the same evaluation always gives the same
/// Bundle (64-bit FNV-1a twice with different offsets).
std::string uuid_of(const std::string& text) {
  auto fnv = [&](uint64_t h) {
    for (unsigned char c : text) {
      h ^= c;
      h *= 1099511628211ULL;
    }
    return h;
  };
  const uint64_t a = fnv(1469598103934665603ULL);
  const uint64_t b = fnv(a ^ 0x9e3779b97f4a7c15ULL);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
                static_cast<unsigned>((a >> 16) & 0xffff), static_cast<unsigned>(a & 0xfff),
                static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3fff)),
                static_cast<unsigned long long>(b & 0xffffffffffffULL));
  return buf;
}

Json coding(const char* system, const std::string& code, const std::string& display) {
  return {{"system", system}, {"code", code}, {"display", display}};
}

Json category(const char* code, const char* display) {
  return Json::array({{{"coding", Json::array({coding(kCategorySystem, code, display)})}}});
}

Json quantity(double value, const char* unit) {
  return {{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", unit}};
}

struct Context {
  Json subject;
  std::string effective;  // a date when the record gave dates, else ""
  double week = 0;
  std::string visit_label;
};

bool has_warning(const Json& warnings, const char* warning) {
  for (const Json& w : warnings) {
    if (w == warning) return true;
  }
  return false;
}

// What a visit's warnings (crohn/record.hpp) mean for the score they qualify.
constexpr const char* kResectedSesCdNote =
    "postoperative anatomy: the SES-CD was not developed for it; this total covers the segments "
    "present only (no prorating). Resected segments: ";
constexpr const char* kIncompleteSesCdNote =
    "incomplete examination: not every segment was examined, so this total covers the examined "
    "segments only and is not comparable with the total of a complete examination (no activity "
    "band is given for it)";
constexpr const char* kShortDiaryNote =
    "diary of fewer than 7 days: the mean daily stool frequency or abdominal pain comes from fewer "
    "days than the usual 7-day diary";

constexpr const char* kUnsplitI2Note =
    "original-score grade i2, not subclassified into i2a or i2b: recurrence >= i2 is known, "
    "recurrence >= i2b is not evaluable";
constexpr const char* kAnastomosisNote =
    "the Rutgeerts score was developed for end-to-end anastomoses and is not validated for this "
    "anastomosis type";

constexpr const char* kIncompleteCdeisNote =
    "incomplete examination: the CDEIS is divided by the segments explored, fewer than five";
constexpr const char* kIncompleteMrNote =
    "incomplete examination: not every one of the six segments was evaluated, so this global "
    "score covers the evaluated segments only and is not comparable with that of a complete "
    "examination";
constexpr const char* kQ1bNoTreatmentNote =
    "Q1b answered 'not taking any treatment', scored 1 point (awell-score's rule; not verified "
    "in Bodger 2014)";
constexpr const char* kWpcdaiBandNote =
    "wPCDAI points and bands from a secondary source (Arch Dis Child Table 1; edge 40 = mild as "
    "ibdplexus and TISKids); remission < 12.5 verified in the TISKids protocol abstract";

Json observation(const Context& ctx, Json code, Json cat) {
  Json o = {{"resourceType", "Observation"}, {"status", "final"}, {"category", cat}, {"code", code}};
  if (!ctx.subject.is_null()) o["subject"] = ctx.subject;
  if (!ctx.effective.empty()) o["effectiveDateTime"] = ctx.effective;
  o["note"] = Json::array({{{"text", "visit \"" + ctx.visit_label + "\", week " +
                                         format_number(ctx.week) + " after baseline"}}});
  return o;
}

Json band_component(const std::string& score, const std::string& band) {
  return {{"code", {{"coding", Json::array({coding(kScoreSystem, score + "-band", score + " band")})}}},
          {"valueCodeableConcept",
           {{"coding", Json::array({coding(kScoreSystem, "band-" + band, band)})}}}};
}

void score_observations(const Context& ctx, const Json& s, const Json& warnings, Json& out) {
  // caveat: a note saying why the value is not an ordinary one (nullptr: it is).
  auto integer_score = [&](const char* key, const char* code, const char* display,
                           const char* band_key, const char* cat, const char* cat_display,
                           const char* caveat) {
    if (!s.contains(key)) return;
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, code, display)})},
                               {"text", display}},
                         category(cat, cat_display));
    o["valueInteger"] = s[key];
    if (band_key && s.contains(band_key)) {
      o["component"] = Json::array({band_component(code, s[band_key].get<std::string>())});
    }
    if (caveat) o["note"].push_back({{"text", caveat}});
    out.push_back(std::move(o));
  };
  integer_score("hbi_total", "hbi", "Harvey-Bradshaw Index", "hbi_band", "exam", "Exam", nullptr);
  integer_score("cdai_total", "cdai", "Crohn's Disease Activity Index", "cdai_band", "exam", "Exam",
                nullptr);
  // The total of an incomplete examination is what was measured, but its band would read as the
  // activity of the whole bowel: the value is kept with a note, the band left out.
  const bool partial_ses_cd = has_warning(warnings, "ses_cd:incomplete_examination");
  integer_score("ses_cd_total", "ses-cd", "Simple Endoscopic Score for Crohn's Disease",
                partial_ses_cd ? nullptr : "ses_cd_band", "procedure", "Procedure",
                partial_ses_cd ? kIncompleteSesCdNote : nullptr);
  // Resected segments (clinical-spec-instruments §3.2) are named in a note: the total covers the
  // segments present, and the score was not developed for postoperative anatomy.
  if (s.contains("ses_cd_segments_resected") && s.contains("ses_cd_total")) {
    std::string names;
    for (const Json& seg : s["ses_cd_segments_resected"]) {
      names += (names.empty() ? "" : ", ") + seg.get<std::string>();
    }
    out.back()["note"].push_back({{"text", std::string(kResectedSesCdNote) + names}});
  }
  integer_score("ibdq_total", "ibdq", "Inflammatory Bowel Disease Questionnaire", nullptr, "survey",
                "Survey", nullptr);
  // Rutgeerts: an ordinal grade, not a number, so a coded value (no LOINC code for the score was
  // found: docs/fhir.md). The original grade (i2a/i2b -> i2) is a component; an unsplit i2 has
  // a note saying why ">= i2b" is not evaluable.
  if (s.contains("rutgeerts_grade")) {
    const std::string grade = s["rutgeerts_grade"];
    const std::string original = s["rutgeerts_grade_original"];
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, "rutgeerts",
                                                              "Rutgeerts score (post-operative endoscopic recurrence)")})},
                               {"text", "Rutgeerts score"}},
                         category("procedure", "Procedure"));
    o["valueCodeableConcept"] = {
        {"coding", Json::array({coding(kScoreSystem, "rutgeerts-" + grade, "Rutgeerts " + grade)})},
        {"text", "Rutgeerts " + grade}};
    o["component"] = Json::array(
        {{{"code", {{"coding", Json::array({coding(kScoreSystem, "rutgeerts-original",
                                                   "Rutgeerts grade, original score (i0-i4)")})}}},
          {"valueCodeableConcept",
           {{"coding", Json::array({coding(kScoreSystem, "rutgeerts-" + original, "Rutgeerts " + original)})}}}}});
    if (has_warning(warnings, "rutgeerts:i2_not_subclassified")) {
      o["note"].push_back({{"text", kUnsplitI2Note}});
    }
    if (has_warning(warnings, "rutgeerts:rutgeerts_not_validated_for_anastomosis_type")) {
      o["note"].push_back({{"text", kAnastomosisNote}});
    }
    out.push_back(std::move(o));
  }
  // CDEIS: a decimal score (no LOINC code for it was found: docs/fhir.md), its band a component;
  // an incomplete examination is said in a note (the CDEIS divides by the segments explored).
  if (s.contains("cdeis_total")) {
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, "cdeis",
                                                              "Crohn's Disease Endoscopic Index of Severity")})},
                               {"text", "CDEIS"}},
                         category("procedure", "Procedure"));
    o["valueQuantity"] = quantity(s["cdeis_total"].get<double>(), "{score}");
    o["component"] = Json::array({band_component("cdeis", s["cdeis_band"].get<std::string>())});
    if (has_warning(warnings, "cdeis:incomplete_examination")) {
      o["note"].push_back({{"text", kIncompleteCdeisNote}});
    }
    out.push_back(std::move(o));
  }
  // MaRIA, sMaRIA, PDAI, IBD-Control-8: project code system (no LOINC code for any of them was
  // found). The per-segment bands stay in the calculator; an incomplete examination gets a note.
  if (s.contains("maria_global")) {
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, "maria",
                                                              "MaRIA, global (sum over the evaluated segments)")})},
                               {"text", "MaRIA (global)"}},
                         category("imaging", "Imaging"));
    o["valueQuantity"] = quantity(s["maria_global"].get<double>(), "{score}");
    if (has_warning(warnings, "maria:incomplete_examination")) o["note"].push_back({{"text", kIncompleteMrNote}});
    out.push_back(std::move(o));
  }
  integer_score("smaria_global", "smaria", "Simplified MaRIA, global (sum over the evaluated segments)",
                nullptr, "imaging", "Imaging",
                has_warning(warnings, "smaria:incomplete_examination") ? kIncompleteMrNote : nullptr);
  integer_score("pdai_total", "pdai", "Perianal Disease Activity Index", nullptr, "exam", "Exam", nullptr);
  integer_score("ibd_control_8_total", "ibd-control-8", "IBD-Control-8 score", nullptr, "survey",
                "Survey",
                has_warning(warnings, "ibd_control:q1b_no_treatment_scored_1") ? kQ1bNoTreatmentNote : nullptr);
  if (s.contains("ibd_control_vas") && s["ibd_control_vas"].is_number() && !out.empty() &&
      out.back()["code"]["coding"][0]["code"] == "ibd-control-8") {
    out.back()["component"] = Json::array(
        {{{"code", {{"coding", Json::array({coding(kScoreSystem, "ibd-control-vas",
                                                   "IBD-Control VAS, overall control (0-100)")})}}},
          {"valueQuantity", quantity(s["ibd_control_vas"].get<double>(), "{score}")}}});
  }
  // PCDAI and wPCDAI: decimal totals in 2.5-point steps (no LOINC code for either was found:
  // docs/fhir.md), each with its band as a component (the PCDAI's Turner 2010 band; the wPCDAI's
  // SECONDARY band, said in a note).
  if (s.contains("pcdai_total")) {
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, "pcdai",
                                                              "Pediatric Crohn's Disease Activity Index")})},
                               {"text", "PCDAI"}},
                         category("exam", "Exam"));
    o["valueQuantity"] = quantity(s["pcdai_total"].get<double>(), "{score}");
    o["component"] = Json::array({band_component("pcdai", s["pcdai_band"].get<std::string>())});
    out.push_back(std::move(o));
  }
  if (s.contains("wpcdai_total")) {
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, "wpcdai",
                                                              "Weighted Pediatric Crohn's Disease Activity Index")})},
                               {"text", "wPCDAI"}},
                         category("exam", "Exam"));
    o["valueQuantity"] = quantity(s["wpcdai_total"].get<double>(), "{score}");
    o["component"] = Json::array({band_component("wpcdai", s["wpcdai_band"].get<std::string>())});
    o["note"].push_back({{"text", kWpcdaiBandNote}});
    out.push_back(std::move(o));
  }
  if (s.contains("pro2_weighted")) {
    Json o = observation(ctx, {{"coding", Json::array({coding(kScoreSystem, "pro2", "PRO2 (2 x SF + 5 x AP)")})},
                               {"text", "PRO2"}},
                         category("survey", "Survey"));
    o["valueQuantity"] = quantity(s["pro2_weighted"].get<double>(), "{score}");
    o["component"] = Json::array(
        {{{"code", {{"coding", Json::array({coding(kScoreSystem, "pro2-sf", "mean daily stool frequency")})}}},
          {"valueQuantity", quantity(s["sf_avg"].get<double>(), "/d")}},
         {{"code", {{"coding", Json::array({coding(kScoreSystem, "pro2-ap", "mean daily abdominal pain")})}}},
          {"valueQuantity", quantity(s["ap_avg"].get<double>(), "{score}")}}});
    if (has_warning(warnings, "pro2:fewer_than_7_diary_days")) {
      o["note"].push_back({{"text", kShortDiaryNote}});
    }
    out.push_back(std::move(o));
  }
  // Measurements with a unit: key in the scores, code system and code, display, text, UCUM unit.
  struct Measured {
    const char* key;
    const char* system;
    const char* code;
    const char* display;
    const char* text;
    const char* unit;
    const char* category;
    const char* category_display;
  };
  static const Measured kMeasured[] = {
      {"crp_mg_l", kLoinc, "1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", "CRP",
       "mg/L", "laboratory", "Laboratory"},
      {"fecal_calprotectin_ug_g", kLoinc, "38445-3", "Calprotectin [Mass/mass] in Stool",
       "Faecal calprotectin", "ug/g", "laboratory", "Laboratory"},
      {"bwt_mm", kScoreSystem, "bwt", "Bowel-wall thickness (intestinal ultrasound)",
       "Bowel-wall thickness", "mm", "imaging", "Imaging"},
  };
  for (const Measured& m : kMeasured) {
    if (!s.contains(m.key)) continue;
    Json o = observation(ctx, {{"coding", Json::array({coding(m.system, m.code, m.display)})},
                               {"text", m.text}},
                         category(m.category, m.category_display));
    const Json& value = s[m.key];
    if (value.is_string()) {
      // A censored laboratory value ("<5", the visit's scores: crohn/censored.hpp) is a Quantity
      // with its comparator, FHIR's own form for it ("<", "<=", ">=", ">").
      std::string_view text = value.get_ref<const std::string&>();
      const Bound bound = take_bound(text);
      o["valueQuantity"] = quantity(std::strtod(std::string(text).c_str(), nullptr), m.unit);
      o["valueQuantity"]["comparator"] = bound_sign(bound);
    } else {
      o["valueQuantity"] = quantity(value.get<double>(), m.unit);
    }
    out.push_back(std::move(o));
  }
}

}  // namespace

Json bundle(const Json& evaluation) {
  if (!evaluation.is_object() || evaluation.contains("error")) return nullptr;
  Json subject = nullptr;
  if (evaluation.contains("patient_id") && evaluation["patient_id"].is_string()) {
    subject = {{"identifier", {{"value", evaluation["patient_id"]}}},
               {"display", evaluation["patient_id"]}};
  }
  std::vector<Json> resources;
  // Each visit's context, and the visits (by position) that have a given week and label.
  using Key = std::pair<double, std::string>;
  std::vector<Context> contexts;
  std::map<Key, std::vector<std::size_t>> visits_of;
  for (const Json& v : evaluation["visits"]) {
    Context ctx{subject, v.value("date", ""), v["week"].get<double>(), v["label"].get<std::string>()};
    visits_of[{ctx.week, ctx.visit_label}].push_back(contexts.size());
    Json scores = Json::array();
    score_observations(ctx, v["scores"], v["warnings"], scores);
    for (Json& o : scores) resources.push_back(std::move(o));
    contexts.push_back(std::move(ctx));
  }
  const std::string version = evaluation.value("version", kVersion);
  for (const Json& set : evaluation["sets"]) {
    const std::string set_id = set["id"];
    // A row names its visit by label and week. Several visits may share a week (a clinic and a
    // lab visit on one day) or a label, so a row is matched on both; the rows list the follow-ups
    // in week order, visits of one week in record order (record::followups_in_order), so the
    // n-th row with a label and week is the n-th visit with them.
    std::map<Key, std::size_t> rows_seen;
    for (const Json& row : set["visits"]) {
      const Key key{row["week"].get<double>(), row["visit"].get<std::string>()};
      const auto found = visits_of.find(key);
      std::size_t& n = rows_seen[key];
      if (found == visits_of.end() || n >= found->second.size()) {
        throw std::invalid_argument("FHIR export: the endpoint row of visit \"" + key.second +
                                    "\" matches no visit of the evaluation");
      }
      const Context& ctx = contexts[found->second[n++]];
      for (const Json& e : row["endpoints"]) {
        const std::string code = set_id + "." + e["id"].get<std::string>();
        Json o = observation(ctx, {{"coding", Json::array({coding(kEndpointSystem, code, e["label"])})},
                                   {"text", e["label"]}},
                             Json::array({{{"text", "treatment endpoint"}}}));
        o["method"] = {{"text", "Crohn Score " + version + ", definition set " + set_id + " v" +
                                    set["version"].get<std::string>() + " (" +
                                    set["citation"].get<std::string>() + "), rule " +
                                    e["rule"].get<std::string>()}};
        const std::string verdict = e["verdict"];
        if (verdict == "not_evaluable") {
          std::string missing;
          for (const Json& m : e["missing"]) missing += (missing.empty() ? "" : ", ") + m.get<std::string>();
          o["dataAbsentReason"] = {{"coding", Json::array({coding(kDataAbsentSystem, "unknown", "Unknown")})},
                                   {"text", "not evaluable: missing " + missing}};
        } else {
          const bool achieved = verdict == "achieved";
          o["valueCodeableConcept"] = {
              {"coding", Json::array({coding(kScoreSystem, achieved ? "achieved" : "not-achieved",
                                             achieved ? "achieved" : "not achieved")})},
              {"text", achieved ? "achieved" : "not achieved"}};
        }
        if (!e["detail"].get<std::string>().empty()) {
          o["note"].push_back({{"text", e["detail"]}});
        }
        resources.push_back(std::move(o));
      }
    }
  }
  Json entries = Json::array();
  for (std::size_t i = 0; i < resources.size(); ++i) {
    // The id hashes the resource itself (so different values give different ids, with or
    // without a patient_id) and its position (so two identical resources stay distinct, bdl-7).
    const std::string id = uuid_of(std::to_string(i) + "#" + resources[i].dump());
    resources[i]["id"] = id;
    entries.push_back({{"fullUrl", "urn:uuid:" + id}, {"resource", std::move(resources[i])}});
  }
  return {{"resourceType", "Bundle"},
          {"type", "collection"},
          {"meta", {{"tag", Json::array({coding(kScoreSystem, "crohnscore-" + version, "Crohn Score " + version)})}}},
          {"entry", entries}};
}

std::string bundle_json(std::string_view record_request) noexcept {
  try {
    std::string message;
    Json request = parse_json(record_request, message);
    if (request.is_discarded()) {
      return dump_json(errors_to_json({Error{code::kInvalidJson, "request", "the request is not valid JSON: " + message, "request"}}));
    }
    Json evaluation = record::evaluate_request(request);
    if (evaluation.contains("error")) return dump_json(evaluation);
    return dump_json(bundle(evaluation));
  } catch (...) {
    return dump_json(errors_to_json({Error{code::kInternal, "request", "internal error", "request"}}));
  }
}

}  // namespace crohn::fhir
