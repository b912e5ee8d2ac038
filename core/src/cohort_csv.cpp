// SPDX-License-Identifier: MIT
// Cohort mode, reading a CSV (docs/cohort.md "Input", "How a file is read"): the cursor over
// RFC 4180 records, the cells' types, the columns' mapping onto a visit record's objects, and
// the rows gathered per patient.
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

namespace {

using Json = nlohmann::json;
using detail::Ticker;
using detail::kPatientId;
using detail::kArm;
using detail::kStratum;
using detail::kAllArms;
using detail::kIleal;
using detail::check_arms;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim_view(std::string_view s) {
  if (s.empty() || (!is_space(s.front()) && !is_space(s.back()))) return s;
  std::size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return s.substr(b, e - b);
}

std::string lower_trim(std::string_view v) {
  std::string s(trim_view(v));
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return s;
}

/// Reads CSV text record by record (RFC 4180 quoting: a quoted field may hold the delimiter,
/// doubled quotes and newlines; text after a closing quote stays in the field). Blank records are
/// skipped. Fields are views into the text, or into the cursor's own buffers when a field had to
/// be unquoted; they stay valid until the next call.
class CsvCursor {
 public:
  CsvCursor(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {
    stop_[static_cast<unsigned char>(delimiter)] = true;
    stop_[static_cast<unsigned char>('\n')] = true;
    stop_[static_cast<unsigned char>('\r')] = true;
  }

  /// How far into the text the cursor is.
  std::size_t position() const { return pos_; }

  /// The next record that is not blank and the file line it starts on; false at the end.
  bool next(std::size_t& line) {
    const std::size_t n = text_.size();
    const char* data = text_.data();
    while (pos_ < n) {
      std::string_view* out = buf_.data();
      std::size_t count = 0;
      used_ = 0;
      line = line_;
      std::string_view last;
      bool at_end = false;
      while (true) {
        const std::size_t p = pos_;
        const char c = p < n ? data[p] : '\0';
        if (c == ' ' || c == '\t' || c == '"') {
          last = field();
        } else {  // the common case: a plain field
          std::size_t e = p;
          while (e < n && !stop_[static_cast<unsigned char>(data[e])]) ++e;
          last = std::string_view(data + p, e - p);
          pos_ = e;
        }
        if (count == buf_.size()) {  // a record longer than any before
          buf_.resize(buf_.size() * 2);
          out = buf_.data();
        }
        out[count++] = last;
        if (pos_ >= n) {
          at_end = true;
          break;
        }
        const char ch = data[pos_++];
        if (ch == delimiter_) continue;
        if (ch == '\r' && pos_ < n && data[pos_] == '\n') ++pos_;
        ++line_;
        break;
      }
      count_ = count;
      // At the end of the text, a record of one empty field (e.g. a final "") is no record.
      if (at_end && count == 1 && last.empty()) return false;
      if (count == 1 && trim_view(out[0]).empty()) continue;
      return true;
    }
    return false;
  }
  /// The fields of the record that next() found.
  const std::string_view* fields() const { return buf_.data(); }
  std::size_t size() const { return count_; }

 private:
  bool ends_field(char c) const { return c == delimiter_ || c == '\n' || c == '\r'; }

  std::string& scratch() {
    if (used_ == scratch_.size()) scratch_.emplace_back();
    std::string& s = scratch_[used_++];
    s.clear();
    return s;
  }

  /// One field from pos_ up to (not including) the delimiter or line end.
  std::string_view field() {
    const std::size_t n = text_.size();
    std::size_t p = pos_;
    while (p < n && (text_[p] == ' ' || text_[p] == '\t')) ++p;
    if (p >= n || text_[p] != '"') {
      std::size_t e = p;
      while (e < n && !ends_field(text_[e])) ++e;
      const std::string_view out = text_.substr(pos_, e - pos_);
      pos_ = e;
      return out;
    }
    // Quoted: what precedes the opening quote is dropped.
    const std::size_t start = p + 1;
    std::size_t q = start;
    std::string* buf = nullptr;
    while (q < n) {
      const char c = text_[q];
      if (c == '"') {
        if (q + 1 < n && text_[q + 1] == '"') {
          if (!buf) buf = &scratch().assign(text_.data() + start, q - start);
          buf->push_back('"');
          q += 2;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      if (buf) buf->push_back(c);
      ++q;
    }
    const std::size_t content_end = q;
    if (q < n) ++q;  // the closing quote
    std::size_t e = q;
    while (e < n && !ends_field(text_[e])) ++e;
    pos_ = e;
    if (!buf && e == q) return text_.substr(start, content_end - start);
    if (!buf) buf = &scratch().assign(text_.data() + start, content_end - start);
    buf->append(text_.data() + q, e - q);
    return *buf;
  }

  std::string_view text_;
  char delimiter_;
  bool stop_[256] = {};  // the characters that end a plain field
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::deque<std::string> scratch_;  // unquoted fields (references stay valid as it grows)
  std::size_t used_ = 0;
  std::vector<std::string_view> buf_ = std::vector<std::string_view>(64);
  std::size_t count_ = 0;
};

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

/// A number cell's value, and whether it is a whole number.
struct Number {
  double value;
  bool integral;
};

/// A number cell (trimmed, not empty): optional sign, digits, one decimal point or (decimal
/// comma) one comma, at least one digit. Correctly rounded, as strtod: up to 15 digits are an
/// exact integer over an exact power of ten (one rounding); longer numbers go to strtod.
std::optional<Number> parse_number(std::string_view s, bool& used_comma) {
  std::size_t i = 0;
  const bool negative = s[0] == '-';
  if (s[0] == '-' || s[0] == '+') i = 1;
  uint64_t mantissa = 0;
  int digits = 0, decimals = 0;
  char separator = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') {
      if (digits < 18) mantissa = mantissa * 10 + static_cast<uint64_t>(c - '0');
      ++digits;
      if (separator) ++decimals;
    } else if ((c == '.' || c == ',') && !separator) {
      separator = c;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0) return std::nullopt;
  if (separator == ',') used_comma = true;
  if (digits <= 15) {
    static constexpr double kPow10[] = {1,    1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    static constexpr uint64_t kIntPow10[] = {1ull,
                                             10ull,
                                             100ull,
                                             1000ull,
                                             10000ull,
                                             100000ull,
                                             1000000ull,
                                             10000000ull,
                                             100000000ull,
                                             1000000000ull,
                                             10000000000ull,
                                             100000000000ull,
                                             1000000000000ull,
                                             10000000000000ull,
                                             100000000000000ull,
                                             1000000000000000ull};
    const double v = static_cast<double>(mantissa) / kPow10[decimals];
    return Number{negative ? -v : v, mantissa % kIntPow10[decimals] == 0};
  }
  std::string buf(s);
  if (separator == ',') std::replace(buf.begin(), buf.end(), ',', '.');
  char* end = nullptr;
  const double v = std::strtod(buf.c_str(), &end);
  if (end == buf.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
  return Number{v, std::floor(v) == v};
}

/// Whether a number cell reads like a thousands group with `grouping` ("1.250" where a semicolon
/// file's decimal separator is the comma, "1,250" quoted in a comma file): 1 to 3 digits not
/// starting with 0, `grouping`, exactly 3 digits. 1250 or 1.25? Such a cell is refused, not guessed.
bool looks_grouped(std::string_view s, char grouping) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  const std::size_t at = s.find(grouping);
  if (at == std::string_view::npos || at == 0 || at > 3 || s[0] == '0' || s.size() != at + 4) {
    return false;
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i != at && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

std::optional<bool> parse_bool(std::string_view cell) {
  const std::string_view s = trim_view(cell);
  if (s.size() > 5) return std::nullopt;
  char low[6] = {};
  for (std::size_t i = 0; i < s.size(); ++i) {
    low[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
  }
  const std::string_view v(low, s.size());
  if (v == "yes" || v == "y" || v == "true" || v == "1") return true;
  if (v == "no" || v == "n" || v == "false" || v == "0") return false;
  return std::nullopt;
}

// kLab: a number, or a censored laboratory value ("<0.5", ">1800": crohn/censored.hpp).
enum class Cell { kString, kNumber, kLab, kBool, kIdList };

/// One template column: its CSV name, where its value goes in the visit the record reader reads
/// (a dotted path: the object holding it and its key there), and its type.
struct Column {
  Column(std::string n, std::string p, Cell t) : name(std::move(n)), path(std::move(p)), type(t) {}
  std::string name;
  std::string path;
  Cell type;
  std::size_t object = 0;  // index into Layout::objects
  std::string key;         // the last part of the path
};

/// An object of the visit (the visit itself, "hbi", "ses_cd.segments.ileum", ...).
struct Object {
  std::string path;
  std::string key;         // its key in the parent
  std::size_t parent = 0;  // (the visit is its own parent)
};

struct Layout {
  std::vector<Column> columns;
  std::vector<Object> objects;  // parents before children; [0] is the visit
};

const Layout& layout() {
  static const Layout kLayout = [] {
    Layout l;
    l.columns = {
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
        {"fecal_calprotectin_ug_g", "fecal_calprotectin_ug_g", Cell::kLab},
        {"crp_value", "crp_value", Cell::kLab},
        {"crp_unit", "crp_unit", Cell::kString},
        {"crp_mg_l", "crp_mg_l", Cell::kLab},
        {"crp_mg_dl", "crp_mg_dl", Cell::kLab},
        {"crp_uln_mg_l", "crp_uln_mg_l", Cell::kNumber},
        {"bwt_mm", "bwt_mm", Cell::kNumber},
        {"color_doppler_decreased", "color_doppler_decreased", Cell::kBool},
        {"ibdq_total", "ibdq_total", Cell::kNumber},
        {"corticosteroids", "corticosteroids", Cell::kBool},
        {"discontinued", "discontinued", Cell::kBool},
    };
    // SES-CD per-segment items: ses_<segment>_<item> (a segment left empty is not examined);
    // ses_<segment>_resected yes marks a segment absent after surgery (its items left empty).
    for (const char* seg : sescd::kSegments) {
      for (const char* item : sescd::kItems) {
        l.columns.push_back({std::string("ses_") + seg + "_" + item,
                             std::string("ses_cd.segments.") + seg + "." + item, Cell::kNumber});
      }
      l.columns.push_back({std::string("ses_") + seg + "_resected",
                           std::string("ses_cd.segments.") + seg + ".resected", Cell::kBool});
    }
    l.columns.push_back({"ses_ileum_is_neoterminal", "ses_cd.ileum_is_neoterminal", Cell::kBool});
    l.objects.push_back({"", "", 0});
    for (Column& c : l.columns) {
      std::size_t parent = 0, start = 0;
      for (std::size_t dot = c.path.find('.'); dot != std::string::npos;
           start = dot + 1, dot = c.path.find('.', start)) {
        const std::string path = c.path.substr(0, dot);
        auto it = std::find_if(l.objects.begin(), l.objects.end(),
                               [&](const Object& o) { return o.path == path; });
        if (it == l.objects.end()) {
          l.objects.push_back({path, c.path.substr(start, dot - start), parent});
          it = l.objects.end() - 1;
        }
        parent = static_cast<std::size_t>(it - l.objects.begin());
      }
      c.object = parent;
      c.key = c.path.substr(start);
    }
    return l;
  }();
  return kLayout;
}

/// The index of the object at `path` in the layout.
std::size_t object_at(const std::string& path) {
  const auto& objects = layout().objects;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    if (objects[i].path == path) return i;
  }
  return 0;
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

/// One CSV row as the typed cells of a visit, arranged as the objects of a visit record, so that
/// record::read_visit validates it exactly as it validates a JSON visit.
class RowVisit {
 public:
  RowVisit()
      : objects_(layout().objects.size()),
        lists_(layout().columns.size()),
        labs_(layout().columns.size()),
        cdai_(object_at("cdai")),
        segments_(object_at("ses_cd.segments")) {
    not_evaluated_.add("not_evaluated", Value::boolean(true));
    for (const Column& c : layout().columns) column_numbers_.push_back(Fields::number_of(c.key.c_str()));
    for (const Object& o : layout().objects) object_numbers_.push_back(Fields::number_of(o.key.c_str()));
  }

  void clear() {
    for (Fields& f : objects_) f.clear();
  }

  void number(std::size_t column, Number v) { add(column, Value::number(v.value, v.integral)); }
  void boolean(std::size_t column, bool v) { add(column, Value::boolean(v)); }
  void text(std::size_t column, std::string_view v) { add(column, Value::text(v)); }
  /// A censored laboratory value, as the text the visit reader reads ("<0.5": the sign and the
  /// number with a decimal point, whatever the file's decimal separator).
  void lab(std::size_t column, Bound bound, double v) {
    std::string& t = labs_[column];
    t = bound_sign(bound);
    t += dump_json(Json(v));
    add(column, Value::text(t));
  }
  /// Ids separated by |, spaces or +; "none" alone is the empty list.
  void id_list(std::size_t column, std::string_view v) {
    std::vector<std::string_view>& items = lists_[column];
    items.clear();
    std::size_t start = 0;
    for (std::size_t i = 0; i <= v.size(); ++i) {
      if (i == v.size() || v[i] == '|' || v[i] == ' ' || v[i] == '+') {
        if (i > start) items.push_back(v.substr(start, i - start));
        start = i + 1;
      }
    }
    if (items.size() == 1 && items[0] == "none") items.clear();
    add(column, Value::list(items.data(), items.size()));
  }

  /// Completes the row's visit: CDAI height without a method means Keys' BMI method; a SES-CD
  /// segment with none of its four cells filled was not examined; objects go into their parents.
  Node finish() {
    const auto& objects = layout().objects;
    Fields& cdai = objects_[cdai_];
    if (cdai.find("height_cm") && !cdai.find("standard_weight_method")) {
      cdai.add("standard_weight_method", Value::text("keys_bmi"));
    }
    bool any_segment = false;
    for (std::size_t i = 0; i < objects.size(); ++i) {
      any_segment = any_segment || (objects[i].parent == segments_ && !objects_[i].empty());
    }
    for (std::size_t i = objects.size(); i-- > 1;) {
      const Object& o = objects[i];
      if (o.parent == segments_ && any_segment && objects_[i].empty()) {
        objects_[o.parent].add(o.key.c_str(), object_numbers_[i], Value::object(not_evaluated_));
      } else if (!objects_[i].empty()) {
        objects_[o.parent].add(o.key.c_str(), object_numbers_[i], Value::object(objects_[i]));
      }
    }
    return objects_[0];
  }

 private:
  void add(std::size_t column, const Value& v) {
    const Column& c = layout().columns[column];
    objects_[c.object].add(c.key.c_str(), column_numbers_[column], v);
  }

  std::vector<Fields> objects_;
  std::vector<std::size_t> column_numbers_, object_numbers_;  // Fields::number_of their keys
  std::vector<std::vector<std::string_view>> lists_;
  std::vector<std::string> labs_;  // per column: the text of a censored value
  Fields not_evaluated_;
  std::size_t cdai_, segments_;
};

struct PatientRows {
  std::string id;
  std::size_t first_row = 0;
  std::optional<std::string> arm;
  std::optional<std::string> stratum;
  std::optional<bool> ileal;
  std::vector<record::Visit> visits;
  std::vector<std::size_t> visit_rows;  // the file row of each visit
  bool any_row_failed = false;
};


/// Patients by id: open addressing on a hash of the id (the ids stay in the patients' list).
class PatientIndex {
 public:
  /// The position of the patient with this id in `patients`, or kNew (and it is remembered at
  /// position patients.size(), where the caller adds it).
  static constexpr std::size_t kNew = static_cast<std::size_t>(-1);
  std::size_t find_or_add(std::string_view id, const std::deque<PatientRows>& patients) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const uint32_t h = hash(id);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.position == 0) {
        slot = Slot{h, static_cast<uint32_t>(patients.size() + 1)};
        ++count_;
        return kNew;
      }
      if (slot.hash == h && patients[slot.position - 1].id == id) return slot.position - 1;
    }
  }

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t position = 0;  // 1 + index into the patients; 0 for a free slot
  };
  static uint32_t hash(std::string_view id) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
    return static_cast<uint32_t>(h ^ (h >> 32));
  }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.assign(old.empty() ? 1024 : old.size() * 2, Slot{});
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.position == 0) continue;
      std::size_t i = slot.hash & mask;
      while (slots_[i].position != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};


}  // namespace

Input read_csv(std::string_view text, const Progress& progress) {
  Input in;
  if (text.size() >= 3 && static_cast<unsigned char>(text[0]) == 0xEF &&
      static_cast<unsigned char>(text[1]) == 0xBB && static_cast<unsigned char>(text[2]) == 0xBF) {
    text.remove_prefix(3);
  }
  // Progress counts bytes of the file read (its rows are not known before the end).
  Ticker ticker(progress, text.size());
  const std::string_view first_line = text.substr(0, text.find('\n'));
  in.delimiter = count_outside_quotes(first_line, ';') > count_outside_quotes(first_line, ',')
                     ? ';'
                     : ',';
  CsvCursor cursor(text, in.delimiter);
  std::size_t header_line = 0;
  if (!cursor.next(header_line)) {
    in.issues.push_back({1, "", "", code::kMissingField, "the file is empty: a header row is needed",
                         effect::kFileNotRead, ""});
    ticker.finish();
    return in;
  }

  // Header: known columns are mapped, unknown ones reported (and their values ignored).
  const Layout& lay = layout();
  std::map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < lay.columns.size(); ++i) by_name[lay.columns[i].name] = i;
  std::map<std::string, std::string> column_by_path;
  for (const Column& c : lay.columns) column_by_path[c.path] = c.name;
  // (The SES-CD reader names a segment's cells from "segments.": ses_cd::read's own paths.)
  for (const char* seg : sescd::kSegments) {
    for (const char* item : sescd::kItems) {
      column_by_path[std::string("segments.") + seg + "." + item] = std::string("ses_") + seg + "_" + item;
    }
    column_by_path[std::string("segments.") + seg + ".resected"] = std::string("ses_") + seg + "_resected";
  }
  column_by_path["segments"] = "ses_* columns";
  column_by_path["ses_cd"] = "ses_* columns";
  column_by_path["ses_cd.segments"] = "ses_* columns";
  column_by_path["hbi"] = "hbi_* columns";
  column_by_path["cdai"] = "cdai_* columns";
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::vector<std::size_t> mapping;  // per file column: index into the layout, or kNone
  const std::size_t header_size = cursor.size();
  const std::string_view* fields = cursor.fields();
  int id_col = -1, arm_col = -1, ileal_col = -1, stratum_col = -1;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < header_size; ++i) {
    const std::string name = lower_trim(fields[i]);
    in.columns.push_back(name);
    mapping.push_back(kNone);
    if (name.empty()) continue;
    if (!seen.insert(name).second) {
      in.issues.push_back({1, "", name, code::kUnknownValue, "column " + name + " appears twice; its second copy is not read",
                           effect::kColumnNotRead, ""});
      continue;
    }
    if (name == kPatientId) {
      id_col = static_cast<int>(i);
    } else if (name == kArm) {
      arm_col = static_cast<int>(i);
    } else if (name == kStratum) {
      stratum_col = static_cast<int>(i);
    } else if (name == kIleal) {
      ileal_col = static_cast<int>(i);
    } else if (auto it = by_name.find(name); it != by_name.end()) {
      mapping.back() = it->second;
    } else {
      in.unknown_columns.push_back(name);
      in.issues.push_back({1, "", name, code::kUnknownValue,
                           "unknown column " + name + " (see the template); its values are not read",
                           effect::kColumnNotRead, ""});
    }
  }
  if (id_col < 0) {
    in.issues.push_back({1, "", kPatientId, code::kMissingField, "the patient_id column is required",
                         effect::kFileNotRead, ""});
    ticker.finish();
    return in;
  }

  std::deque<PatientRows> patients;  // (grows without moving what it holds)
  PatientIndex index;
  std::size_t last_patient = kNone;
  RowVisit visit;
  std::vector<Error> errors;
  struct Pending {
    std::string column;
    std::string code;
    std::string message;
    record::Measure measure;
  };
  std::vector<Pending> pending;
  std::vector<record::Measure> bad, measures;
  std::size_t row = 0;
  while (cursor.next(row)) {
    fields = cursor.fields();
    const std::size_t nfields = cursor.size();
    ++in.rows;
    ticker.at(cursor.position());
    auto cell = [&](int col) -> std::string_view {
      return col >= 0 && static_cast<std::size_t>(col) < nfields
                 ? trim_view(fields[static_cast<std::size_t>(col)])
                 : std::string_view();
    };
    if (nfields > header_size) {
      in.issues.push_back({row, std::string(cell(id_col)), "", code::kOutOfRange,
                           "row has " + std::to_string(nfields) +
                               " cells but the header has " + std::to_string(header_size) +
                               "; row left out",
                           effect::kVisitLeftOut, ""});
      continue;
    }
    const std::string_view id_view = cell(id_col);
    if (id_view.empty()) {
      in.issues.push_back({row, "", kPatientId, code::kMissingField, "patient_id is empty; row left out",
                           effect::kVisitLeftOut, ""});
      continue;
    }
    // Rows of one patient usually follow each other: the previous patient is tried first.
    if (last_patient == kNone || patients[last_patient].id != id_view) {
      // Room for as many visits as the previous patient had (cohorts are regular): no growing
      // and no unused room in the usual case.
      const std::size_t room = last_patient == kNone ? 4 : std::max<std::size_t>(1, patients[last_patient].visits.size());
      last_patient = index.find_or_add(id_view, patients);
      if (last_patient == PatientIndex::kNew) {
        last_patient = patients.size();
        patients.push_back(PatientRows{});
        patients.back().id = std::string(id_view);
        patients.back().first_row = row;
        patients.back().visits.reserve(room);
      }
    }
    PatientRows& p = patients[last_patient];
    const std::string& id = p.id;

    // The row's problems, listed once it is known whether the row is kept (a bad cell costs its
    // measure only; a bad place in time, or a patient-level conflict, the row).
    pending.clear();
    bad.clear();
    bool row_lost = false;
    auto note = [&](std::string column, const char* code, std::string message, record::Measure m) {
      if (m == record::Measure::kVisit) row_lost = true;
      pending.push_back({std::move(column), code, std::move(message), m});
    };

    // Patient-level cells must agree across the patient's rows: a conflict leaves the row out
    // (which value is right cannot be told); a cell that cannot be read is not read.
    auto patient_cell = [&](int col, const char* name, auto& slot, auto parse) {
      const std::string_view v = cell(col);
      if (v.empty()) return;
      auto parsed = parse(v);
      if (!parsed) {
        in.issues.push_back({row, id, name, code::kInvalidType,
                             std::string(name) + " \"" + std::string(v) +
                                 "\" is not valid; not read (the rest of the row is used)",
                             effect::kValueNotRead, ""});
        return;
      }
      if (slot && *slot != *parsed) {
        note(name, code::kOutOfRange, std::string(name) + " differs from the patient's earlier rows",
             record::Measure::kVisit);
        return;
      }
      slot = parsed;
    };
    patient_cell(arm_col, kArm, p.arm,
                 [](std::string_view v) { return std::optional<std::string>(std::string(v)); });
    patient_cell(ileal_col, kIleal, p.ileal, parse_bool);
    patient_cell(stratum_col, kStratum, p.stratum,
                 [](std::string_view v) { return std::optional<std::string>(std::string(v)); });

    // A cell that cannot be read is not given to the visit reader; its measure is dropped after
    // (what the reader says of that measure then, a missing item say, follows from it).
    auto bad_cell = [&](const Column& col, std::string message) {
      const record::Measure m = record::measure_of(col.path);
      note(col.name, code::kInvalidType, std::move(message), m);
      if (std::find(bad.begin(), bad.end(), m) == bad.end()) bad.push_back(m);
    };
    visit.clear();
    for (std::size_t c = 0; c < mapping.size() && c < nfields; ++c) {
      if (mapping[c] == kNone) continue;
      const Column& col = lay.columns[mapping[c]];
      std::string_view v = fields[c];
      if (v.empty()) continue;
      if (static_cast<unsigned char>(v.front()) <= ' ' || static_cast<unsigned char>(v.back()) <= ' ') {
        v = trim_view(v);
        if (v.empty()) continue;
      }
      switch (col.type) {
        case Cell::kString: visit.text(mapping[c], v); break;
        case Cell::kNumber:
        case Cell::kLab: {
          // A laboratory value may be censored: its sign, then the number.
          std::string_view number_text = v;
          const Bound bound = col.type == Cell::kLab ? take_bound(number_text) : Bound::kExact;
          bool comma = false;
          if (looks_grouped(number_text, in.delimiter == ';' ? '.' : ',')) {
            bad_cell(col, col.name + " \"" + std::string(v) +
                              "\" is ambiguous: a thousands separator or a decimal one? "
                              "Write the number without thousands separators");
            break;
          }
          auto num = number_text.empty() ? std::nullopt : parse_number(number_text, comma);
          if (!num || (bound != Bound::kExact && (number_text[0] == '-' || number_text[0] == '+'))) {
            bad_cell(col, col.name + " \"" + std::string(v) + "\" is not a number" +
                              (col.type == Cell::kLab ? " (nor a censored value such as <0.5 or >1800)" : ""));
          } else {
            in.decimal_comma = in.decimal_comma || comma;
            if (bound == Bound::kExact) {
              visit.number(mapping[c], *num);
            } else {
              visit.lab(mapping[c], bound, num->value);
            }
          }
          break;
        }
        case Cell::kBool: {
          auto b = parse_bool(v);
          if (!b) {
            bad_cell(col, col.name + " \"" + std::string(v) + "\" is not yes/no");
          } else {
            visit.boolean(mapping[c], *b);
          }
          break;
        }
        case Cell::kIdList: visit.id_list(mapping[c], v); break;
      }
    }
    record::Visit v;
    v.index = p.visits.size();
    if (!row_lost) {
      errors.clear();
      if (!record::read_visit(visit.finish(), "", errors, v)) {
        if (!record::keep_measures(v, errors, 0, "", measures)) row_lost = true;
        for (std::size_t k = 0; k < errors.size(); ++k) {
          // What the reader says of a measure whose cell was bad follows from that cell.
          if (std::find(bad.begin(), bad.end(), measures[k]) != bad.end()) continue;
          note(column_of(errors[k].path, column_by_path), errors[k].code.c_str(), errors[k].message,
               measures[k]);
        }
      }
      for (const record::Measure m : bad) record::drop_measure(v, m);
    }
    // One row per patient-visit: a second row at the same time would make the visit that counts
    // depend on the order of the rows, so it is listed and left out.
    std::optional<std::size_t> twice;
    if (!row_lost) {
      twice = record::same_time(p.visits, v);
      row_lost = twice.has_value();
    }
    for (Pending& e : pending) {
      const bool kept = !row_lost;
      const char* what = !kept ? effect::kVisitLeftOut
                         : e.measure == record::Measure::kNone ? effect::kValueNotRead
                                                               : effect::kMeasureMissing;
      in.issues.push_back({row, id, std::move(e.column), e.code,
                           e.message + record::issue_tail(e.measure, kept, "row"), what,
                           kept ? record::measure_id(e.measure) : ""});
    }
    if (twice) {
      in.issues.push_back({row, id, v.date_days ? "date" : "week", code::kOutOfRange,
                           record::time_of(v) + " is given twice (first at row " +
                               std::to_string(p.visit_rows[*twice]) + "); row left out",
                           effect::kVisitLeftOut, ""});
    }
    if (row_lost) {
      p.any_row_failed = true;
      continue;
    }
    p.visits.push_back(std::move(v));
    p.visit_rows.push_back(row);
  }
  ticker.finish();

  in.patients.reserve(patients.size());
  in.first_rows.reserve(patients.size());
  for (PatientRows& pr : patients) {
    record::Patient patient;
    patient.id = pr.id;
    patient.arm = pr.arm;
    patient.stratum = pr.stratum;
    patient.isolated_ileal_disease = pr.ileal;
    patient.visits = std::move(pr.visits);
    if (patient.visits.empty()) {
      in.issues.push_back({pr.first_row, pr.id, "", code::kMissingField,
                           "patient " + pr.id + " has no usable visit; patient left out",
                           effect::kPatientLeftOut, ""});
      continue;
    }
    errors.clear();
    if (!record::resolve_timeline(patient, errors)) {
      for (const Error& e : errors) {
        in.issues.push_back({pr.first_row, pr.id, "baseline", e.code,
                             "patient " + pr.id + ": " + e.message +
                                 (pr.any_row_failed ? " (a row of this patient was left out)" : "") +
                                 "; patient left out",
                             effect::kPatientLeftOut, ""});
      }
      continue;
    }
    in.patients.push_back(std::move(patient));
    in.first_rows.push_back(pr.first_row);
  }
  check_arms(in);
  return in;
}


}  // namespace crohn::cohort
