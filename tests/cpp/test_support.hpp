// SPDX-License-Identifier: MIT
// Small helpers shared by the Catch2 test files: run an instrument through the JSON entry point
// and look at errors the way the conformance README describes them.
#pragma once

#include <cmath>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "crohn/evaluate.hpp"

namespace crohn_test {

using Json = nlohmann::json;

/// crohn::evaluate on one instrument (what the CLI's `eval INSTRUMENT` does).
inline Json run(const std::string& instrument, const Json& inputs) {
  return crohn::evaluate(instrument, inputs);
}

inline bool is_error(const Json& out) { return out.is_object() && out.contains("error"); }

/// crohn::evaluate on valid inputs: the test fails (showing the response) if it is an error.
inline Json run_ok(const std::string& instrument, const Json& inputs) {
  Json out = run(instrument, inputs);
  INFO(out.dump());
  REQUIRE_FALSE(is_error(out));
  return out;
}

/// The contract's error shape: top-level error/field/message (strings) and an `errors` list whose
/// entries carry error/field/path/message.
inline bool has_error_shape(const Json& out) {
  if (!is_error(out)) return false;
  for (const char* k : {"error", "field", "message"}) {
    if (!out.contains(k) || !out[k].is_string() || out[k].get<std::string>().empty()) return false;
  }
  if (!out.contains("errors") || !out["errors"].is_array() || out["errors"].empty()) return false;
  for (const Json& e : out["errors"]) {
    for (const char* k : {"error", "field", "path", "message"}) {
      if (!e.contains(k) || !e[k].is_string()) return false;
    }
    if (e["error"].get<std::string>().empty() || e["field"].get<std::string>().empty() ||
        e["message"].get<std::string>().empty()) {
      return false;
    }
  }
  return true;
}

/// True when one of the reported errors has this code and field (and path, when given).
inline bool has_error(const Json& out, const std::string& code, const std::string& field,
                      const std::string& path = "") {
  if (!is_error(out) || !out.contains("errors")) return false;
  for (const Json& e : out["errors"]) {
    if (e.value("error", "") == code && e.value("field", "") == field &&
        (path.empty() || e.value("path", "") == path)) {
      return true;
    }
  }
  return false;
}

inline std::string str(const Json& j) { return j.dump(); }

/// Numeric comparison with the conformance tolerance (1e-4) for derived decimals.
inline bool near(const Json& actual, double expected, double tol = 1e-4) {
  return actual.is_number() && std::fabs(actual.get<double>() - expected) <= tol;
}

}  // namespace crohn_test
