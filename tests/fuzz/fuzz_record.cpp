// SPDX-License-Identifier: MIT
// Fuzz target: arbitrary bytes to the patient-record entry point crohn::record::evaluate_json
// (requests are {"record": {...}, "definition_sets": [...], "options": {...}}). Seeds: every
// examples/records/*.json wrapped as requests (tests/fuzz/make_corpus.py). Oracle:
// tests/fuzz/fuzz_check.hpp.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crohn/record.hpp"
#include "fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view request(reinterpret_cast<const char*>(data), size);
  crohn_fuzz::check("crohn::record::evaluate_json",
                    [](std::string_view r) { return crohn::record::evaluate_json(r); }, request);
  return 0;
}
