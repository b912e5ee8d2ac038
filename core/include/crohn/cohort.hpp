// SPDX-License-Identifier: MIT
// Crohn Score: cohort mode. A researcher's long-format CSV (one row per patient-visit) or a list
// of patient records is read with the same visit reader as single records, every patient is
// evaluated with the endpoint engine, and each endpoint's rate is reported per week and arm with
// intention-to-treat and observed-case denominators, Wilson and Clopper-Pearson intervals, and
// for two arms the difference (Newcombe) with chi-square and Fisher exact p-values.
// Column template: docs/cohort.md.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/record.hpp"

namespace crohn::cohort {

/// What a listed problem cost (docs/cohort.md, "Bad cells"): the `effect` member of an issue.
namespace effect {
/// Only `measure` is missing at that visit; the rest of the row (visit) is used.
inline constexpr const char* kMeasureMissing = "measure_missing";
/// A value that feeds no measure (an unknown key of a JSON visit, a bad patient-level cell) is
/// not read; the rest is used.
inline constexpr const char* kValueNotRead = "value_not_read";
/// The row (visit) is left out: its place in the patient's course (week, date, baseline,
/// discontinued) or its patient (patient_id, arm) could not be read, or it repeats a time.
inline constexpr const char* kVisitLeftOut = "visit_left_out";
inline constexpr const char* kPatientLeftOut = "patient_left_out";
/// A column of the header that is not read (unknown, or given twice).
inline constexpr const char* kColumnNotRead = "column_not_read";
/// Nothing could be read (no header, no patient_id column, not JSON).
inline constexpr const char* kFileNotRead = "file_not_read";
}  // namespace effect

/// A problem with one cell, row or patient (for a patient, `row` is the patient's first row).
struct Issue {
  std::size_t row = 0;  // 1-based line in the file; the header is row 1. 0 for JSON input.
  std::string patient_id;
  std::string column;
  std::string code;
  std::string message;
  const char* effect = effect::kVisitLeftOut;  // one of effect::k*
  std::string measure;  // with kMeasureMissing: the measure missing ("hbi", "crp", ...)
};

struct Input {
  std::vector<record::Patient> patients;
  std::vector<std::size_t> first_rows;  // per patient: the file row that introduced it
  std::vector<Issue> issues;
  std::vector<std::string> columns;
  std::vector<std::string> unknown_columns;
  std::size_t rows = 0;  // data rows read (header excluded)
  char delimiter = ',';
  bool decimal_comma = false;
};

/// Progress of a long run: `done` of `total` units of work. Calls are few (about 100 at most:
/// one per percent of the work, and a last one), `done` only grows, and the last call has
/// done == total (also when there was nothing to do: then 0 of 0). What a unit is depends on the
/// function (see each). The callback runs on the calling thread, inside the call.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

/// Reads a CSV (comma or semicolon separated, UTF-8 with or without BOM, decimal point or
/// comma). A bad cell is listed in `issues` and loses its measure at that visit only; a row is
/// left out only when its place (patient, week, date, baseline, discontinued) cannot be read.
/// Nothing is dropped silently. The cells
/// of a row are handed to record::read_visit as typed values, so a CSV row and a JSON visit are
/// checked by the same rules with the same messages. Progress: bytes of the text read.
Input read_csv(std::string_view text, const Progress& progress = {});
/// Reads a JSON array of patient records (or {"patients": [...]}). Progress: records read.
Input read_records(const nlohmann::json& records, const Progress& progress = {});
/// CSV or JSON, told apart by the first non-blank character. Progress: as read_csv or
/// read_records (nothing while a JSON text is parsed).
Input read_any(std::string_view text, const Progress& progress = {});

struct Options {
  std::vector<std::string> sets;  // empty: "generic"
  std::vector<double> weeks;      // empty: the weeks the sets report (or the data's weeks)
  record::Options record;
  bool include_patients = true;   // per-patient verdicts in the JSON output
};

/// The analysis as JSON (input summary, issues, per-patient verdicts, per-endpoint rates and
/// two-arm comparisons). Never throws. Progress: patients evaluated, of input.patients.
nlohmann::json analyse(const Input& input, const Options& options,
                       const Progress& progress = {}) noexcept;

/// The summary rows as CSV (one line per set, endpoint, week and arm).
std::string summary_csv(const nlohmann::json& analysis);

/// The JSON-text entry point for the browser: text of the file and options
/// {"definition_sets": [...], "weeks": [...], "window_weeks": N, "include_patients": bool,
///  "summary_csv": bool}. With "summary_csv": true the analysis has a member "summary_csv": the
/// text of summary_csv() (what `crohnscore cohort --format csv` prints).
/// Progress: percent of the whole run (total 100): reading the file is 0-40, evaluating the
/// patients 40-90, writing the JSON text the rest; the last call (100 of 100) comes when the
/// text is ready, also after an error.
std::string analyse_json(std::string_view file_text, std::string_view options_json,
                         const Progress& progress = {}) noexcept;

}  // namespace crohn::cohort
