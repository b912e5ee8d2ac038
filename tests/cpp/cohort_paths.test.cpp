// SPDX-License-Identifier: MIT
// Cohort mode: a CSV and the same patients as JSON records give the same analysis (one set of
// rules reads both), the JSON-text entry point gives exactly the tree API's dump, and the
// progress callback keeps its promises (monotonic, ends at done == total, few calls).
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/cohort.hpp"
#include "crohn/evaluate.hpp"

using Json = nlohmann::json;

namespace {

const char* const kSegments[] = {"ileum", "right_colon", "transverse_colon", "left_colon", "rectum"};
const char* const kItems[] = {"ulcer_size", "ulcerated_surface", "affected_surface", "narrowing"};

/// A deterministic cohort, written both as the template's CSV and as JSON patient records. Each
/// visit draws which instruments were measured and how (HBI items or total, SES-CD segments or
/// total, CRP in mg/L, mg/dL or crp_mg_l, ...), including values that the reader refuses.
struct Cohort {
  std::string csv;
  Json records = Json::array();
};

class Draw {
 public:
  explicit Draw(uint32_t seed) : state_(seed) {}
  uint32_t next() {
    state_ = state_ * 1664525u + 1013904223u;
    return state_ >> 8;
  }
  int between(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint32_t>(hi - lo + 1)); }
  bool chance(int percent) { return between(1, 100) <= percent; }

 private:
  uint32_t state_;
};

const std::vector<std::string>& cohort_columns() {
  static const std::vector<std::string> kColumns = [] {
    std::vector<std::string> columns = {"patient_id", "arm", "week", "label",
                                        "hbi_general_wellbeing", "hbi_abdominal_pain",
                                        "hbi_liquid_stools_per_day", "hbi_abdominal_mass",
                                        "hbi_complications", "hbi_total", "cdai_total",
                                        "ses_cd_total", "ses_cd_max_item_score"};
    for (const char* s : kSegments) {
      for (const char* i : kItems) columns.push_back(std::string("ses_") + s + "_" + i);
    }
    for (const char* c : {"crp_value", "crp_unit", "crp_mg_l", "fecal_calprotectin_ug_g", "bwt_mm",
                          "corticosteroids", "discontinued", "sf_avg", "ap_avg"}) {
      columns.emplace_back(c);
    }
    return columns;
  }();
  return kColumns;
}

/// One CSV row of the cohort's columns (cells given by column name, already quoted if need be).
std::string csv_row(const std::vector<std::pair<std::string, std::string>>& cells) {
  const auto& columns = cohort_columns();
  std::vector<std::string> row(columns.size());
  for (const auto& [column, text] : cells) {
    row[static_cast<std::size_t>(std::find(columns.begin(), columns.end(), column) - columns.begin())] = text;
  }
  std::string out;
  for (std::size_t c = 0; c < row.size(); ++c) out += (c ? "," : "") + row[c];
  return out + "\n";
}

/// `errors`: also values that the reader refuses (a CSV row is then left out, a JSON record
/// with it as a whole, so only the messages can be compared).
Cohort make_cohort(int patients, uint32_t seed, bool errors = false) {
  const auto& columns = cohort_columns();
  Cohort out;
  for (std::size_t c = 0; c < columns.size(); ++c) out.csv += (c ? "," : "") + columns[c];
  out.csv += "\n";
  Draw d(seed);
  for (int p = 0; p < patients; ++p) {
    const std::string id = "P" + std::to_string(p + 1);
    const std::string arm = d.chance(50) ? "active" : "control";
    Json visits = Json::array();
    const int n = d.between(1, 4);
    std::vector<int> weeks;  // one visit per week (a second one is a data error, tested apart)
    for (int v = 0; v < n; ++v) {
      std::vector<std::pair<std::string, std::string>> cell;
      auto put = [&](const std::string& column, const std::string& text) { cell.emplace_back(column, text); };
      Json visit = Json::object();
      int week = v == 0 ? 0 : 4 * v + d.between(-1, 1) + (d.chance(5) ? 10 : 0);
      while (std::find(weeks.begin(), weeks.end(), week) != weeks.end()) ++week;
      weeks.push_back(week);
      put("patient_id", id);
      put("arm", arm);
      put("week", std::to_string(week));
      visit["week"] = week;
      if (d.chance(10)) {
        put("label", "visit " + std::to_string(v));
        visit["label"] = "visit " + std::to_string(v);
      }
      const int hbi = d.between(0, 9);
      if (hbi < 5) {  // items (an abdominal pain of 4 is out of range)
        const int items[] = {d.between(0, 4), d.between(0, errors && d.chance(3) ? 4 : 3), d.between(0, 12),
                             d.between(0, 3)};
        const char* names[] = {"general_wellbeing", "abdominal_pain", "liquid_stools_per_day",
                               "abdominal_mass"};
        for (int i = 0; i < 4; ++i) {
          put(std::string("hbi_") + names[i], std::to_string(items[i]));
          visit["hbi"][names[i]] = items[i];
        }
        const bool comp = d.chance(30);
        put("hbi_complications", comp ? "arthralgia|uveitis" : "none");
        visit["hbi"]["complications"] = comp ? Json::array({"arthralgia", "uveitis"}) : Json::array();
      } else if (hbi < 8) {
        const int total = d.between(0, 30);
        put("hbi_total", std::to_string(total));
        visit["hbi_total"] = total;
      }
      if (d.chance(15)) {
        const int cdai = d.between(0, 500);
        put("cdai_total", std::to_string(cdai));
        visit["cdai_total"] = cdai;
      }
      const int ses = d.between(0, 9);
      if (ses < 3) {  // segments, some not examined
        for (const char* s : kSegments) {
          if (d.chance(20)) {
            visit["ses_cd"]["segments"][s] = {{"not_evaluated", true}};
            continue;
          }
          for (const char* i : kItems) {
            const int value = d.between(0, 3);
            put(std::string("ses_") + s + "_" + i, std::to_string(value));
            visit["ses_cd"]["segments"][s][i] = value;
          }
        }
        if (visit.contains("ses_cd")) {
          bool any = false;
          for (const auto& seg : visit["ses_cd"]["segments"].items()) any = any || !seg.value().contains("not_evaluated");
          if (!any) {  // the CSV has no cell for it: no SES-CD at all
            visit.erase("ses_cd");
          }
        }
      } else if (ses < 5) {
        const int total = d.between(errors ? 0 : 3, 30), max = d.between(0, 3);
        put("ses_cd_total", std::to_string(total));
        put("ses_cd_max_item_score", std::to_string(max));
        visit["ses_cd_total"] = total;
        visit["ses_cd_max_item_score"] = max;
      }
      const int crp = d.between(0, 9);
      const double crp_value = d.between(1, 600) / 10.0;
      if (crp < 4) {
        put("crp_value", nlohmann::json(crp_value).dump());
        put("crp_unit", "mg/L");
        visit["crp_value"] = crp_value;
        visit["crp_unit"] = "mg/L";
      } else if (crp < 6) {
        put("crp_value", nlohmann::json(crp_value / 10).dump());
        put("crp_unit", "mg/dL");
        visit["crp_value"] = crp_value / 10;
        visit["crp_unit"] = "mg/dL";
      } else if (crp < 8) {
        put("crp_mg_l", nlohmann::json(crp_value).dump());
        visit["crp_mg_l"] = crp_value;
      }
      if (d.chance(70)) {
        const int fc = d.between(10, 1500);
        put("fecal_calprotectin_ug_g", std::to_string(fc));
        visit["fecal_calprotectin_ug_g"] = fc;
      }
      if (d.chance(50)) {  // some with three decimals, which the reader refuses
        const double bwt = errors && d.chance(3) ? 3.125 : d.between(15, 90) / 10.0;
        put("bwt_mm", nlohmann::json(bwt).dump());
        visit["bwt_mm"] = bwt;
      }
      if (d.chance(20)) {
        const double sf = d.between(0, 80) / 10.0, ap = d.between(0, 30) / 10.0;
        put("sf_avg", nlohmann::json(sf).dump());
        put("ap_avg", nlohmann::json(ap).dump());
        visit["sf_avg"] = sf;
        visit["ap_avg"] = ap;
      }
      if (d.chance(90)) {
        const bool cs = d.chance(30);
        put("corticosteroids", cs ? "yes" : "no");
        visit["corticosteroids"] = cs;
      }
      const bool stopped = v > 0 && d.chance(5);
      put("discontinued", stopped ? "yes" : "no");
      visit["discontinued"] = stopped;
      out.csv += csv_row(cell);
      visits.push_back(std::move(visit));
    }
    out.records.push_back({{"patient_id", id}, {"arm", arm}, {"visits", std::move(visits)}});
  }
  return out;
}

/// The parts of an analysis that do not depend on the input's form (a CSV has rows and
/// columns; records have neither).
Json comparable(Json a) {
  a.erase("input");
  a.erase("issues");
  for (Json& p : a["patients"]) p.erase("row");
  return a;
}

/// Issue messages without the form's own framing: "visits[1].", "; visit left out" and "; patient
/// left out" for a record, "; row left out" for a CSV row, " not read (the rest of the row is
/// used)" or "... visit is used" for a bad value, and where the first of a visit given twice is
/// (a row or a visit).
std::vector<std::string> messages(const crohn::cohort::Input& in) {
  std::vector<std::string> out;
  for (const auto& i : in.issues) {
    std::string m = i.message;
    if (m.rfind("visits[", 0) == 0) m = m.substr(m.find("].") + 2);
    for (const char* tail : {"; row left out", "; visit left out", "; patient left out",
                             " (first at ", " not read (the rest of the "}) {
      const auto at = m.find(tail);
      if (at != std::string::npos) m = m.substr(0, at);
    }
    out.push_back(m);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("cohort: a CSV and the same patients as JSON records give the same analysis",
          "[cohort][paths]") {
  for (uint32_t seed : {1u, 2u, 3u}) {
    const Cohort c = make_cohort(150, seed);
    const auto from_csv = crohn::cohort::read_csv(c.csv);
    const auto from_records = crohn::cohort::read_records(c.records);
    INFO("seed " << seed);
    CHECK(from_csv.issues.empty());
    CHECK(from_records.issues.empty());
    REQUIRE(from_csv.patients.size() == 150);
    REQUIRE(from_records.patients.size() == 150);
    for (const auto& sets : {std::vector<std::string>{}, std::vector<std::string>{"study_italian_upa", "stride2"}}) {
      crohn::cohort::Options o;
      o.sets = sets;
      const Json a = crohn::cohort::analyse(from_csv, o);
      const Json b = crohn::cohort::analyse(from_records, o);
      REQUIRE_FALSE(a.contains("error"));
      CHECK(comparable(a) == comparable(b));
    }
  }
}

TEST_CASE("cohort: a value out of range has the same message in a CSV cell and a JSON visit",
          "[cohort][paths]") {
  const std::string csv =
      "patient_id,week,hbi_general_wellbeing,hbi_abdominal_pain,hbi_liquid_stools_per_day,"
      "hbi_abdominal_mass,hbi_complications,ses_ileum_ulcer_size,ses_ileum_ulcerated_surface,"
      "ses_ileum_affected_surface,ses_ileum_narrowing,crp_value,crp_unit,bwt_mm,ses_cd_total\n"
      "A,0,1,7,2,0,none,,,,,,,,\n"
      "B,0,1,1,2,0,arthralgia|gout,,,,,,,,\n"
      "C,0,,,,,,1,1,5,0,,,,\n"
      "D,0,,,,,,,,,,3,g/L,,\n"
      "E,0,,,,,,,,,,,,3.125,\n"
      "F,0,,,,,,1,1,1,0,,,,4\n";
  const Json records = Json::parse(R"([
    {"patient_id": "A", "visits": [{"week": 0, "hbi": {"general_wellbeing": 1, "abdominal_pain": 7, "liquid_stools_per_day": 2, "abdominal_mass": 0, "complications": []}}]},
    {"patient_id": "B", "visits": [{"week": 0, "hbi": {"general_wellbeing": 1, "abdominal_pain": 1, "liquid_stools_per_day": 2, "abdominal_mass": 0, "complications": ["arthralgia", "gout"]}}]},
    {"patient_id": "C", "visits": [{"week": 0, "ses_cd": {"segments": {"ileum": {"ulcer_size": 1, "ulcerated_surface": 1, "affected_surface": 5, "narrowing": 0},
      "right_colon": {"not_evaluated": true}, "transverse_colon": {"not_evaluated": true}, "left_colon": {"not_evaluated": true}, "rectum": {"not_evaluated": true}}}}]},
    {"patient_id": "D", "visits": [{"week": 0, "crp_value": 3, "crp_unit": "g/L"}]},
    {"patient_id": "E", "visits": [{"week": 0, "bwt_mm": 3.125}]},
    {"patient_id": "F", "visits": [{"week": 0, "ses_cd_total": 4, "ses_cd": {"segments": {"ileum": {"ulcer_size": 1, "ulcerated_surface": 1, "affected_surface": 1, "narrowing": 0},
      "right_colon": {"not_evaluated": true}, "transverse_colon": {"not_evaluated": true}, "left_colon": {"not_evaluated": true}, "rectum": {"not_evaluated": true}}}}]}])");
  const auto from_csv = crohn::cohort::read_csv(csv);
  const auto from_records = crohn::cohort::read_records(records);
  // The CSV also lists each patient left without a usable visit; the records list each error once.
  // Both list each patient left without a usable visit, in words of their own.
  const auto without_no_visit = [](const std::vector<std::string>& all) {
    std::vector<std::string> out;
    for (const std::string& m : all) {
      if (m.find("no usable visit") == std::string::npos) out.push_back(m);
    }
    return out;
  };
  const std::vector<std::string> csv_rows = without_no_visit(messages(from_csv));
  CHECK(csv_rows == without_no_visit(messages(from_records)));
  CHECK(csv_rows.size() >= 6);
  // And in a bigger cohort with refused values here and there.
  const Cohort c = make_cohort(200, 5, true);
  std::vector<std::string> rows;
  for (const std::string& m : without_no_visit(messages(crohn::cohort::read_csv(c.csv)))) {
    if (m.find("mark exactly one visit") == std::string::npos) rows.push_back(m);
  }
  CHECK_FALSE(rows.empty());
  std::vector<std::string> record_rows;
  for (const std::string& m : without_no_visit(messages(crohn::cohort::read_records(c.records)))) {
    if (m.find("mark exactly one visit") == std::string::npos) record_rows.push_back(m);
  }
  CHECK(rows == record_rows);
  // Those refused values are cells (an HBI item out of range, a bowel-wall thickness with three
  // decimals, an SES-CD highest item above its total): each costs its measure only, by the same
  // rule in both forms, so the two analyses are the same too.
  const auto bad_csv = crohn::cohort::read_csv(c.csv);
  const auto bad_records = crohn::cohort::read_records(c.records);
  CHECK(bad_csv.patients.size() == bad_records.patients.size());
  std::size_t measure_missing = 0;
  for (const auto& i : bad_csv.issues) measure_missing += std::string(i.effect) == "measure_missing";
  CHECK(measure_missing == bad_csv.issues.size());
  CHECK(measure_missing > 0);
  CHECK(comparable(crohn::cohort::analyse(bad_csv, {})) == comparable(crohn::cohort::analyse(bad_records, {})));
}

TEST_CASE("cohort: analyse_json is the dump of analyse, with and without per-patient verdicts",
          "[cohort][paths]") {
  Cohort c = make_cohort(60, 7, true);
  // Patient ids that need escaping, and a byte that is not UTF-8 (replaced in the output).
  c.csv += csv_row({{"patient_id", "\"Q \"\"1\"\"\""}, {"arm", "active"}, {"week", "0"}, {"hbi_total", "9"}});
  c.csv += csv_row({{"patient_id", "\"Q \"\"1\"\"\""}, {"arm", "active"}, {"week", "8"}, {"hbi_total", "3"}});
  c.csv += csv_row({{"patient_id", "R\xff\xe2\x82\xac"}, {"arm", "control"}, {"week", "0"}, {"hbi_total", "9"}});
  // (Sets in the table's order, the order analyse_json puts them in.)
  for (const char* options : {"{}", R"({"include_patients": false})",
                              R"({"definition_sets": ["study_power", "study_italian_upa"], "weeks": [8, 12]})",
                              R"({"window_weeks": 0})"}) {
    INFO(options);
    crohn::cohort::Options o;
    const Json opts = Json::parse(options);
    if (opts.contains("definition_sets")) o.sets = opts["definition_sets"].get<std::vector<std::string>>();
    if (opts.contains("weeks")) o.weeks = opts["weeks"].get<std::vector<double>>();
    if (opts.contains("window_weeks")) o.record.window_weeks = opts["window_weeks"];
    if (opts.contains("include_patients")) o.include_patients = opts["include_patients"];
    const std::string tree = crohn::dump_json(crohn::cohort::analyse(crohn::cohort::read_any(c.csv), o));
    CHECK(crohn::cohort::analyse_json(c.csv, options) == tree);
  }
  const Json a = Json::parse(crohn::cohort::analyse_json(c.csv, "{}"));
  CHECK(a["patients"].size() == a["input"]["patients"].get<std::size_t>());
  CHECK(a["patients"][a["patients"].size() - 2]["patient_id"] == "Q \"1\"");
}

namespace {

struct Calls {
  std::vector<std::pair<std::size_t, std::size_t>> seen;
  crohn::cohort::Progress callback() {
    return [this](std::size_t done, std::size_t total) { seen.emplace_back(done, total); };
  }
  /// Monotonic, one total throughout, the last call done == total, at most `max` calls.
  void check(std::size_t max) const {
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.size() <= max);
    for (std::size_t i = 0; i < seen.size(); ++i) {
      CHECK(seen[i].second == seen.back().second);
      CHECK(seen[i].first <= seen[i].second);
      if (i > 0) CHECK(seen[i].first > seen[i - 1].first);
    }
    CHECK(seen.back().first == seen.back().second);
  }
};

}  // namespace

TEST_CASE("cohort: progress is monotonic, ends at done == total and calls back a bounded number of times",
          "[cohort][progress]") {
  const Cohort c = make_cohort(400, 11);

  SECTION("reading counts bytes of the file") {
    Calls calls;
    const auto in = crohn::cohort::read_csv(c.csv, calls.callback());
    calls.check(102);
    CHECK(calls.seen.back().second == c.csv.size());
    CHECK(calls.seen.size() > 20);  // it does report along the way
    CHECK(in.rows > 400);
  }
  SECTION("JSON records count records") {
    Calls calls;
    crohn::cohort::read_records(c.records, calls.callback());
    calls.check(102);
    CHECK(calls.seen.back().second == 400);
  }
  SECTION("analysing counts patients") {
    const auto in = crohn::cohort::read_csv(c.csv);
    Calls calls;
    const Json a = crohn::cohort::analyse(in, {}, calls.callback());
    calls.check(102);
    CHECK(calls.seen.back().second == in.patients.size());
    CHECK(a == crohn::cohort::analyse(in, {}));  // the callback changes nothing
  }
  SECTION("the JSON-text entry point counts percent of the whole run") {
    Calls calls;
    const std::string out = crohn::cohort::analyse_json(c.csv, "{}", calls.callback());
    calls.check(102);
    CHECK(calls.seen.back() == std::make_pair(std::size_t{100}, std::size_t{100}));
    CHECK(calls.seen.size() > 50);
    CHECK(out == crohn::cohort::analyse_json(c.csv, "{}"));
  }
  SECTION("nothing to do still ends at done == total") {
    for (const char* file : {"", "patient_id,week\n", "not,a,cohort\n", "[]", "{oops"}) {
      INFO(file);
      Calls calls;
      crohn::cohort::analyse_json(file, "{}", calls.callback());
      calls.check(3);
      CHECK(calls.seen.back() == std::make_pair(std::size_t{100}, std::size_t{100}));
      Calls reading;
      crohn::cohort::read_any(file, reading.callback());
      reading.check(2);
    }
    Calls bad_options;
    crohn::cohort::analyse_json("patient_id,week\nA,0\n", "{\"weeks\": \"x\"}", bad_options.callback());
    bad_options.check(1);
    Calls empty;
    crohn::cohort::analyse(crohn::cohort::Input{}, {}, empty.callback());
    empty.check(1);
    CHECK(empty.seen.back() == std::make_pair(std::size_t{0}, std::size_t{0}));
  }
}
