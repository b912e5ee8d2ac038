// SPDX-License-Identifier: MIT
// Crohn Score: the fast paths of JSON text in and out of the core (issue #4, speed budget).
// Both produce exactly what nlohmann/json produces; parse_json and dump_json (evaluate.hpp) are
// the entry points and use these, falling back to nlohmann where these decline.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace crohn::jsontext {

/// Deepest nesting of arrays and objects read by `parse` (it recurses); deeper text is declined.
inline constexpr int kMaxDepth = 96;

/// Reads strict RFC 8259 JSON text into the DOM that nlohmann's parser builds from it: the same
/// number types (non-negative integers that fit as unsigned, negative ones that fit as signed,
/// "-0" as signed 0, everything else a double via std::strtod), strings with every escape
/// decoded, duplicate keys last-one-wins. Returns false, leaving `out` unspecified, on any text
/// nlohmann rejects and on a few it accepts (a byte order mark, a NUL after the value, nesting
/// deeper than kMaxDepth, a number of 64 characters or more): the caller then asks nlohmann,
/// which gives the same DOM or its own error message. Never throws except std::bad_alloc.
bool parse(std::string_view text, nlohmann::json& out);

/// The text of `value`, byte for byte what nlohmann's dump(indent) with error_handler_t::replace
/// writes: compact for a negative `indent`, else a new line per item indented by `indent` spaces
/// per level; invalid UTF-8 in a string becomes U+FFFD (one per maximal ill-formed
/// subsequence), non-finite numbers become null.
std::string write(const nlohmann::json& value, int indent = -1);

}  // namespace crohn::jsontext
