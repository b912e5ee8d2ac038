// SPDX-License-Identifier: MIT
#include "crohn/cohort.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "crohn/common.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/input.hpp"
#include "crohn/sescd.hpp"
#include "crohn/stats.hpp"
#include "crohn/version.hpp"

namespace crohn::cohort {

namespace {

using Json = nlohmann::json;

enum class Cell { kString, kNumber, kBool, kIdList };

/// One template column: its CSV name, where its value goes in the visit object the record reader
/// reads (a dotted path), and its type.
struct Column {
  std::string name;
  std::string path;
  Cell type;
};

const std::vector<Column>& visit_columns() {
  static const std::vector<Column> kColumns = [] {
    std::vector<Column> c = {
        {"label", "label", Cell::kString},
        {"week", "week", Cell::kNumber},
        {"date", "date", Cell::kString},
        {"baseline", "baseline", Cell::kBool},
        {"hbi_total", "hbi_total", Cell::kNumber},
        {"hbi_general_wellbeing", "hbi.general_wellbeing", Cell::kNumber},
        {"hbi_abdominal_pain", "hbi.abdominal_pain", Cell::kNumber},
        {"hbi_liquid_stools_per_day", "hbi.liquid_stools_per_day", Cell::kNumber},
        {"hbi_abdominal_mass", "hbi.abdominal_mass", Cell::kNumber},
        {"hbi_complications", "hbi.complications", Cell::kIdList},
        {"cdai_total", "cdai_total", Cell::kNumber},
        {"cdai_sex", "cdai.sex", Cell::kString},
        {"cdai_liquid_stools_7d_total", "cdai.liquid_stools_7d_total", Cell::kNumber},
        {"cdai_abdominal_pain_7d_sum", "cdai.abdominal_pain_7d_sum", Cell::kNumber},
        {"cdai_general_wellbeing_7d_sum", "cdai.general_wellbeing_7d_sum", Cell::kNumber},
        {"cdai_complications", "cdai.cdai_complications", Cell::kIdList},
        {"cdai_antidiarrheal_use", "cdai.antidiarrheal_use", Cell::kBool},
        {"cdai_abdominal_mass", "cdai.abdominal_mass", Cell::kNumber},
        {"cdai_hematocrit_pct", "cdai.hematocrit_pct", Cell::kNumber},
        {"cdai_weight_kg", "cdai.weight_kg", Cell::kNumber},
        {"cdai_standard_weight_kg", "cdai.standard_weight_kg", Cell::kNumber},
        {"cdai_height_cm", "cdai.height_cm", Cell::kNumber},
        {"cdai_standard_weight_method", "cdai.standard_weight_method", Cell::kString},
        {"ses_cd_total", "ses_cd_total", Cell::kNumber},
        {"ses_cd_max_item_score", "ses_cd_max_item_score", Cell::kNumber},
        {"ses_cd_any_ulcer", "ses_cd_any_ulcer", Cell::kBool},
        {"sf_avg", "sf_avg", Cell::kNumber},
        {"ap_avg", "ap_avg", Cell::kNumber},
        {"fecal_calprotectin_ug_g", "fecal_calprotectin_ug_g", Cell::kNumber},
        {"crp_value", "crp_value", Cell::kNumber},
        {"crp_unit", "crp_unit", Cell::kString},
        {"crp_mg_l", "crp_mg_l", Cell::kNumber},
        {"crp_mg_dl", "crp_mg_dl", Cell::kNumber},
        {"crp_uln_mg_l", "crp_uln_mg_l", Cell::kNumber},
        {"bwt_mm", "bwt_mm", Cell::kNumber},
        {"color_doppler_decreased", "color_doppler_decreased", Cell::kBool},
        {"ibdq_total", "ibdq_total", Cell::kNumber},
        {"corticosteroids", "corticosteroids", Cell::kBool},
        {"discontinued", "discontinued", Cell::kBool},
    };
    // SES-CD per-segment items: ses_<segment>_<item> (a segment left empty is not examined).
    for (const char* seg : sescd::kSegments) {
      for (const char* item : sescd::kItems) {
        c.push_back({std::string("ses_") + seg + "_" + item,
                     std::string("ses_cd.segments.") + seg + "." + item, Cell::kNumber});
      }
    }
    return c;
  }();
  return kColumns;
}

// Patient-level columns (must agree on every row of a patient).
const char* const kPatientId = "patient_id";
const char* const kArm = "arm";
const char* const kIleal = "isolated_ileal_disease";

std::string lower_trim(std::string s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  s = b == std::string::npos ? "" : s.substr(b, e - b + 1);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  const auto e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

/// Splits CSV text into records of fields (RFC 4180 quoting; a quoted field may hold the
/// delimiter, quotes doubled and newlines). Each record keeps the line it starts on.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

std::vector<CsvRecord> split_csv(std::string_view text, char delimiter) {
  std::vector<CsvRecord> out;
  CsvRecord current;
  std::string field;
  bool quoted = false, field_started = false;
  std::size_t line = 1;
  current.line = 1;
  auto end_field = [&] {
    current.fields.push_back(field);
    field.clear();
    field_started = false;
  };
  auto end_record = [&] {
    end_field();
    const bool blank = current.fields.size() == 1 && trim(current.fields[0]).empty();
    if (!blank) out.push_back(std::move(current));
    current = CsvRecord{};
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (quoted) {
      if (ch == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
      continue;
    }
    if (ch == '"' && !field_started && trim(field).empty()) {
      quoted = true;
      field_started = true;
      field.clear();
    } else if (ch == delimiter) {
      end_field();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_record();
      ++line;
      current.line = line;
    } else {
      field += ch;
      if (ch != ' ' && ch != '\t') field_started = true;
    }
  }
  if (!field.empty() || !current.fields.empty()) end_record();
  return out;
}

/// Counts a character outside quotes on the first line (for delimiter detection).
std::size_t count_outside_quotes(std::string_view line, char ch) {
  std::size_t n = 0;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    if (!quoted && c == ch) ++n;
  }
  return n;
}

/// A number cell: optional sign, digits, one decimal point or (decimal comma) one comma.
std::optional<double> parse_number(const std::string& cell, bool& used_comma) {
  std::string s = trim(cell);
  if (s.empty()) return std::nullopt;
  const auto commas = std::count(s.begin(), s.end(), ',');
  const auto points = std::count(s.begin(), s.end(), '.');
  if (commas == 1 && points == 0) {
    std::replace(s.begin(), s.end(), ',', '.');
    used_comma = true;
  } else if (commas > 0) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool ok = (c >= '0' && c <= '9') || c == '.' || ((c == '-' || c == '+') && i == 0);
    if (!ok) return std::nullopt;
  }
  char* end = nullptr;
  const double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(const std::string& cell) {
  const std::string s = lower_trim(cell);
  if (s == "yes" || s == "y" || s == "true" || s == "1") return true;
  if (s == "no" || s == "n" || s == "false" || s == "0") return false;
  return std::nullopt;
}

void set_path(Json& obj, const std::string& path, Json value) {
  Json* at = &obj;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (dot == std::string::npos) {
      (*at)[key] = std::move(value);
      return;
    }
    at = &(*at)[key];
    start = dot + 1;
  }
}

/// The CSV column behind an error path of the visit reader (e.g. "hbi.abdominal_pain" ->
/// "hbi_abdominal_pain"; "ses_cd.segments.ileum.narrowing" -> "ses_ileum_narrowing").
std::string column_of(const std::string& path, const std::map<std::string, std::string>& by_path) {
  std::string p = path;
  const auto bracket = p.find('[');
  if (bracket != std::string::npos) p = p.substr(0, bracket);
  while (!p.empty()) {
    auto it = by_path.find(p);
    if (it != by_path.end()) return it->second;
    const auto dot = p.rfind('.');
    if (dot == std::string::npos) break;
    p = p.substr(0, dot);
  }
  return path;
}

struct PatientRows {
  std::string id;
  std::size_t first_row = 0;
  std::optional<std::string> arm;
  std::optional<bool> ileal;
  std::vector<record::Visit> visits;
  bool any_row_failed = false;
};

}  // namespace

Input read_csv(std::string_view text) {
  Input in;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.remove_prefix(3);
  }
  const std::string_view first_line = text.substr(0, text.find('\n'));
  in.delimiter = count_outside_quotes(first_line, ';') > count_outside_quotes(first_line, ',')
                     ? ';'
                     : ',';
  std::vector<CsvRecord> records = split_csv(text, in.delimiter);
  if (records.empty()) {
    in.issues.push_back({1, "", "", code::kMissingField, "the file is empty: a header row is needed"});
    return in;
  }

  // Header: known columns are mapped, unknown ones reported (and their values ignored).
  std::map<std::string, const Column*> by_name;
  for (const Column& c : visit_columns()) by_name[c.name] = &c;
  std::map<std::string, std::string> column_by_path;
  for (const Column& c : visit_columns()) column_by_path[c.path] = c.name;
  column_by_path["ses_cd"] = "ses_* columns";
  column_by_path["ses_cd.segments"] = "ses_* columns";
  column_by_path["hbi"] = "hbi_* columns";
  column_by_path["cdai"] = "cdai_* columns";
  std::vector<const Column*> mapping;
  int id_col = -1, arm_col = -1, ileal_col = -1;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < records[0].fields.size(); ++i) {
    const std::string name = lower_trim(records[0].fields[i]);
    in.columns.push_back(name);
    mapping.push_back(nullptr);
    if (name.empty()) continue;
    if (!seen.insert(name).second) {
      in.issues.push_back({1, "", name, code::kUnknownValue, "column " + name + " appears twice"});
      continue;
    }
    if (name == kPatientId) {
      id_col = static_cast<int>(i);
    } else if (name == kArm) {
      arm_col = static_cast<int>(i);
    } else if (name == kIleal) {
      ileal_col = static_cast<int>(i);
    } else if (auto it = by_name.find(name); it != by_name.end()) {
      mapping.back() = it->second;
    } else {
      in.unknown_columns.push_back(name);
      in.issues.push_back({1, "", name, code::kUnknownValue,
                           "unknown column " + name + " (see the template); its values are not read"});
    }
  }
  if (id_col < 0) {
    in.issues.push_back({1, "", kPatientId, code::kMissingField, "the patient_id column is required"});
    return in;
  }

  std::vector<PatientRows> patients;
  std::map<std::string, std::size_t> index;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& rec = records[r];
    ++in.rows;
    const std::size_t row = rec.line;
    auto cell = [&](int col) -> std::string {
      return col >= 0 && static_cast<std::size_t>(col) < rec.fields.size()
                 ? trim(rec.fields[static_cast<std::size_t>(col)])
                 : std::string();
    };
    if (rec.fields.size() > records[0].fields.size()) {
      in.issues.push_back({row, cell(id_col), "", code::kOutOfRange,
                           "row has " + std::to_string(rec.fields.size()) +
                               " cells but the header has " +
                               std::to_string(records[0].fields.size()) + "; row left out"});
      continue;
    }
    const std::string id = cell(id_col);
    if (id.empty()) {
      in.issues.push_back({row, "", kPatientId, code::kMissingField, "patient_id is empty; row left out"});
      continue;
    }
    auto [it, fresh] = index.emplace(id, patients.size());
    if (fresh) {
      patients.push_back(PatientRows{});
      patients.back().id = id;
      patients.back().first_row = row;
    }
    PatientRows& p = patients[it->second];

    // Patient-level cells must agree across the patient's rows.
    bool row_ok = true;
    auto patient_cell = [&](int col, const char* name, auto& slot, auto parse) {
      const std::string v = cell(col);
      if (v.empty()) return;
      auto parsed = parse(v);
      if (!parsed) {
        in.issues.push_back({row, id, name, code::kInvalidType, std::string(name) + " \"" + v + "\" is not valid"});
        row_ok = false;
        return;
      }
      if (slot && *slot != *parsed) {
        in.issues.push_back({row, id, name, code::kOutOfRange,
                             std::string(name) + " differs from the patient's earlier rows"});
        row_ok = false;
        return;
      }
      slot = parsed;
    };
    patient_cell(arm_col, kArm, p.arm, [](const std::string& v) { return std::optional<std::string>(v); });
    patient_cell(ileal_col, kIleal, p.ileal, parse_bool);

    Json visit = Json::object();
    for (std::size_t c = 0; c < mapping.size() && c < rec.fields.size(); ++c) {
      const Column* col = mapping[c];
      const std::string v = trim(rec.fields[c]);
      if (!col || v.empty()) continue;
      switch (col->type) {
        case Cell::kString: set_path(visit, col->path, v); break;
        case Cell::kNumber: {
          bool comma = false;
          auto num = parse_number(v, comma);
          if (!num) {
            in.issues.push_back({row, id, col->name, code::kInvalidType, col->name + " \"" + v + "\" is not a number"});
            row_ok = false;
          } else {
            in.decimal_comma = in.decimal_comma || comma;
            set_path(visit, col->path, *num);
          }
          break;
        }
        case Cell::kBool: {
          auto b = parse_bool(v);
          if (!b) {
            in.issues.push_back({row, id, col->name, code::kInvalidType,
                                 col->name + " \"" + v + "\" is not yes/no"});
            row_ok = false;
          } else {
            set_path(visit, col->path, *b);
          }
          break;
        }
        case Cell::kIdList: {
          Json list = Json::array();
          std::string item;
          for (char ch : v + "|") {
            if (ch == '|' || ch == ' ' || ch == '+') {
              if (!item.empty()) list.push_back(item);
              item.clear();
            } else {
              item += ch;
            }
          }
          set_path(visit, col->path, list);
          break;
        }
      }
    }
    // An empty HBI complications / CDAI complications cell with other items means "none" only
    // when written as "none"; handled by the id list ("none" is not an id, so it is refused).
    for (const char* key : {"hbi", "cdai"}) {
      if (!visit.contains(key)) continue;
      const char* list_key = std::string(key) == "hbi" ? "complications" : "cdai_complications";
      Json& items = visit[key];
      if (items.contains(list_key) && items[list_key].size() == 1 && items[list_key][0] == "none") {
        items[list_key] = Json::array();
      }
      if (std::string(key) == "cdai" && items.contains("height_cm") &&
          !items.contains("standard_weight_method")) {
        items["standard_weight_method"] = "keys_bmi";
      }
    }
    // SES-CD segments: a segment with none of its four cells filled was not examined.
    if (visit.contains("ses_cd")) {
      Json& segments = visit["ses_cd"]["segments"];
      for (const char* seg : sescd::kSegments) {
        if (!segments.contains(seg)) segments[seg] = Json{{"not_evaluated", true}};
      }
    }
    if (!row_ok) {
      p.any_row_failed = true;
      continue;
    }
    std::vector<Error> errors;
    record::Visit v;
    v.index = p.visits.size();
    if (!record::read_visit(visit, "", errors, v)) {
      for (const Error& e : errors) {
        in.issues.push_back({row, id, column_of(e.path, column_by_path), e.code, e.message + "; row left out"});
      }
      p.any_row_failed = true;
      continue;
    }
    v.label = v.label.empty() ? std::string() : v.label;
    p.visits.push_back(std::move(v));
  }

  for (PatientRows& pr : patients) {
    record::Patient patient;
    patient.id = pr.id;
    patient.arm = pr.arm;
    patient.isolated_ileal_disease = pr.ileal;
    patient.visits = std::move(pr.visits);
    if (patient.visits.empty()) {
      in.issues.push_back({pr.first_row, pr.id, "", code::kMissingField,
                           "patient " + pr.id + " has no usable visit; patient left out"});
      continue;
    }
    std::vector<Error> errors;
    if (!record::resolve_timeline(patient, errors)) {
      for (const Error& e : errors) {
        in.issues.push_back({pr.first_row, pr.id, "baseline", e.code,
                             "patient " + pr.id + ": " + e.message +
                                 (pr.any_row_failed ? " (a row of this patient was left out)" : "") +
                                 "; patient left out"});
      }
      continue;
    }
    in.patients.push_back(std::move(patient));
    in.first_rows.push_back(pr.first_row);
  }
  return in;
}

Input read_records(const Json& records) {
  Input in;
  const Json* list = &records;
  if (records.is_object() && records.contains("patients")) list = &records["patients"];
  if (!list->is_array()) {
    in.issues.push_back({0, "", "patients", code::kInvalidType,
                         "expected a list of patient records (or {\"patients\": [...]})"});
    return in;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::vector<Error> errors;
    auto p = record::read_patient((*list)[i], errors);
    ++in.rows;
    if (!p) {
      const Json& rec = (*list)[i];
      const std::string id = rec.is_object() && rec.contains("patient_id") && rec["patient_id"].is_string()
                                 ? rec["patient_id"].get<std::string>()
                                 : "#" + std::to_string(i + 1);
      for (const Error& e : errors) {
        in.issues.push_back({0, id, "patients[" + std::to_string(i) + "]." + e.path, e.code,
                             e.message + "; patient left out"});
      }
      continue;
    }
    if (!p->id) p->id = "#" + std::to_string(i + 1);
    in.patients.push_back(std::move(*p));
    in.first_rows.push_back(0);
  }
  return in;
}

Input read_any(std::string_view text) {
  std::size_t i = 0;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF) i = 3;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  if (i < text.size() && (text[i] == '[' || text[i] == '{')) {
    std::string message;
    Json parsed = parse_json(text.substr(i), message);
    if (parsed.is_discarded()) {
      Input in;
      in.issues.push_back({0, "", "", code::kInvalidJson, "the file is not valid JSON: " + message});
      return in;
    }
    return read_records(parsed);
  }
  return read_csv(text);
}

namespace {

Json interval_json(const std::optional<stats::Interval>& ci) {
  if (!ci) return nullptr;
  return Json::array({snap(ci->lower) + 0.0, snap(ci->upper) + 0.0});
}

Json proportion_json(int64_t n, int64_t total) {
  Json out = {{"n", n}, {"N", total}};
  out["proportion"] = total > 0 ? Json(snap(static_cast<double>(n) / static_cast<double>(total))) : Json(nullptr);
  out["wilson_95"] = interval_json(stats::wilson(n, total));
  out["clopper_pearson_95"] = interval_json(stats::clopper_pearson(n, total));
  return out;
}

Json comparison_json(int64_t n1, int64_t N1, int64_t n2, int64_t N2) {
  Json out = Json::object();
  if (N1 == 0 || N2 == 0) {
    out["difference"] = nullptr;
    out["newcombe_95"] = nullptr;
    out["chi_square"] = nullptr;
    out["chi_square_p"] = nullptr;
    out["fisher_exact_p"] = nullptr;
    return out;
  }
  const double d = static_cast<double>(n1) / static_cast<double>(N1) -
                   static_cast<double>(n2) / static_cast<double>(N2);
  out["difference"] = snap(d) + 0.0;
  out["newcombe_95"] = interval_json(stats::newcombe_difference(n1, N1, n2, N2));
  const auto chi = stats::chi_square(n1, N1, n2, N2);
  out["chi_square"] = chi ? Json(snap(chi->statistic)) : Json(nullptr);
  out["chi_square_p"] = chi ? Json(snap(chi->p_value)) : Json(nullptr);
  const auto fisher = stats::fisher_exact(n1, N1, n2, N2);
  out["fisher_exact_p"] = fisher ? Json(snap(*fisher)) : Json(nullptr);
  return out;
}

struct Counts {
  int64_t achieved = 0, not_achieved = 0, not_evaluable = 0, no_visit = 0, discontinued = 0;
  int64_t itt() const { return achieved + not_achieved + not_evaluable + no_visit; }
  int64_t observed() const { return achieved + not_achieved; }
};

/// The follow-up visit that counts for `week`: the nearest within the window (earlier on ties).
const record::Visit* visit_for(const std::vector<const record::Visit*>& followups, double week,
                               double window) {
  const record::Visit* best = nullptr;
  for (const record::Visit* v : followups) {
    const double d = std::fabs(*v->week - week);
    if (d <= window + kTolerance && (!best || d < std::fabs(*best->week - week))) best = v;
  }
  return best;
}

/// True when the patient is recorded as discontinued at a visit on or before `week`.
bool discontinued_by(const record::Patient& p, double week, double window) {
  for (const record::Visit& v : p.visits) {
    if (v.snap.discontinued && *v.snap.discontinued && *v.week <= week + window + kTolerance) {
      return true;
    }
  }
  return false;
}

Json run(const Input& in, const Options& options) {
  std::vector<Error> errors;
  const std::vector<std::string> ids = options.sets.empty() ? std::vector<std::string>{"generic"} : options.sets;
  const auto sets = record::resolve_sets(ids, errors);
  if (!errors.empty()) return errors_to_json(errors);

  // Arms in order of first appearance; "all" is added when there are two or more.
  std::vector<std::string> arms;
  for (const record::Patient& p : in.patients) {
    const std::string arm = p.arm.value_or("all");
    if (std::find(arms.begin(), arms.end(), arm) == arms.end()) arms.push_back(arm);
  }
  const bool multi_arm = arms.size() > 1;
  // Per patient, once: the index of its arm and its follow-up visits in week order.
  std::vector<std::size_t> arm_of;
  std::vector<std::vector<const record::Visit*>> followups;
  arm_of.reserve(in.patients.size());
  followups.reserve(in.patients.size());
  for (const record::Patient& p : in.patients) {
    const std::string arm = p.arm.value_or("all");
    arm_of.push_back(static_cast<std::size_t>(std::find(arms.begin(), arms.end(), arm) - arms.begin()));
    followups.push_back(record::followups_in_order(p));
  }

  Json issues = Json::array();
  for (const Issue& i : in.issues) {
    issues.push_back({{"row", i.row}, {"patient_id", i.patient_id}, {"column", i.column},
                      {"error", i.code}, {"message", i.message}});
  }

  Json summary = Json::array();
  Json comparisons = Json::array();
  Json patients = Json::array();
  std::vector<Json> patient_verdicts(in.patients.size(), Json::array());

  for (const definitions::DefinitionSet* set : sets) {
    for (const definitions::SetEndpoint& e : set->endpoints) {
      // Weeks: asked for, else the ones the source reports, else the data's follow-up weeks.
      std::vector<double> weeks = options.weeks;
      if (weeks.empty()) weeks = e.weeks;
      if (weeks.empty()) {
        std::set<double> found;
        for (const auto& list : followups) {
          for (const record::Visit* v : list) found.insert(std::round(*v->week));
        }
        weeks.assign(found.begin(), found.end());
      }
      const endpoints::Rule* rule = endpoints::find_rule(e.rule);
      if (!rule) continue;  // definitions name only existing rules (tested)
      for (double week : weeks) {
        std::vector<Counts> counts(arms.size());
        for (std::size_t i = 0; i < in.patients.size(); ++i) {
          const record::Patient& p = in.patients[i];
          Counts& c = counts[arm_of[i]];
          const bool stopped = discontinued_by(p, week, options.record.window_weeks);
          if (stopped) ++c.discontinued;
          const record::Visit* v = visit_for(followups[i], week, options.record.window_weeks);
          const char* name = "no_visit";
          verdict::Tri t = verdict::Tri::unknown({});
          if (!v) {
            ++c.no_visit;
          } else {
            t = rule->evaluate(record::measures_for(p, *v, options.record));
            if (!t.evaluable()) {
              ++c.not_evaluable;
            } else if (t.yes()) {
              ++c.achieved;
            } else {
              ++c.not_achieved;
            }
            name = record::verdict_name(t);
          }
          if (!options.include_patients) continue;
          Json row = {{"set", set->id}, {"endpoint", e.id}, {"week", week}, {"verdict", name},
                      {"visit_week", v ? Json(*v->week) : Json(nullptr)}, {"discontinued", stopped}};
          if (v && !t.evaluable()) row["missing"] = t.missing();
          patient_verdicts[i].push_back(std::move(row));
        }
        std::vector<std::string> order = arms;
        if (multi_arm) {
          Counts all;
          for (const Counts& c : counts) {
            all.achieved += c.achieved;
            all.not_achieved += c.not_achieved;
            all.not_evaluable += c.not_evaluable;
            all.no_visit += c.no_visit;
            all.discontinued += c.discontinued;
          }
          counts.push_back(all);
          order.push_back("all");
        }
        for (std::size_t k = 0; k < order.size(); ++k) {
          const std::string& arm = order[k];
          const Counts& c = counts[k];
          summary.push_back({{"set", set->id},
                             {"endpoint", e.id},
                             {"label", rule ? rule->label : e.id},
                             {"week", week},
                             {"arm", arm},
                             {"achieved", c.achieved},
                             {"not_achieved", c.not_achieved},
                             {"not_evaluable", c.not_evaluable},
                             {"no_visit", c.no_visit},
                             {"discontinued", c.discontinued},
                             {"itt", proportion_json(c.achieved, c.itt())},
                             {"observed", proportion_json(c.achieved, c.observed())}});
        }
        if (arms.size() == 2) {
          const Counts& a = counts[0];
          const Counts& b = counts[1];
          comparisons.push_back({{"set", set->id},
                                 {"endpoint", e.id},
                                 {"week", week},
                                 {"arms", arms},
                                 {"itt", comparison_json(a.achieved, a.itt(), b.achieved, b.itt())},
                                 {"observed", comparison_json(a.achieved, a.observed(), b.achieved, b.observed())}});
        }
      }
    }
  }
  if (options.include_patients) {
    for (std::size_t i = 0; i < in.patients.size(); ++i) {
      const record::Patient& p = in.patients[i];
      patients.push_back({{"patient_id", p.id ? Json(*p.id) : Json(nullptr)},
                          {"arm", p.arm ? Json(*p.arm) : Json(nullptr)},
                          {"row", in.first_rows[i]},
                          {"verdicts", std::move(patient_verdicts[i])}});
    }
  }
  Json set_info = Json::array();
  for (const definitions::DefinitionSet* s : sets) {
    set_info.push_back({{"id", s->id}, {"label", s->label}, {"version", s->version}, {"citation", s->citation}});
  }
  return {{"version", kVersion},
          {"input",
           {{"rows", in.rows},
            {"patients", in.patients.size()},
            {"delimiter", std::string(1, in.delimiter)},
            {"decimal_comma", in.decimal_comma},
            {"columns", in.columns},
            {"unknown_columns", in.unknown_columns}}},
          {"definition_sets", set_info},
          {"denominators",
           {{"itt", "intention to treat: every patient of the arm with a usable baseline; a patient "
                    "with no visit in the window, a missing value or discontinuation counts as not "
                    "achieved"},
            {"observed", "observed cases: patients whose endpoint could be evaluated at that week"}}},
          {"options", {{"window_weeks", options.record.window_weeks}}},
          {"issues", issues},
          {"summary", summary},
          {"comparisons", comparisons},
          {"patients", patients}};
}

std::string csv_cell(const Json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) {
    const std::string s = v.get<std::string>();
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  return dump_json(v);
}

}  // namespace

Json analyse(const Input& input, const Options& options) noexcept {
  try {
    return run(input, options);
  } catch (const std::exception& e) {
    return errors_to_json({Error{code::kInternal, "cohort", std::string("internal error: ") + e.what(), "cohort"}});
  } catch (...) {
    return errors_to_json({Error{code::kInternal, "cohort", "internal error", "cohort"}});
  }
}

std::string summary_csv(const Json& analysis) {
  std::string out =
      "set,endpoint,week,arm,achieved,not_achieved,not_evaluable,no_visit,discontinued,"
      "itt_n,itt_N,itt_proportion,itt_wilson_low,itt_wilson_high,itt_cp_low,itt_cp_high,"
      "observed_n,observed_N,observed_proportion,observed_wilson_low,observed_wilson_high,"
      "observed_cp_low,observed_cp_high\n";
  if (!analysis.contains("summary")) return out;
  for (const Json& r : analysis["summary"]) {
    std::string line = csv_cell(r["set"]) + "," + csv_cell(r["endpoint"]) + "," + csv_cell(r["week"]) +
                       "," + csv_cell(r["arm"]);
    for (const char* k : {"achieved", "not_achieved", "not_evaluable", "no_visit", "discontinued"}) {
      line += "," + csv_cell(r[k]);
    }
    for (const char* d : {"itt", "observed"}) {
      const Json& p = r[d];
      line += "," + csv_cell(p["n"]) + "," + csv_cell(p["N"]) + "," + csv_cell(p["proportion"]);
      for (const char* ci : {"wilson_95", "clopper_pearson_95"}) {
        line += p[ci].is_null() ? ",," : "," + csv_cell(p[ci][0]) + "," + csv_cell(p[ci][1]);
      }
    }
    out += line + "\n";
  }
  return out;
}

std::string analyse_json(std::string_view file_text, std::string_view options_json) noexcept {
  try {
    std::string message;
    Json opts = options_json.empty() ? Json::object() : parse_json(options_json, message);
    if (opts.is_discarded()) {
      return dump_json(errors_to_json({Error{code::kInvalidJson, "options", "options are not valid JSON: " + message, "options"}}));
    }
    std::vector<Error> errors;
    Reader rd(opts, errors);
    Options options;
    std::vector<const char*> names;
    for (const definitions::DefinitionSet& s : definitions::sets()) names.push_back(s.id);
    if (auto ids = rd.id_set("definition_sets", Allowed(names.data(), names.size()), Need::kOptional)) {
      options.sets = *ids;
    }
    if (auto weeks = rd.number_array("weeks", -520, 1040, false, 1, 52, Need::kOptional)) {
      options.weeks = *weeks;
    }
    if (auto w = rd.number("window_weeks", 0, 26, Need::kOptional)) options.record.window_weeks = *w;
    if (auto v = rd.number("fc_below_ug_g", 1, 10000, Need::kOptional)) options.record.fc_below_ug_g = *v;
    if (auto v = rd.number("crp_below_mg_l", 0.1, 100, Need::kOptional)) options.record.crp_below_mg_l = *v;
    if (auto b = rd.boolean("include_patients", Need::kOptional)) options.include_patients = *b;
    rd.finish();
    if (!errors.empty()) return dump_json(errors_to_json(errors));
    return dump_json(analyse(read_any(file_text), options));
  } catch (...) {
    return dump_json(errors_to_json({Error{code::kInternal, "cohort", "internal error", "cohort"}}));
  }
}

}  // namespace crohn::cohort
