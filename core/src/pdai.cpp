// SPDX-License-Identifier: MIT
#include "crohn/pdai.hpp"

namespace crohn::pdai {

Json evaluate(Reader& rd) {
  int total = 0;
  bool ok = true;
  Json items = Json::object();
  for (const char* key : kItems) {
    const auto v = rd.integer(key, kItemMin, kItemMax);  // all five required (§7.3)
    if (v) {
      total += *v;
      items[key] = *v;
    } else {
      ok = false;
    }
  }
  if (!ok || rd.failed()) return nullptr;
  Json out = Json::object();
  out["pdai_total"] = total;
  out["items"] = std::move(items);
  out["active_gt4_losco2009"] = total > kActiveAbove;
  out["warnings"] = Json::array();
  put_sources(kSources, out);
  return out;
}

}  // namespace crohn::pdai
