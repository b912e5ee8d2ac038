// SPDX-License-Identifier: MIT
// crohnscore: the native command-line tool. All clinical logic is in the core; this file only
// reads files, parses arguments and prints.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "crohn/conformance.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/version.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInputError = 1;
constexpr int kExitUsage = 2;

const char* const kMainHelp =
    "crohnscore - Crohn's disease activity scores and trial endpoints\n"
    "\n"
    "Usage:\n"
    "  crohnscore eval INSTRUMENT [FILE|-]   score one instrument's inputs (JSON)\n"
    "  crohnscore conformance FILE           run a conformance vectors file\n"
    "  crohnscore instruments                list the instruments\n"
    "  crohnscore --version                  print the version\n"
    "  crohnscore COMMAND --help             help for one command\n"
    "\n"
    "Exit status: 0 success, 1 invalid input or failed vectors, 2 usage error.\n";

const char* const kEvalHelp =
    "Usage: crohnscore eval INSTRUMENT [FILE|-] [--pretty]\n"
    "\n"
    "Reads the instrument's inputs as a JSON object from FILE (or standard input when FILE is\n"
    "'-' or absent) and prints the response JSON. Invalid input prints an error object\n"
    "{\"error\", \"field\", \"message\"} and exits 1. Example:\n"
    "  echo '{\"general_wellbeing\":1,\"abdominal_pain\":1,\"liquid_stools_per_day\":3,\n"
    "        \"abdominal_mass\":0,\"complications\":[]}' | crohnscore eval hbi\n"
    "Run 'crohnscore instruments' for the list of instruments.\n";

const char* const kConformanceHelp =
    "Usage: crohnscore conformance FILE\n"
    "\n"
    "Runs every vector of FILE (a JSON array of {id, instrument, inputs, expected}) and prints\n"
    "one line {\"id\", \"pass\", \"actual\"} per vector, then 'N passed, M failed'.\n"
    "Exits 1 when any vector fails.\n";

const char* const kInstrumentsHelp =
    "Usage: crohnscore instruments\n\nLists every instrument name, one per line.\n";

bool read_input(const std::string& path, std::string& text, std::string& error) {
  if (path == "-") {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open " + path;
    return false;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  text = ss.str();
  return true;
}

bool wants_help(const std::vector<std::string>& args) {
  for (const std::string& a : args) {
    if (a == "--help" || a == "-h") return true;
  }
  return false;
}

int usage_error(const std::string& message, const char* help) {
  std::cerr << "crohnscore: " << message << "\n\n" << help;
  return kExitUsage;
}

int cmd_eval(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kEvalHelp;
    return kExitOk;
  }
  bool pretty = false;
  std::vector<std::string> pos;
  for (const std::string& a : args) {
    if (a == "--pretty") {
      pretty = true;
    } else if (a.size() > 1 && a[0] == '-') {
      return usage_error("unknown option " + a, kEvalHelp);
    } else {
      pos.push_back(a);
    }
  }
  if (pos.empty() || pos.size() > 2) return usage_error("eval needs INSTRUMENT [FILE|-]", kEvalHelp);
  std::string text, error;
  if (!read_input(pos.size() == 2 ? pos[1] : "-", text, error)) {
    return usage_error(error, kEvalHelp);
  }
  std::string message;
  nlohmann::json inputs = crohn::parse_json(text, message);
  if (inputs.is_discarded()) {
    std::cerr << "crohnscore: malformed JSON in " << (pos.size() == 2 ? pos[1] : "standard input")
              << ": " << message << "\n";
    return kExitInputError;
  }
  nlohmann::json out = crohn::evaluate(pos[0], inputs);
  std::cout << crohn::dump_json(out, pretty ? 2 : -1) << "\n";
  return out.contains("error") ? kExitInputError : kExitOk;
}

int cmd_conformance(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kConformanceHelp;
    return kExitOk;
  }
  if (args.size() != 1) return usage_error("conformance needs one FILE", kConformanceHelp);
  std::string text, error;
  if (!read_input(args[0], text, error)) return usage_error(error, kConformanceHelp);
  int failed = 0;
  std::cout << crohn::conformance::run_file(text, failed);
  return failed == 0 ? kExitOk : kExitInputError;
}

int cmd_instruments(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kInstrumentsHelp;
    return kExitOk;
  }
  if (!args.empty()) return usage_error("instruments takes no arguments", kInstrumentsHelp);
  for (const std::string& name : crohn::instruments()) std::cout << name << "\n";
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return usage_error("missing command", kMainHelp);
  const std::string command = args.front();
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "--help" || command == "-h" || command == "help") {
    std::cout << kMainHelp;
    return kExitOk;
  }
  if (command == "--version") {
    std::cout << "crohnscore " << crohn::kVersion << "\n";
    return kExitOk;
  }
  if (command == "eval") return cmd_eval(rest);
  if (command == "conformance") return cmd_conformance(rest);
  if (command == "instruments") return cmd_instruments(rest);
  return usage_error("unknown command " + command, kMainHelp);
}
