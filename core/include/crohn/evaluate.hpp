// SPDX-License-Identifier: MIT
// Crohn Score: the one JSON entry point. A request is {"instrument": ..., "inputs": {...}}; the
// response holds the instrument's outputs (keys of the conformance vectors) or an error object
// {error, field, message, errors}. Never throws.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace crohn {

/// Evaluates a parsed request.
nlohmann::json evaluate(const nlohmann::json& request) noexcept;
/// Evaluates one instrument on its inputs (the CLI's `eval INSTRUMENT`).
nlohmann::json evaluate(const std::string& instrument, const nlohmann::json& inputs) noexcept;
/// Parses and evaluates request text; malformed JSON gives {"error": "invalid_json", ...} with
/// the line and column in the message.
std::string evaluate_json(std::string_view request) noexcept;

/// Every instrument name, in contract order.
std::vector<std::string> instruments();

/// Parses JSON text without throwing. On failure returns a discarded value and sets `message`
/// to nlohmann's description, which names the line and column.
nlohmann::json parse_json(std::string_view text, std::string& message) noexcept;

/// Serialises without throwing (invalid UTF-8 is replaced).
std::string dump_json(const nlohmann::json& value, int indent = -1) noexcept;

}  // namespace crohn
