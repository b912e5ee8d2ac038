// SPDX-License-Identifier: MIT
// Crohn Score: strict reading of JSON inputs. Every getter validates type and range and records
// a named-field Error instead of guessing; missing is never read as zero, nothing is clamped.
#pragma once

#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/censored.hpp"

#include "crohn/error.hpp"

namespace crohn {

using Json = nlohmann::json;

enum class Need { kRequired, kOptional };

/// A fixed set of allowed string ids: a braced list or a constexpr std::array table.
class Allowed {
 public:
  // The braced list lives until the end of the call that receives this Allowed.
  Allowed(std::initializer_list<const char*> list) : list_(list) {
    items_ = list_.begin();
    size_ = list_.size();
  }
  template <std::size_t N>
  Allowed(const std::array<const char*, N>& table) : items_(table.data()), size_(N) {}
  Allowed(const char* const* items, std::size_t size) : items_(items), size_(size) {}
  const char* const* begin() const { return items_; }
  const char* const* end() const { return items_ + size_; }

 private:
  std::initializer_list<const char*> list_{};
  const char* const* items_ = nullptr;
  std::size_t size_ = 0;
};

class Fields;

/// One field's value as a Reader sees it, whatever holds it: a JSON value, or a typed cell of a
/// cohort CSV row (a number, yes/no, text, a list of ids, or an object of cells). The Reader's
/// rules (types, ranges, messages) are written once against this view, so a CSV cell and a
/// JSON value are validated alike.
class Value {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kList, kObject, kOther };

  explicit Value(const Json& json);
  static Value number(double v);
  /// `integral`: whether v is a whole number, when the caller knows it already.
  static Value number(double v, bool integral);
  static Value boolean(bool v);
  /// The text must outlive every Reader that sees it.
  static Value text(std::string_view v);
  static Value list(const std::string_view* items, std::size_t size);
  static Value object(const Fields& fields);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  /// A number with an integral value (2 and 2.0 alike).
  bool is_integral() const { return kind_ == Kind::kNumber && flag_; }
  double as_number() const { return number_; }
  bool as_bool() const { return flag_; }
  std::string_view as_text() const {
    return kind_ == Kind::kString ? std::string_view(static_cast<const char*>(data_), size_) : std::string_view();
  }
  std::size_t size() const { return kind_ == Kind::kList ? size_ : 0; }
  Value item(std::size_t i) const;
  /// "a number", "a string", ... for messages.
  std::string type_name() const;
  /// The JSON value behind this one (nullptr for a cell).
  const Json* json() const { return json_; }
  /// The object (kObject of cells only).
  const Fields* fields() const {
    return kind_ == Kind::kObject && !json_ ? static_cast<const Fields*>(data_) : nullptr;
  }

 private:
  Value() = default;
  Kind kind_ = Kind::kNull;
  bool flag_ = false;           // kBool: the value; kNumber: integral
  double number_ = 0;           // kNumber
  const void* data_ = nullptr;  // kString: the text; kList of cells: the ids; kObject: Fields
  std::size_t size_ = 0;        // kString: length; kList: count
  const Json* json_ = nullptr;
};

/// An object of typed cells (the cohort's CSV rows): keys are strings that outlive the Reader.
class Fields {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  void clear();
  void add(const char* key, const Value& value) { add(key, number_of(key), value); }
  /// `number`: number_of(key), for a caller who adds the same keys row after row.
  void add(const char* key, std::size_t number, const Value& value) {
    if (number >= slot_.size()) slot_.resize(number + 1, 0);
    slot_[number] = static_cast<std::uint16_t>(entries_.size() + 1);
    numbers_.push_back(number);
    entries_.emplace_back(key, value);
  }
  /// The small number of a key's text (the same for every Fields).
  static std::size_t number_of(const char* key);
  bool empty() const { return entries_.empty(); }
  /// The position of `key` in entries(), or kNone.
  std::size_t index(const char* key) const;
  /// The value at `key`, or nullptr.
  const Value* find(const char* key) const {
    const std::size_t i = index(key);
    return i == kNone ? nullptr : &entries_[i].second;
  }
  const std::vector<std::pair<const char*, Value>>& entries() const { return entries_; }

 private:
  std::vector<std::pair<const char*, Value>> entries_;
  // Readers ask for many keys that a row does not have. Each key text has a small number (see
  // input.cpp), and the entry of a key is found by that number without comparing strings.
  std::vector<std::uint16_t> slot_;  // by key number: 1 + index in entries_, 0 when absent
  std::vector<std::size_t> numbers_;  // the key numbers in entries_ (to clear slot_)
};

/// What a Reader reads: a JSON object (any JSON value; a non-object has no fields) or Fields.
class Node {
 public:
  Node(const Json& json) : json_(&json) {}        // NOLINT(google-explicit-constructor)
  Node(const Fields& fields) : fields_(&fields) {}  // NOLINT(google-explicit-constructor)
  /// The JSON behind this node (nullptr for Fields).
  const Json* json() const { return json_; }
  const Fields* fields() const { return fields_; }
  bool is_object() const { return fields_ || json_->is_object(); }

 private:
  const Json* json_ = nullptr;
  const Fields* fields_ = nullptr;
};

/// Reads the fields of one object (JSON or typed cells). All errors go to a shared sink so that
/// nested objects (SES-CD segments, CDAI options) report into the same list. A field whose value
/// is JSON null counts as absent. After reading, `finish()` reports every key that was never
/// asked for.
class Reader {
 public:
  /// `prefix` is prepended to keys in `path` (e.g. "segments.ileum."); when `holder` is
  /// non-empty, errors name it as their `field` (the contract's rule for nested items).
  Reader(Node object, std::vector<Error>& sink, std::string prefix = "",
         std::string holder = "");
  /// The prefix `head` + `key` + "." (two strings that outlive the Reader), put together only
  /// when a path is needed: a nested reader per SES-CD segment of every cohort row costs no
  /// allocation.
  Reader(Node object, std::vector<Error>& sink, const char* head, const char* key,
         std::string holder);

  /// Whether `key` holds a value other than null.
  bool present(const char* key) const;
  /// Whether `key` is in the object at all, null included (for an input whose null means
  /// something, as Montreal's `location`, and whose absence is still a missing field).
  bool has_key(const char* key) const;
  bool failed() const { return sink_.size() > errors_at_start_; }

  std::optional<int> integer(const char* key, int lo, int hi, Need need = Need::kRequired);
  std::optional<double> number(const char* key, double lo, double hi, Need need = Need::kRequired);
  /// A laboratory value: a number, or a censored one as text ("<0.5", ">1800", "<=5", ">=5",
  /// "≤5", "≥5"; decimal point), its number in [lo, hi] (crohn/censored.hpp).
  std::optional<Censored> lab(const char* key, double lo, double hi, Need need = Need::kRequired);
  std::optional<bool> boolean(const char* key, Need need = Need::kRequired);
  std::optional<std::string> choice(const char* key, Allowed allowed,
                                    Need need = Need::kRequired);
  /// A list of ids from `allowed`; duplicates count once. Returned in the order of `allowed`.
  std::optional<std::vector<std::string>> id_set(const char* key,
                                                 Allowed allowed,
                                                 Need need = Need::kRequired);
  /// An array of numbers, each in [lo, hi] (integers only when `integers`), length in
  /// [min_len, max_len].
  std::optional<std::vector<double>> number_array(const char* key, double lo, double hi,
                                                  bool integers, std::size_t min_len,
                                                  std::size_t max_len,
                                                  Need need = Need::kRequired);
  /// A length in millimetres held exactly in hundredths (clinical-spec §5.2: 4.1 - 2.1 must be
  /// 2.0). A value with more than two decimals is refused rather than silently rounded.
  std::optional<int64_t> hundredths(const char* key, double lo, double hi,
                                    Need need = Need::kRequired);
  /// A nested object (marks the key as used); nullopt (and an error if required) otherwise.
  std::optional<Node> object(const char* key, Need need = Need::kRequired);
  /// The raw value (marks the key as used), for a caller with its own rule; nullopt when absent
  /// (and an error if required).
  std::optional<Value> value(const char* key, Need need = Need::kOptional) {
    const Value* v = lookup(key, need);
    return v ? std::optional<Value>(*v) : std::nullopt;
  }
  /// Marks a key as used without reading it (the caller reads it another way).
  void mark_used(const char* key) {
    if (const Fields* f = object_.fields()) {
      note_asked(f->index(key));
    } else if (inline_count_ < kInlineKeys) {
      inline_used_[inline_count_++] = key;
    } else {
      more_used_.push_back(key);
    }
  }

  /// Records an error at `key` (for cross-field rules), with its params (error.hpp). Two
  /// overloads rather than a default argument: a default would build and destroy a JSON null
  /// at each of the many call sites (code size in the WebAssembly module).
  void fail(const char* code, const std::string& key, const std::string& message);
  void fail(const char* code, const std::string& key, const std::string& message,
            nlohmann::json params);
  /// Reports keys never asked for as `unknown_value`.
  void finish();

  std::string path_of(const std::string& key) const { return prefix() + key; }
  std::vector<Error>& sink() { return sink_; }

 private:
  // The value at `key` (nullptr when absent or null): in the Fields, or in `json_value_` (valid
  // until the next lookup).
  const Value* lookup(const char* key, Need need);
  const Value* lookup_json(const char* key);
  void missing(const char* key);
  std::string field_of(const std::string& key) const;
  bool asked(std::string_view key) const;

  Node object_;
  Value json_value_ = Value::number(0);
  std::vector<Error>& sink_;
  const std::string& prefix() const {
    if (prefix_head_) {
      prefix_ = std::string(prefix_head_) + prefix_key_ + ".";
      prefix_head_ = nullptr;
    }
    return prefix_;
  }
  mutable std::string prefix_;
  mutable const char* prefix_head_ = nullptr;
  const char* prefix_key_ = nullptr;
  std::string holder_;
  // Keys asked for (string literals or strings that outlive the reader): a short list is faster
  // than a set here, and this runs for every field of every keystroke and every cohort row. The
  // first keys stay in the Reader itself (no allocation for an ordinary object).
  static constexpr std::size_t kInlineKeys = 48;
  const char* inline_used_[kInlineKeys];
  std::size_t inline_count_ = 0;
  std::vector<const char*> more_used_;
  // For Fields, the entries asked for, by position (the first 64 as bits).
  void note_asked(std::size_t index) {
    if (index == Fields::kNone) return;
    if (index < 64) {
      asked_low_ |= uint64_t{1} << index;
    } else {
      asked_high_.push_back(index);
    }
  }
  bool entry_asked(std::size_t index) const;
  uint64_t asked_low_ = 0;
  std::vector<std::size_t> asked_high_;
  std::size_t errors_at_start_;
};

/// True for a JSON number with an integral value (2 and 2.0 alike); booleans are not numbers.
bool is_integral_number(const Json& value);

/// Human-readable number for messages (no trailing zeros).
std::string format_number(double value);

/// The unit id of an input key, from its name's unit suffix (`weight_kg` -> "kg",
/// `hematocrit_pct` -> "pct", `crp_mg_l` -> "mg_l"), or nullptr for a key without one.
const char* unit_of_key(std::string_view key);

/// The params of a range error: `min`, `max`, the key's `unit` (unit_of_key, or `unit` when
/// given) and `integer: true` for a whole-number scale.
nlohmann::json range_params(std::string_view key, double lo, double hi, bool integer,
                            const char* unit = nullptr);

}  // namespace crohn
