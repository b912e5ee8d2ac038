// SPDX-License-Identifier: MIT
// The oracle shared by the fuzz targets (and by their native replay, tests/fuzz/replay.cmake).
// Besides "no crash, no sanitizer report", every response must be a JSON object that is either a
// result or the contract's error object, the core must never report its own `internal` error
// (it is returned only when an exception escaped a scorer: a bug), and the same request must give
// the same response twice (catches reads of uninitialised or freed memory that the sanitizers
// let through). A violation prints the request and the response and aborts, which libFuzzer
// records as a crash and the replay test as a failure.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace crohn_fuzz {

[[noreturn]] inline void fail(const char* entry, std::string_view request, const std::string& response,
                              const char* why) {
  std::fprintf(stderr, "\n%s: %s\nrequest (%zu bytes): %.*s\nresponse: %s\n", entry, why,
               request.size(), static_cast<int>(request.size() > 2000 ? 2000 : request.size()),
               request.data(), response.substr(0, 2000).c_str());
  std::abort();
}

/// Checks one response of an entry point that maps request text to response text.
template <class Entry>
void check(const char* entry_name, Entry entry, std::string_view request) {
  const std::string response = entry(request);
  const nlohmann::json parsed = nlohmann::json::parse(response, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) fail(entry_name, request, response, "the response is not JSON");
  if (!parsed.is_object()) fail(entry_name, request, response, "the response is not an object");
  if (parsed.contains("error")) {
    const nlohmann::json& e = parsed["error"];
    if (!e.is_string() || e.get_ref<const std::string&>().empty()) {
      fail(entry_name, request, response, "`error` is not a non-empty string");
    }
    if (!parsed.contains("message") || !parsed["message"].is_string()) {
      fail(entry_name, request, response, "an error object without a string `message`");
    }
    if (!parsed.contains("field") || !parsed["field"].is_string()) {
      fail(entry_name, request, response, "an error object without a string `field`");
    }
    if (e == "internal") fail(entry_name, request, response, "the core reported an internal error");
  } else if (parsed.empty()) {
    fail(entry_name, request, response, "an empty result without an error");
  }
  if (entry(request) != response) {
    fail(entry_name, request, response, "the same request gave a different response");
  }
}

}  // namespace crohn_fuzz
