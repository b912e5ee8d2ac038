// SPDX-License-Identifier: MIT
#include "crohn/montreal.hpp"

#include <utility>

namespace crohn::montreal {

Json evaluate(Reader& rd) {
  auto age = rd.integer("age_at_diagnosis_years", 0, kAgeMax);
  // `location` is required as a key (clinical-spec §0.1: ileal, colonic, ileocolonic or null).
  // An explicit null means no ileal or colonic involvement, i.e. upper-GI disease only (L4 alone,
  // §5.7); a key left out is a missing field, never read as that null.
  std::optional<std::string> location;
  bool location_ok = true;
  if (rd.present("location")) {
    location = rd.choice("location", {"ileal", "colonic", "ileocolonic"});
    location_ok = location.has_value();
  } else if (rd.has_key("location")) {
    rd.mark_used("location");
  } else {
    rd.fail(code::kMissingField, "location",
            rd.path_of("location") +
                " is required: ileal, colonic, ileocolonic, or null when the disease is upper GI only");
    location_ok = false;
  }
  auto upper = rd.boolean("upper_gi_involvement");
  auto behavior =
      rd.choice("behavior", {"nonstricturing_nonpenetrating", "stricturing", "penetrating"});
  auto perianal = rd.boolean("perianal_disease");
  if (!age || !location_ok || !upper || !behavior || !perianal) return nullptr;
  if (!location && !*upper) {
    rd.fail(code::kMissingField, "location",
            "location is required (ileal, colonic or ileocolonic) unless disease is upper GI only");
    return nullptr;
  }
  const std::string age_class = *age <= kA1MaxAge ? "A1" : *age <= kA2MaxAge ? "A2" : "A3";
  std::string loc;
  if (location) {
    loc = *location == "ileal" ? "L1" : *location == "colonic" ? "L2" : "L3";
    if (*upper) loc += "+L4";
  } else {
    loc = "L4";
  }
  std::string beh = *behavior == "nonstricturing_nonpenetrating" ? "B1"
                    : *behavior == "stricturing"                 ? "B2"
                                                                 : "B3";
  if (*perianal) beh += "p";
  Json out = Json::object();
  out["montreal"] = age_class + " " + loc + " " + beh;
  out["age_class"] = age_class;
  out["location_class"] = std::move(loc);
  out["behavior_class"] = std::move(beh);
  return out;
}

}  // namespace crohn::montreal
