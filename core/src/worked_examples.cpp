// SPDX-License-Identifier: MIT
#include "crohn/worked_example.hpp"

#include "crohn/cdai.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/hbi.hpp"
#include "crohn/pcdai.hpp"
#include "crohn/rutgeerts.hpp"
#include "crohn/maria.hpp"
#include "crohn/pdai.hpp"
#include "crohn/ibd_control.hpp"
#include "crohn/sescd.hpp"
#include "crohn/cdeis.hpp"

namespace crohn {

const std::vector<WorkedExample>& worked_examples() {
  static const std::vector<WorkedExample> kAll = {hbi::kWorkedExample, cdai::kWorkedExample,
                                                  sescd::kWorkedExample,
                                                  rutgeerts::kWorkedExample,
                                                  cdeis::kWorkedExample,
                                                  maria::kWorkedExample,
                                                  maria::kSmariaWorkedExample,
                                                  pdai::kWorkedExample,
                                                  ibd_control::kWorkedExample,
                                                  pcdai::kPcdaiWorkedExample,
                                                  pcdai::kWpcdaiWorkedExample};
  return kAll;
}

nlohmann::json worked_examples_json() {
  nlohmann::json out = nlohmann::json::array();
  for (const WorkedExample& e : worked_examples()) {
    nlohmann::json item = nlohmann::json::object();
    item["instrument"] = std::string(e.instrument);
    // The texts are the project's own constants: a parse failure is a bug the test catches.
    std::string message;
    item["inputs"] = parse_json(e.inputs_json, message);
    item["expected"] = parse_json(e.expected_json, message);
    item["source"] = std::string(e.source);
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace crohn
