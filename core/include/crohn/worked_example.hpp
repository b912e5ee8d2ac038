// SPDX-License-Identifier: MIT
// Crohn Score: a worked example of a score: inputs a clinician can fill in one click, the result
// they must give and where the example is published. Each score keeps its example in its own
// header, beside its citation (hbi.hpp, cdai.hpp, sescd.hpp); worked_examples() lists them for the
// CLI, the bindings and the page, and a test evaluates every one through the core.
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace crohn {

struct WorkedExample {
  std::string_view instrument;     // the instrument the inputs are for ("hbi", "cdai", ...)
  std::string_view inputs_json;    // the request's "inputs", as JSON text
  std::string_view expected_json;  // outputs the response must hold (a subset), as JSON text
  std::string_view source;         // where the example is published, and its arithmetic
};

/// Every score's worked example, in instrument order.
const std::vector<WorkedExample>& worked_examples();

/// [{instrument, inputs, expected, source}, ...] as the CLI (`crohnscore examples`) and the JS
/// API (`examples()`) give it.
nlohmann::json worked_examples_json();

}  // namespace crohn
