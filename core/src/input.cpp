// SPDX-License-Identifier: MIT
#include "crohn/input.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

namespace crohn {

namespace {

std::string json_type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::string: return "a string";
    case Json::value_t::array: return "an array";
    case Json::value_t::object: return "an object";
    case Json::value_t::binary: return "binary data";
    case Json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

std::string join_allowed(Allowed allowed) {
  std::string out;
  for (const char* item : allowed) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

Json allowed_params(Allowed allowed) {
  Json list = Json::array();
  for (const char* item : allowed) list.push_back(item);
  Json out = Json::object();
  out["allowed"] = std::move(list);
  return out;
}

/// Unit suffixes of input keys and their unit ids (docs/contract.md); the longer suffix of two
/// that end alike comes first (`_mm_h` before `_mm`).
struct UnitSuffix {
  const char* suffix;
  const char* unit;
};
constexpr UnitSuffix kUnitSuffixes[] = {
    {"_pct", "pct"},   {"_kg", "kg"},       {"_cm", "cm"},     {"_mg_l", "mg_l"},
    {"_mg_dl", "mg_dl"}, {"_g_dl", "g_dl"}, {"_ug_g", "ug_g"}, {"_mm_h", "mm_h"},
    {"_mm", "mm"},     {"_years", "years"}, {"_weeks", "weeks"},
};

}  // namespace

Json errors_to_json(const std::vector<Error>& errors) {
  Json out = Json::object();
  if (errors.empty()) return out;
  out["error"] = errors.front().code;
  out["field"] = errors.front().field;
  out["message"] = errors.front().message;
  if (!errors.front().params.is_null()) out["params"] = errors.front().params;
  Json list = Json::array();
  for (const Error& e : errors) {  // key by key (hbi.cpp says why)
    Json& item = list.emplace_back(Json::object());
    item["error"] = e.code;
    item["field"] = e.field;
    item["path"] = e.path;
    item["message"] = e.message;
    if (!e.params.is_null()) item["params"] = e.params;
  }
  out["errors"] = std::move(list);
  return out;
}

bool is_integral_number(const Json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  const double d = value.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

std::string format_number(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", value);
  return buf;
}

Json reason_params(const char* reason, const char* of) {
  Json out = Json::object();
  out["reason"] = reason;
  if (of) out["of"] = of;
  return out;
}

Json decimals_params(int decimals) {
  Json out = reason_params(reason::kDecimals);
  out["max"] = decimals;
  return out;
}

Json step_params(double step) {
  Json out = reason_params(reason::kMultipleOf);
  out["step"] = step;
  return out;
}

const char* unit_of_key(std::string_view key) {
  for (const UnitSuffix& u : kUnitSuffixes) {
    const std::size_t n = std::strlen(u.suffix);
    if (key.size() > n && key.compare(key.size() - n, n, u.suffix) == 0) return u.unit;
  }
  return nullptr;
}

Json range_params(std::string_view key, double lo, double hi, bool integer, const char* unit) {
  Json out = Json::object();
  if (integer) {  // a whole-number scale's ends as integers (21, not 21.0)
    out["min"] = static_cast<int64_t>(lo);
    out["max"] = static_cast<int64_t>(hi);
    out["integer"] = true;
  } else {
    out["min"] = lo;
    out["max"] = hi;
  }
  if (!unit) unit = unit_of_key(key);
  if (unit) out["unit"] = unit;
  return out;
}

Value::Value(const Json& json) : json_(&json) {
  switch (json.type()) {
    case Json::value_t::null: kind_ = Kind::kNull; break;
    case Json::value_t::boolean: kind_ = Kind::kBool; flag_ = json.get<bool>(); break;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      kind_ = Kind::kNumber;
      number_ = json.get<double>();
      flag_ = is_integral_number(json);
      break;
    case Json::value_t::string: {
      kind_ = Kind::kString;
      const std::string& text = json.get_ref<const std::string&>();
      data_ = text.data();
      size_ = text.size();
      break;
    }
    case Json::value_t::array: kind_ = Kind::kList; size_ = json.size(); break;
    case Json::value_t::object: kind_ = Kind::kObject; break;
    default: kind_ = Kind::kOther; break;
  }
}

Value Value::number(double v) { return number(v, std::isfinite(v) && std::floor(v) == v); }

Value Value::number(double v, bool integral) {
  Value out;
  out.kind_ = Kind::kNumber;
  out.number_ = v;
  out.flag_ = integral;
  return out;
}

Value Value::boolean(bool v) {
  Value out;
  out.kind_ = Kind::kBool;
  out.flag_ = v;
  return out;
}

Value Value::text(std::string_view v) {
  Value out;
  out.kind_ = Kind::kString;
  out.data_ = v.data();
  out.size_ = v.size();
  return out;
}

Value Value::list(const std::string_view* items, std::size_t size) {
  Value out;
  out.kind_ = Kind::kList;
  out.data_ = items;
  out.size_ = size;
  return out;
}

Value Value::object(const Fields& fields) {
  Value out;
  out.kind_ = Kind::kObject;
  out.data_ = &fields;
  return out;
}

Value Value::item(std::size_t i) const {
  if (json_) return Value((*json_)[i]);
  return text(static_cast<const std::string_view*>(data_)[i]);
}

std::string Value::type_name() const {
  if (json_) return json_type_name(*json_);
  switch (kind_) {
    case Kind::kNull: return "null";
    case Kind::kBool: return "a boolean";
    case Kind::kString: return "a string";
    case Kind::kList: return "an array";
    case Kind::kObject: return "an object";
    default: return "a number";
  }
}

namespace {

/// A small number for each distinct key text. Keys are string literals or the cohort layout's
/// strings: few addresses, asked again and again, so the number is remembered per address.
struct KeySlot {
  const char* key = nullptr;
  std::size_t number = 0;
};
constexpr unsigned kKeySlotBits = 11;
// Two ways per hash: a key takes the first free one, or the second when both are taken.
thread_local KeySlot key_slots[(1u << kKeySlotBits) + 1];

#if defined(__GNUC__)
__attribute__((noinline))
#endif
std::size_t key_number_slow(const char* key, KeySlot* way) {
  static thread_local std::unordered_map<std::string, std::size_t> numbers;
  const std::size_t number = numbers.emplace(key, numbers.size()).first->second;
  way[way[0].key == nullptr ? 0 : 1] = KeySlot{key, number};
  return number;
}

inline std::size_t key_number(const char* key) {
  const auto address = static_cast<uint64_t>(reinterpret_cast<std::uintptr_t>(key));
  KeySlot* way = &key_slots[(address * 0x9E3779B97F4A7C15ull) >> (64 - kKeySlotBits)];
  if (way[0].key == key) return way[0].number;
  if (way[1].key == key) return way[1].number;
  return key_number_slow(key, way);
}

}  // namespace

void Fields::clear() {
  for (std::size_t n : numbers_) slot_[n] = 0;
  numbers_.clear();
  entries_.clear();
}

std::size_t Fields::number_of(const char* key) { return key_number(key); }

std::size_t Fields::index(const char* key) const {
  const std::size_t n = key_number(key);
  return n < slot_.size() && slot_[n] != 0 ? slot_[n] - 1u : kNone;
}

Reader::Reader(Node object, std::vector<Error>& sink, std::string prefix, std::string holder)
    : object_(object),
      sink_(sink),
      prefix_(std::move(prefix)),
      holder_(std::move(holder)),
      errors_at_start_(sink.size()) {}

Reader::Reader(Node object, std::vector<Error>& sink, const char* head, const char* key,
               std::string holder)
    : object_(object),
      sink_(sink),
      prefix_head_(head),
      prefix_key_(key),
      holder_(std::move(holder)),
      errors_at_start_(sink.size()) {}

std::string Reader::field_of(const std::string& key) const {
  return holder_.empty() ? prefix() + key : holder_;
}

void Reader::fail(const char* code, const std::string& key, const std::string& message) {
  sink_.push_back(Error{code, field_of(key), message, path_of(key)});
}

void Reader::fail(const char* code, const std::string& key, const std::string& message,
                  Json params) {
  sink_.push_back(Error{code, field_of(key), message, path_of(key), std::move(params)});
}

bool Reader::present(const char* key) const {
  if (const Fields* f = object_.fields()) {
    const Value* v = f->find(key);
    return v && !v->is_null();
  }
  const Json& obj = *object_.json();
  if (!obj.is_object()) return false;
  auto it = obj.find(key);
  return it != obj.end() && !it->is_null();
}

bool Reader::has_key(const char* key) const {
  if (const Fields* f = object_.fields()) return f->find(key) != nullptr;
  const Json& obj = *object_.json();
  return obj.is_object() && obj.find(key) != obj.end();
}

const Value* Reader::lookup(const char* key, Need need) {
  if (const Fields* f = object_.fields()) {
    const std::size_t i = f->index(key);
    if (i != Fields::kNone) {
      note_asked(i);
      const Value& v = f->entries()[i].second;
      if (!v.is_null()) return &v;
    }
  } else if (const Value* v = lookup_json(key)) {
    return v;
  }
  if (need == Need::kRequired) missing(key);
  return nullptr;
}

const Value* Reader::lookup_json(const char* key) {
  mark_used(key);
  const Json& obj = *object_.json();
  if (!obj.is_object()) return nullptr;
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return nullptr;
  json_value_ = Value(*it);
  return &json_value_;
}

void Reader::missing(const char* key) { fail(code::kMissingField, key, path_of(key) + " is required"); }

std::optional<int> Reader::integer(const char* key, int lo, int hi, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kNumber) {
    fail(code::kInvalidType, key, path_of(key) + " must be a whole number, not " + v->type_name(),
         range_params(key, lo, hi, true));
    return std::nullopt;
  }
  if (!v->is_integral()) {
    fail(code::kInvalidType, key,
         path_of(key) + " must be a whole number, not " + format_number(v->as_number()),
         range_params(key, lo, hi, true));
    return std::nullopt;
  }
  const double d = v->as_number();
  if (d < lo || d > hi) {
    fail(code::kOutOfRange, key,
         path_of(key) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
             ", not " + format_number(d),
         range_params(key, lo, hi, true));
    return std::nullopt;
  }
  return static_cast<int>(d);
}

std::optional<double> Reader::number(const char* key, double lo, double hi, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kNumber) {
    fail(code::kInvalidType, key, path_of(key) + " must be a number, not " + v->type_name());
    return std::nullopt;
  }
  const double d = v->as_number();
  if (!std::isfinite(d) || d < lo || d > hi) {
    fail(code::kOutOfRange, key,
         path_of(key) + " must be between " + format_number(lo) + " and " + format_number(hi) +
             ", not " + format_number(d),
         range_params(key, lo, hi, false));
    return std::nullopt;
  }
  return d;
}

std::optional<Censored> Reader::lab(const char* key, double lo, double hi, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  Censored c;
  if (v->kind() == Value::Kind::kNumber) {
    c = Censored(v->as_number());
  } else if (v->kind() == Value::Kind::kString) {
    std::string_view text = v->as_text();
    const Bound bound = take_bound(text);
    // The number after the sign: digits with at most one decimal point (no exponent, no sign).
    bool digits = false, point = false, plain = !text.empty();
    for (char ch : text) {
      if (ch >= '0' && ch <= '9') {
        digits = true;
      } else if (ch == '.' && !point) {
        point = true;
      } else {
        plain = false;
      }
    }
    if (bound == Bound::kExact || !plain || !digits) {
      fail(code::kInvalidType, key,
           path_of(key) + " must be a number or a censored value such as <0.5 or >1800, not \"" +
               std::string(v->as_text()) + "\"");
      return std::nullopt;
    }
    c = Censored(std::strtod(std::string(text).c_str(), nullptr), bound);
  } else {
    fail(code::kInvalidType, key, path_of(key) + " must be a number, not " + v->type_name());
    return std::nullopt;
  }
  if (!std::isfinite(c.value) || c.value < lo || c.value > hi) {
    fail(code::kOutOfRange, key,
         path_of(key) + " must be between " + format_number(lo) + " and " + format_number(hi) +
             ", not " + censored_text(c),
         range_params(key, lo, hi, false));
    return std::nullopt;
  }
  return c;
}

std::optional<bool> Reader::boolean(const char* key, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kBool) {
    fail(code::kInvalidType, key,
         path_of(key) + " must be true or false, not " + v->type_name());
    return std::nullopt;
  }
  return v->as_bool();
}

std::optional<std::string> Reader::choice(const char* key,
                                          Allowed allowed, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kString) {
    fail(code::kInvalidType, key, path_of(key) + " must be a string, not " + v->type_name());
    return std::nullopt;
  }
  const std::string_view s = v->as_text();
  for (const char* a : allowed) {
    if (s == a) return std::string(s);
  }
  fail(code::kUnknownValue, key,
       path_of(key) + " must be one of: " + join_allowed(allowed) + " (got \"" + std::string(s) +
           "\")",
       allowed_params(allowed));
  return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::id_set(const char* key,
                                                       Allowed allowed,
                                                       Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kList) {
    fail(code::kInvalidType, key,
         path_of(key) + " must be a list of ids, not " + v->type_name());
    return std::nullopt;
  }
  // Which allowed ids were seen (by position in `allowed`; bits for the usual short lists).
  const std::size_t count = static_cast<std::size_t>(allowed.end() - allowed.begin());
  uint64_t seen_bits = 0;
  std::vector<bool> seen_more(count > 64 ? count : 0, false);
  auto mark = [&](std::size_t at) {
    if (count > 64) {
      seen_more[at] = true;
    } else {
      seen_bits |= uint64_t{1} << at;
    }
  };
  auto seen = [&](std::size_t at) { return count > 64 ? seen_more[at] : ((seen_bits >> at) & 1u) != 0; };
  bool ok = true;
  const std::size_t n = v->size();
  for (std::size_t i = 0; i < n; ++i) {
    const Value item = v->item(i);
    auto where = [&] { return path_of(key) + "[" + std::to_string(i) + "]"; };
    if (item.kind() != Value::Kind::kString) {
      sink_.push_back(Error{code::kInvalidType, field_of(key),
                            where() + " must be a string, not " + item.type_name(), where()});
      ok = false;
      continue;
    }
    const std::string_view s = item.as_text();
    bool known = false;
    std::size_t at = 0;
    for (const char* a : allowed) {
      if (s == a) {
        mark(at);
        known = true;
      }
      ++at;
    }
    if (!known) {
      sink_.push_back(Error{code::kUnknownValue, field_of(key),
                            where() + " \"" + std::string(s) + "\" is not one of: " +
                                join_allowed(allowed),
                            where(), allowed_params(allowed)});
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  std::vector<std::string> out;
  std::size_t at = 0;
  for (const char* a : allowed) {
    if (seen(at++)) out.emplace_back(a);
  }
  return out;
}

std::optional<std::vector<double>> Reader::number_array(const char* key, double lo, double hi,
                                                        bool integers, std::size_t min_len,
                                                        std::size_t max_len, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kList) {
    fail(code::kInvalidType, key, path_of(key) + " must be a list, not " + v->type_name());
    return std::nullopt;
  }
  const std::size_t n = v->size();
  if (n < min_len || n > max_len) {
    const std::string want = min_len == max_len
                                 ? "exactly " + std::to_string(min_len)
                                 : std::to_string(min_len) + " to " + std::to_string(max_len);
    Json params = reason_params(reason::kEntries);
    params["min"] = min_len;
    params["max"] = max_len;
    fail(code::kOutOfRange, key,
         path_of(key) + " must hold " + want + " entries, not " + std::to_string(n),
         std::move(params));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Value item = v->item(i);
    auto where = [&] { return path_of(key) + "[" + std::to_string(i) + "]"; };
    if (item.is_null()) {
      sink_.push_back(Error{code::kMissingField, field_of(key),
                            where() + " is missing (a diary day cannot be left empty)", where(),
                            reason_params(reason::kDiaryDayEmpty)});
      ok = false;
      continue;
    }
    if (item.kind() != Value::Kind::kNumber || (integers && !item.is_integral())) {
      sink_.push_back(Error{code::kInvalidType, field_of(key),
                            where() + (integers ? " must be a whole number" : " must be a number"),
                            where(), range_params(key, lo, hi, integers)});
      ok = false;
      continue;
    }
    const double d = item.as_number();
    if (d < lo || d > hi) {
      sink_.push_back(Error{code::kOutOfRange, field_of(key),
                            where() + " must be between " + format_number(lo) + " and " +
                                format_number(hi) + ", not " + format_number(d),
                            where(), range_params(key, lo, hi, integers)});
      ok = false;
      continue;
    }
    out.push_back(d);
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<int64_t> Reader::hundredths(const char* key, double lo, double hi, Need need) {
  auto v = number(key, lo, hi, need);
  if (!v) return std::nullopt;
  const double scaled = *v * 100.0;
  if (std::fabs(scaled - std::round(scaled)) > 1e-6) {
    fail(code::kInvalidType, key,
         path_of(key) + " is measured to 0.1 mm: give at most 2 decimals, not " +
             format_number(*v),
         decimals_params(2));
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(scaled));
}

std::optional<Node> Reader::object(const char* key, Need need) {
  const Value* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (v->kind() != Value::Kind::kObject) {
    fail(code::kInvalidType, key, path_of(key) + " must be an object, not " + v->type_name());
    return std::nullopt;
  }
  if (v->json()) return Node(*v->json());
  return Node(*v->fields());
}

bool Reader::entry_asked(std::size_t index) const {
  if (index < 64) return (asked_low_ >> index) & 1u;
  return std::find(asked_high_.begin(), asked_high_.end(), index) != asked_high_.end();
}

bool Reader::asked(std::string_view key) const {
  // The first characters tell most keys apart before a full comparison.
  auto same = [&](const char* u) { return (key.empty() ? u[0] == '\0' : u[0] == key[0]) && key == u; };
  return std::any_of(inline_used_, inline_used_ + inline_count_, same) ||
         std::any_of(more_used_.begin(), more_used_.end(), same);
}

void Reader::finish() {
  std::vector<std::string> unknown;
  if (const Fields* f = object_.fields()) {
    for (std::size_t i = 0; i < f->entries().size(); ++i) {
      if (!entry_asked(i)) unknown.emplace_back(f->entries()[i].first);
    }
    // In key order, as for a JSON object.
    std::sort(unknown.begin(), unknown.end());
  } else if (object_.json()->is_object()) {
    for (auto it = object_.json()->begin(); it != object_.json()->end(); ++it) {
      if (!asked(it.key())) unknown.push_back(it.key());
    }
  }
  for (const std::string& key : unknown) {
    const std::string p = path_of(key);
    sink_.push_back(Error{code::kUnknownValue, holder_.empty() ? p : holder_,
                          "unknown input " + p + " (check its spelling)", p,
                          reason_params(reason::kUnknownInput)});
  }
}

}  // namespace crohn
