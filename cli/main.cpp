// SPDX-License-Identifier: MIT
// crohnscore: the native command-line tool. All clinical logic is in the core; this file only
// reads files, parses arguments and prints.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "crohn/cohort.hpp"
#include "crohn/conformance.hpp"
#include "crohn/evaluate.hpp"
#include "crohn/fhir.hpp"
#include "crohn/input.hpp"
#include "crohn/record.hpp"
#include "crohn/version.hpp"
#include "crohn/worked_example.hpp"

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
    "  crohnscore endpoints FILE [options]   evaluate a patient record against definition sets\n"
    "  crohnscore definitions [--format F]   list every definition set, endpoint and citation\n"
    "  crohnscore cohort FILE [options]      endpoint rates of a cohort (CSV or JSON records)\n"
    "  crohnscore examples                   each calculator's worked example (JSON)\n"
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

const char* const kEndpointsHelp =
    "Usage: crohnscore endpoints FILE|- [--definitions SET[,SET...]] [--format table|json|fhir]\n"
    "                            [--window-weeks N] [--fc-below UG_G] [--crp-below MG_L]\n"
    "\n"
    "Evaluates a patient record (JSON: visits with a baseline, see docs/contract.md) against\n"
    "definition sets (default: all; see 'crohnscore definitions'). For every follow-up visit\n"
    "and endpoint it prints achieved, not achieved or not evaluable (with the missing inputs)\n"
    "and the numbers behind the verdict.\n"
    "  --format fhir      a FHIR R4 Bundle of Observations (scores and verdicts; docs/fhir.md)\n"
    "  --window-weeks N   a visit counts for a source's week when within N weeks (default 2)\n"
    "  --fc-below X       generic biochemical remission: FC below X ug/g (default 150)\n"
    "  --crp-below Y      generic biochemical remission: CRP below Y mg/L (default 5)\n"
    "Example: crohnscore endpoints examples/records/italian-upa-patient.json "
    "--definitions study_italian_upa\n";

const char* const kDefinitionsHelp =
    "Usage: crohnscore definitions [--format table|json]\n"
    "\n"
    "Lists every definition set with its endpoints, their rules in words, the weeks the source\n"
    "reports and the citations.\n";

const char* const kExamplesHelp =
    "Usage: crohnscore examples\n"
    "\n"
    "Prints each calculator's worked example as JSON: its inputs (for 'crohnscore eval'), the\n"
    "result it must give and where it is published.\n";

const char* const kCohortHelp =
    "Usage: crohnscore cohort FILE|- [--definitions SET[,SET...]] [--week N]...\n"
    "                         [--format table|json|csv] [--window-weeks N] [--no-patients]\n"
    "\n"
    "Reads a long-format CSV (one row per patient-visit; comma or semicolon separated, decimal\n"
    "point or comma; template in docs/cohort.md) or a JSON list of patient records, evaluates\n"
    "every patient and prints, per endpoint, week and arm: n achieved over the\n"
    "intention-to-treat and the observed-case denominators with percentages and 95 % Wilson\n"
    "and Clopper-Pearson intervals; with two arms also the unadjusted difference (Newcombe\n"
    "95 % CI), chi-square and Fisher exact p-values, and with a stratum column the\n"
    "Mantel-Haenszel difference (Sato 95 % CI) and the Cochran-Mantel-Haenszel test. Drug\n"
    "survival (time to discontinuation) also by Kaplan-Meier: estimate, Greenwood log-log\n"
    "95 % CI, at risk, events and censored at each week. Bad rows are listed with row, column\n"
    "and reason. Each endpoint is counted in its population (all patients, a baseline\n"
    "precondition, or the patients measured at baseline and at the visit); the others are\n"
    "'not eligible'. Each measure of a week comes from the visit nearest it in the window\n"
    "that has it (ties: the earlier visit).\n"
    "  --definitions  definition sets (default generic)\n"
    "  --week N       the week to report (repeatable; default: the weeks each source reports)\n"
    "  --format       table (default), json (everything incl. per-patient verdicts) or csv\n"
    "  --no-patients  leave the per-patient verdicts out of the JSON\n"
    "Example: crohnscore cohort examples/italian-upadacitinib-cohort.csv "
    "--definitions study_italian_upa --week 12\n";

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

int cmd_examples(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kExamplesHelp;
    return kExitOk;
  }
  if (!args.empty()) return usage_error("examples takes no arguments", kExamplesHelp);
  std::cout << crohn::dump_json(crohn::worked_examples_json(), 2) << "\n";
  return kExitOk;
}

/// Reads `--name value` options; returns false (after a usage message) on a bad option.
bool take_option(const std::vector<std::string>& args, std::size_t& i, const std::string& name,
                 std::string& value) {
  if (args[i] != name) return false;
  if (i + 1 >= args.size()) return false;
  value = args[++i];
  return true;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' ');
}

void print_record_table(const nlohmann::json& r) {
  std::cout << "Patient " << (r["patient_id"].is_null() ? "(no id)" : r["patient_id"].get<std::string>());
  if (!r["arm"].is_null()) std::cout << ", arm " << r["arm"].get<std::string>();
  std::cout << "  (crohnscore " << r["version"].get<std::string>() << ")\n";
  for (const auto& v : r["visits"]) {
    std::cout << "  " << (v["baseline"].get<bool>() ? "baseline " : "visit    ")
              << pad(v["label"].get<std::string>(), 14) << "week "
              << crohn::format_number(v["week"].get<double>()) << ": ";
    std::string scores;
    for (auto it = v["scores"].begin(); it != v["scores"].end(); ++it) {
      scores += (scores.empty() ? "" : ", ") + it.key() + " " +
                (it->is_string() ? it->get<std::string>() : it->dump());
    }
    std::cout << (scores.empty() ? "(nothing measured)" : scores) << "\n";
    for (const auto& w : v["warnings"]) std::cout << "           warning: " << w.get<std::string>() << "\n";
  }
  for (const auto& set : r["sets"]) {
    std::cout << "\n== " << set["id"].get<std::string>() << " (v" << set["version"].get<std::string>()
              << "): " << set["label"].get<std::string>() << "\n   " << set["citation"].get<std::string>()
              << "\n";
    for (const auto& row : set["visits"]) {
      std::cout << "-- " << row["visit"].get<std::string>() << " (week "
                << crohn::format_number(row["week"].get<double>()) << ")\n";
      for (const auto& e : row["endpoints"]) {
        std::string verdict = e["verdict"].get<std::string>();
        std::string why = e["detail"].get<std::string>();
        if (verdict == "not_evaluable") {
          std::string missing;
          for (const auto& m : e["missing"]) missing += (missing.empty() ? "" : ", ") + m.get<std::string>();
          why = "missing: " + missing + (why.empty() ? "" : " (" + why + ")");
        }
        std::string id = e["id"].get<std::string>();
        if (!e["protocol_week"].is_null()) {
          id += " [wk " + crohn::format_number(e["protocol_week"].get<double>()) + "]";
        }
        std::cout << "   " << pad(id, 44) << pad(verdict, 14) << why << "\n";
        // The set's failure rule applied (docs/cohort.md "Failure rule"): the study's verdict.
        if (e.contains("failure_rule") && e["failure_rule"].is_string()) {
          std::cout << "   " << pad("", 44) << "counted by the study as "
                    << e["study_verdict"].get<std::string>() << " (" << e["failure_rule"].get<std::string>()
                    << ": therapy stopped at or before this visit)\n";
        }
      }
    }
  }
}

int cmd_endpoints(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kEndpointsHelp;
    return kExitOk;
  }
  std::string file, format = "table", sets, value;
  nlohmann::json options = nlohmann::json::object();
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (take_option(args, i, "--definitions", sets) || take_option(args, i, "--format", format)) {
      continue;
    }
    bool numeric = false;
    for (const auto& [flag, key] : {std::pair<const char*, const char*>{"--window-weeks", "window_weeks"},
                                    {"--fc-below", "fc_below_ug_g"},
                                    {"--crp-below", "crp_below_mg_l"}}) {
      if (take_option(args, i, flag, value)) {
        char* end = nullptr;
        const double d = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0') {
          usage_error(std::string(flag) + " needs a number, not " + value, kEndpointsHelp);
          return kExitUsage;
        }
        options[key] = d;
        numeric = true;
      }
    }
    if (numeric) continue;
    if (args[i].size() > 1 && args[i][0] == '-') return usage_error("unknown or incomplete option " + args[i], kEndpointsHelp);
    if (!file.empty()) return usage_error("endpoints takes one FILE", kEndpointsHelp);
    file = args[i];
  }
  if (file.empty()) return usage_error("endpoints needs a FILE (or - for standard input)", kEndpointsHelp);
  if (format != "table" && format != "json" && format != "fhir") {
    return usage_error("--format is table, json or fhir", kEndpointsHelp);
  }
  std::string text, error;
  if (!read_input(file, text, error)) return usage_error(error, kEndpointsHelp);
  std::string message;
  nlohmann::json record = crohn::parse_json(text, message);
  if (record.is_discarded()) {
    std::cerr << "crohnscore: malformed JSON in " << file << ": " << message << "\n";
    return kExitInputError;
  }
  nlohmann::json request = {{"record", record}, {"options", options}};
  if (!sets.empty()) {
    nlohmann::json list = nlohmann::json::array();
    std::stringstream ss(sets);
    std::string id;
    while (std::getline(ss, id, ',')) {
      if (!id.empty()) list.push_back(id);
    }
    request["definition_sets"] = list;
  }
  nlohmann::json out = crohn::record::evaluate_request(request);
  if (out.contains("error")) {
    std::cout << crohn::dump_json(out, 2) << "\n";
    return kExitInputError;
  }
  if (format == "json") {
    std::cout << crohn::dump_json(out, 2) << "\n";
  } else if (format == "fhir") {
    std::cout << crohn::dump_json(crohn::fhir::bundle(out), 2) << "\n";
  } else {
    print_record_table(out);
  }
  return kExitOk;
}

int cmd_definitions(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kDefinitionsHelp;
    return kExitOk;
  }
  std::string format = "table";
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (take_option(args, i, "--format", format)) continue;
    return usage_error("unknown or incomplete option " + args[i], kDefinitionsHelp);
  }
  if (format != "table" && format != "json") return usage_error("--format is table or json", kDefinitionsHelp);
  std::string message;
  nlohmann::json defs = crohn::parse_json(crohn::record::definitions_json(), message);
  if (format == "json") {
    std::cout << crohn::dump_json(defs, 2) << "\n";
    return kExitOk;
  }
  for (const auto& set : defs) {
    std::cout << "== " << set["id"].get<std::string>() << " (v" << set["version"].get<std::string>()
              << "): " << set["label"].get<std::string>() << "\n   Source: "
              << set["citation"].get<std::string>() << "\n   Notes: " << set["notes"].get<std::string>()
              << "\n";
    for (const auto& e : set["endpoints"]) {
      std::string weeks;
      for (const auto& w : e["weeks"]) {
        weeks += (weeks.empty() ? "" : ", ") + crohn::format_number(w.get<double>());
      }
      std::cout << "   - " << e["id"].get<std::string>() << ": " << e["definition"].get<std::string>()
                << (weeks.empty() ? "" : " [weeks " + weeks + "]") << "\n     rule "
                << e["rule"].get<std::string>() << "; " << e["citation"].get<std::string>() << "\n";
      if (e.contains("assumed") && e["assumed"].is_object()) {
        std::cout << "     assumed threshold: " << e["assumed"]["reason"].get<std::string>() << "\n";
      }
      if (!e["note"].get<std::string>().empty()) {
        std::cout << "     note: " << e["note"].get<std::string>() << "\n";
      }
    }
    std::cout << "\n";
  }
  return kExitOk;
}

std::string percent(const nlohmann::json& p) {
  if (p["proportion"].is_null()) return "n/a";
  char buf[96];
  const auto& ci = p["wilson_95"];
  const auto& cp = p["clopper_pearson_95"];
  std::snprintf(buf, sizeof buf, "%5.1f%% (Wilson %.1f-%.1f; exact %.1f-%.1f)",
                100 * p["proportion"].get<double>(), 100 * ci[0].get<double>(),
                100 * ci[1].get<double>(), 100 * cp[0].get<double>(), 100 * cp[1].get<double>());
  return buf;
}

/// The Kaplan-Meier rows (drug survival), one table per set and endpoint.
void print_survival_table(const nlohmann::json& a) {
  if (!a.contains("survival") || a["survival"].empty()) return;
  std::string last;
  for (const auto& r : a["survival"]) {
    const std::string head = r["set"].get<std::string>() + " / " + r["endpoint"].get<std::string>();
    if (head != last) {
      std::cout << "\n" << head << " by Kaplan-Meier (time to discontinuation)\n  " << pad("arm", 16)
                << pad("week", 6) << pad("estimate", 10) << pad("95% CI (log-log)", 18) << pad("at risk", 9)
                << pad("events", 8) << "censored\n";
      last = head;
    }
    char buf[64];
    std::string estimate = "n/a", ci = "n/a";
    if (!r["estimate"].is_null()) {
      std::snprintf(buf, sizeof buf, "%.1f%%", 100 * r["estimate"].get<double>());
      estimate = buf;
    }
    if (!r["ci95"].is_null()) {
      std::snprintf(buf, sizeof buf, "%.1f-%.1f", 100 * r["ci95"][0].get<double>(), 100 * r["ci95"][1].get<double>());
      ci = buf;
    }
    std::cout << "  " << pad(r["arm"].get<std::string>(), 16) << pad(crohn::format_number(r["week"].get<double>()), 6)
              << pad(estimate, 10) << pad(ci, 18) << pad(std::to_string(r["at_risk"].get<long long>()), 9)
              << pad(std::to_string(r["events"].get<long long>()), 8) << r["censored"].get<long long>() << "\n";
  }
  std::cout << "Survival: " << a["survival_method"].get<std::string>() << ".\n";
}

/// The descriptive table (Table 1): per arm and week, n, mean (SD), median (IQR) of each measure
/// with values, and the band counts.
void print_baseline_table(const nlohmann::json& a) {
  if (!a.contains("baseline_table")) return;
  const auto& bt = a["baseline_table"];
  std::cout << "\nDescriptive table (mean (SD), median (IQR); n of patients with the value)\n";
  const auto num = [](const nlohmann::json& v, const char* fmt) {
    if (v.is_null()) return std::string("n/a");
    char buf[32];
    std::snprintf(buf, sizeof buf, fmt, v.get<double>());
    return std::string(buf);
  };
  for (const auto& r : bt["rows"]) {
    std::cout << "  " << r["arm"].get<std::string>() << ", "
              << (r["week"].is_null() ? std::string("baseline") : "week " + crohn::format_number(r["week"].get<double>()))
              << " (" << r["patients"].get<std::size_t>() << " patients)\n";
    for (const auto& [name, m] : r["measures"].items()) {
      if (m["n"].get<std::size_t>() == 0) continue;
      std::cout << "    " << pad(name, 26) << pad("n " + std::to_string(m["n"].get<std::size_t>()), 8)
                << pad(num(m["mean"], "%.2f") + " (" + num(m["sd"], "%.2f") + ")", 20)
                << num(m["median"], "%.2f") << " (" << num(m["q1"], "%.2f") << "-" << num(m["q3"], "%.2f") << ")\n";
    }
    const auto& b = r["bands"];
    const auto bands = [](const nlohmann::json& x) {
      return "remission " + std::to_string(x["remission"].get<int>()) + ", mild " + std::to_string(x["mild"].get<int>()) +
             ", moderate " + std::to_string(x["moderate"].get<int>()) + ", severe " + std::to_string(x["severe"].get<int>());
    };
    if (r["measures"]["hbi"]["n"].get<std::size_t>()) std::cout << "    HBI bands: " << bands(b["hbi"]) << "\n";
    if (r["measures"]["ses_cd"]["n"].get<std::size_t>()) std::cout << "    SES-CD bands: " << bands(b["ses_cd"]) << "\n";
    for (const char* k : {"crp_mg_l_at_or_above_5", "fecal_calprotectin_at_or_above_150", "fecal_calprotectin_at_or_above_250"}) {
      if (b[k]["of"].get<std::size_t>()) {
        std::cout << "    " << k << ": " << b[k]["n"].get<long long>() << " of " << b[k]["of"].get<std::size_t>() << "\n";
      }
    }
  }
  std::cout << "SD: " << bt["method"]["sd"].get<std::string>() << "; quartiles: "
            << bt["method"]["quartiles"].get<std::string>() << ".\n";
}

void print_cohort_table(const nlohmann::json& a) {
  const auto& in = a["input"];
  std::cout << "Cohort: " << in["patients"].get<std::size_t>() << " patients from "
            << in["rows"].get<std::size_t>() << " rows (crohnscore " << a["version"].get<std::string>()
            << ")\n";
  for (const auto& s : a["definition_sets"]) {
    std::cout << "Definitions: " << s["id"].get<std::string>() << " v" << s["version"].get<std::string>()
              << " - " << s["citation"].get<std::string>() << "\n";
  }
  if (!a["issues"].empty()) {
    std::cout << "\n" << a["issues"].size() << " issue(s):\n";
    for (const auto& i : a["issues"]) {
      std::cout << "  row " << i["row"].get<std::size_t>();
      if (!i["patient_id"].get<std::string>().empty()) std::cout << " (" << i["patient_id"].get<std::string>() << ")";
      if (!i["column"].get<std::string>().empty()) std::cout << " [" << i["column"].get<std::string>() << "]";
      std::cout << ": " << i["message"].get<std::string>() << "\n";
    }
  }
  std::string last;
  for (const auto& r : a["summary"]) {
    const std::string head = r["set"].get<std::string>() + " / " + r["endpoint"].get<std::string>() +
                             " at week " + crohn::format_number(r["week"].get<double>());
    if (head != last) {
      std::cout << "\n" << head << " (" << r["label"].get<std::string>() << ")\n";
      // The endpoint's population (docs/cohort.md "Populations"): said when it is not everyone.
      if (r.contains("population") && r["population"] != "all") {
        std::cout << "  population: " << r["population"].get<std::string>() << "\n";
      }
      last = head;
    }
    const auto& itt = r["itt"];
    const auto& obs = r["observed"];
    std::cout << "  " << pad(r["arm"].get<std::string>(), 16) << "observed "
              << pad(std::to_string(obs["n"].get<long long>()) + "/" + std::to_string(obs["N"].get<long long>()), 8)
              << percent(obs) << "\n  " << pad("", 16) << "ITT      "
              << pad(std::to_string(itt["n"].get<long long>()) + "/" + std::to_string(itt["N"].get<long long>()), 8)
              << percent(itt) << "\n";
    if (r.contains("not_eligible") && r["not_eligible"].get<long long>() > 0) {
      std::cout << "  " << pad("", 16) << "not eligible " << r["not_eligible"].get<long long>()
                << " (outside the population, in no denominator)\n";
    }
    for (const auto& c : a["comparisons"]) {
      if (c["set"] == r["set"] && c["endpoint"] == r["endpoint"] && c["week"] == r["week"] &&
          r["arm"] == c["arms"][1]) {
        for (const char* d : {"itt", "observed"}) {
          const auto& x = c[d];
          if (x["difference"].is_null()) continue;
          // A p-value the core could not compute (chi-square with an empty row or column) is null
          // and printed as "n/a", never as a number.
          const auto p_text = [](const nlohmann::json& p) {
            if (p.is_null()) return std::string("n/a");
            char v[32];
            std::snprintf(v, sizeof v, "%.4g", p.get<double>());
            return std::string(v);
          };
          char buf[200];
          std::snprintf(buf, sizeof buf,
                        "  %s - %s (%s): unadjusted difference %.1f pp (Newcombe 95%% CI %.1f to %.1f), ",
                        c["arms"][0].get<std::string>().c_str(), c["arms"][1].get<std::string>().c_str(), d,
                        100 * x["difference"].get<double>(), 100 * x["newcombe_95"][0].get<double>(),
                        100 * x["newcombe_95"][1].get<double>());
          std::cout << buf << "chi-square p " << p_text(x["chi_square_p"]) << ", Fisher exact p "
                    << p_text(x["fisher_exact_p"]) << "\n";
          const auto& mh = x["mantel_haenszel"];
          if (mh.is_object()) {
            std::cout << "    Mantel-Haenszel across " << mh["strata"].get<std::size_t>() << " strata: difference ";
            if (mh["risk_difference"].is_null()) {
              std::cout << "n/a (no stratum has both arms)";
            } else {
              std::snprintf(buf, sizeof buf, "%.1f pp", 100 * mh["risk_difference"].get<double>());
              std::cout << buf;
              if (mh["sato_95"].is_null()) {
                std::cout << " (Sato 95% CI n/a)";
              } else {
                std::snprintf(buf, sizeof buf, " (Sato 95%% CI %.1f to %.1f)", 100 * mh["sato_95"][0].get<double>(),
                              100 * mh["sato_95"][1].get<double>());
                std::cout << buf;
              }
            }
            std::cout << ", CMH chi-square ";
            if (mh["cmh_chi_square"].is_null()) {
              std::cout << "n/a";
            } else {
              std::snprintf(buf, sizeof buf, "%.3f", mh["cmh_chi_square"].get<double>());
              std::cout << buf;
            }
            std::cout << " p " << p_text(mh["cmh_p"]) << " (no continuity correction)\n";
          }
        }
      }
    }
  }
  print_survival_table(a);
  print_baseline_table(a);
  std::cout << "\nITT: " << a["denominators"]["itt"].get<std::string>() << ".\nObserved: "
            << a["denominators"]["observed"].get<std::string>() << ".\n";
}

int cmd_cohort(const std::vector<std::string>& args) {
  if (wants_help(args)) {
    std::cout << kCohortHelp;
    return kExitOk;
  }
  std::string file, format = "table", sets, value;
  crohn::cohort::Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (take_option(args, i, "--definitions", sets) || take_option(args, i, "--format", format)) continue;
    if (args[i] == "--no-patients") {
      options.include_patients = false;
      continue;
    }
    if (take_option(args, i, "--week", value) || take_option(args, i, "--window-weeks", value)) {
      char* end = nullptr;
      const double d = std::strtod(value.c_str(), &end);
      // The core's ranges (crohn/record.hpp), as the JSON entry point applies them.
      const bool window = args[i - 1] == "--window-weeks";
      const double lo = window ? 0 : crohn::record::kWeekMin;
      const double hi = window ? crohn::record::kWindowWeeksMax : crohn::record::kWeekMax;
      if (end == value.c_str() || *end != '\0' || !(d >= lo && d <= hi)) {
        return usage_error(args[i - 1] + " needs a number of weeks from " + crohn::format_number(lo) +
                               " to " + crohn::format_number(hi) + ", not " + value,
                           kCohortHelp);
      }
      if (args[i - 1] == "--week") {
        options.weeks.push_back(d);
      } else {
        options.record.window_weeks = d;
      }
      continue;
    }
    if (args[i].size() > 1 && args[i][0] == '-') return usage_error("unknown or incomplete option " + args[i], kCohortHelp);
    if (!file.empty()) return usage_error("cohort takes one FILE", kCohortHelp);
    file = args[i];
  }
  if (file.empty()) return usage_error("cohort needs a FILE (or - for standard input)", kCohortHelp);
  if (format != "table" && format != "json" && format != "csv") {
    return usage_error("--format is table, json or csv", kCohortHelp);
  }
  std::stringstream ss(sets);
  std::string id;
  while (std::getline(ss, id, ',')) {
    if (!id.empty()) options.sets.push_back(id);
  }
  // Per-patient verdicts appear only in the JSON export.
  if (format != "json") options.include_patients = false;
  std::string text, error;
  if (!read_input(file, text, error)) return usage_error(error, kCohortHelp);
  const nlohmann::json analysis = crohn::cohort::analyse(crohn::cohort::read_any(text), options);
  if (analysis.contains("error")) {
    std::cout << crohn::dump_json(analysis, 2) << "\n";
    return kExitInputError;
  }
  if (format == "json") {
    std::cout << crohn::dump_json(analysis, 2) << "\n";
  } else if (format == "csv") {
    std::cout << crohn::cohort::summary_csv(analysis);
  } else {
    print_cohort_table(analysis);
  }
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
  if (command == "endpoints") return cmd_endpoints(rest);
  if (command == "definitions") return cmd_definitions(rest);
  if (command == "cohort") return cmd_cohort(rest);
  if (command == "examples") return cmd_examples(rest);
  return usage_error("unknown command " + command, kMainHelp);
}
