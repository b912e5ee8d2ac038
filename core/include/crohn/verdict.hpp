// SPDX-License-Identifier: MIT
// Crohn Score: three-valued endpoint verdicts. An endpoint is achieved, not achieved, or not
// evaluable; "not evaluable" names the inputs that are missing and is never read as "not
// achieved" or zero. Composition follows Kleene logic: "no AND unknown" is no, "yes OR unknown" is
// yes, anything else with an unknown stays unknown.
#pragma once

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace crohn::verdict {

class Tri {
 public:
  enum class State { kNo, kYes, kUnknown };

  static Tri of(bool value) { return Tri(value ? State::kYes : State::kNo, {}); }
  static Tri unknown(std::vector<std::string> missing) {
    return Tri(State::kUnknown, std::move(missing));
  }
  /// Yes when the named input is present, unknown (naming it) otherwise: a gate for `then`.
  static Tri known(bool present, const std::string& name) {
    return present ? of(true) : unknown({name});
  }
  static Tri known(bool present, const char* name) {  // (no string made when present)
    return present ? of(true) : unknown({name});
  }

  State state() const { return state_; }
  bool evaluable() const { return state_ != State::kUnknown; }
  bool yes() const { return state_ == State::kYes; }
  bool no() const { return state_ == State::kNo; }
  const std::vector<std::string>& missing() const { return missing_; }
  const std::string& detail() const { return detail_; }

  /// Evaluates `f` only when this is evaluable (so `f` may read the inputs it gates).
  template <class F>
  Tri then(F f) const& {
    if (!evaluable()) return *this;
    return of(static_cast<bool>(f()));
  }
  template <class F>
  Tri then(F f) && {  // (a temporary is moved on, not copied)
    if (!evaluable()) return std::move(*this);
    return of(static_cast<bool>(f()));
  }

  Tri with_detail(std::string detail) const& {
    Tri t = *this;
    t.detail_ = std::move(detail);
    return t;
  }
  Tri with_detail(std::string detail) && {
    detail_ = std::move(detail);
    return std::move(*this);
  }

  friend Tri operator&&(const Tri& a, const Tri& b) {
    if (a.no() || b.no()) return of(false).with_detail(join(a.detail_, b.detail_));
    if (a.yes() && b.yes()) return of(true).with_detail(join(a.detail_, b.detail_));
    return unknown(merge(a.missing_, b.missing_)).with_detail(join(a.detail_, b.detail_));
  }
  friend Tri operator||(const Tri& a, const Tri& b) {
    if (a.yes() || b.yes()) return of(true).with_detail(join(a.detail_, b.detail_));
    if (a.no() && b.no()) return of(false).with_detail(join(a.detail_, b.detail_));
    return unknown(merge(a.missing_, b.missing_)).with_detail(join(a.detail_, b.detail_));
  }

  nlohmann::json value_json() const {
    return evaluable() ? nlohmann::json(yes()) : nlohmann::json(nullptr);
  }

 private:
  Tri(State s, std::vector<std::string> missing) : state_(s), missing_(std::move(missing)) {}

  static std::vector<std::string> merge(std::vector<std::string> a,
                                        const std::vector<std::string>& b) {
    for (const std::string& m : b) {
      if (std::find(a.begin(), a.end(), m) == a.end()) a.push_back(m);
    }
    return a;
  }
  static std::string join(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty() || a == b) return a;
    return a + "; " + b;
  }

  State state_;
  std::vector<std::string> missing_;
  std::string detail_;
};

/// Named verdicts in output order: `{key: true|false|null}`, plus `not_evaluable`
/// (`{key: [missing inputs]}`) and `details` (`{key: "decrease 85 of required 100"}`).
class Table {
 public:
  void put(const std::string& key, const Tri& t) { rows_.emplace_back(key, t); }
  const std::vector<std::pair<std::string, Tri>>& rows() const { return rows_; }

  nlohmann::json to_json() const {
    nlohmann::json out = nlohmann::json::object();
    nlohmann::json not_evaluable = nlohmann::json::object();
    nlohmann::json details = nlohmann::json::object();
    for (const auto& [key, t] : rows_) {
      out[key] = t.value_json();
      if (!t.evaluable()) not_evaluable[key] = t.missing();
      if (!t.detail().empty()) details[key] = t.detail();
    }
    out["not_evaluable"] = not_evaluable;
    out["details"] = details;
    return out;
  }

 private:
  std::vector<std::pair<std::string, Tri>> rows_;
};

}  // namespace crohn::verdict
