// SPDX-License-Identifier: MIT
#include "crohn/record.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <utility>

#include "crohn/biomarkers.hpp"
#include "crohn/cdai.hpp"
#include "crohn/definitions.hpp"
#include "crohn/endpoints.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/hbi.hpp"
#include "crohn/ibdq.hpp"
#include "crohn/input.hpp"
#include "crohn/pro2.hpp"
#include "crohn/rutgeerts.hpp"
#include "crohn/maria.hpp"
#include "crohn/pdai.hpp"
#include "crohn/ibd_control.hpp"
#include "crohn/sescd.hpp"
#include "crohn/version.hpp"

namespace crohn::record {

namespace {

using endpoints::Measures;
using endpoints::Snapshot;

constexpr std::size_t kVisitsMax = 200;


// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long days_from_civil(long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long>(doe) - 719468;
}

/// "YYYY-MM-DD" of a day count since 1970-01-01 (H. Hinnant's civil_from_days).
std::string civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long y = static_cast<long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04ld-%02u-%02u", y + (m <= 2), m, d);
  return buf;
}

/// Parses an ISO date "YYYY-MM-DD"; nullopt when malformed or impossible (2023-02-29).
std::optional<long> parse_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u}) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  }
  const long y = std::stol(s.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(s.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(s.substr(8, 2)));
  if (y < 1900 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1u : 0u)) return std::nullopt;
  return days_from_civil(y, m, d);
}

/// An instrument given either as its items (an object scored by the core) or as a total.
template <class ReadItems, class ReadTotal>
void item_or_total(Reader& rd, const char* items_key, const char* total_key, ReadItems read_items,
                   ReadTotal read_total) {
  const bool has_items = rd.present(items_key);
  const bool has_total = rd.present(total_key);
  if (has_items && has_total) {
    rd.mark_used(items_key);
    rd.mark_used(total_key);
    rd.fail(code::kUnknownValue, total_key,
            std::string("give either ") + items_key + " or " + total_key + ", not both");
    return;
  }
  if (has_items) {
    rd.mark_used(total_key);
    if (const auto obj = rd.object(items_key)) {
      Reader sub(*obj, rd.sink(), rd.path_of(items_key) + ".");
      read_items(sub);
      sub.finish();
    }
    return;
  }
  rd.mark_used(items_key);
  read_total(rd);
}

void read_instruments(Reader& rd, Visit& v) {
  Snapshot& s = v.snap;

  item_or_total(
      rd, "hbi", "hbi_total",
      [&](Reader& sub) {
        if (auto in = hbi::read(sub)) {
          const hbi::Result r = hbi::compute(*in);
          s.hbi = r.total;
          for (const std::string& w : r.warnings) v.warnings.push_back("hbi:" + w);
        }
      },
      [&](Reader& r) {
        if (auto t = r.integer("hbi_total", 0, hbi::kTotalMax, Need::kOptional)) {
          s.hbi = *t;
        }
      });

  std::optional<cdai::Input> cdai_in;
  item_or_total(
      rd, "cdai", "cdai_total",
      [&](Reader& sub) {
        if (auto in = cdai::read(sub)) {
          const cdai::Result r = cdai::compute(*in);
          cdai_in = in;
          s.cdai = r.total;
          for (const std::string& w : r.warnings) v.warnings.push_back("cdai:" + w);
        }
      },
      [&](Reader& r) {
        if (auto t = r.integer("cdai_total", cdai::kTotalMin, cdai::kTotalMax, Need::kOptional)) {
          s.cdai = *t;
          if (*t > cdai::kPlausibleTypedTotalMax) v.warnings.emplace_back(cdai::kWarnTypedTotalOver600);
        }
      });

  item_or_total(
      rd, "ses_cd", "ses_cd_total",
      [&](Reader& sub) {
        if (auto in = sescd::read(sub)) {
          const sescd::Result r = sescd::compute(*in);
          s.ses_cd = r.total;
          s.ses_cd_max_item = r.max_item_score;
          s.ses_cd_any_ulcer = r.any_ulcer;
          s.ses_cd_incomplete = !r.complete;
          s.ses_cd_segments = r.scored_set;
          s.ses_cd_resected = 0;
          for (int i = 0; i < sescd::kSegmentCount; ++i) {
            if (in->segments[i].resected) s.ses_cd_resected |= 1u << i;
          }
          for (const std::string& w : r.warnings) v.warnings.push_back("ses_cd:" + w);
        }
        for (const char* derived : {"ses_cd_max_item_score", "ses_cd_any_ulcer"}) {
          if (rd.present(derived)) {
            rd.fail(code::kUnknownValue, derived,
                    std::string(derived) + " is derived from ses_cd's segments; remove it");
          }
          rd.mark_used(derived);
        }
      },
      [&](Reader& r) {
        if (auto t = r.integer("ses_cd_total", 0, sescd::kTotalMax, Need::kOptional)) {
          s.ses_cd = *t;
        }
        if (auto mx = r.integer("ses_cd_max_item_score", 0, sescd::kItemMax, Need::kOptional)) {
          if (s.ses_cd && *mx > *s.ses_cd) {
            Json params = reason_params(reason::kExceeds, "ses_cd_total");
            params["max"] = *s.ses_cd;
            r.fail(code::kOutOfRange, "ses_cd_max_item_score",
                   "ses_cd_max_item_score cannot exceed ses_cd_total", std::move(params));
          } else {
            s.ses_cd_max_item = *mx;
          }
        }
        if (auto u = r.boolean("ses_cd_any_ulcer", Need::kOptional)) {
          s.ses_cd_any_ulcer = *u;
        }
      });

  // PRO2: from its own diary, typed-in averages, or derived from the CDAI diary (clinical-spec
  // §4: SF and AP are the CDAI diary's stool and pain items as daily means).
  const bool has_pro2 = rd.present("pro2");
  const bool has_avgs = rd.present("sf_avg") || rd.present("ap_avg");
  if (has_pro2 && has_avgs) {
    rd.mark_used("pro2");
    rd.mark_used("sf_avg");
    rd.mark_used("ap_avg");
    rd.fail(code::kUnknownValue, "sf_avg", "give either pro2 (the diary) or sf_avg/ap_avg, not both",
            reason_params(reason::kNotBoth));
  } else if (has_pro2) {
    rd.mark_used("sf_avg");
    rd.mark_used("ap_avg");
    if (const auto obj = rd.object("pro2")) {
      Reader sub(*obj, rd.sink(), rd.path_of("pro2") + ".");
      if (auto in = pro2::read(sub)) {
        const pro2::Result r = pro2::compute(*in);
        s.sf_avg = r.sf_avg;
        s.ap_avg = r.ap_avg;
        // A diary of fewer than 7 days is accepted and flagged (decisions.md, 7), on the visit
        // as on the PRO2 calculator, since its averages feed the PRO2 endpoints.
        for (const std::string& w : pro2::warnings(*in)) v.warnings.push_back("pro2:" + w);
      }
      sub.finish();
    }
  } else {
    rd.mark_used("pro2");
    s.sf_avg = rd.number("sf_avg", 0, pro2::kSfDailyMax, Need::kOptional);
    s.ap_avg = rd.number("ap_avg", 0, pro2::kApDailyMax, Need::kOptional);
    if (!s.sf_avg && !s.ap_avg && cdai_in) {
      s.sf_avg = cdai_in->liquid_stools_7d_total / static_cast<double>(cdai::kDiaryDays);
      s.ap_avg = cdai_in->abdominal_pain_7d_sum / static_cast<double>(cdai::kDiaryDays);
      v.pro2_from_cdai_diary = true;
    }
  }

  // Laboratory values may be censored ("<0.5", ">1800"): read as bounds (crohn/censored.hpp).
  s.fc_ug_g = rd.lab("fecal_calprotectin_ug_g", 0, biomarkers::kFcMaxUgG, Need::kOptional);
  s.crp_mg_l = biomarkers::read_crp_lab_mg_l(rd, Need::kOptional);
  s.crp_uln_mg_l = biomarkers::read_crp_uln_mg_l(rd);

  s.bwt_hundredths_mm =
      rd.hundredths("bwt_mm", endpoints::kBwtMinMm, endpoints::kBwtMaxMm, Need::kOptional);
  s.color_doppler_decreased = rd.boolean("color_doppler_decreased", Need::kOptional);

  if (rd.present("ibdq_items") && rd.present("ibdq_total")) {
    rd.mark_used("ibdq_items");
    rd.mark_used("ibdq_total");
    rd.fail(code::kUnknownValue, "ibdq_total", "give either ibdq_items or ibdq_total, not both",
            reason_params(reason::kNotBoth));
  } else if (rd.present("ibdq_items")) {
    rd.mark_used("ibdq_total");
    if (auto items = rd.number_array("ibdq_items", ibdq::kItemMin, ibdq::kItemMax, true,
                                     ibdq::kItems, ibdq::kItems)) {
      int total = 0;
      for (double d : *items) total += static_cast<int>(d);
      s.ibdq = total;
    }
  } else {
    rd.mark_used("ibdq_items");
    s.ibdq = rd.integer("ibdq_total", ibdq::kTotalMin, ibdq::kTotalMax, Need::kOptional);
  }

  // A post-operative ileocolonoscopy's Rutgeerts grade: the calculator's inputs as an object.
  if (const auto obj = rd.object("rutgeerts", Need::kOptional)) {
    Reader sub(*obj, rd.sink(), rd.path_of("rutgeerts") + ".");
    if (auto in = rutgeerts::read(sub)) {
      for (const std::string& w : rutgeerts::warnings(*in)) v.warnings.push_back("rutgeerts:" + w);
      v.rutgeerts_grade = in->grade;
    }
    sub.finish();
  }
  if (const auto obj = rd.object("cdeis", Need::kOptional)) {
    Reader sub(*obj, rd.sink(), rd.path_of("cdeis") + ".");
    if (auto in = cdeis::read(sub)) {
      const cdeis::Result r = cdeis::compute(*in);
      for (const std::string& w : cdeis::warnings(*in, r)) v.warnings.push_back("cdeis:" + w);
      v.cdeis = r;
    }
    sub.finish();
  }

  // MaRIA, sMaRIA, PDAI and IBD-Control: each calculator's inputs as an object. The visit shows
  // the calculator's single values (totals, global scores, endpoints; not the per-segment maps)
  // under the instrument's prefix, unless the output's name already holds it.
  struct Extra {
    const char* key;
    Json (*run)(Reader&);
  };
  static constexpr Extra kExtras[] = {{"maria", maria::evaluate},
                                      {"smaria", maria::evaluate_smaria},
                                      {"pdai", pdai::evaluate},
                                      {"ibd_control", ibd_control::evaluate}};
  for (const Extra& e : kExtras) {
    const auto obj = rd.object(e.key, Need::kOptional);
    if (!obj) continue;
    Reader sub(*obj, rd.sink(), rd.path_of(e.key) + ".");
    const Json out = e.run(sub);
    sub.finish();
    if (out.is_null() || sub.failed()) continue;
    if (v.instrument_scores.is_null()) v.instrument_scores = Json::object();
    const std::string prefix = std::string(e.key) + "_";
    for (auto it = out.begin(); it != out.end(); ++it) {
      if (it->is_structured()) continue;
      const bool named = it.key().find(e.key) != std::string::npos;
      v.instrument_scores[named ? it.key() : prefix + it.key()] = *it;
    }
    for (const Json& w : out.at("warnings")) {
      v.warnings.push_back(std::string(e.key) + ":" + w.get<std::string>());
    }
  }

  // PCDAI and wPCDAI: one form (object "pcdai", both indices), or the wPCDAI's items alone
  // (object "wpcdai"). The response is measured between visits (scores_json), so a visit's form
  // may not carry a baseline of its own: it would be a second, possibly different, baseline.
  if (const auto obj = rd.object("pcdai", Need::kOptional)) {
    Reader sub(*obj, rd.sink(), rd.path_of("pcdai") + ".");
    if (sub.present("pcdai_baseline")) {
      sub.mark_used("pcdai_baseline");
      sub.fail(code::kUnknownValue, "pcdai_baseline",
               sub.path_of("pcdai_baseline") +
                   ": in a record the PCDAI response is measured from the baseline visit's PCDAI");
    }
    if (auto in = pcdai::read_pcdai(sub)) v.pcdai = std::move(*in);
    sub.finish();
  }
  if (const auto obj = rd.object("wpcdai", Need::kOptional)) {
    if (rd.present("pcdai")) {
      rd.fail(code::kUnknownValue, "wpcdai",
              rd.path_of("wpcdai") + ": give the PCDAI form (it scores the wPCDAI too) or the "
                                     "wPCDAI items, not both");
    } else {
      Reader sub(*obj, rd.sink(), rd.path_of("wpcdai") + ".");
      if (auto in = pcdai::read_shared(sub)) v.wpcdai = std::move(*in);
      sub.finish();
    }
  }

  // Corticosteroid use is an explicit fact of the visit (A25); steroid-free is its negation.
  if (auto cs = rd.boolean("corticosteroids", Need::kOptional)) {
    s.steroid_free = !*cs;
  }
  if (auto d = rd.boolean("discontinued", Need::kOptional)) {
    s.discontinued = *d;
  }
}

/// A calculator's single values into a visit's scores under `prefix` (unless the output's name
/// holds the instrument already), leaving out its per-item points, maps and lists.
void put_prefixed(const Json& out, const char* name, Json& scores) {
  const std::string prefix = std::string(name) + "_";
  for (auto it = out.begin(); it != out.end(); ++it) {
    if (it->is_structured()) continue;
    const std::string& key = it.key();
    if (key.size() > 7 && key.compare(key.size() - 7, 7, "_points") == 0) continue;
    scores[key.find(name) != std::string::npos ? key : prefix + key] = *it;
  }
}

/// The PCDAI and wPCDAI of a visit. A follow-up's PCDAI response endpoints (Hyams 2005 >= 12.5,
/// Turner 2010 > 12.5, the BMJ Open 2024 protocol) are the calculator's, with the baseline
/// visit's PCDAI as pcdai_baseline; at the baseline visit, or without a PCDAI there, they are
/// null (not evaluable). wPCDAI remission < 12.5 is read at the visit; no wPCDAI response is
/// given (decrease > 17.5 UNVERIFIED, crohn/pcdai.hpp).
void put_pcdai(const Visit& v, const Visit* base, Json& scores) {
  if (v.pcdai) {
    pcdai::PcdaiInput in = *v.pcdai;
    if (base && base->pcdai) in.baseline = pcdai::pcdai_total(*base->pcdai);
    put_prefixed(pcdai::pcdai_to_json(in), "pcdai", scores);
  }
  const pcdai::Shared* shared = v.pcdai ? &v.pcdai->shared : v.wpcdai ? &*v.wpcdai : nullptr;
  if (shared) put_prefixed(pcdai::wpcdai_to_json(*shared), "wpcdai", scores);
}

/// The scores shown for a visit, from what was read (the same keys whichever way an instrument
/// was given: its items or its total). `base` is the patient's baseline visit for a follow-up
/// (nullptr for the baseline itself and for a visit not after it).
Json scores_json(const Visit& v, const Visit* base) {
  const Snapshot& s = v.snap;
  Json out = Json::object();
  if (s.hbi) {
    out["hbi_total"] = *s.hbi;
    out["hbi_band"] = band_name(hbi::band(*s.hbi));
  }
  if (s.cdai) {
    out["cdai_total"] = *s.cdai;
    out["cdai_band"] = band_name(cdai::band(*s.cdai));
  }
  if (s.ses_cd) {
    out["ses_cd_total"] = *s.ses_cd;
    out["ses_cd_band"] = band_name(sescd::band(*s.ses_cd));
  }
  if (s.ses_cd_max_item) out["ses_cd_max_item_score"] = *s.ses_cd_max_item;
  if (s.ses_cd_any_ulcer) out["ses_cd_any_ulcer"] = *s.ses_cd_any_ulcer;
  if (s.ses_cd_resected) {
    // The resected segments by name (FHIR notes them; clinical-spec-instruments §3.2).
    Json& names = out["ses_cd_segments_resected"] = Json::array();
    for (int i = 0; i < sescd::kSegmentCount; ++i) {
      if (s.ses_cd_resected & (1u << i)) names.push_back(sescd::kSegments[i]);
    }
  }
  if (v.pro2_from_cdai_diary) out["pro2_from_cdai_diary"] = true;
  if (s.sf_avg) out["sf_avg"] = *s.sf_avg;
  if (s.ap_avg) out["ap_avg"] = *s.ap_avg;
  if (s.sf_avg && s.ap_avg) out["pro2_weighted"] = pro2::weighted(*s.sf_avg, *s.ap_avg);
  // A censored laboratory value is shown as what it is, a bound as text ("<5"); an exact one
  // as a number.
  const auto lab = [](const Censored& c) { return c.exact() ? Json(c.value) : Json(censored_text(c)); };
  if (s.fc_ug_g) out["fecal_calprotectin_ug_g"] = lab(*s.fc_ug_g);
  if (s.crp_mg_l) {
    out["crp_mg_l"] = lab(*s.crp_mg_l);
    out["crp_mg_dl"] = lab(Censored(snap(s.crp_mg_l->value / biomarkers::kMgLPerMgDl), s.crp_mg_l->bound));
  }
  if (s.crp_uln_mg_l) out["crp_uln_mg_l"] = *s.crp_uln_mg_l;
  if (s.bwt_hundredths_mm) out["bwt_mm"] = static_cast<double>(*s.bwt_hundredths_mm) / 100.0;
  if (s.ibdq) out["ibdq_total"] = *s.ibdq;
  if (v.rutgeerts_grade) {
    // The calculator's outputs under the instrument's prefix (crohn/rutgeerts.hpp).
    rutgeerts::put_grade_outputs(*v.rutgeerts_grade, true, out);
  }
  if (v.cdeis) cdeis::put_visit_outputs(*v.cdeis, out);
  if (v.instrument_scores.is_object()) {
    for (auto it = v.instrument_scores.begin(); it != v.instrument_scores.end(); ++it) {
      out[it.key()] = *it;
    }
  }
  put_pcdai(v, base, out);
  if (s.steroid_free) out["corticosteroids"] = !*s.steroid_free;
  if (s.discontinued) out["discontinued"] = *s.discontinued;
  return out;
}

Json fail(const char* c, const std::string& field, const std::string& message) {
  return errors_to_json({Error{c, field, message, field}});
}

std::optional<std::string> read_label(Reader& rd, const char* key, bool allow_int) {
  const auto v = rd.value(key);
  if (!v) return std::nullopt;
  if (v->kind() == Value::Kind::kString) return std::string(v->as_text());
  if (allow_int && v->json() && v->json()->is_number_integer()) return dump_json(*v->json());
  rd.fail(code::kInvalidType, key, rd.path_of(key) + " must be a string");
  return std::nullopt;
}

}  // namespace

const char* verdict_name(const verdict::Tri& t) {
  return !t.evaluable() ? "not_evaluable" : t.yes() ? "achieved" : "not_achieved";
}

bool read_visit(Node vj, const std::string& prefix, std::vector<Error>& errors, Visit& v) {
  const std::size_t before = errors.size();
  if (!vj.is_object()) {
    const std::string self = prefix.substr(0, prefix.size() - 1);
    errors.push_back(Error{code::kInvalidType, self, self + " must be an object", self});
    return false;
  }
  Reader vr(vj, errors, prefix);
  if (auto label = read_label(vr, "label", false)) v.label = *label;
  v.baseline = vr.boolean("baseline", Need::kOptional).value_or(false);
  const bool has_week = vr.present("week");
  const bool has_date = vr.present("date");
  if (has_week && has_date) {
    vr.mark_used("week");
    vr.mark_used("date");
    vr.fail(code::kUnknownValue, "date", "give either week or date, not both",
            reason_params(reason::kNotBoth));
  } else if (has_date) {
    vr.mark_used("week");
    const Value d = *vr.value("date");
    const bool text = d.kind() == Value::Kind::kString;
    std::optional<long> days;
    if (text) days = parse_date(std::string(d.as_text()));
    if (!days) {
      vr.fail(text ? code::kOutOfRange : code::kInvalidType, "date",
              prefix + "date must be a calendar date YYYY-MM-DD");
    }
    v.date_days = days;
  } else {
    vr.mark_used("date");
    v.week = vr.number("week", kWeekMin, kWeekMax);
  }
  read_instruments(vr, v);
  vr.finish();
  return errors.size() == before;
}

bool resolve_timeline(Patient& p, std::vector<Error>& errors) {
  std::vector<Visit>& visits = p.visits;
  // The first and the second visit marked as the baseline (a patient has few visits; no list).
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t first = kNone, second = kNone;
  for (std::size_t i = 0; i < visits.size() && second == kNone; ++i) {
    if (!visits[i].baseline) continue;
    if (first == kNone) {
      first = i;
    } else {
      second = i;
    }
  }
  if (second != kNone) {
    const std::string f = "visits[" + std::to_string(visits[second].index) + "].baseline";
    errors.push_back(Error{code::kOutOfRange, f, "only one visit can be the baseline", f,
                           reason_params(reason::kOneBaseline)});
    return false;
  }
  if (first == kNone) {
    for (std::size_t i = 0; i < visits.size() && second == kNone; ++i) {
      if (!visits[i].week || *visits[i].week != 0) continue;
      if (first == kNone) {
        first = i;
      } else {
        second = i;
      }
    }
    if (first == kNone || second != kNone) {
      errors.push_back(Error{code::kMissingField, "visits[].baseline",
                             "mark exactly one visit with \"baseline\": true (or give one visit "
                             "week 0)",
                             "visits[].baseline"});
      return false;
    }
  }
  p.baseline = first;
  Visit& base = visits[p.baseline];
  base.baseline = true;
  // Dates become weeks relative to the baseline date; weeks and dates are not mixed.
  const bool dated = base.date_days.has_value();
  for (Visit& v : visits) {
    if (v.date_days.has_value() != dated) {
      const std::string f = "visits[" + std::to_string(v.index) + "]." + (dated ? "date" : "week");
      errors.push_back(Error{code::kInvalidType, f,
                             "all visits must use the same timing: dates throughout or weeks "
                             "throughout",
                             f});
      return false;
    }
    if (dated) v.week = snap(static_cast<double>(*v.date_days - *base.date_days) / 7.0);
  }
  for (Visit& v : visits) {
    if (!v.baseline && !is_followup(p, v)) v.warnings.emplace_back("not_after_baseline");
  }
  return true;
}

bool is_followup(const Patient& p, const Visit& v) {
  const Visit& base = p.visits[p.baseline];
  return &v != &base && *v.week > *base.week;
}

bool stopped_by(const Patient& p, double until) {
  for (const Visit& v : p.visits) {
    if (v.snap.discontinued && *v.snap.discontinued && is_followup(p, v) &&
        *v.week <= until + kTolerance) {
      return true;
    }
  }
  return false;
}

std::string time_of(const Visit& v) {
  return v.date_days ? civil_from_days(*v.date_days) : "week " + format_number(*v.week);
}

std::string label_of(const Visit& v) {
  if (!v.label.empty()) return v.label;
  return v.baseline ? "baseline" : "week " + format_number(*v.week);
}

std::optional<std::size_t> same_time(const std::vector<Visit>& visits, const Visit& v) {
  for (std::size_t i = 0; i < visits.size(); ++i) {
    const Visit& w = visits[i];
    const bool same = v.date_days || w.date_days
                          ? v.date_days && w.date_days && *v.date_days == *w.date_days
                          : v.week && w.week && *v.week == *w.week;
    if (same) return i;
  }
  return std::nullopt;
}

namespace {

bool starts_with(std::string_view s, std::string_view head) {
  return s.size() >= head.size() && s.compare(0, head.size(), head) == 0;
}

void drop_warnings(Visit& v, std::string_view head) {
  v.warnings.erase(std::remove_if(v.warnings.begin(), v.warnings.end(),
                                  [&](const std::string& w) { return starts_with(w, head); }),
                   v.warnings.end());
}

}  // namespace

Measure measure_of(std::string_view path) {
  const std::size_t end = path.find_first_of(".[");
  const std::string_view key = path.substr(0, end);
  struct Entry {
    const char* key;
    Measure measure;
  };
  static constexpr Entry kKeys[] = {
      {"week", Measure::kVisit},          {"date", Measure::kVisit},
      {"baseline", Measure::kVisit},      {"discontinued", Measure::kVisit},
      {"label", Measure::kLabel},         {"hbi", Measure::kHbi},
      {"hbi_total", Measure::kHbi},       {"cdai", Measure::kCdai},
      {"cdai_total", Measure::kCdai},     {"ses_cd", Measure::kSesCd},
      {"ses_cd_total", Measure::kSesCd},  {"ses_cd_max_item_score", Measure::kSesCd},
      {"ses_cd_any_ulcer", Measure::kSesCd},
      {"segments", Measure::kSesCd},  // (the SES-CD reader names its segments from "segments.")
      {"sf_avg", Measure::kSfAvg},        {"ap_avg", Measure::kApAvg},
      {"pro2", Measure::kPro2},           {"fecal_calprotectin_ug_g", Measure::kFc},
      {"crp_value", Measure::kCrp},       {"crp_unit", Measure::kCrp},
      {"crp_mg_l", Measure::kCrp},        {"crp_mg_dl", Measure::kCrp},
      {"crp_uln", Measure::kCrpUln},      {"crp_uln_unit", Measure::kCrpUln},
      {"crp_uln_mg_l", Measure::kCrpUln}, {"bwt_mm", Measure::kBwt},
      {"color_doppler_decreased", Measure::kColorDoppler},
      {"ibdq_items", Measure::kIbdq},     {"ibdq_total", Measure::kIbdq},
      {"corticosteroids", Measure::kCorticosteroids},
  };
  for (const Entry& e : kKeys) {
    if (key == e.key) return e.measure;
  }
  return Measure::kNone;
}

const char* measure_id(Measure m) {
  switch (m) {
    case Measure::kNone: case Measure::kVisit: return "";
    case Measure::kLabel: return "label";
    case Measure::kHbi: return "hbi";
    case Measure::kCdai: return "cdai";
    case Measure::kSesCd: return "ses_cd";
    case Measure::kSfAvg: return "sf_avg";
    case Measure::kApAvg: return "ap_avg";
    case Measure::kPro2: return "pro2";
    case Measure::kFc: return "fecal_calprotectin";
    case Measure::kCrp: return "crp";
    case Measure::kCrpUln: return "crp_uln";
    case Measure::kBwt: return "bwt";
    case Measure::kColorDoppler: return "color_doppler";
    case Measure::kIbdq: return "ibdq";
    case Measure::kCorticosteroids: return "corticosteroids";
  }
  return "";
}

const char* measure_name(Measure m) {
  switch (m) {
    case Measure::kNone: return "the value";
    case Measure::kVisit: return "the visit";
    case Measure::kLabel: return "the label";
    case Measure::kHbi: return "HBI";
    case Measure::kCdai: return "CDAI";
    case Measure::kSesCd: return "SES-CD";
    case Measure::kSfAvg: return "PRO2 stool frequency";
    case Measure::kApAvg: return "PRO2 abdominal pain";
    case Measure::kPro2: return "PRO2";
    case Measure::kFc: return "faecal calprotectin";
    case Measure::kCrp: return "CRP";
    case Measure::kCrpUln: return "the CRP upper limit of normal";
    case Measure::kBwt: return "bowel-wall thickness";
    case Measure::kColorDoppler: return "colour Doppler";
    case Measure::kIbdq: return "IBDQ";
    case Measure::kCorticosteroids: return "corticosteroid use";
  }
  return "the value";
}

void drop_measure(Visit& v, Measure m) {
  Snapshot& s = v.snap;
  switch (m) {
    case Measure::kNone: case Measure::kVisit: break;
    case Measure::kLabel: v.label.clear(); break;
    case Measure::kHbi: s.hbi.reset(); break;
    case Measure::kCdai:
      s.cdai.reset();
      if (v.pro2_from_cdai_diary) {  // derived from the CDAI diary: it goes with it
        s.sf_avg.reset();
        s.ap_avg.reset();
        v.pro2_from_cdai_diary = false;
      }
      break;
    case Measure::kSesCd:
      s.ses_cd.reset();
      s.ses_cd_max_item.reset();
      s.ses_cd_any_ulcer.reset();
      s.ses_cd_incomplete = false;
      s.ses_cd_segments.reset();
      s.ses_cd_resected = 0;
      drop_warnings(v, "ses_cd:");
      break;
    case Measure::kSfAvg: s.sf_avg.reset(); break;
    case Measure::kApAvg: s.ap_avg.reset(); break;
    case Measure::kPro2:
      s.sf_avg.reset();
      s.ap_avg.reset();
      drop_warnings(v, "pro2:");
      break;
    case Measure::kFc: s.fc_ug_g.reset(); break;
    case Measure::kCrp: s.crp_mg_l.reset(); break;
    case Measure::kCrpUln: s.crp_uln_mg_l.reset(); break;
    case Measure::kBwt: s.bwt_hundredths_mm.reset(); break;
    case Measure::kColorDoppler: s.color_doppler_decreased.reset(); break;
    case Measure::kIbdq: s.ibdq.reset(); break;
    case Measure::kCorticosteroids: s.steroid_free.reset(); break;
  }
}

std::string issue_tail(Measure m, bool kept, const char* unit) {
  if (!kept) return std::string("; ") + unit + " left out";
  const std::string what = m == Measure::kNone ? std::string("not read") : std::string(measure_name(m)) + " not read";
  return "; " + what + " (the rest of the " + unit + " is used)";
}

bool keep_measures(Visit& v, std::vector<Error>& errors, std::size_t from, std::string_view prefix,
                   std::vector<Measure>& measures) {
  measures.clear();
  bool keep = true;
  std::size_t out = from;
  for (std::size_t i = from; i < errors.size(); ++i) {
    std::string_view path = errors[i].path;
    if (starts_with(path, prefix)) path.remove_prefix(prefix.size());
    // A unit without its value: the value is read as required once a unit is given, and its
    // absence is the only error then. Nothing was measured; nothing is listed.
    if (errors[i].code == code::kMissingField && (path == "crp_value" || path == "crp_uln")) continue;
    const Measure m = measure_of(path);
    if (m == Measure::kVisit || (m == Measure::kNone && errors[i].code != code::kUnknownValue)) keep = false;
    drop_measure(v, m);
    measures.push_back(m);
    if (out != i) errors[out] = std::move(errors[i]);
    ++out;
  }
  errors.resize(out);
  return keep;
}

std::optional<Patient> read_patient(const Json& record, std::vector<Error>& errors,
                                    std::vector<VisitIssue>* issues) {
  const std::size_t before = errors.size();
  if (!record.is_object()) {
    errors.push_back(Error{code::kInvalidType, "record", "the record must be an object", "record"});
    return std::nullopt;
  }
  Patient p;
  Reader rd(record, errors);
  p.id = read_label(rd, "patient_id", true);
  p.arm = read_label(rd, "arm", false);
  p.stratum = read_label(rd, "stratum", true);
  p.isolated_ileal_disease = rd.boolean("isolated_ileal_disease", Need::kOptional);
  rd.mark_used("visits");
  if (!rd.present("visits")) {
    rd.fail(code::kMissingField, "visits", "visits is required (a list with the baseline visit)");
  } else if (!record["visits"].is_array()) {
    rd.fail(code::kInvalidType, "visits", "visits must be a list of visit objects");
  } else if (record["visits"].empty() || record["visits"].size() > kVisitsMax) {
    Json params = reason_params(reason::kEntries);
    params["min"] = 1;
    params["max"] = kVisitsMax;
    rd.fail(code::kOutOfRange, "visits",
            "visits must hold 1 to " + std::to_string(kVisitsMax) + " visits", std::move(params));
  } else {
    const Json& list = record["visits"];
    for (std::size_t i = 0; i < list.size(); ++i) {
      Visit v;
      v.index = i;
      const std::string prefix = "visits[" + std::to_string(i) + "].";
      if (!issues) {
        if (read_visit(list[i], prefix, errors, v)) p.visits.push_back(std::move(v));
        continue;
      }
      std::vector<Error> found;
      std::vector<Measure> measures;
      bool kept = read_visit(list[i], prefix, found, v) ||
                  keep_measures(v, found, 0, prefix, measures);
      // One visit per time: a second one would make the visit that counts for a week depend on
      // the order of the visits.
      const std::optional<std::size_t> j = kept ? same_time(p.visits, v) : std::nullopt;
      const bool twice = j.has_value();
      kept = kept && !twice;
      for (std::size_t k = 0; k < found.size(); ++k) {
        VisitIssue issue{std::move(found[k]), kept ? measures[k] : Measure::kNone, kept};
        issue.error.message += issue_tail(issue.measure, kept, "visit");
        issues->push_back(std::move(issue));
      }
      if (!kept && !twice) continue;
      if (twice) {
        const std::string f = prefix + (v.date_days ? "date" : "week");
        issues->push_back({Error{code::kOutOfRange, f,
                                 time_of(v) + " is given twice (first at visits[" +
                                     std::to_string(p.visits[*j].index) + "]); visit left out",
                                 f},
                           Measure::kVisit, false});
        continue;
      }
      p.visits.push_back(std::move(v));
    }
    if (issues && p.visits.empty()) {
      rd.fail(code::kMissingField, "visits", "the patient has no usable visit");
    }
  }
  rd.finish();
  if (errors.size() != before || !resolve_timeline(p, errors)) return std::nullopt;
  return p;
}

std::vector<const definitions::DefinitionSet*> resolve_sets(const std::vector<std::string>& ids,
                                                            std::vector<Error>& errors) {
  std::vector<const definitions::DefinitionSet*> chosen;
  if (ids.empty()) {
    for (const definitions::DefinitionSet& s : definitions::sets()) chosen.push_back(&s);
    return chosen;
  }
  for (const std::string& id : ids) {
    if (const definitions::DefinitionSet* s = definitions::find_set(id)) {
      chosen.push_back(s);
      continue;
    }
    std::string names;
    for (const definitions::DefinitionSet& d : definitions::sets()) {
      names += (names.empty() ? "" : ", ") + std::string(d.id);
    }
    errors.push_back(Error{code::kUnknownValue, "definition_sets",
                           "unknown definition set \"" + id + "\"; one of: " + names,
                           "definition_sets"});
  }
  return chosen;
}

namespace {

/// What an endpoint may read of a visit's SES-CD. A total from an examination with a segment not
/// examined covers the segments seen only, and the complete total can only be higher
/// (clinical-spec §3.3: an unreached ileum must not silently look normal), so that total and its
/// highest item are withheld from the endpoints, which are then not evaluable; an ulcer that was
/// seen is still a fact. (The visit's scores still show the partial total, with its warning.)
void withhold_incomplete_ses_cd(Snapshot& s, const std::string& resection_rule) {
  // Options::ses_resection_rule (clinical-spec-instruments §3.2), only when the user picked it.
  if (s.ses_cd_segments && resection_rule == "zero_resected") *s.ses_cd_segments |= s.ses_cd_resected;
  if (!s.ses_cd_incomplete && !(s.ses_cd_resected && resection_rule == "exclude_postoperative")) return;
  s.ses_cd.reset();
  s.ses_cd_max_item.reset();
  if (s.ses_cd_any_ulcer && !*s.ses_cd_any_ulcer) s.ses_cd_any_ulcer.reset();
}

}  // namespace

Measures measures_for(const Patient& p, const Visit& followup, const Options& options) {
  Measures m;
  m.baseline = p.visits[p.baseline].snap;
  m.followup = followup.snap;
  withhold_incomplete_ses_cd(m.baseline, options.ses_resection_rule);
  withhold_incomplete_ses_cd(m.followup, options.ses_resection_rule);
  m.isolated_ileal_disease = p.isolated_ileal_disease;
  m.thresholds.fc_below_ug_g = options.fc_below_ug_g;
  m.thresholds.crp_below_mg_l = options.crp_below_mg_l;
  return m;
}

std::optional<double> protocol_week(const definitions::SetEndpoint& e, double week,
                                    const Options& options) {
  std::optional<double> best;
  for (double w : e.weeks) {
    const double distance = std::fabs(week - w);
    if (distance <= options.window_weeks + kTolerance &&
        (!best || distance < std::fabs(week - *best))) {
      best = w;
    }
  }
  return best;
}

std::vector<const Visit*> followups_in_order(const Patient& p) {
  std::vector<const Visit*> out;
  append_followups_in_order(p, out);
  return out;
}

void append_followups_in_order(const Patient& p, std::vector<const Visit*>& out) {
  const std::size_t start = out.size();
  for (const Visit& v : p.visits) {
    if (is_followup(p, v)) out.push_back(&v);
  }
  // Insertion sort: stable, and without the buffer std::stable_sort allocates (a patient has
  // few visits, and the cohort mode sorts every patient's).
  for (std::size_t i = start + 1; i < out.size(); ++i) {
    const Visit* v = out[i];
    std::size_t j = i;
    for (; j > start && *v->week < *out[j - 1]->week; --j) out[j] = out[j - 1];
    out[j] = v;
  }
}

Json evaluate_patient(const Patient& p, const std::vector<const definitions::DefinitionSet*>& sets,
                      const Options& options) {
  Json out_visits = Json::array();
  for (const Visit& v : p.visits) {
    // Objects are built key by key and sub-objects moved in (hbi.cpp says why).
    Json& visit = out_visits.emplace_back(Json::object());
    visit["label"] = label_of(v);
    visit["week"] = *v.week;
    visit["baseline"] = v.baseline;
    visit["scores"] = scores_json(v, is_followup(p, v) ? &p.visits[p.baseline] : nullptr);
    visit["warnings"] = v.warnings;
    if (v.date_days) visit["date"] = civil_from_days(*v.date_days);
  }
  const std::vector<const Visit*> followups = followups_in_order(p);
  Json out_sets = Json::array();
  for (const definitions::DefinitionSet* set : sets) {
    Json rows = Json::array();
    for (const Visit* f : followups) {
      const Measures m = measures_for(p, *f, options);
      // The set's failure rule (docs/cohort.md "Failure rule"): a patient who had stopped
      // therapy at or before this visit is a non-responder as the study counts it.
      const bool rule_applies = set->failure_rule != nullptr && stopped_by(p, *f->week);
      const bool ses_set_changed = endpoints::ses_segment_set_changed(m);
      Json eps = Json::array();
      for (const definitions::SetEndpoint& e : set->endpoints) {
        const verdict::Tri t = endpoints::evaluate_rule(e.rule, m);
        const std::optional<double> pw = protocol_week(e, *f->week, options);
        const endpoints::Rule* rule = endpoints::find_rule(e.rule);
        Json& ep = eps.emplace_back(Json::object());
        ep["id"] = e.id;
        ep["rule"] = e.rule;
        ep["label"] = rule ? rule->label : e.id;
        ep["verdict"] = verdict_name(t);
        // The verdict as the study counts it, beside the rule's own (`verdict`, never changed).
        ep["failure_rule"] = rule_applies ? Json(set->failure_rule) : Json(nullptr);
        ep["study_verdict"] = rule_applies ? "not_achieved" : verdict_name(t);
        ep["missing"] = t.evaluable() ? std::vector<std::string>{} : t.missing();
        ep["detail"] = t.detail();
        ep["facts"] = t.facts_json();  // the numbers behind the verdict (docs/contract.md)
        ep["protocol_week"] = pw ? Json(*pw) : Json(nullptr);
        // A verdict decided by an assumed threshold says so (definitions::assumptions()).
        const definitions::Assumption* assumed = definitions::assumption_of(set->id, e.id);
        ep["assumed"] = assumed ? Json(assumed->code) : Json(nullptr);
        // SES-CD rules (ids "ses_...") across different segment sets: the change rules are not
        // evaluable, the rules on the follow-up total are returned; both are flagged
        // (clinical-spec-instruments §3.2).
        if (ses_set_changed && starts_with(e.rule, "ses_")) {
          ep["warnings"] = Json::array({"segment_set_changed"});
        }
      }
      Json& row = rows.emplace_back(Json::object());
      row["visit"] = label_of(*f);
      row["week"] = *f->week;
      row["endpoints"] = std::move(eps);
    }
    Json& out_set = out_sets.emplace_back(Json::object());
    out_set["id"] = set->id;
    out_set["label"] = set->label;
    out_set["version"] = set->version;
    out_set["citation"] = set->citation;
    out_set["visits"] = std::move(rows);
  }
  Json out = Json::object();
  out["version"] = kVersion;
  out["patient_id"] = p.id ? Json(*p.id) : Json(nullptr);
  out["arm"] = p.arm ? Json(*p.arm) : Json(nullptr);
  out["isolated_ileal_disease"] =
      p.isolated_ileal_disease ? Json(*p.isolated_ileal_disease) : Json(nullptr);
  out["visits"] = std::move(out_visits);
  out["sets"] = std::move(out_sets);
  Json& opts = out["options"] = Json::object();
  opts["window_weeks"] = options.window_weeks;
  opts["fc_below_ug_g"] = options.fc_below_ug_g;
  opts["crp_below_mg_l"] = options.crp_below_mg_l;
  opts["ses_resection_rule"] = options.ses_resection_rule;
  return out;
}

namespace {

Json run(const Json& record, const std::vector<std::string>& set_ids, const Options& options) {
  std::vector<Error> errors;
  const auto sets = resolve_sets(set_ids, errors);
  auto patient = read_patient(record, errors);
  if (!errors.empty() || !patient) return errors_to_json(errors);
  return evaluate_patient(*patient, sets, options);
}

}  // namespace

Json evaluate(const Json& record, const std::vector<std::string>& sets,
              const Options& options) noexcept {
  try {
    return run(record, sets, options);
  } catch (const std::exception& e) {
    return fail(code::kInternal, "record", std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(code::kInternal, "record", "internal error");
  }
}

Json evaluate_request(const Json& request) noexcept {
  try {
    if (!request.is_object()) {
      return fail(code::kInvalidType, "request",
                  "the request must be an object {\"record\": ..., \"definition_sets\": [...]}");
    }
    std::vector<Error> errors;
    Reader rd(request, errors);
    const auto rec = rd.object("record");
    std::vector<const char*> names;
    for (const definitions::DefinitionSet& s : definitions::sets()) names.push_back(s.id);
    // Empty or absent: every set. The result keeps the sets' table order.
    auto ids = rd.id_set("definition_sets", Allowed(names.data(), names.size()), Need::kOptional);
    Options options;
    if (const auto o = rd.object("options", Need::kOptional)) {
      Reader ord(*o, errors, "options.");
      if (auto w = ord.number("window_weeks", 0, kWindowWeeksMax, Need::kOptional)) options.window_weeks = *w;
      if (auto v = ord.number("fc_below_ug_g", 1, 10000, Need::kOptional)) options.fc_below_ug_g = *v;
      if (auto v = ord.number("crp_below_mg_l", 0.1, 100, Need::kOptional)) options.crp_below_mg_l = *v;
      if (auto v = ord.choice("ses_resection_rule",
                              Allowed({"sum_present_segments", "exclude_postoperative", "zero_resected"}),
                              Need::kOptional)) {
        options.ses_resection_rule = *v;
      }
      ord.finish();
    }
    rd.finish();
    if (!errors.empty()) return errors_to_json(errors);
    return evaluate(*rec->json(), ids ? *ids : std::vector<std::string>{}, options);
  } catch (...) {
    return fail(code::kInternal, "request", "internal error");
  }
}

std::string evaluate_json(std::string_view request) noexcept {
  std::string message;
  Json parsed = parse_json(request, message);
  if (parsed.is_discarded()) {
    return dump_json(fail(code::kInvalidJson, "request", "the request is not valid JSON: " + message));
  }
  return dump_json(evaluate_request(parsed));
}

std::string definitions_json() noexcept { return dump_json(definitions::to_json()); }

}  // namespace crohn::record
