// SPDX-License-Identifier: MIT
#include "crohn/ibdq.hpp"

#include "crohn/endpoints.hpp"

namespace crohn::ibdq {

namespace {

// A single total (from the items or given) and its remission verdicts.
Json total_json(int total) {
  endpoints::Measures m;
  m.followup.ibdq = total;
  Json out = Json::object();
  out["ibdq_total"] = total;
  out["remission_ge170"] = endpoints::evaluate_rule("ibdq_remission_ge170", m).yes();
  out["remission_ge168_hlavaty"] = endpoints::evaluate_rule("ibdq_remission_ge168", m).yes();
  return out;
}

}  // namespace

Json evaluate(Reader& rd) {
  if (rd.present("ibdq_items")) {
    auto items = rd.number_array("ibdq_items", kItemMin, kItemMax, true, kItems, kItems);
    if (!items) return nullptr;
    int total = 0;
    for (double d : *items) total += static_cast<int>(d);
    return total_json(total);
  }
  rd.mark_used("ibdq_items");
  if (rd.present("ibdq_total")) {
    auto total = rd.integer("ibdq_total", kTotalMin, kTotalMax);
    if (!total) return nullptr;
    return total_json(*total);
  }
  rd.mark_used("ibdq_total");
  auto baseline = rd.integer("ibdq_baseline", kTotalMin, kTotalMax);
  auto followup = rd.integer("ibdq_followup", kTotalMin, kTotalMax);
  if (!baseline || !followup) return nullptr;
  endpoints::Measures m;
  m.baseline.ibdq = *baseline;
  m.followup.ibdq = *followup;
  verdict::Table t;
  t.put("response_increase_ge16", endpoints::evaluate_rule("ibdq_response_ge16", m));
  t.put("remission_ge170", endpoints::evaluate_rule("ibdq_remission_ge170", m));
  t.put("remission_ge168_hlavaty", endpoints::evaluate_rule("ibdq_remission_ge168", m));
  t.put("response_increase_ge22_hlavaty", endpoints::evaluate_rule("ibdq_response_ge22", m));
  t.put("response_increase_ge27_hlavaty", endpoints::evaluate_rule("ibdq_response_ge27", m));
  Json out = t.to_json();
  out["ibdq_change"] = *followup - *baseline;
  return out;
}

}  // namespace crohn::ibdq
