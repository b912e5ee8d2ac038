// SPDX-License-Identifier: MIT
// parity_native: the native side of the native/WebAssembly parity test (tests/js/parity.test.mjs).
// Reads JSON lines from standard input, each a JSON string holding one request's text (so the
// text may contain newlines or be malformed JSON), and writes crohn::evaluate_json of each as one
// line: the exact bytes the wasm module's evaluate() must return. Not installed; tests only.
#include <iostream>
#include <string>

#include "crohn/evaluate.hpp"

int main() {
  std::ios::sync_with_stdio(false);
  std::string line, message;
  for (long n = 1; std::getline(std::cin, line); ++n) {
    const nlohmann::json text = crohn::parse_json(line, message);
    if (!text.is_string()) {
      std::cerr << "parity_native: line " << n << " is not a JSON string\n";
      return 2;
    }
    std::cout << crohn::evaluate_json(text.get_ref<const std::string&>()) << '\n';
  }
  return 0;
}
