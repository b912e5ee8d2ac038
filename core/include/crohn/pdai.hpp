// SPDX-License-Identifier: MIT
// PDAI, the Perianal Disease Activity Index (clinical-spec-instruments §7).
// - Five elements, each on a 5-point Likert scale: Irvine EJ (McMaster IBD Study Group).
//   J Clin Gastroenterol 1995;20(1):27-32, PMID 7884173 (VERIFIED, abstract).
// - Active perianal disease: PDAI > 4 (Losco A et al. Inflamm Bowel Dis 2009, PMID 19023861;
//   VERIFIED, abstract).
// - Item names: SECONDARY (PASI paper, springermedizin.at). What each level 0-4 means for each
//   item (Irvine 1995 Table 1) was NOT read: no anchor text is given anywhere in the project
//   (ambiguity D1); coding 0-4 rather than 1-5 is inferred (D2: with 1-5 every total would be > 4).
#pragma once

#include <array>

#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"
#include "crohn/source.hpp"

namespace crohn::pdai {

/// The five items, in the input's field names (clinical-spec-instruments §0.4).
inline constexpr int kItemCount = 5;
inline constexpr std::array<const char*, kItemCount> kItems = {
    "discharge", "pain_restriction_of_activities", "restriction_of_sexual_activity",
    "type_of_perianal_disease", "degree_of_induration"};
/// Each item on a 5-point scale (Irvine 1995, VERIFIED abstract), coded 0-4 (inferred, D2).
inline constexpr int kItemMin = 0;
inline constexpr int kItemMax = 4;
/// Active perianal disease: PDAI > 4 (Losco 2009, VERIFIED abstract; D3: the only cut-off found).
inline constexpr int kActiveAbove = 4;

inline constexpr std::array<Source, 4> kSources = {{
    {"items", "verified_abstract",
     "Irvine EJ. J Clin Gastroenterol 1995;20:27-32, PMID 7884173 (abstract): five elements, each "
     "a 5-point Likert scale; item names SECONDARY (PASI paper)"},
    {"item_anchors", "unverified",
     "the meaning of each level 0-4 (Irvine 1995 Table 1) was not read and is not given"},
    {"coding_0_4", "project_rule",
     "0-4 per item inferred: with 1-5 every total would exceed Losco's cut-off of 4"},
    {"active_gt4_losco2009", "verified_abstract",
     "Losco A et al. Inflamm Bowel Dis 2009, PMID 19023861 (abstract): PDAI > 4"},
}};

/// Worked example: conformance vector PDAI-03 (the edge: 5 is > 4).
inline constexpr WorkedExample kWorkedExample{
    "pdai",
    R"({"discharge":1,"pain_restriction_of_activities":1,"restriction_of_sexual_activity":1,)"
    R"("type_of_perianal_disease":1,"degree_of_induration":1})",
    R"({"pdai_total":5,"active_gt4_losco2009":true})",
    "conformance vector PDAI-03: 1+1+1+1+1 = 5 > 4 -> active (Losco 2009); five items 0-4 "
    "(Irvine 1995)"};

/// The evaluate() entry point.
Json evaluate(Reader& reader);

}  // namespace crohn::pdai
