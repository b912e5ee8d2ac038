// SPDX-License-Identifier: MIT
// bench_native: the native figure of bench/speed.mjs. Reads requests as JSON lines (each a JSON
// string holding one request's text), evaluates the whole list repeatedly for about the given
// number of milliseconds (default 1000) and prints {"evaluations": N, "seconds": S}.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "crohn/evaluate.hpp"

int main(int argc, char** argv) {
  const double budget_ms = argc > 1 ? std::atof(argv[1]) : 1000.0;
  std::vector<std::string> requests;
  std::string line, message;
  while (std::getline(std::cin, line)) {
    const nlohmann::json text = crohn::parse_json(line, message);
    if (!text.is_string()) {
      std::cerr << "bench_native: every line must be a JSON string\n";
      return 2;
    }
    requests.push_back(text.get<std::string>());
  }
  if (requests.empty()) {
    std::cerr << "bench_native: no requests on standard input\n";
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  long evaluations = 0;
  std::size_t sink = 0;  // keeps the results observable
  double elapsed_ms = 0;
  while (elapsed_ms < budget_ms) {
    for (const std::string& r : requests) sink += crohn::evaluate_json(r).size();
    evaluations += static_cast<long>(requests.size());
    elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  }
  std::cout << "{\"evaluations\": " << evaluations << ", \"seconds\": " << elapsed_ms / 1000.0
            << ", \"bytes\": " << sink << "}\n";
  return 0;
}
