// SPDX-License-Identifier: MIT
// Cohort mode, reading JSON patient records and telling a file's form (docs/cohort.md "Input"),
// and the arms check both forms share.
#include "crohn/cohort.hpp"
#include "crohn/cohort_baseline.hpp"
#include "crohn/assessment.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "crohn/cohort_stats.hpp"
#include "crohn/common.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/input.hpp"
#include "crohn/populations.hpp"
#include "crohn/sescd.hpp"
#include "crohn/stats.hpp"
#include "crohn/stratified.hpp"
#include "crohn/version.hpp"

#include "cohort_internal.hpp"

namespace crohn::cohort {

using Json = nlohmann::json;
using detail::Ticker;

namespace detail {

void check_arms(Input& in) {
  std::vector<std::string> distinct;
  for (const record::Patient& p : in.patients) {
    if (p.arm && std::find(distinct.begin(), distinct.end(), *p.arm) == distinct.end()) distinct.push_back(*p.arm);
  }
  if (distinct.empty()) return;
  std::size_t kept = 0;
  for (std::size_t i = 0; i < in.patients.size(); ++i) {
    const record::Patient& p = in.patients[i];
    const std::string id = p.id ? *p.id : "";
    if (!p.arm) {
      in.issues.push_back({in.first_rows[i], id, kArm, code::kMissingField,
                           "patient " + id + " has no arm while other patients have one; patient left out",
                           effect::kPatientLeftOut, ""});
      continue;
    }
    if (*p.arm == kAllArms && distinct.size() > 1) {
      in.issues.push_back({in.first_rows[i], id, kArm, code::kOutOfRange,
                           "arm \"all\" is the name of the row that pools every arm; give this arm "
                           "another name; patient left out",
                           effect::kPatientLeftOut, ""});
      continue;
    }
    if (kept != i) {
      in.patients[kept] = std::move(in.patients[i]);
      in.first_rows[kept] = in.first_rows[i];
    }
    ++kept;
  }
  in.patients.resize(kept);
  in.first_rows.resize(kept);
}

}  // namespace detail

using detail::check_arms;

Input read_records(const Json& records, const Progress& progress) {
  Input in;
  const Json* list = &records;
  if (records.is_object() && records.contains("patients")) list = &records["patients"];
  if (!list->is_array()) {
    in.issues.push_back({0, "", "patients", code::kInvalidType,
                         "expected a list of patient records (or {\"patients\": [...]})",
                         effect::kFileNotRead, ""});
    Ticker(progress, 0).finish();
    return in;
  }
  Ticker ticker(progress, list->size());
  std::unordered_map<std::string, std::size_t> seen;  // patient_id -> position in the list
  for (std::size_t i = 0; i < list->size(); ++i) {
    ticker.at(i);
    std::vector<Error> errors;
    std::vector<record::VisitIssue> found;  // bad values and visits left out, as in a CSV
    auto p = record::read_patient((*list)[i], errors, &found);
    ++in.rows;
    const Json& rec = (*list)[i];
    const std::string id = rec.is_object() && rec.contains("patient_id") && rec["patient_id"].is_string()
                               ? rec["patient_id"].get<std::string>()
                               : "#" + std::to_string(i + 1);
    const std::string where = "patients[" + std::to_string(i) + "]";
    bool visit_left_out = false;
    for (const record::VisitIssue& f : found) {
      const Error& e = f.error;
      const char* what = !f.visit_kept ? effect::kVisitLeftOut
                         : f.measure == record::Measure::kNone ? effect::kValueNotRead
                                                               : effect::kMeasureMissing;
      visit_left_out = visit_left_out || !f.visit_kept;
      in.issues.push_back({0, id, where + "." + e.path, e.code, e.message, what,
                           f.visit_kept ? record::measure_id(f.measure) : ""});
    }
    if (!p) {
      for (const Error& e : errors) {
        in.issues.push_back({0, id, where + "." + e.path, e.code,
                             e.message + (visit_left_out ? " (a visit of this patient was left out)" : "") +
                                 "; patient left out",
                             effect::kPatientLeftOut, ""});
      }
      continue;
    }
    if (p->id) {
      // A patient counted twice would be two patients in every denominator.
      const auto [it, added] = seen.emplace(*p->id, i);
      if (!added) {
        in.issues.push_back({0, *p->id, where + ".patient_id", code::kOutOfRange,
                             "patient_id " + *p->id + " is given to patients[" +
                                 std::to_string(it->second) + "] already; patient left out",
                             effect::kPatientLeftOut, ""});
        continue;
      }
    } else {
      p->id = "#" + std::to_string(i + 1);
    }
    in.patients.push_back(std::move(*p));
    in.first_rows.push_back(0);
  }
  ticker.finish();
  check_arms(in);
  return in;
}

Input read_any(std::string_view text, const Progress& progress) {
  std::size_t i = 0;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) i = 3;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  if (i < text.size() && (text[i] == '[' || text[i] == '{')) {
    std::string message;
    Json parsed = parse_json(text.substr(i), message);
    if (parsed.is_discarded()) {
      Input in;
      in.issues.push_back({0, "", "", code::kInvalidJson, "the file is not valid JSON: " + message,
                        effect::kFileNotRead, ""});
      Ticker(progress, 0).finish();
      return in;
    }
    return read_records(parsed, progress);
  }
  return read_csv(text, progress);
}

}  // namespace crohn::cohort
