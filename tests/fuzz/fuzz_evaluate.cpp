// SPDX-License-Identifier: MIT
// Fuzz target: arbitrary bytes to the JSON entry point crohn::evaluate_json (requests are
// {"instrument": ..., "inputs": {...}}). Seeds: every conformance vector turned into a request
// (tests/fuzz/make_corpus.py). Oracle: tests/fuzz/fuzz_check.hpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crohn/evaluate.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  crohn_fuzz::check("crohn::evaluate_json", [](std::string_view r) { return crohn::evaluate_json(r); },
                    request);
  return 0;
}
