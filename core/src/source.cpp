// SPDX-License-Identifier: MIT
#include "crohn/source.hpp"

namespace crohn {

void put_sources(const Source* begin, const Source* end, nlohmann::json& out) {
  nlohmann::json& sources = out["sources"] = nlohmann::json::object();
  for (const Source* s = begin; s != end; ++s) {
    nlohmann::json& entry = sources[s->key] = nlohmann::json::object();
    entry["evidence"] = s->evidence;
    entry["text"] = s->text;
  }
}

}  // namespace crohn
