// SPDX-License-Identifier: MIT
#include "crohn/rutgeerts.hpp"

#include <utility>

namespace crohn::rutgeerts {

const char* grade_name(Grade g) { return kGrades[static_cast<std::size_t>(g)]; }

std::optional<Grade> grade_of(const std::string& id) {
  for (std::size_t i = 0; i < kGrades.size(); ++i) {
    if (id == kGrades[i]) return static_cast<Grade>(i);
  }
  return std::nullopt;
}

int original_grade(Grade g) {
  switch (g) {
    case Grade::kI0: return 0;
    case Grade::kI1: return 1;
    case Grade::kI2:
    case Grade::kI2a:
    case Grade::kI2b: return 2;  // the modified score subdivides the original i2 (§1.3)
    case Grade::kI3: return 3;
    default: return 4;
  }
}

std::optional<Grade> modified_grade(Grade g) {
  // An unsplit i2 has no modified grade: the sub-grade is never guessed (§1.5, PROJECT RULE).
  if (g == Grade::kI2) return std::nullopt;
  return g;
}

bool recurrence_ge_i2(Grade g) { return original_grade(g) >= kRecurrenceMinOriginalGrade; }

std::optional<bool> recurrence_ge_i2b(Grade g) {
  const std::optional<Grade> m = modified_grade(g);
  if (!m) return std::nullopt;
  return static_cast<int>(*m) >= static_cast<int>(kRecurrenceAlternativeMinGrade);
}

bool remission_i0_i1(Grade g) { return original_grade(g) <= kRemissionMaxOriginalGrade; }

std::vector<std::string> warnings(const Input& in) {
  std::vector<std::string> out;
  if (in.grade == Grade::kI2) out.emplace_back("i2_not_subclassified");
  if (in.anastomosis_type && *in.anastomosis_type != kValidatedAnastomosisType) {
    out.emplace_back("rutgeerts_not_validated_for_anastomosis_type");
  }
  return out;
}

std::optional<Input> read(Reader& rd) {
  auto grade = rd.choice("rutgeerts_grade", kGrades);
  auto anastomosis = rd.choice("anastomosis_type", kAnastomosisTypes, Need::kOptional);
  auto months = rd.number("months_since_resection", 0, kMonthsSinceResectionMax, Need::kOptional);
  auto intubated = rd.boolean("neoterminal_ileum_intubated", Need::kOptional);
  // A grade cannot be assigned without seeing the neoterminal ileum (§1.5, PROJECT RULE).
  if (intubated && !*intubated) {
    rd.fail(code::kOutOfRange, "neoterminal_ileum_intubated",
            rd.path_of("neoterminal_ileum_intubated") +
                " is false: a Rutgeerts grade cannot be assigned without seeing the neoterminal "
                "ileum",
            reason_params(reason::kNeoterminalIleumNotSeen));
  }
  if (rd.failed() || !grade) return std::nullopt;
  Input in;
  in.grade = *grade_of(*grade);
  in.anastomosis_type = std::move(anastomosis);
  in.months_since_resection = months;
  in.neoterminal_ileum_intubated = intubated;
  return in;
}

void put_grade_outputs(Grade g, bool prefixed, Json& out) {
  static constexpr const char* kBare[] = {"recurrence_ge_i2", "recurrence_ge_i2b", "remission_i0_i1"};
  static constexpr const char* kPrefixed[] = {"rutgeerts_recurrence_ge_i2",
                                              "rutgeerts_recurrence_ge_i2b",
                                              "rutgeerts_remission_i0_i1"};
  const char* const* key = prefixed ? kPrefixed : kBare;
  const std::optional<Grade> modified = modified_grade(g);
  const std::optional<bool> ge_i2b = recurrence_ge_i2b(g);
  out["rutgeerts_grade"] = grade_name(g);
  out["rutgeerts_grade_original"] = kOriginalGrades[static_cast<std::size_t>(original_grade(g))];
  Json& m = out["rutgeerts_grade_modified"];
  if (modified) m = grade_name(*modified);
  out[key[0]] = recurrence_ge_i2(g);
  Json& b = out[key[1]];
  if (ge_i2b) b = *ge_i2b;
  out[key[2]] = remission_i0_i1(g);
}

Json to_json(const Input& in) {
  // Built key by key, as hbi::to_json (hbi.cpp says why).
  Json out = Json::object();
  put_grade_outputs(in.grade, false, out);
  const std::optional<bool> ge_i2b = recurrence_ge_i2b(in.grade);
  // Why an endpoint is null: the input that would decide it (the verdict::Table convention).
  Json& not_evaluable = out["not_evaluable"] = Json::object();
  if (!ge_i2b) not_evaluable["recurrence_ge_i2b"].push_back("rutgeerts_grade_i2a_or_i2b");
  if (in.anastomosis_type) out["anastomosis_type"] = *in.anastomosis_type;
  if (in.months_since_resection) out["months_since_resection"] = *in.months_since_resection;
  if (in.neoterminal_ileum_intubated) {
    out["neoterminal_ileum_intubated"] = *in.neoterminal_ileum_intubated;
  }
  out["warnings"] = warnings(in);
  put_sources(kSources, out);
  return out;
}

Json evaluate(Reader& rd) {
  auto in = read(rd);
  if (!in) return nullptr;
  return to_json(*in);
}

}  // namespace crohn::rutgeerts
