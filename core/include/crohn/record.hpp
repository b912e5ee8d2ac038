// SPDX-License-Identifier: MIT
// Crohn Score: the endpoint engine. A patient record (visits, one of them the baseline, each with
// the instruments measured at it) is evaluated against definition sets: per follow-up visit and
// endpoint, achieved / not_achieved / not_evaluable with the missing inputs named and the
// numbers behind the verdict. Format: docs/contract.md ("Patient records").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "crohn/definitions.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/error.hpp"
#include "crohn/input.hpp"
#include "crohn/rutgeerts.hpp"
#include "crohn/cdeis.hpp"
#include "crohn/pcdai.hpp"
#include "crohn/verdict.hpp"

namespace crohn::record {

/// One visit as read: what was measured (for the endpoint rules and the scores shown).
struct Visit {
  std::size_t index = 0;  // position in the record's visits list
  std::string label;               // as given (label_of names an unlabelled visit)
  std::optional<double> week;      // weeks since the baseline (from week or date)
  std::optional<long> date_days;   // days since 1970-01-01 when a date was given
  bool baseline = false;
  endpoints::Snapshot snap;
  bool pro2_from_cdai_diary = false;  // sf_avg and ap_avg derived from the CDAI diary
  /// The Rutgeerts grade of a post-operative ileocolonoscopy at this visit (its single-visit
  /// endpoints are shown with the visit's scores; no definition set names them yet). Only the
  /// grade is kept: the other inputs' warnings are in `warnings`.
  std::optional<rutgeerts::Grade> rutgeerts_grade;
  /// The CDEIS of an ileocolonoscopy at this visit (the calculator's inputs; its single-visit
  /// outputs are shown with the visit's scores, warnings prefixed "cdeis:").
  std::optional<cdeis::Result> cdeis;
  /// MaRIA, sMaRIA, PDAI and IBD-Control at this visit: their calculators' single-value
  /// outputs under the instrument's prefix (null when none was given; record.cpp).
  Json instrument_scores;
  /// The PCDAI form at this visit (object `pcdai`: it scores the wPCDAI too), or the wPCDAI's
  /// items alone (object `wpcdai`). A follow-up's PCDAI response is measured from the baseline
  /// visit's PCDAI (scores_json); a visit's form carries no pcdai_baseline of its own.
  std::optional<pcdai::PcdaiInput> pcdai;
  std::optional<pcdai::Shared> wpcdai;
  std::vector<std::string> warnings;
};

struct Patient {
  std::optional<std::string> id;
  std::optional<std::string> arm;
  std::optional<std::string> stratum;  // the cohort's stratified comparison (docs/cohort.md)
  std::optional<bool> isolated_ileal_disease;
  std::vector<Visit> visits;
  std::size_t baseline = 0;  // index into visits
};

/// Options of an evaluation (ambiguities handled as options, never silently).
/// Plausibility limits of a visit's week (the project's own) and of the visit window.
inline constexpr double kWeekMin = -520, kWeekMax = 1040;
inline constexpr double kWindowWeeksMax = 26;

struct Options {
  /// A visit counts for a source's reported week when within this many weeks of it.
  double window_weeks = 2.0;
  /// Thresholds of the generic parameterised biochemical remission (A21).
  double fc_below_ug_g = 150.0;
  double crp_below_mg_l = 5.0;
  /// How the SES-CD of a visit with resected segments is compared (clinical-spec-instruments
  /// §3.2, X1/X3): "sum_present_segments" (the PROJECT RULE, default: the change rules need the
  /// same segments scored at both visits), or the spec's named alternatives, only when picked:
  /// "exclude_postoperative" (such a visit's SES-CD is not used by the endpoints) and
  /// "zero_resected" (a resected segment counts as a scored 0, ibdplexus's "Not reached" -> 0,
  /// so the sets compare equal; the total is the same sum).
  std::string ses_resection_rule = "sum_present_segments";
};

/// Reads one visit object, JSON or a cohort CSV row's typed cells (paths in errors start with
/// `prefix`, e.g. "visits[2]."); false when it had errors.
bool read_visit(Node visit, const std::string& prefix, std::vector<Error>& errors, Visit& out);
/// Finds the baseline (the visit marked baseline, else the one at week 0) and turns dates into
/// weeks relative to it; false (with an error) when that is impossible.
bool resolve_timeline(Patient& patient, std::vector<Error>& errors);
/// The visit's label: as given, else "baseline" or "week N".
std::string label_of(const Visit& visit);
/// Whether `visit` is a follow-up of `patient`: after the baseline ("decrease from baseline",
/// clinical-spec §2.5, §6). A visit on or before it (a screening visit, say) is not.
bool is_followup(const Patient& patient, const Visit& visit);
/// Whether the patient had stopped therapy by week `until`: `discontinued` (therapy stopped at or
/// before the visit) recorded at a follow-up visit on or before it. A flag on the baseline or on
/// a visit before it (an earlier therapy) does not count (docs/cohort.md "Output").
bool stopped_by(const Patient& patient, double until);
/// When a visit was: its date ("2024-03-25") if it has one, else "week 16".
std::string time_of(const Visit& visit);
/// What a visit's values feed, for the cohort mode's cell rule (docs/cohort.md, "Bad cells"): a
/// value the reader refuses loses its measure at that visit, never the visit. kVisit is the
/// visit's place in the patient's course (week, date, baseline, discontinued): a bad one loses
/// the visit, which cannot be placed. kNone: the value feeds no measure (an unknown key).
enum class Measure {
  kNone, kVisit, kLabel, kHbi, kCdai, kSesCd, kSfAvg, kApAvg, kPro2, kFc, kCrp, kCrpUln, kBwt,
  kColorDoppler, kIbdq, kCorticosteroids
};
/// The measure a value at `path` (relative to the visit: "hbi.abdominal_pain", "crp_unit",
/// "ses_cd.segments.ileum.narrowing", "ibdq_items[3]") feeds.
Measure measure_of(std::string_view path);
/// Its id in the cohort's JSON output ("hbi", "crp", ...; "" for kNone and kVisit).
const char* measure_id(Measure m);
/// Its name in messages ("HBI", "CRP", "bowel-wall thickness", ...).
const char* measure_name(Measure m);
/// Removes a measure from a visit (with what was derived from it: PRO2 from the CDAI diary).
void drop_measure(Visit& visit, Measure m);

/// The end of a listed problem's message: "; HBI not read (the rest of the row is used)" when
/// the `unit` ("row", "visit") was kept, else "; row left out".
std::string issue_tail(Measure m, bool kept, const char* unit);

/// The cell rule for a visit that read_visit refused: `errors[from..]` (paths starting with
/// `prefix`) each lose their measure from `visit`, and true: the visit is kept with the rest.
/// False when one names the visit's place (kVisit), or no measure without being an unknown key:
/// the visit is to be left out. A unit without its value (crp_unit without crp_value,
/// crp_uln_unit without crp_uln) is "not measured": its error is removed from `errors`, not
/// listed. `measures` gets the measure of each error left at errors[from..].
bool keep_measures(Visit& visit, std::vector<Error>& errors, std::size_t from,
                   std::string_view prefix, std::vector<Measure>& measures);

/// A problem the cohort mode lists for a record's visit: the visit was left out, or only the
/// measure of the value (`visit_kept`; measure kNone for an unknown key, which is not read).
struct VisitIssue {
  Error error;
  Measure measure = Measure::kNone;
  bool visit_kept = false;
};

/// Reads a patient record. Any error fails the whole record, unless `issues` is given (the
/// cohort mode): then a visit's bad value loses its measure only (keep_measures; the message
/// ends "; HBI not read (the rest of the visit is used)"), a visit whose place is bad, or at the
/// same time as an earlier visit, is left out (message ending "; visit left out"), and the rest
/// is read.
std::optional<Patient> read_patient(const nlohmann::json& record, std::vector<Error>& errors,
                                    std::vector<VisitIssue>* issues = nullptr);
/// The position in `visits` of the visit at the same time as `visit` (the same date, or without
/// dates the same week), if there is one.
std::optional<std::size_t> same_time(const std::vector<Visit>& visits, const Visit& visit);
/// The named sets (every set when `ids` is empty); an unknown id is an error.
std::vector<const definitions::DefinitionSet*> resolve_sets(const std::vector<std::string>& ids,
                                                            std::vector<Error>& errors);
/// The baseline-vs-this-visit measures the endpoint rules read.
endpoints::Measures measures_for(const Patient& patient, const Visit& followup,
                                 const Options& options);
/// The source's reported week this visit counts for (nearest within the window), if any.
std::optional<double> protocol_week(const definitions::SetEndpoint& endpoint, double week,
                                    const Options& options);
/// Follow-up visits sorted by week (stable: equal weeks keep the record's order).
std::vector<const Visit*> followups_in_order(const Patient& patient);
/// The same, appended to `out` (the cohort mode keeps every patient's in one list).
void append_followups_in_order(const Patient& patient, std::vector<const Visit*>& out);
/// "achieved", "not_achieved" or "not_evaluable".
const char* verdict_name(const verdict::Tri& t);
/// The per-visit verdicts of one patient under the given sets (the output of `evaluate`).
nlohmann::json evaluate_patient(const Patient& patient,
                                const std::vector<const definitions::DefinitionSet*>& sets,
                                const Options& options);

/// Evaluates `record` against the named sets (all sets when empty). Never throws; bad input
/// yields {error, field, message, errors} with paths such as `visits[2].hbi.abdominal_pain`.
nlohmann::json evaluate(const nlohmann::json& record, const std::vector<std::string>& sets,
                        const Options& options) noexcept;

/// The JSON-text entry point: {"record": {...}, "definition_sets": [...], "options": {...}}.
std::string evaluate_json(std::string_view request) noexcept;
nlohmann::json evaluate_request(const nlohmann::json& request) noexcept;

/// Every definition set with its endpoints, rules and citations, as JSON text.
std::string definitions_json() noexcept;

}  // namespace crohn::record
