// SPDX-License-Identifier: MIT
// Fuzz target: arbitrary bytes as a cohort file (CSV, or JSON patient records; told apart by the
// first non-blank character) to crohn::cohort::analyse_json, with per-patient output and one
// definition set chosen by the input's length (so mutations visit every set's rules and the
// rate statistics; all sets at once make a 200-patient cohort's answer megabytes long and each
// run seconds slow under the sanitizers). Seeds: examples/*.csv whole and cut
// to their first rows, and the example records as a JSON cohort (tests/fuzz/make_corpus.py).
// Oracle: tests/fuzz/fuzz_check.hpp.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crohn/cohort.hpp"
#include "crohn/record.hpp"
#include "fuzz_check.hpp"

namespace {

/// One options text per definition set, {"definition_sets": [ID], "include_patients": true},
/// built once from the core's own definitions.
const std::vector<std::string>& options_per_set() {
  static const std::vector<std::string> options = [] {
    std::vector<std::string> out;
    for (const auto& set : nlohmann::json::parse(crohn::record::definitions_json())) {
      nlohmann::json options = nlohmann::json::object();
      options["definition_sets"] = nlohmann::json::array({set.at("id")});
      options["include_patients"] = true;
      out.push_back(options.dump());
    }
    return out;
  }();
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view file(reinterpret_cast<const char*>(data), size);
  const std::string& options = options_per_set().at(size % options_per_set().size());
  crohn_fuzz::check("crohn::cohort::analyse_json",
                    [&options](std::string_view f) { return crohn::cohort::analyse_json(f, options); },
                    file);
  return 0;
}
