// SPDX-License-Identifier: MIT
// Crohn Score: three-valued endpoint verdicts. An endpoint is achieved, not achieved, or not
// evaluable; "not evaluable" names the inputs that are missing and is never read as "not
// achieved" or zero. Composition follows Kleene logic: "no AND unknown" is no, "yes OR unknown" is
// yes, anything else with an unknown stays unknown.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/censored.hpp"

// Whether verdicts collect their facts: 1 (the default) everywhere but in the main WebAssembly
// module, whose outputs (the pairwise instrument fields) carry `details` only and whose size has
// a budget (wasm/CMakeLists.txt sets 0 there; docs/architecture.md). The tools module, the CLI
// and the tests collect them.
#ifndef CROHN_VERDICT_FACTS
#define CROHN_VERDICT_FACTS 1
#endif

namespace crohn::verdict {

/// One comparison a rule made, as data (docs/contract.md, "facts"): what the page words in the
/// user's language instead of the English `detail`. Built where the rule compares, from the
/// rule's own constants. `kind`:
///   "level"            value (at the visit) `comparison` threshold;
///   "decrease"         change = baseline - value, change `comparison` threshold;
///   "increase"         change = value - baseline, change `comparison` threshold;
///   "decrease_percent" change = 100 x (baseline - value) / baseline (absent when the baseline
///                      is 0: a percent decrease from 0 is undefined), change `comparison` threshold;
///   "not_worse"        value <= baseline;
///   "baseline"         a gate on the baseline value (value is the baseline's): the rule applies
///                      only when it holds;
/// `flag` marks a yes/no input (value and threshold are then booleans: "steroid_free" true).
struct Fact {
  const char* measure = nullptr;  // hbi, cdai, ses_cd, ses_cd_max_item, sf_avg, ap_avg, ...
  const char* kind = "level";
  double value = 0;
  Bound bound = Bound::kExact;    // a censored laboratory value's bound (">1800")
  std::optional<double> baseline;
  std::optional<double> change;
  const char* comparison = nullptr;  // "<", "<=", ">", ">=", "=" (flags)
  double threshold = 0;
  const char* threshold_of = nullptr;  // null: the rule's constant; "crp_uln": the lab's limit
  const char* unit = nullptr;          // "ug/g", "mg/L", "mm"; null: points / no unit
  std::optional<bool> result;          // null: the comparison does not decide (censored bound)
  bool flag = false;

  nlohmann::json to_json() const {
    nlohmann::json j = nlohmann::json::object();
    const auto val = [&](double v) { return flag ? nlohmann::json(v != 0) : nlohmann::json(v); };
    j["measure"] = measure;
    j["kind"] = kind;
    j["value"] = val(value);
    j["bound"] = bound == Bound::kExact ? nlohmann::json(nullptr) : nlohmann::json(bound_sign(bound));
    j["baseline"] = baseline ? val(*baseline) : nlohmann::json(nullptr);
    j["change"] = change ? nlohmann::json(*change) : nlohmann::json(nullptr);
    j["comparison"] = comparison;
    j["threshold"] = val(threshold);
    j["threshold_of"] = threshold_of ? nlohmann::json(threshold_of) : nlohmann::json(nullptr);
    j["unit"] = unit ? nlohmann::json(unit) : nlohmann::json(nullptr);
    j["result"] = result ? nlohmann::json(*result) : nlohmann::json(nullptr);
    return j;
  }
};

class Tri {
 public:
  enum class State { kNo, kYes, kUnknown };

  static Tri of(bool value) { return Tri(value ? State::kYes : State::kNo, {}); }
  /// A verdict and the comparison that decided it.
#if CROHN_VERDICT_FACTS
  static Tri of(bool value, const Fact& fact) {
    Tri t = of(value);
    t.facts_.push_back(fact);
    return t;
  }
#else
  // (Always inlined, so that the unused fact is never built.)
  [[gnu::always_inline]] static Tri of(bool value, const Fact&) { return of(value); }
#endif
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
  /// The comparisons made, in order (the parts' facts for a composition; none, or the parts'
  /// that could be made, when not evaluable).
#if CROHN_VERDICT_FACTS
  const std::vector<Fact>& facts() const { return facts_; }
#else
  const std::vector<Fact>& facts() const {
    static const std::vector<Fact> kNone;
    return kNone;
  }
#endif
  nlohmann::json facts_json() const {
    nlohmann::json out = nlohmann::json::array();
    for (const Fact& f : facts()) out.push_back(f.to_json());
    return out;
  }

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
  /// The English detail and the fact it states (one call: where facts are not collected, the
  /// fact is never built).
#if CROHN_VERDICT_FACTS
  Tri with_detail(std::string detail, const Fact& fact) && {
    detail_ = std::move(detail);
    facts_.push_back(fact);
    return std::move(*this);
  }
#else
  [[gnu::always_inline]] Tri with_detail(std::string detail, const Fact&) && {
    return std::move(*this).with_detail(std::move(detail));
  }
#endif

#if CROHN_VERDICT_FACTS
  Tri with_fact(const Fact& f) && {
    facts_.push_back(f);
    return std::move(*this);
  }
#else
  [[gnu::always_inline]] Tri with_fact(const Fact&) && { return std::move(*this); }
#endif
  /// The same verdict with `other`'s facts appended (a rule that says more than its parts).
  Tri with_facts_of([[maybe_unused]] const Tri& other) && {
#if CROHN_VERDICT_FACTS
    facts_.insert(facts_.end(), other.facts_.begin(), other.facts_.end());
#endif
    return std::move(*this);
  }

  friend Tri operator&&(const Tri& a, const Tri& b) {
    if (a.no() || b.no()) return of(false).combined(a, b);
    if (a.yes() && b.yes()) return of(true).combined(a, b);
    return unknown(merge(a.missing_, b.missing_)).combined(a, b);
  }
  friend Tri operator||(const Tri& a, const Tri& b) {
    if (a.yes() || b.yes()) return of(true).combined(a, b);
    if (a.no() && b.no()) return of(false).combined(a, b);
    return unknown(merge(a.missing_, b.missing_)).combined(a, b);
  }

  nlohmann::json value_json() const {
    return evaluable() ? nlohmann::json(yes()) : nlohmann::json(nullptr);
  }

 private:
  Tri(State s, std::vector<std::string> missing) : state_(s), missing_(std::move(missing)) {}

  /// A composition's detail (the parts' joined) and facts (the parts', in order).
  Tri combined(const Tri& a, const Tri& b) && {
    detail_ = join(a.detail_, b.detail_);
#if CROHN_VERDICT_FACTS
    facts_.reserve(a.facts_.size() + b.facts_.size());
    facts_.insert(facts_.end(), a.facts_.begin(), a.facts_.end());
    facts_.insert(facts_.end(), b.facts_.begin(), b.facts_.end());
#endif
    return std::move(*this);
  }

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
#if CROHN_VERDICT_FACTS
  std::vector<Fact> facts_;  // (absent from the main WebAssembly module: see CROHN_VERDICT_FACTS)
#endif
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
