// SPDX-License-Identifier: MIT
#include "crohn/biomarkers.hpp"

#include "crohn/verdict.hpp"

namespace crohn::biomarkers {

namespace {

/// The unit id of a request's unit text ("mg/L" -> "mg_l"), for error params.
const char* unit_id(const std::optional<std::string>& unit) {
  if (!unit) return nullptr;
  return *unit == "mg/dL" ? "mg_dl" : "mg_l";
}

/// Names `unit` in the range params of the errors recorded since `from` (a value whose unit is
/// given beside it, as crp_value with crp_unit: its key has no unit suffix); `max`, when given,
/// is the range's top in that unit (crp_value is first checked against the mg/L limit as typed,
/// whatever its unit: in mg/dL its true limit is lower, and that is the one to name).
void name_unit(Reader& rd, std::size_t from, const char* unit, double max = -1) {
  if (!unit) return;
  for (std::size_t i = from; i < rd.sink().size(); ++i) {
    Json& p = rd.sink()[i].params;
    if (!p.is_object() || !p.contains("min")) continue;
    p["unit"] = unit;
    if (max >= 0) p["max"] = max;
  }
}

/// CRP in one of its three forms, in mg/L; `num(key, lo, hi)` reads one number (a plain one for
/// the calculator, a possibly censored one for a visit).
template <class ReadNumber>
std::optional<Censored> read_crp(Reader& rd, Need need, ReadNumber num) {
  const bool by_value = rd.present("crp_value") || rd.present("crp_unit");
  const bool by_mg_l = rd.present("crp_mg_l");
  const bool by_mg_dl = rd.present("crp_mg_dl");
  const int forms = int(by_value) + int(by_mg_l) + int(by_mg_dl);
  rd.mark_used("crp_value");
  rd.mark_used("crp_unit");
  rd.mark_used("crp_mg_l");
  rd.mark_used("crp_mg_dl");
  if (forms > 1) {
    rd.fail(code::kUnknownValue, by_mg_dl ? "crp_mg_dl" : "crp_mg_l",
            "give CRP once: crp_value with crp_unit, crp_mg_l or crp_mg_dl",
            reason_params(reason::kNotBoth));
    return std::nullopt;
  }
  if (forms == 0) {
    if (need == Need::kRequired) {
      rd.fail(code::kMissingField, "crp_value",
              "CRP is required: crp_value with crp_unit (mg/L or mg/dL)");
    }
    return std::nullopt;
  }
  auto in_mg_l = [](const Censored& c) {
    return Censored(snap(c.value * kMgLPerMgDl), c.bound);
  };
  if (by_mg_l) return num("crp_mg_l", 0, kCrpMaxMgL);
  if (by_mg_dl) {
    auto v = num("crp_mg_dl", 0, kCrpMaxMgL / kMgLPerMgDl);
    if (!v) return std::nullopt;
    return in_mg_l(*v);
  }
  auto unit = rd.choice("crp_unit", {"mg/L", "mg/dL"});
  const std::size_t errors_before = rd.sink().size();
  auto value = num("crp_value", 0, kCrpMaxMgL);
  const bool in_mg_dl = unit && *unit == "mg/dL";
  name_unit(rd, errors_before, unit_id(unit), in_mg_dl ? kCrpMaxMgL / kMgLPerMgDl : -1);
  if (!unit || !value) return std::nullopt;
  if (*unit == "mg/L") return *value;
  if (value->value > kCrpMaxMgL / kMgLPerMgDl) {
    rd.fail(code::kOutOfRange, "crp_value",
            "crp_value must be between 0 and " + format_number(kCrpMaxMgL / kMgLPerMgDl) +
                " mg/dL, not " + censored_text(*value),
            range_params("crp_value", 0, kCrpMaxMgL / kMgLPerMgDl, false, "mg_dl"));
    return std::nullopt;
  }
  return in_mg_l(*value);
}

}  // namespace

std::optional<double> read_crp_mg_l(Reader& rd, Need need) {
  const auto c = read_crp(rd, need, [&](const char* key, double lo, double hi) -> std::optional<Censored> {
    if (auto v = rd.number(key, lo, hi)) return Censored(*v);
    return std::nullopt;
  });
  if (!c) return std::nullopt;
  return c->value;
}

std::optional<Censored> read_crp_lab_mg_l(Reader& rd, Need need) {
  return read_crp(rd, need, [&](const char* key, double lo, double hi) { return rd.lab(key, lo, hi); });
}

std::optional<double> read_crp_uln_mg_l(Reader& rd) {
  const bool by_value = rd.present("crp_uln") || rd.present("crp_uln_unit");
  const bool by_mg_l = rd.present("crp_uln_mg_l");
  rd.mark_used("crp_uln");
  rd.mark_used("crp_uln_unit");
  rd.mark_used("crp_uln_mg_l");
  if (by_value && by_mg_l) {
    rd.fail(code::kUnknownValue, "crp_uln_mg_l",
            "give the CRP upper limit of normal once: crp_uln with crp_uln_unit, or crp_uln_mg_l",
            reason_params(reason::kNotBoth));
    return std::nullopt;
  }
  if (by_mg_l) return rd.number("crp_uln_mg_l", kCrpUlnMinMgL, kCrpUlnMaxMgL);
  if (!by_value) return std::nullopt;
  const auto unit = rd.choice("crp_uln_unit", {"mg/L", "mg/dL"});
  const double per_unit = unit && *unit == "mg/dL" ? kMgLPerMgDl : 1.0;
  const std::size_t errors_before = rd.sink().size();
  const auto value = rd.number("crp_uln", kCrpUlnMinMgL / per_unit, kCrpUlnMaxMgL / per_unit);
  name_unit(rd, errors_before, unit_id(unit));
  if (!unit || !value) return std::nullopt;
  return snap(*value * per_unit);
}

std::optional<Input> read(Reader& rd) {
  Input in;
  in.fc_ug_g = rd.number("fecal_calprotectin_ug_g", 0, kFcMaxUgG, Need::kOptional);
  in.crp_mg_l = read_crp_mg_l(rd, Need::kOptional);
  in.crp_uln_mg_l = read_crp_uln_mg_l(rd);
  if (const auto opts = rd.object("options", Need::kOptional)) {
    Reader ord(*opts, rd.sink(), "options.");
    if (auto v = ord.number("fc_below_ug_g", 1, 10000, Need::kOptional)) in.fc_threshold_ug_g = *v;
    if (auto v = ord.number("crp_below_mg_l", 0.1, 100, Need::kOptional)) {
      in.crp_threshold_mg_l = *v;
    }
    ord.finish();
  }
  if (rd.failed()) return std::nullopt;
  if (!rd.present("fecal_calprotectin_ug_g") && !in.crp_mg_l) {
    rd.fail(code::kMissingField, "fecal_calprotectin_ug_g",
            "give at least one biomarker: fecal_calprotectin_ug_g or CRP");
    return std::nullopt;
  }
  return in;
}

Json evaluate(const Input& in) {
  using verdict::Tri;
  const Tri fc = Tri::known(in.fc_ug_g.has_value(), "fecal_calprotectin_ug_g");
  const Tri crp = Tri::known(in.crp_mg_l.has_value(), "crp");
  auto fc_lt = [&](double t) { return fc.then([&] { return approx_lt(*in.fc_ug_g, t); }); };
  auto crp_lt = [&](double t) { return crp.then([&] { return approx_lt(*in.crp_mg_l, t); }); };
  verdict::Table out;
  out.put("biochemical_remission_fc150_crp0_5",
          fc_lt(kItalianFcBelow) && crp_lt(kItalianCrpBelowMgL));
  out.put("biochemical_remission", fc_lt(in.fc_threshold_ug_g) && crp_lt(in.crp_threshold_mg_l));
  out.put("stride2_fc_lt250", fc_lt(kStride2FcBelow));
  const Tri uln = Tri::known(in.crp_uln_mg_l.has_value(), "crp_uln_mg_l");
  out.put("stride2_crp_lt_uln",
          (crp && uln).then([&] { return approx_lt(*in.crp_mg_l, *in.crp_uln_mg_l); }));
  out.put("abbvie_crp_le5_mg_l", crp.then([&] { return approx_le(*in.crp_mg_l, kAbbvieCrpMaxMgL); }));
  out.put("abbvie_fc_le250", fc.then([&] { return approx_le(*in.fc_ug_g, kAbbvieFcMax); }));
  Json j = out.to_json();
  j["fecal_calprotectin_ug_g"] = in.fc_ug_g ? Json(*in.fc_ug_g) : Json(nullptr);
  j["crp_mg_l"] = in.crp_mg_l ? Json(*in.crp_mg_l) : Json(nullptr);
  j["crp_mg_dl"] = in.crp_mg_l ? Json(snap(*in.crp_mg_l / kMgLPerMgDl)) : Json(nullptr);
  j["thresholds"] = {{"fc_below_ug_g", in.fc_threshold_ug_g},
                     {"crp_below_mg_l", in.crp_threshold_mg_l}};
  return j;
}

}  // namespace crohn::biomarkers
