// SPDX-License-Identifier: MIT
// bench_cohort: native speed of the cohort mode through the entry points the CLI and the wasm use.
// Reads a cohort file once, then per round times read_any (CSV/JSON -> patients), analyse
// (patients -> JSON analysis), dump_json (analysis -> text) and, separately, analyse_json (the
// wasm's entry point: text in, text out). The best round of each counts. Prints figures; never
// fails on speed.
//   bench_cohort FILE [--definitions SET[,SET...]] [--week N]... [--no-patients] [--rounds N]
//                     [--json]
// A file: node bench/cohort-data.mjs --patients 100000 --visits 3 > /tmp/cohort.csv
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "crohn/cohort.hpp"
#include "crohn/evaluate.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

int usage(const char* message) {
  std::cerr << "bench_cohort: " << message
            << "\nUsage: bench_cohort FILE [--definitions SET[,SET...]] [--week N]... "
               "[--no-patients] [--rounds N] [--json]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string file, sets;
  std::vector<double> weeks;
  bool patients = true, json = false;
  int rounds = 3;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--definitions" && has_value) {
      sets = argv[++i];
    } else if (a == "--week" && has_value) {
      weeks.push_back(std::atof(argv[++i]));
    } else if (a == "--rounds" && has_value) {
      rounds = std::max(1, std::atoi(argv[++i]));
    } else if (a == "--no-patients") {
      patients = false;
    } else if (a == "--json") {
      json = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage(("unknown or incomplete option " + a).c_str());
    } else {
      file = a;
    }
  }
  if (file.empty()) return usage("a cohort FILE is needed");
  std::ifstream in(file, std::ios::binary);
  if (!in) return usage(("cannot read " + file).c_str());
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  crohn::cohort::Options options;
  nlohmann::json options_json = nlohmann::json::object();
  std::stringstream ss(sets);
  for (std::string id; std::getline(ss, id, ',');) {
    if (!id.empty()) options.sets.push_back(id);
  }
  options.weeks = weeks;
  options.include_patients = patients;
  if (!options.sets.empty()) options_json["definition_sets"] = options.sets;
  if (!weeks.empty()) options_json["weeks"] = weeks;
  options_json["include_patients"] = patients;
  const std::string options_text = options_json.dump();

  double best_read = 1e300, best_analyse = 1e300, best_dump = 1e300, best_entry = 1e300;
  std::size_t rows = 0, kept = 0, issues = 0, bytes = 0, entry_bytes = 0;
  for (int r = 0; r < rounds; ++r) {
    auto t = Clock::now();
    const crohn::cohort::Input input = crohn::cohort::read_any(text);
    best_read = std::min(best_read, seconds_since(t));
    t = Clock::now();
    const nlohmann::json analysis = crohn::cohort::analyse(input, options);
    best_analyse = std::min(best_analyse, seconds_since(t));
    t = Clock::now();
    const std::string out = crohn::dump_json(analysis);
    best_dump = std::min(best_dump, seconds_since(t));
    t = Clock::now();
    const std::string entry = crohn::cohort::analyse_json(text, options_text);
    best_entry = std::min(best_entry, seconds_since(t));
    rows = input.rows;
    kept = input.patients.size();
    issues = input.issues.size();
    bytes = out.size();
    entry_bytes = entry.size();
    if (analysis.contains("error")) {
      std::cerr << "bench_cohort: the analysis failed: " << out << "\n";
      return 2;
    }
  }
  const double total = best_read + best_analyse + best_dump;
  if (json) {
    std::printf(
        "{\"rows\": %zu, \"patients\": %zu, \"issues\": %zu, \"read_s\": %.6f, \"analyse_s\": %.6f, "
        "\"dump_s\": %.6f, \"total_s\": %.6f, \"analyse_json_s\": %.6f, \"output_bytes\": %zu}\n",
        rows, kept, issues, best_read, best_analyse, best_dump, total, best_entry, entry_bytes);
    return 0;
  }
  std::printf("cohort: %s, %zu rows, %zu patients kept, %zu issues; sets %s; per-patient output %s\n",
              file.c_str(), rows, kept, issues, sets.empty() ? "generic" : sets.c_str(),
              patients ? "yes" : "no");
  std::printf("best of %d rounds\n", rounds);
  auto line = [&](const char* name, double s) {
    std::printf("  %-28s %8.3f s  %12.0f rows/s\n", name, s, s > 0 ? static_cast<double>(rows) / s : 0.0);
  };
  line("read_any", best_read);
  line("analyse", best_analyse);
  std::printf("  %-28s %8.3f s  %9.1f MB of JSON\n", "dump_json", best_dump, static_cast<double>(bytes) / 1e6);
  line("read + analyse + dump", total);
  line("analyse_json (wasm entry)", best_entry);
  return 0;
}
