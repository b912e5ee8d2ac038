// SPDX-License-Identifier: MIT
// Crohn Score: the source of one rule as the user is shown it, for the instruments that return
// their sources with each result (Rutgeerts, CDEIS, MaRIA, sMaRIA, PCDAI, wPCDAI, PDAI,
// IBD-Control): the output it backs, its evidence level and the citation with what was read.
#pragma once

#include <array>
#include <cstddef>

#include <nlohmann/json.hpp>

namespace crohn {

struct Source {
  const char* key;       // the output it backs ("grades", "recurrence_ge_i2", ...)
  const char* evidence;  // verified_abstract | verified_table | secondary | unverified | project_rule
  const char* text;      // the citation, with what was read
};

/// Writes out["sources"] = {key: {evidence, text}, ...} in the list's order.
void put_sources(const Source* begin, const Source* end, nlohmann::json& out);

template <std::size_t N>
void put_sources(const std::array<Source, N>& list, nlohmann::json& out) {
  put_sources(list.data(), list.data() + N, out);
}

}  // namespace crohn
