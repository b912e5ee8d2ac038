// SPDX-License-Identifier: MIT
#include "crohn/conformance.hpp"

#include <cmath>

#include "crohn/evaluate.hpp"

namespace crohn::conformance {

using Json = nlohmann::json;

bool matches(const Json& expected, const Json& actual) {
  if (expected.is_number()) {
    return actual.is_number() &&
           std::fabs(expected.get<double>() - actual.get<double>()) <= kNumberTolerance;
  }
  if (expected.is_object()) {
    if (!actual.is_object()) return false;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
      auto found = actual.find(it.key());
      if (found == actual.end() || !matches(*it, *found)) return false;
    }
    return true;
  }
  if (expected.is_array()) {
    if (!actual.is_array() || actual.size() != expected.size()) return false;
    for (std::size_t i = 0; i < expected.size(); ++i) {
      if (!matches(expected[i], actual[i])) return false;
    }
    return true;
  }
  return expected == actual;
}

std::string check_line(const Json& vector, bool& pass) {
  Json id = vector.is_object() && vector.contains("id") ? vector["id"] : Json(nullptr);
  Json actual;
  if (!vector.is_object() || !vector.contains("instrument") || !vector.contains("expected")) {
    actual = {{"error", "invalid_type"},
              {"field", "vector"},
              {"message", "a vector needs id, instrument, inputs and expected"}};
    pass = false;
  } else {
    actual = evaluate(Json{{"instrument", vector["instrument"]},
                           {"inputs", vector.contains("inputs") ? vector["inputs"] : Json(nullptr)}});
    pass = matches(vector["expected"], actual);
  }
  return "{\"id\":" + dump_json(id) + ",\"pass\":" + (pass ? "true" : "false") +
         ",\"actual\":" + dump_json(actual) + "}";
}

std::string run_file(const std::string& text, int& failed) {
  std::string message;
  Json vectors = parse_json(text, message);
  if (vectors.is_discarded() || !vectors.is_array()) {
    failed = 1;
    return std::string("vectors file is not a JSON array") +
           (message.empty() ? "" : ": " + message) + "\n0 passed, 1 failed\n";
  }
  std::string out;
  int passed = 0;
  failed = 0;
  for (const Json& v : vectors) {
    bool pass = false;
    out += check_line(v, pass);
    out += '\n';
    (pass ? passed : failed) += 1;
  }
  out += std::to_string(passed) + " passed, " + std::to_string(failed) + " failed\n";
  return out;
}

}  // namespace crohn::conformance
