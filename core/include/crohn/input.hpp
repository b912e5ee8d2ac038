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
#include <vector>

#include <nlohmann/json.hpp>

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

/// Reads the fields of one JSON object. All errors go to a shared sink so that nested objects
/// (SES-CD segments, CDAI options) report into the same list. A field whose value is JSON null
/// counts as absent. After reading, `finish()` reports every key that was never asked for.
class Reader {
 public:
  /// `prefix` is prepended to keys in `path` (e.g. "segments.ileum."); when `holder` is
  /// non-empty, errors name it as their `field` (the contract's rule for nested items).
  Reader(const Json& object, std::vector<Error>& sink, std::string prefix = "",
         std::string holder = "");

  bool present(const char* key) const;
  bool failed() const { return sink_.size() > errors_at_start_; }

  std::optional<int> integer(const char* key, int lo, int hi, Need need = Need::kRequired);
  std::optional<double> number(const char* key, double lo, double hi, Need need = Need::kRequired);
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
  /// A nested object (marks the key as used); nullptr (and an error if required) otherwise.
  const Json* object(const char* key, Need need = Need::kRequired);
  /// Marks a key as used without reading it (the caller reads it another way).
  void mark_used(const char* key) { used_.push_back(key); }

  /// Records an error at `key` (for cross-field rules).
  void fail(const char* code, const std::string& key, const std::string& message);
  /// Reports keys never asked for as `unknown_value`.
  void finish();

  std::string path_of(const std::string& key) const { return prefix_ + key; }
  std::vector<Error>& sink() { return sink_; }

 private:
  const Json* lookup(const char* key, Need need);
  std::string field_of(const std::string& key) const;

  const Json& object_;
  std::vector<Error>& sink_;
  std::string prefix_;
  std::string holder_;
  // Keys asked for (string literals or strings that outlive the reader): a short list is faster
  // than a set here, and this runs for every field of every keystroke and every cohort row.
  std::vector<const char*> used_;
  std::size_t errors_at_start_;
};

/// True for a JSON number with an integral value (2 and 2.0 alike); booleans are not numbers.
bool is_integral_number(const Json& value);

/// Human-readable number for messages (no trailing zeros).
std::string format_number(double value);

}  // namespace crohn
