// SPDX-License-Identifier: MIT
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

namespace crohn::cohort {

namespace {

using Json = nlohmann::json;

/// Calls `progress` (done, total) as work advances: when done reaches another percent of total
/// (so about 100 calls at most), and once at the end with done == total.
class Ticker {
 public:
  Ticker(const Progress& progress, std::size_t total) : progress_(progress), total_(total) {}
  void at(std::size_t done) {
    if (!progress_ || done < next_ || done >= total_) return;
    progress_(done, total_);
    const uint64_t percent = static_cast<uint64_t>(done) * 100 / total_;
    next_ = static_cast<std::size_t>(((percent + 1) * total_ + 99) / 100);
  }
  void finish() {
    if (progress_ && !finished_) progress_(total_, total_);
    finished_ = true;
  }

 private:
  const Progress& progress_;
  std::size_t total_;
  std::size_t next_ = 0;
  bool finished_ = false;
};

// Patient-level columns (must agree on every row of a patient).
const char* const kPatientId = "patient_id";
const char* const kArm = "arm";
const char* const kStratum = "stratum";  // the stratified comparison's strata (docs/cohort.md)
// The summary row that pools every arm (present with two or more arms).
const std::string kAllArms = "all";
const char* const kIleal = "isolated_ileal_disease";

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

namespace {

/// The arms of a cohort must name every patient's group unambiguously: once any patient has an
/// arm, a patient without one cannot be counted in an arm, and with two or more arms "all" is the
/// pooled row's name. Such patients are listed and left out (never counted in a made-up arm).
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

namespace {

Json interval_json(const std::optional<stats::Interval>& ci) {
  if (!ci) return nullptr;
  return Json::array({snap(ci->lower) + 0.0, snap(ci->upper) + 0.0});
}

/// A proportion with its intervals; all null when there is no estimate (`estimable` false, or
/// nobody in the denominator): docs/cohort.md, "No estimate without data".
Json proportion_json(int64_t n, int64_t total, bool estimable) {
  Json out = {{"n", n}, {"N", total}};
  if (!estimable || total == 0) {
    out["proportion"] = nullptr;
    out["wilson_95"] = nullptr;
    out["clopper_pearson_95"] = nullptr;
    return out;
  }
  out["proportion"] = snap(static_cast<double>(n) / static_cast<double>(total));
  out["wilson_95"] = interval_json(stats::wilson(n, total));
  out["clopper_pearson_95"] = interval_json(stats::clopper_pearson(n, total));
  return out;
}

/// The difference of two proportions; all null unless both have an estimate.
Json comparison_json(int64_t n1, int64_t N1, int64_t n2, int64_t N2, bool estimable) {
  Json out = Json::object();
  if (!estimable || N1 == 0 || N2 == 0) {
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
  out["chi_square_p"] = chi ? Json(significant(chi->p_value)) : Json(nullptr);
  const auto fisher = stats::fisher_exact(n1, N1, n2, N2);
  out["fisher_exact_p"] = fisher ? Json(significant(*fisher)) : Json(nullptr);
  return out;
}

struct Counts {
  // Each patient in exactly one: a patient who had stopped therapy by the week is `discontinued`
  // whatever the visit shows (not achieved under ITT, not an observed case).
  int64_t achieved = 0, not_achieved = 0, not_evaluable = 0, no_visit = 0, discontinued = 0;
  // Outside the endpoint's population (docs/cohort.md, "Populations"): in no denominator.
  int64_t not_eligible = 0;
  int64_t itt() const { return achieved + not_achieved + not_evaluable + no_visit + discontinued; }
  int64_t observed() const { return achieved + not_achieved; }
  /// Whether the ITT proportion is an estimate (docs/cohort.md, "No estimate without data"): at
  /// least one patient has a known outcome at the week, an evaluable verdict on therapy or a
  /// recorded discontinuation (a failure by the seed studies' rule). When every patient is
  /// no_visit or not_evaluable, n/N would be 0 % from imputation alone: no estimate.
  bool itt_estimable() const { return achieved + not_achieved + discontinued > 0; }
};


/// True when the patient had stopped therapy by week `week`: `discontinued` (therapy stopped at or
/// before the visit) is recorded at a follow-up visit on or before `week`, or on or before
/// `assessed_until`, the latest visit the week's assessment took a measure from, when it lies
/// after the week. A flag on the baseline or on a visit before it (an earlier therapy) does not
/// count, nor does a stop after the week.
bool discontinued_by(const record::Patient& p, double week, double assessed_until) {
  const double until = assessed_until > week ? assessed_until : week;
  for (const record::Visit& v : p.visits) {
    if (v.snap.discontinued && *v.snap.discontinued && record::is_followup(p, v) &&
        *v.week <= until + kTolerance) {
      return true;
    }
  }
  return false;
}

/// The per-patient verdicts as JSON text, written as they are evaluated: byte for byte what
/// nlohmann's compact dump writes for the same values (keys in its sorted order; every scalar is
/// dumped by nlohmann itself). A list of 100 000 patients as a JSON tree would cost far more than
/// the evaluation. analyse() parses this text back for callers who want the tree.
class PatientsText {
 public:
  explicit PatientsText(bool enabled) : enabled_(enabled) {
    if (enabled_) text_ = "[";
  }
  bool enabled() const { return enabled_; }

  /// `done` patients of `total` written so far: room for the rest is made once, from the
  /// length so far (no repeated doubling of a text of 100 MB and more).
  void begin_patient(const record::Patient& p, std::size_t row, std::size_t done, std::size_t total,
                     const std::string& assessments) {
    if (done == kEstimateAfter && total > done) {
      text_.reserve(text_.size() / done * total + text_.size() / done * total / 16);
    }
    if (text_.size() > 1) text_ += ',';
    text_ += "{\"arm\":";
    if (p.arm) {
      string(*p.arm);
    } else {
      text_ += "null";
    }
    text_ += ",\"assessments\":";
    text_ += assessments;
    text_ += ",\"patient_id\":";
    if (p.id) {
      string(*p.id);
    } else {
      text_ += "null";
    }
    text_ += ",\"row\":";
    text_ += std::to_string(row);  // (nlohmann writes an unsigned integer the same way)
    text_ += ",\"verdicts\":[";
    first_verdict_ = true;
  }
  /// One verdict row; `week` and `visit_week` are the texts of those numbers (visit_week null
  /// when there was no visit); `missing` the missing inputs of a visit's unevaluable verdict.
  void verdict(bool discontinued, bool eligible, const std::string& endpoint,
               const std::vector<std::string>* missing,
               const std::string& set, const char* verdict, const std::string& visit_week,
               const std::string& week) {
    if (!first_verdict_) text_ += ',';
    first_verdict_ = false;
    text_ += discontinued ? "{\"discontinued\":true" : "{\"discontinued\":false";
    // Whether the patient is in the endpoint's population (docs/cohort.md "Populations").
    text_ += eligible ? ",\"eligible\":true,\"endpoint\":" : ",\"eligible\":false,\"endpoint\":";
    text_ += endpoint;
    if (missing) {
      text_ += ",\"missing\":[";
      for (std::size_t i = 0; i < missing->size(); ++i) {
        if (i) text_ += ',';
        string((*missing)[i]);
      }
      text_ += ']';
    }
    text_ += ",\"set\":";
    text_ += set;
    text_ += ",\"verdict\":\"";
    text_ += verdict;  // an id of the core's: nothing to escape
    text_ += "\",\"visit_week\":";
    text_ += visit_week;
    text_ += ",\"week\":";
    text_ += week;
    text_ += '}';
  }
  void end_patient() { text_ += "]}"; }

  /// The whole list ("[]" when per-patient output was not asked for).
  std::string take() {
    if (!enabled_) return "[]";
    text_ += ']';
    return std::move(text_);
  }

 private:
  static constexpr std::size_t kEstimateAfter = 64;

  /// A JSON string: printable ASCII other than quote and backslash is written as it is (as
  /// nlohmann does); anything else is left to nlohmann's dump (escapes, invalid UTF-8).
  void string(const std::string& s) {
    for (char c : s) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        text_ += dump_json(Json(s));
        return;
      }
    }
    text_ += '"';
    text_ += s;
    text_ += '"';
  }

  bool enabled_;
  bool first_verdict_ = true;
  std::string text_;
};

/// The text of a number as nlohmann dumps it, remembered per value (weeks repeat).
class NumberTexts {
 public:
  const std::string& of(double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    auto it = texts_.find(bits);
    if (it == texts_.end()) it = texts_.emplace(bits, dump_json(Json(v))).first;
    return it->second;
  }

 private:
  std::unordered_map<uint64_t, std::string> texts_;
};

/// An analysis before it is put together: everything but the per-patient list as JSON, and that
/// list as text (see PatientsText). `failed`: `head` is an error response.
struct Outcome {
  Json head;
  std::string patients;
  bool failed = false;
};

/// One summary line's worth of work: an endpoint of a set at a week.
struct Task {
  const definitions::DefinitionSet* set;
  const definitions::SetEndpoint* endpoint;
  const endpoints::Rule* rule;
  double week;
  std::size_t slot;  // index of the week among the distinct weeks
  populations::Population population;
};

Outcome run(const Input& in, const Options& options, Ticker& ticker) {
  std::vector<Error> errors;
  const std::vector<std::string> ids = options.sets.empty() ? std::vector<std::string>{"generic"} : options.sets;
  const auto sets = record::resolve_sets(ids, errors);
  if (!errors.empty()) return {errors_to_json(errors), "", true};
  const double window = options.record.window_weeks;

  // Arms in order of first appearance; "all" is added when there are two or more.
  std::vector<std::string> arms;
  std::unordered_map<std::string, std::size_t> arm_index;
  // Per patient, once: the index of its arm and its follow-up visits in week order (patient i's
  // are followups[followup_start[i] .. followup_start[i + 1]]).
  std::vector<std::size_t> arm_of;
  std::vector<const record::Visit*> followups;
  std::vector<std::size_t> followup_start;
  arm_of.reserve(in.patients.size());
  followup_start.reserve(in.patients.size() + 1);
  // Strata (the stratum column) in order of first appearance, and each patient's (see below).
  std::vector<std::string> strata;
  std::unordered_map<std::string, std::size_t> stratum_index;
  std::vector<std::size_t> stratum_of, without_stratum;
  for (std::size_t i = 0; i < in.patients.size(); ++i) {
    const record::Patient& p = in.patients[i];
    const std::string& arm = p.arm ? *p.arm : kAllArms;  // no arms in the file: one group
    auto it = arm_index.find(arm);
    if (it == arm_index.end()) {
      it = arm_index.emplace(arm, arms.size()).first;
      arms.push_back(arm);
    }
    arm_of.push_back(it->second);
    if (p.stratum) {
      auto st = stratum_index.emplace(*p.stratum, strata.size()).first;
      if (st->second == strata.size()) strata.push_back(*p.stratum);
      stratum_of.push_back(st->second);
    } else {
      stratum_of.push_back(0);
      without_stratum.push_back(i);
    }
    followup_start.push_back(followups.size());
    record::append_followups_in_order(p, followups);
  }
  followup_start.push_back(followups.size());
  const bool multi_arm = arms.size() > 1;
  // The stratified comparison needs every patient's stratum: a patient without one, when others
  // have one, is listed and the comparison is not computed (never a made-up stratum).
  const bool stratified = arms.size() == 2 && !strata.empty() && without_stratum.empty();

  // The work, in output order (set, endpoint, week). Weeks: asked for, else the ones the source
  // reports, else the data's follow-up weeks.
  std::vector<double> data_weeks;
  bool data_weeks_known = false;
  std::vector<Task> tasks;
  std::vector<double> slots;  // distinct weeks
  for (const definitions::DefinitionSet* set : sets) {
    for (const definitions::SetEndpoint& e : set->endpoints) {
      std::vector<double> weeks = options.weeks;
      if (weeks.empty()) weeks = e.weeks;
      if (weeks.empty()) {
        if (!data_weeks_known) {
          std::set<double> found;
          double last = std::nan("");
          for (const record::Visit* v : followups) {
            const double w = std::round(*v->week);
            if (w != last) found.insert(w);  // (the same week follows itself often)
            last = w;
          }
          data_weeks.assign(found.begin(), found.end());
          data_weeks_known = true;
        }
        weeks = data_weeks;
      }
      const endpoints::Rule* rule = endpoints::find_rule(e.rule);
      if (!rule) continue;  // definitions name only existing rules (tested)
      for (double week : weeks) {
        auto at = std::find(slots.begin(), slots.end(), week);
        if (at == slots.end()) at = slots.insert(slots.end(), week);
        tasks.push_back({set, &e, rule, week, static_cast<std::size_t>(at - slots.begin()),
                         populations::of(e, *rule)});
      }
    }
  }

  Json issues = Json::array();
  for (const Issue& i : in.issues) {
    issues.push_back({{"row", i.row}, {"patient_id", i.patient_id}, {"column", i.column},
                      {"error", i.code}, {"message", i.message}, {"effect", i.effect},
                      {"measure", i.measure.empty() ? Json(nullptr) : Json(i.measure)}});
  }
  if (!strata.empty()) {
    for (std::size_t i : without_stratum) {
      const std::string id = in.patients[i].id ? *in.patients[i].id : "";
      issues.push_back({{"row", in.first_rows[i]}, {"patient_id", id}, {"column", kStratum},
                        {"error", code::kMissingField},
                        {"message", "patient " + id + " has no stratum while other patients have one; "
                                    "the stratified comparison is not computed"}});
    }
  }

  // Patient by patient: the visit and discontinuation at each distinct week once, then every
  // endpoint's verdict, counted per task and arm.
  std::vector<Counts> counts(tasks.size() * arms.size());
  // With strata: the same counts per task, arm and stratum (for the Mantel-Haenszel comparison).
  std::vector<Counts> stratum_counts(stratified ? tasks.size() * arms.size() * strata.size() : 0);
  PatientsText patients(options.include_patients);
  NumberTexts numbers;
  std::vector<std::string> set_text, endpoint_text, week_text;  // per task, as JSON text
  if (patients.enabled()) {
    for (const Task& task : tasks) {
      set_text.push_back(dump_json(Json(task.set->id)));
      endpoint_text.push_back(dump_json(Json(task.endpoint->id)));
      week_text.push_back(numbers.of(task.week));
    }
  }
  const std::string null_text = "null";
  std::vector<const std::string*> visit_week_text(slots.size());
  std::vector<const record::Visit*> visit_at(slots.size());
  // Per week, the patient's assessment (crohn/assessment.hpp): each measure from the visit nearest
  // the week that has it; `assembled` carries its measures to the rules as one follow-up visit.
  std::vector<Assessment> assessment_at(slots.size());
  record::Visit assembled;
  std::vector<char> stopped_at(slots.size());
  std::vector<endpoints::Measures> measures_at(slots.size());
  // Whether any task's population is decided from the baseline (then each patient's baseline is
  // read once as a rule's input).
  const bool any_precondition = std::any_of(tasks.begin(), tasks.end(), [](const Task& t) {
    return t.population.kind == populations::Kind::kBaselinePrecondition;
  });
  endpoints::Measures baseline_only;
  for (std::size_t i = 0; i < in.patients.size(); ++i) {
    ticker.at(i);
    const record::Patient& p = in.patients[i];
    if (any_precondition) baseline_only = record::measures_for(p, p.visits[p.baseline], options.record);
    for (std::size_t s = 0; s < slots.size(); ++s) {
      assessment_at[s] = assess(followups.data() + followup_start[i],
                                followups.data() + followup_start[i + 1], slots[s], window);
      const Assessment& as = assessment_at[s];
      visit_at[s] = as.nearest;
      stopped_at[s] = discontinued_by(p, slots[s], as.nearest ? as.latest_week : slots[s]);
      if (visit_at[s]) {
        assembled.snap = as.snap;
        assembled.week = slots[s];
        measures_at[s] = record::measures_for(p, assembled, options.record);
      }
      if (patients.enabled()) {
        visit_week_text[s] = visit_at[s] ? &numbers.of(*visit_at[s]->week) : &null_text;
      }
    }
    if (patients.enabled()) {
      // Which visit (week) each measure of each week's assessment came from.
      Json list = Json::array();
      for (std::size_t s = 0; s < slots.size(); ++s) {
        const Assessment& as = assessment_at[s];
        Json from = Json::object();
        for (std::size_t k = 0; k < kParts; ++k) {
          if (as.from[k]) from[part_name(static_cast<Part>(k))] = *as.from[k]->week;
        }
        list.push_back({{"week", slots[s]},
                        {"visit_week", as.nearest ? Json(*as.nearest->week) : Json(nullptr)},
                        {"measures", std::move(from)}});
      }
      patients.begin_patient(p, in.first_rows[i], i, in.patients.size(), dump_json(list));
    }
    for (std::size_t k = 0; k < tasks.size(); ++k) {
      const Task& task = tasks[k];
      Counts& c = counts[k * arms.size() + arm_of[i]];
      const bool stopped = stopped_at[task.slot] != 0;
      const record::Visit* v = visit_at[task.slot];
      const char* name = "no_visit";
      verdict::Tri t = verdict::Tri::unknown({});
      if (v) {
        t = task.rule->evaluate(measures_at[task.slot]);
        name = record::verdict_name(t);
      }
      // The failure rule of the seed studies (docs/cohort.md): a patient who had stopped therapy
      // by the week is not achieved under ITT whatever the visit shows, and not an observed case
      // (the per-patient row keeps the visit's own verdict and says "discontinued").
      // The endpoint's population first (docs/cohort.md, "Populations"): a patient outside it is
      // in no denominator, whatever the visit or the discontinuation.
      const populations::Population& pop = task.population;
      const bool eligible =
          (pop.kind != populations::Kind::kBaselinePrecondition ||
           populations::in_by_baseline(pop, *task.rule, baseline_only)) &&
          (pop.kind != populations::Kind::kMeasuredAtBaselineAndVisit ||
           populations::in_by_measures(pop, p.visits[p.baseline].snap,
                                       v ? &assessment_at[task.slot].snap : nullptr));
      int64_t Counts::*category = !eligible           ? &Counts::not_eligible
                                  : stopped             ? &Counts::discontinued
                                  : !v                  ? &Counts::no_visit
                                  : !t.evaluable()      ? &Counts::not_evaluable
                                  : t.yes()             ? &Counts::achieved
                                                        : &Counts::not_achieved;
      ++(c.*category);
      if (stratified) {
        ++(stratum_counts[(k * arms.size() + arm_of[i]) * strata.size() + stratum_of[i]].*category);
      }
      if (!patients.enabled()) continue;
      patients.verdict(stopped, eligible, endpoint_text[k], v && !t.evaluable() ? &t.missing() : nullptr,
                       set_text[k], name, *visit_week_text[task.slot], week_text[k]);
    }
    if (patients.enabled()) patients.end_patient();
  }

  Json summary = Json::array();
  Json comparisons = Json::array();
  for (std::size_t k = 0; k < tasks.size(); ++k) {
    const Task& task = tasks[k];
    std::vector<Counts> by_arm(counts.begin() + static_cast<std::ptrdiff_t>(k * arms.size()),
                               counts.begin() + static_cast<std::ptrdiff_t>((k + 1) * arms.size()));
    std::vector<std::string> order = arms;
    if (multi_arm) {
      Counts all;
      for (const Counts& c : by_arm) {
        all.achieved += c.achieved;
        all.not_achieved += c.not_achieved;
        all.not_evaluable += c.not_evaluable;
        all.no_visit += c.no_visit;
        all.discontinued += c.discontinued;
        all.not_eligible += c.not_eligible;
      }
      by_arm.push_back(all);
      order.push_back(kAllArms);
    }
    for (std::size_t a = 0; a < order.size(); ++a) {
      const Counts& c = by_arm[a];
      summary.push_back({{"set", task.set->id},
                         {"endpoint", task.endpoint->id},
                         {"label", task.rule->label},
                         {"week", task.week},
                         {"arm", order[a]},
                         {"achieved", c.achieved},
                         {"not_achieved", c.not_achieved},
                         {"not_evaluable", c.not_evaluable},
                         {"no_visit", c.no_visit},
                         {"discontinued", c.discontinued},
                         {"population", task.population.id()},
                         {"not_eligible", c.not_eligible},
                         {"itt", proportion_json(c.achieved, c.itt(), c.itt_estimable())},
                         {"observed", proportion_json(c.achieved, c.observed(), true)}});
    }
    if (arms.size() == 2) {
      const Counts& a = by_arm[0];
      const Counts& b = by_arm[1];
      comparisons.push_back({{"set", task.set->id},
                             {"endpoint", task.endpoint->id},
                             {"week", task.week},
                             {"arms", arms},
                             {"itt", comparison_json(a.achieved, a.itt(), b.achieved, b.itt(),
                                                     a.itt_estimable() && b.itt_estimable())},
                             {"observed", comparison_json(a.achieved, a.observed(), b.achieved,
                                                          b.observed(), true)}});
      // The difference above is unadjusted; across strata, the Mantel-Haenszel one beside it.
      Json& row = comparisons.back();
      for (const char* d : {"itt", "observed"}) {
        row[d]["difference_kind"] = "unadjusted";
        row[d]["mantel_haenszel"] = nullptr;
      }
      if (stratified) {
        std::vector<stats::StratumTable> itt_tables, observed_tables;
        for (std::size_t st = 0; st < strata.size(); ++st) {
          const Counts& x = stratum_counts[(k * arms.size() + 0) * strata.size() + st];
          const Counts& y = stratum_counts[(k * arms.size() + 1) * strata.size() + st];
          itt_tables.push_back({x.achieved, x.itt(), y.achieved, y.itt()});
          observed_tables.push_back({x.achieved, x.observed(), y.achieved, y.observed()});
        }
        row["itt"]["mantel_haenszel"] = mantel_haenszel_json(itt_tables);
        row["observed"]["mantel_haenszel"] = mantel_haenszel_json(observed_tables);
      }
    }
  }
  // Time to discontinuation by Kaplan-Meier, for the endpoints of that rule.
  std::vector<SurvivalEndpoint> survival_endpoints;
  for (const Task& task : tasks) {
    if (std::string(task.rule->id) != kTimeToDiscontinuationRule) continue;
    if (survival_endpoints.empty() || survival_endpoints.back().set != task.set->id ||
        survival_endpoints.back().endpoint != task.endpoint->id) {
      survival_endpoints.push_back({task.set->id, task.endpoint->id, {}});
    }
    survival_endpoints.back().weeks.push_back(task.week);
  }
  Json survival = Json::array(), survival_curves = Json::array();
  {
    std::vector<std::string> order = arms;
    if (multi_arm) order.push_back(kAllArms);
    survival_json(in.patients, arm_of, order, multi_arm, survival_endpoints, survival, survival_curves);
  }
  Json set_info = Json::array();
  for (const definitions::DefinitionSet* s : sets) {
    set_info.push_back({{"id", s->id}, {"label", s->label}, {"version", s->version}, {"citation", s->citation}});
  }
  Json head = {{"version", kVersion},
          {"input",
           {{"rows", in.rows},
            {"patients", in.patients.size()},
            {"delimiter", std::string(1, in.delimiter)},
            {"decimal_comma", in.decimal_comma},
            {"columns", in.columns},
            {"unknown_columns", in.unknown_columns}}},
          {"definition_sets", set_info},
          {"denominators",
           {{"itt", "intention to treat: every patient of the arm in the endpoint's population "
                    "(the summary row's population; the others are not_eligible); a patient "
                    "with no visit in the window, a missing value or discontinuation counts as not "
                    "achieved; no estimate (n/a) when no patient has a known outcome at the week "
                    "(an evaluable verdict or a recorded discontinuation)"},
            {"observed", "observed cases: patients on therapy whose endpoint could be evaluated at that week"}}},
          {"options", {{"window_weeks", options.record.window_weeks}}},
          {"issues", issues},
          {"summary", summary},
          {"comparisons", comparisons},
          {"strata", strata},
          {"survival", survival},
          {"survival_curves", survival_curves},
          {"survival_method", kSurvivalMethod}};
  // The descriptive table (Table 1) at baseline and at each reported week (cohort_baseline.cpp).
  head["baseline_table"] = baseline_table(in, slots, window);
  return {std::move(head), patients.take(), false};
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

namespace {

Outcome run_outcome(const Input& input, const Options& options, const Progress& progress) noexcept {
  Ticker ticker(progress, input.patients.size());
  Outcome out;
  try {
    out = run(input, options, ticker);
  } catch (const std::exception& e) {
    out = {errors_to_json({Error{code::kInternal, "cohort", std::string("internal error: ") + e.what(), "cohort"}}), "", true};
  } catch (...) {
    out = {errors_to_json({Error{code::kInternal, "cohort", "internal error", "cohort"}}), "", true};
  }
  try {
    ticker.finish();
  } catch (...) {
    // A throwing callback does not change the analysis.
  }
  return out;
}

/// The analysis as compact JSON text: the head's members in key order with the per-patient
/// text in its place (what dump_json of the whole tree gives, without building the list).
std::string outcome_text(Outcome&& outcome) {
  if (outcome.failed) return dump_json(outcome.head);
  static const std::string kPatients = "patients";
  std::string out;
  out.reserve(outcome.patients.size() + 4096);
  out += '{';
  bool placed = false;
  auto member = [&](const std::string& key, const std::string& value) {
    if (out.size() > 1) out += ',';
    out += dump_json(Json(key));
    out += ':';
    out += value;
  };
  for (auto it = outcome.head.begin(); it != outcome.head.end(); ++it) {
    if (!placed && kPatients < it.key()) {
      member(kPatients, outcome.patients);
      placed = true;
    }
    member(it.key(), dump_json(it.value()));
  }
  if (!placed) member(kPatients, outcome.patients);
  out += '}';
  return out;
}

}  // namespace

Json analyse(const Input& input, const Options& options, const Progress& progress) noexcept {
  Outcome outcome = run_outcome(input, options, progress);
  if (outcome.failed) return outcome.head;
  try {
    std::string message;
    Json list = parse_json(outcome.patients, message);
    if (list.is_discarded()) throw std::runtime_error("per-patient list: " + message);
    outcome.head["patients"] = std::move(list);
    return std::move(outcome.head);
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
      "observed_cp_low,observed_cp_high,population,not_eligible\n";
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
    line += "," + csv_cell(r["population"]) + "," + csv_cell(r["not_eligible"]);
    out += line + "\n";
  }
  return out;
}

namespace {

/// Maps one stage's progress onto [lo, hi] of a whole run of 100 (each value reported once).
class Stage {
 public:
  Stage(const Progress& whole, std::size_t& last, std::size_t lo, std::size_t hi)
      : whole_(whole), last_(last), lo_(lo), hi_(hi) {}
  Progress callback() const {
    if (!whole_) return {};
    return [this](std::size_t done, std::size_t total) {
      report(total == 0 ? hi_
                        : lo_ + static_cast<std::size_t>(static_cast<uint64_t>(hi_ - lo_) * done / total));
    };
  }
  void report(std::size_t value) const {
    if (!whole_ || (last_ != kNothing && value <= last_)) return;
    last_ = value;
    whole_(value, 100);
  }
  static constexpr std::size_t kNothing = static_cast<std::size_t>(-1);

 private:
  const Progress& whole_;
  std::size_t& last_;
  std::size_t lo_, hi_;
};

std::string run_json(std::string_view file_text, std::string_view options_json,
                     const Progress& progress, std::size_t& last) {
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
  if (auto weeks = rd.number_array("weeks", record::kWeekMin, record::kWeekMax, false, 1, 52, Need::kOptional)) {
    options.weeks = *weeks;
  }
  if (auto w = rd.number("window_weeks", 0, record::kWindowWeeksMax, Need::kOptional)) options.record.window_weeks = *w;
  if (auto v = rd.number("fc_below_ug_g", 1, 10000, Need::kOptional)) options.record.fc_below_ug_g = *v;
  if (auto v = rd.number("crp_below_mg_l", 0.1, 100, Need::kOptional)) options.record.crp_below_mg_l = *v;
  if (auto b = rd.boolean("include_patients", Need::kOptional)) options.include_patients = *b;
  // The summary table as CSV text (what `crohnscore cohort --format csv` prints) in the member
  // "summary_csv", so that the page's CSV export is the core's.
  const bool with_csv = rd.boolean("summary_csv", Need::kOptional).value_or(false);
  rd.finish();
  if (!errors.empty()) return dump_json(errors_to_json(errors));
  // Reading is 0-40 %, evaluating 40-90 %, the JSON text the rest.
  const Stage reading(progress, last, 0, 40);
  const Stage evaluating(progress, last, 40, 90);
  const Input input = read_any(file_text, reading.callback());
  Outcome outcome = run_outcome(input, options, evaluating.callback());
  if (with_csv && !outcome.failed) outcome.head["summary_csv"] = summary_csv(outcome.head);
  return outcome_text(std::move(outcome));
}

}  // namespace

std::string analyse_json(std::string_view file_text, std::string_view options_json,
                         const Progress& progress) noexcept {
  std::size_t last = Stage::kNothing;
  std::string out;
  try {
    out = run_json(file_text, options_json, progress, last);
  } catch (...) {
    out = dump_json(errors_to_json({Error{code::kInternal, "cohort", "internal error", "cohort"}}));
  }
  try {
    Stage(progress, last, 100, 100).report(100);
  } catch (...) {
    // A throwing callback does not change the analysis.
  }
  return out;
}

}  // namespace crohn::cohort
