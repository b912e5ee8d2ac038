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

#include "cohort_internal.hpp"

namespace crohn::cohort {

namespace {

using Json = nlohmann::json;
using detail::Ticker;
using detail::kStratum;
using detail::kAllArms;

}  // namespace

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
  return record::stopped_by(p, assessed_until > week ? assessed_until : week);
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
  /// `failure_rule`: the set's failure rule when it decided `study_verdict` (else nullptr);
  /// `verdict` stays the rule's own on the assessment.
  void verdict(bool discontinued, bool eligible, const std::string& endpoint,
               const std::vector<std::string>* missing,
               const std::string& set, const char* verdict, const std::string& visit_week,
               const std::string& week, const char* failure_rule, const char* study_verdict) {
    if (!first_verdict_) text_ += ',';
    first_verdict_ = false;
    text_ += discontinued ? "{\"discontinued\":true" : "{\"discontinued\":false";
    // Whether the patient is in the endpoint's population (docs/cohort.md "Populations").
    text_ += eligible ? ",\"eligible\":true,\"endpoint\":" : ",\"eligible\":false,\"endpoint\":";
    text_ += endpoint;
    // The failure rule applied to this row (docs/cohort.md "Failure rule"): ids of the core's.
    text_ += ",\"failure_rule\":";
    if (failure_rule) {
      text_ += '"';
      text_ += failure_rule;
      text_ += '"';
    } else {
      text_ += "null";
    }
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
    text_ += ",\"study_verdict\":\"";
    text_ += study_verdict;
    text_ += "\",\"verdict\":\"";
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
                         populations::of(e, *rule, week)});
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
                                       v ? &assessment_at[task.slot].snap : nullptr)) &&
          (pop.kind != populations::Kind::kOnTherapyAtWeek ||
           populations::in_by_therapy(pop, discontinued_by(p, pop.week, pop.week)));
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
      // Where the set's source states the failure rule, the row says it was applied and gives
      // the verdict as the study counts it beside the rule's own (docs/cohort.md "Failure rule").
      const bool rule_applied = eligible && stopped && task.set->failure_rule != nullptr;
      patients.verdict(stopped, eligible, endpoint_text[k], v && !t.evaluable() ? &t.missing() : nullptr,
                       set_text[k], name, *visit_week_text[task.slot], week_text[k],
                       rule_applied ? task.set->failure_rule : nullptr,
                       rule_applied ? "not_achieved" : name);
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
