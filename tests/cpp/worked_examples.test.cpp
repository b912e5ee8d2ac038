// SPDX-License-Identifier: MIT
// Every score's worked example gives, through the core's one entry point, the result its source
// publishes; the JSON list the CLI and the page read carries the same texts.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "crohn/evaluate.hpp"
#include "crohn/worked_example.hpp"

TEST_CASE("worked examples: each one evaluates to the result its source publishes", "[examples]") {
  for (const crohn::WorkedExample& e : crohn::worked_examples()) {
    INFO(e.instrument);
    std::string message;
    const nlohmann::json inputs = crohn::parse_json(e.inputs_json, message);
    REQUIRE(inputs.is_object());
    const nlohmann::json expected = crohn::parse_json(e.expected_json, message);
    REQUIRE(expected.is_object());
    REQUIRE_FALSE(expected.empty());
    const nlohmann::json response = crohn::evaluate(std::string(e.instrument), inputs);
    REQUIRE_FALSE(response.contains("error"));
    for (const auto& item : expected.items()) {
      INFO(item.key());
      REQUIRE(response.contains(item.key()));
      CHECK(response.at(item.key()) == item.value());
    }
    CHECK_FALSE(e.source.empty());
  }
}

TEST_CASE("worked examples: one per calculator of the page, listed as JSON", "[examples]") {
  const nlohmann::json list = crohn::worked_examples_json();
  REQUIRE(list.is_array());
  std::set<std::string> instruments;
  for (const auto& item : list) {
    instruments.insert(item.at("instrument").get<std::string>());
    CHECK(item.at("inputs").is_object());
    CHECK(item.at("expected").is_object());
    CHECK(item.at("source").is_string());
  }
  CHECK(instruments == std::set<std::string>{"hbi", "cdai", "ses_cd", "rutgeerts", "cdeis", "maria",
                                                    "smaria", "pdai", "ibd_control", "pcdai", "wpcdai"});
  CHECK(list.size() == instruments.size());
}
