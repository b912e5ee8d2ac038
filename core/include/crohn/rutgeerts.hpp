// SPDX-License-Identifier: MIT
// Rutgeerts score: endoscopic post-operative recurrence in the neoterminal ileum and at the
// ileocolonic anastomosis, original grades i0-i4 and the modified i2a/i2b
// (clinical-spec-instruments §1).
//
// Sources (the evidence level of each is in kSources below and in docs/clinical-sources.md):
// - Grades i0-i4: Rutgeerts P, Geboes K, Vantrappen G, et al. Predictability of the postoperative
//   course of Crohn's disease. Gastroenterology 1990;99(4):956-963. The paper itself was not read:
//   the grade definitions are SECONDARY (igibdscores.it "info-rutgeerts", thegastroenterologist.ro,
//   sophiewell.com lib/oneformula-v167.js).
// - i2a / i2b: Ollech JE et al. Gastrointest Endosc 2019;90(2):269-275,
//   doi:10.1016/j.gie.2019.01.029; Riviere P et al. J Crohns Colitis 2021 (VERIFIED, abstracts).
// - Recurrence >= i2: Kotze PG et al. (MULTIPER) Intest Res 2015;13(3):259-265,
//   doi:10.5217/ir.2015.13.3.259 (VERIFIED, abstract).
// - Remission i0-i1: Vuitton L et al. (IOIBD) Gut 2016;65(9):1447-1455,
//   doi:10.1136/gutjnl-2015-309903 (VERIFIED, abstract).
// The grade is entered, never derived from lesion counts: the boundary at exactly 5 aphthous
// lesions differs between sources (ambiguities R1, R2).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"
#include "crohn/source.hpp"

namespace crohn::rutgeerts {

/// The grades a user may enter; "i2" is the original score's grade, not subdivided
/// (clinical-spec-instruments §0.4). The order is the modified score's order.
inline constexpr std::array<const char*, 7> kGrades = {"i0", "i1", "i2", "i2a", "i2b", "i3", "i4"};
enum class Grade { kI0, kI1, kI2, kI2a, kI2b, kI3, kI4 };
/// The original score's grades by number 0..4 (i2a and i2b are its i2).
inline constexpr std::array<const char*, 5> kOriginalGrades = {"i0", "i1", "i2", "i3", "i4"};

/// Optional anastomosis types (clinical-spec-instruments §0.4).
inline constexpr std::array<const char*, 6> kAnastomosisTypes = {
    "end_to_end", "side_to_side", "end_to_side", "kono_s", "other", "unknown"};
/// The score was developed for end-to-end anastomoses and never validated for side-to-side ones
/// (SECONDARY: Gut review, Table 1 "Comparison of strengths and limitations of commonly used
/// endoscopic scores"); any other type, "unknown" included, is warned about (ambiguity R6).
inline constexpr const char* kValidatedAnastomosisType = "end_to_end";

/// Endoscopic post-operative recurrence: original grade >= i2 (MULTIPER, Kotze 2015, VERIFIED
/// abstract; thegastroenterologist.ro SECONDARY). Headline endpoint (ambiguity R4 default).
inline constexpr int kRecurrenceMinOriginalGrade = 2;
/// Alternative threshold ">= i2b": i2b, i3 or i4. It follows from the i2a/i2b split (Ollech 2019,
/// Riviere 2021 compare i2a with i2b, VERIFIED abstracts); no trial protocol defining it as an
/// endpoint was read (UNVERIFIED as a trial endpoint, kept as a named alternative, R4).
inline constexpr Grade kRecurrenceAlternativeMinGrade = Grade::kI2b;
/// Endoscopic remission after surgery: i0-i1 (IOIBD, Vuitton 2016, VERIFIED abstract; R5).
inline constexpr int kRemissionMaxOriginalGrade = 1;

/// Plausibility guard on months_since_resection (PROJECT RULE, not from any source: catches a
/// typing error such as days entered as months).
inline constexpr double kMonthsSinceResectionMax = 1200;

/// One rule's source as the user is shown it: its evidence level (verified_abstract, secondary,
inline constexpr std::array<Source, 6> kSources = {{
    {"grades", "secondary",
     "Rutgeerts P et al. Gastroenterology 1990;99:956-963 (not read); definitions from "
     "igibdscores.it, thegastroenterologist.ro, sophiewell.com"},
    {"modified_i2a_i2b", "verified_abstract",
     "Ollech JE et al. Gastrointest Endosc 2019;90:269-275, doi:10.1016/j.gie.2019.01.029; "
     "Riviere P et al. J Crohns Colitis 2021 (abstracts)"},
    {"recurrence_ge_i2", "verified_abstract",
     "Kotze PG et al. (MULTIPER) Intest Res 2015;13:259-265, doi:10.5217/ir.2015.13.3.259 "
     "(abstract)"},
    {"recurrence_ge_i2b", "unverified",
     "Follows from the i2a/i2b split (Ollech 2019, Riviere 2021); no trial protocol using it was "
     "read"},
    {"remission_i0_i1", "verified_abstract",
     "Vuitton L et al. (IOIBD) Gut 2016;65:1447-1455, doi:10.1136/gutjnl-2015-309903 (abstract)"},
    {"anastomosis_type", "secondary",
     "Gut review, Table 1 (article not identified): developed for end-to-end, not validated for "
     "side-to-side anastomoses"},
}};

/// Worked example: conformance vector RUT-04. i2b (> 5 aphthous ulcers in the neoterminal ileum
/// with normal intervening mucosa; Ollech 2019, Riviere 2021) is a recurrence under both
/// definitions, >= i2 (Kotze 2015) and >= i2b, and not a remission (i0-i1, Vuitton 2016).
inline constexpr WorkedExample kWorkedExample{
    "rutgeerts", R"({"rutgeerts_grade":"i2b"})",
    R"({"rutgeerts_grade_original":"i2","rutgeerts_grade_modified":"i2b","recurrence_ge_i2":true,)"
    R"("recurrence_ge_i2b":true,"remission_i0_i1":false})",
    "conformance vector RUT-04: i2b (Ollech 2019, Riviere 2021) -> original i2; recurrence >= i2 "
    "(Kotze 2015) and >= i2b; not remission i0-i1 (Vuitton 2016)"};

struct Input {
  Grade grade = Grade::kI0;
  std::optional<std::string> anastomosis_type;
  std::optional<double> months_since_resection;
  std::optional<bool> neoterminal_ileum_intubated;  // true when given (false is an error)
};

/// The grade's id ("i2b").
const char* grade_name(Grade grade);
/// The grade with this id, if any.
std::optional<Grade> grade_of(const std::string& id);
/// The original score's grade number 0..4 (i2a and i2b are i2).
int original_grade(Grade grade);
/// The modified score's grade, or nullopt for the unsplit "i2".
std::optional<Grade> modified_grade(Grade grade);

/// The single-visit endpoints (nullopt = not evaluable).
bool recurrence_ge_i2(Grade grade);
std::optional<bool> recurrence_ge_i2b(Grade grade);
bool remission_i0_i1(Grade grade);

/// "i2_not_subclassified", "rutgeerts_not_validated_for_anastomosis_type".
std::vector<std::string> warnings(const Input& input);

std::optional<Input> read(Reader& reader);
/// Puts rutgeerts_grade, rutgeerts_grade_original, rutgeerts_grade_modified and the three
/// endpoints into `out`, the endpoints' keys prefixed with "rutgeerts_" when `prefixed` (a visit's
/// scores) and bare for the calculator.
void put_grade_outputs(Grade grade, bool prefixed, Json& out);
Json to_json(const Input& input);
/// The evaluate() entry point.
Json evaluate(Reader& reader);

}  // namespace crohn::rutgeerts
