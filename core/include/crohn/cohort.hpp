// SPDX-License-Identifier: MIT
// Crohn Score: cohort mode. A researcher's long-format CSV (one row per patient-visit) or a list
// of patient records is read with the same visit reader as single records, every patient is
// evaluated with the endpoint engine, and each endpoint's rate is reported per week and arm with
// intention-to-treat and observed-case denominators, Wilson and Clopper-Pearson intervals, and
// for two arms the difference (Newcombe) with chi-square and Fisher exact p-values.
// Column template: docs/cohort.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/record.hpp"

namespace crohn::cohort {

/// A problem with one row (or with a patient, then `row` is the patient's first row).
struct Issue {
  std::size_t row = 0;  // 1-based line in the file; the header is row 1. 0 for JSON input.
  std::string patient_id;
  std::string column;
  std::string code;
  std::string message;
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

/// Reads a CSV (comma or semicolon separated, UTF-8 with or without BOM, decimal point or
/// comma). Bad rows are listed in `issues` and left out; nothing is dropped silently.
Input read_csv(std::string_view text);
/// Reads a JSON array of patient records (or {"patients": [...]}).
Input read_records(const nlohmann::json& records);
/// CSV or JSON, told apart by the first non-blank character.
Input read_any(std::string_view text);

struct Options {
  std::vector<std::string> sets;  // empty: "generic"
  std::vector<double> weeks;      // empty: the weeks the sets report (or the data's weeks)
  record::Options record;
  bool include_patients = true;   // per-patient verdicts in the JSON output
};

/// The analysis as JSON (input summary, issues, per-patient verdicts, per-endpoint rates and
/// two-arm comparisons). Never throws.
nlohmann::json analyse(const Input& input, const Options& options) noexcept;

/// The summary rows as CSV (one line per set, endpoint, week and arm).
std::string summary_csv(const nlohmann::json& analysis);

/// The JSON-text entry point for the browser: text of the file and options
/// {"definition_sets": [...], "weeks": [...], "window_weeks": N, "include_patients": bool}.
std::string analyse_json(std::string_view file_text, std::string_view options_json) noexcept;

}  // namespace crohn::cohort
