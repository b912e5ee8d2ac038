// SPDX-License-Identifier: MIT
#include "crohn/evaluate.hpp"

#include "crohn/biomarkers.hpp"
#include "crohn/cdai.hpp"
#include "crohn/hbi.hpp"
#include "crohn/ibdq.hpp"
#include "crohn/input.hpp"
#include "crohn/jsontext.hpp"
#include "crohn/montreal.hpp"
#include "crohn/pairwise.hpp"
#include "crohn/pcdai.hpp"
#include "crohn/pro2.hpp"
#include "crohn/rutgeerts.hpp"
#include "crohn/maria.hpp"
#include "crohn/pdai.hpp"
#include "crohn/ibd_control.hpp"
#include "crohn/sescd.hpp"
#include "crohn/cdeis.hpp"

namespace crohn {

namespace {

template <class Score>
Json run_score(Reader& rd) {
  auto in = Score::read(rd);
  if (!in) return nullptr;
  return Score::to_json(*in, Score::compute(*in));
}

struct HbiScore {
  static auto read(Reader& r) { return hbi::read(r); }
  static auto compute(const hbi::Input& i) { return hbi::compute(i); }
  static Json to_json(const hbi::Input& i, const hbi::Result& r) { return hbi::to_json(i, r); }
};
struct CdaiScore {
  static auto read(Reader& r) { return cdai::read(r); }
  static auto compute(const cdai::Input& i) { return cdai::compute(i); }
  static Json to_json(const cdai::Input& i, const cdai::Result& r) { return cdai::to_json(i, r); }
};
struct SesCdScore {
  static auto read(Reader& r) { return sescd::read(r); }
  static auto compute(const sescd::Input& i) { return sescd::compute(i); }
  static Json to_json(const sescd::Input& i, const sescd::Result& r) {
    return sescd::to_json(i, r);
  }
};
struct Pro2Score {
  static auto read(Reader& r) { return pro2::read(r); }
  static auto compute(const pro2::Input& i) { return pro2::compute(i); }
  static Json to_json(const pro2::Input& i, const pro2::Result& r) { return pro2::to_json(i, r); }
};

Json run_biomarkers(Reader& rd) {
  auto in = biomarkers::read(rd);
  if (!in) return nullptr;
  return biomarkers::evaluate(*in);
}

using Runner = Json (*)(Reader&);
struct Entry {
  const char* name;
  Runner run;
};

constexpr Entry kSingleVisit[] = {
    {"hbi", run_score<HbiScore>},
    {"cdai", run_score<CdaiScore>},
    {"ses_cd", run_score<SesCdScore>},
    {"pro2", run_score<Pro2Score>},
    {"biomarkers", run_biomarkers},
    {"ibdq", ibdq::evaluate},
    {"montreal", montreal::evaluate},
    {"rutgeerts", rutgeerts::evaluate},
    {"cdeis", cdeis::evaluate},
    {"maria", maria::evaluate},
    {"smaria", maria::evaluate_smaria},
    {"pdai", pdai::evaluate},
    {"ibd_control", ibd_control::evaluate},
    {"pcdai", pcdai::evaluate_pcdai},
    {"wpcdai", pcdai::evaluate_wpcdai},
};

Json fail(const char* code, const char* field, const std::string& message) {
  return errors_to_json({Error{code, field, message, field}});
}

/// The warnings of a response as data (docs/contract.md "Warning details"): each warning
/// "code" or "code:where" as {code, where}, a diary day "dayN" also as {day: N}, so that a page
/// words them without taking the strings apart. The instruments write the strings (the
/// contract's `warnings`); this is the one place that reads them back.
Json warning_details(const Json& warnings) {
  Json out = Json::array();
  for (const Json& w : warnings) {
    if (!w.is_string()) continue;
    const std::string& text = w.get_ref<const std::string&>();
    const std::size_t colon = text.find(':');
    Json& item = out.emplace_back(Json::object());
    item["code"] = text.substr(0, colon);
    if (colon == std::string::npos) continue;
    const std::string where = text.substr(colon + 1);
    item["where"] = where;
    // A diary day: "day" and its number (1-7; digits only, no std::stoi and its exceptions).
    int day = 0;
    bool digits = where.size() > 3 && where.compare(0, 3, "day") == 0;
    for (std::size_t i = 3; digits && i < where.size(); ++i) {
      digits = where[i] >= '0' && where[i] <= '9' && day < 1000;
      day = day * 10 + (where[i] - '0');
    }
    if (digits) item["day"] = day;
  }
  return out;
}

Json run(const std::string& instrument, const Json& inputs) {
  if (!inputs.is_object()) {
    return fail(code::kInvalidType, "inputs", "inputs must be a JSON object");
  }
  std::vector<Error> errors;
  Reader rd(inputs, errors);
  Json out;
  bool known = false;
  for (const Entry& e : kSingleVisit) {
    if (instrument == e.name) {
      out = e.run(rd);
      known = true;
    }
  }
  if (!known && pairwise::has(instrument)) {
    out = pairwise::evaluate(instrument, rd);
    known = true;
  }
  if (!known) {
    std::string list;
    for (const std::string& n : instruments()) list += (list.empty() ? "" : ", ") + n;
    return fail(code::kUnknownValue, "instrument",
                "unknown instrument \"" + instrument + "\"; one of: " + list);
  }
  rd.finish();
  if (!errors.empty()) return errors_to_json(errors);
  if (out.is_null()) {
    return fail(code::kInternal, "inputs", "the input was rejected without a reason (a bug)");
  }
  if (out.is_object()) {
    auto w = out.find("warnings");
    if (w != out.end() && w->is_array()) out["warning_details"] = warning_details(*w);
  }
  return out;
}

}  // namespace

std::vector<std::string> instruments() {
  std::vector<std::string> out;
  for (const Entry& e : kSingleVisit) out.emplace_back(e.name);
  for (const std::string& n : pairwise::names()) out.push_back(n);
  return out;
}

Json evaluate(const std::string& instrument, const Json& inputs) noexcept {
  try {
    return run(instrument, inputs);
  } catch (const std::exception& e) {
    return fail(code::kInternal, "inputs", std::string("internal error: ") + e.what());
  } catch (...) {
    return fail(code::kInternal, "inputs", "internal error");
  }
}

Json evaluate(const Json& request) noexcept {
  try {
    if (!request.is_object()) {
      return fail(code::kInvalidType, "request",
                  "the request must be an object {\"instrument\": ..., \"inputs\": {...}}");
    }
    for (auto it = request.begin(); it != request.end(); ++it) {
      if (it.key() != "instrument" && it.key() != "inputs") {
        return fail(code::kUnknownValue, it.key().c_str(),
                    "unknown request key \"" + it.key() + "\" (expected instrument and inputs)");
      }
    }
    auto ins = request.find("instrument");
    if (ins == request.end() || ins->is_null()) {
      return fail(code::kMissingField, "instrument", "instrument is required");
    }
    if (!ins->is_string()) {
      return fail(code::kInvalidType, "instrument", "instrument must be a string");
    }
    auto inputs = request.find("inputs");
    if (inputs == request.end() || inputs->is_null()) {
      return fail(code::kMissingField, "inputs", "inputs is required");
    }
    return evaluate(ins->get<std::string>(), *inputs);
  } catch (...) {
    return fail(code::kInternal, "request", "internal error");
  }
}

namespace {

// nlohmann's own DOM builder, keeping the message of the parse error (it names line and column).
// One SAX pass serves both outcomes, so the module carries one instantiation of the parser.
class DomParser : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  explicit DomParser(Json& result) : json_sax_dom_parser(result, false) {}
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& ex) {
    message = ex.what();
    return json_sax_dom_parser::parse_error(position, token, ex);
  }
  std::string message;
};

}  // namespace

Json parse_json(std::string_view text, std::string& message) noexcept {
  try {
    Json value;
    // The fast reader builds the same DOM; whatever it declines, nlohmann reads again, so a
    // rejection keeps nlohmann's message with its line and column.
    if (jsontext::parse(text, value)) return value;
    DomParser dom(value);
    if (Json::sax_parse(text.begin(), text.end(), &dom) && !dom.is_errored()) return value;
    const std::string prefix = "[json.exception.parse_error.101] ";
    message = dom.message.rfind(prefix, 0) == 0 ? dom.message.substr(prefix.size()) : dom.message;
    if (message.empty()) message = "malformed JSON";
    return Json(Json::value_t::discarded);
  } catch (...) {
    message = "malformed JSON";
    return Json(Json::value_t::discarded);
  }
}

std::string dump_json(const Json& value, int indent) noexcept {
  try {
    // The writer writes what Json::dump writes (compact for every response, indented for the
    // CLI), without nlohmann's serializer in the WebAssembly module.
    return jsontext::write(value, indent);
  } catch (...) {
    return "{\"error\":\"internal\",\"field\":\"response\",\"message\":\"serialisation failed\"}";
  }
}

std::string evaluate_json(std::string_view request) noexcept {
  std::string message;
  Json parsed = parse_json(request, message);
  if (parsed.is_discarded()) {
    return dump_json(fail(code::kInvalidJson, "request", "the request is not valid JSON: " + message));
  }
  return dump_json(evaluate(parsed));
}

}  // namespace crohn
