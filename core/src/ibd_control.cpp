// SPDX-License-Identifier: MIT
#include "crohn/ibd_control.hpp"

#include <string>

namespace crohn::ibd_control {

namespace {

int points(const Item& item, const std::string& answer) {
  if (answer == item.favourable) return kFavourablePoints;
  if (answer == "not_sure") return kNotSurePoints;
  if (answer == "no_treatment") return kNoTreatmentPoints;
  return kUnfavourablePoints;  // the other of yes/no
}

}  // namespace

Json evaluate(Reader& rd) {
  int total = 0;
  bool ok = true;
  bool no_treatment = false;
  for (const Item& item : kItems) {
    // Q1b alone has "no_treatment" (clinical-spec-instruments §0.4).
    const bool q1b = std::string(item.key) == "q1b_treatment_useful";
    const auto answer = q1b ? rd.choice(item.key, {"yes", "no", "not_sure", "no_treatment"})
                            : rd.choice(item.key, {"yes", "no", "not_sure"});
    if (!answer) {
      ok = false;
      continue;
    }
    if (*answer == "no_treatment") no_treatment = true;
    total += points(item, *answer);
  }
  const auto vas = rd.number("vas_overall_control", kVasMin, kVasMax, Need::kOptional);
  if (!ok || rd.failed()) return nullptr;
  Json out = Json::object();
  out["ibd_control_8_total"] = total;
  out["quiescent_ibd_control_8_ge13"] = total >= kQuiescentIbdControl8From;
  Json& v = out["ibd_control_vas"];
  Json& q = out["quiescent_vas_ge85"];
  Json& not_evaluable = out["not_evaluable"] = Json::object();
  if (vas) {
    v = *vas;
    q = *vas >= kQuiescentVasFrom;  // the value as typed, compared exactly
  } else {
    not_evaluable["quiescent_vas_ge85"].push_back("vas_overall_control");
  }
  out["warnings"] = Json::array();
  if (no_treatment) out["warnings"].push_back("q1b_no_treatment_scored_1");
  put_sources(kSources, out);
  return out;
}

}  // namespace crohn::ibd_control
