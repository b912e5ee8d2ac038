// SPDX-License-Identifier: MIT
#include "crohn/input.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace crohn {

namespace {

std::string type_name(const Json& value) {
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

}  // namespace

Json errors_to_json(const std::vector<Error>& errors) {
  Json out = Json::object();
  if (errors.empty()) return out;
  out["error"] = errors.front().code;
  out["field"] = errors.front().field;
  out["message"] = errors.front().message;
  Json list = Json::array();
  for (const Error& e : errors) {
    list.push_back({{"error", e.code}, {"field", e.field}, {"path", e.path}, {"message", e.message}});
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

Reader::Reader(const Json& object, std::vector<Error>& sink, std::string prefix,
               std::string holder)
    : object_(object),
      sink_(sink),
      prefix_(std::move(prefix)),
      holder_(std::move(holder)),
      errors_at_start_(sink.size()) {}

std::string Reader::field_of(const std::string& key) const {
  return holder_.empty() ? prefix_ + key : holder_;
}

void Reader::fail(const char* code, const std::string& key, const std::string& message) {
  sink_.push_back(Error{code, field_of(key), message, path_of(key)});
}

bool Reader::present(const char* key) const {
  if (!object_.is_object()) return false;
  auto it = object_.find(key);
  return it != object_.end() && !it->is_null();
}

const Json* Reader::lookup(const char* key, Need need) {
  used_.push_back(key);
  if (object_.is_object()) {
    auto it = object_.find(key);
    if (it != object_.end() && !it->is_null()) return &*it;
  }
  if (need == Need::kRequired) {
    fail(code::kMissingField, key, path_of(key) + " is required");
  }
  return nullptr;
}

std::optional<int> Reader::integer(const char* key, int lo, int hi, Need need) {
  const Json* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(code::kInvalidType, key, path_of(key) + " must be a whole number, not " + type_name(*v));
    return std::nullopt;
  }
  if (!is_integral_number(*v)) {
    fail(code::kInvalidType, key,
         path_of(key) + " must be a whole number, not " + format_number(v->get<double>()));
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (d < lo || d > hi) {
    fail(code::kOutOfRange, key,
         path_of(key) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
             ", not " + format_number(d));
    return std::nullopt;
  }
  return static_cast<int>(d);
}

std::optional<double> Reader::number(const char* key, double lo, double hi, Need need) {
  const Json* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (!v->is_number()) {
    fail(code::kInvalidType, key, path_of(key) + " must be a number, not " + type_name(*v));
    return std::nullopt;
  }
  const double d = v->get<double>();
  if (!std::isfinite(d) || d < lo || d > hi) {
    fail(code::kOutOfRange, key,
         path_of(key) + " must be between " + format_number(lo) + " and " + format_number(hi) +
             ", not " + format_number(d));
    return std::nullopt;
  }
  return d;
}

std::optional<bool> Reader::boolean(const char* key, Need need) {
  const Json* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(code::kInvalidType, key,
         path_of(key) + " must be true or false, not " + type_name(*v));
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::string> Reader::choice(const char* key,
                                          Allowed allowed, Need need) {
  const Json* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(code::kInvalidType, key, path_of(key) + " must be a string, not " + type_name(*v));
    return std::nullopt;
  }
  const std::string& s = v->get_ref<const std::string&>();
  for (const char* a : allowed) {
    if (s == a) return s;
  }
  fail(code::kUnknownValue, key,
       path_of(key) + " must be one of: " + join_allowed(allowed) + " (got \"" + s + "\")");
  return std::nullopt;
}

std::optional<std::vector<std::string>> Reader::id_set(const char* key,
                                                       Allowed allowed,
                                                       Need need) {
  const Json* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(code::kInvalidType, key,
         path_of(key) + " must be a list of ids, not " + type_name(*v));
    return std::nullopt;
  }
  std::set<std::string> seen;
  bool ok = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    const std::string where = path_of(key) + "[" + std::to_string(i) + "]";
    if (!item.is_string()) {
      sink_.push_back(Error{code::kInvalidType, field_of(key),
                            where + " must be a string, not " + type_name(item), where});
      ok = false;
      continue;
    }
    const std::string& s = item.get_ref<const std::string&>();
    bool known = false;
    for (const char* a : allowed) known = known || s == a;
    if (!known) {
      sink_.push_back(Error{code::kUnknownValue, field_of(key),
                            where + " \"" + s + "\" is not one of: " + join_allowed(allowed),
                            where});
      ok = false;
      continue;
    }
    seen.insert(s);
  }
  if (!ok) return std::nullopt;
  std::vector<std::string> out;
  for (const char* a : allowed) {
    if (seen.count(a)) out.emplace_back(a);
  }
  return out;
}

std::optional<std::vector<double>> Reader::number_array(const char* key, double lo, double hi,
                                                        bool integers, std::size_t min_len,
                                                        std::size_t max_len, Need need) {
  const Json* v = lookup(key, need);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    fail(code::kInvalidType, key, path_of(key) + " must be a list, not " + type_name(*v));
    return std::nullopt;
  }
  if (v->size() < min_len || v->size() > max_len) {
    const std::string want = min_len == max_len
                                 ? "exactly " + std::to_string(min_len)
                                 : std::to_string(min_len) + " to " + std::to_string(max_len);
    fail(code::kOutOfRange, key,
         path_of(key) + " must hold " + want + " entries, not " + std::to_string(v->size()));
    return std::nullopt;
  }
  std::vector<double> out;
  bool ok = true;
  for (std::size_t i = 0; i < v->size(); ++i) {
    const Json& item = (*v)[i];
    const std::string where = path_of(key) + "[" + std::to_string(i) + "]";
    if (item.is_null()) {
      sink_.push_back(Error{code::kMissingField, field_of(key),
                            where + " is missing (a diary day cannot be left empty)", where});
      ok = false;
      continue;
    }
    if (!item.is_number() || (integers && !is_integral_number(item))) {
      sink_.push_back(Error{code::kInvalidType, field_of(key),
                            where + (integers ? " must be a whole number" : " must be a number"),
                            where});
      ok = false;
      continue;
    }
    const double d = item.get<double>();
    if (d < lo || d > hi) {
      sink_.push_back(Error{code::kOutOfRange, field_of(key),
                            where + " must be between " + format_number(lo) + " and " +
                                format_number(hi) + ", not " + format_number(d),
                            where});
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
             format_number(*v));
    return std::nullopt;
  }
  return static_cast<int64_t>(std::llround(scaled));
}

const Json* Reader::object(const char* key, Need need) {
  const Json* v = lookup(key, need);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(code::kInvalidType, key, path_of(key) + " must be an object, not " + type_name(*v));
    return nullptr;
  }
  return v;
}

void Reader::finish() {
  if (!object_.is_object()) return;
  for (auto it = object_.begin(); it != object_.end(); ++it) {
    const std::string& key = it.key();
    const bool asked = std::any_of(used_.begin(), used_.end(),
                                   [&](const char* u) { return key == u; });
    if (!asked) {
      const std::string p = path_of(it.key());
      sink_.push_back(Error{code::kUnknownValue, holder_.empty() ? p : holder_,
                            "unknown input " + p + " (check its spelling)", p});
    }
  }
}

}  // namespace crohn
