// SPDX-License-Identifier: MIT
// PCDAI and weighted PCDAI (wPCDAI): paediatric Crohn's disease activity, both scored from one
// form of item levels (clinical-spec-instruments §4). The items are entered as levels 0/1/2, the
// laboratory values as numbers; the weights live here, never in the form.
//
// Sources (the evidence level of each is in kPcdaiSources / kWpcdaiSources and in
// docs/clinical-sources.md):
// - Items: Hyams JS et al. J Pediatr Gastroenterol Nutr 1991;12(4):439-447, PMID 1678008
//   (VERIFIED, abstract: the item list). The item table with its points was not read: the PCDAI
//   points and the hematocrit bands are SECONDARY (sophiewell.com lib/pcdai-v522.js and tests,
//   abdominalkey PCDAI table, ibdplexus full_pcdai()).
// - PCDAI bands and response: Turner D et al. J Pediatr Gastroenterol Nutr 2010, PMID 20372111;
//   Hyams J et al. J Pediatr Gastroenterol Nutr 2005;41(4):416-421, PMID 16205508; Otley A et al.
//   J Pediatr Gastroenterol Nutr 2003;36(1):83-89, PMID 12500001 (VERIFIED, abstracts);
//   BMJ Open 2024;14(3):e077193 Table 2 (VERIFIED, table).
// - wPCDAI: Turner D et al. Inflamm Bowel Dis 2012;18(1):55-62, doi:10.1002/ibd.21649 (abstract
//   read; its cut-offs are not in it). Points and bands SECONDARY (Arch Dis Child Table 1, "The
//   weighted Paediatric Crohn's Disease Activity Index"; ibdplexus wpcdai()); remission < 12.5
//   VERIFIED (abstract) in the TISKids protocol, Cozijnsen MA et al. BMJ Open Gastroenterol
//   2016;3(1):e000123.
// - The wPCDAI response "decrease > 17.5" is UNVERIFIED (no stored source gives it): it is not
//   built (docs/clinical-sources.md).
//
// Arithmetic (clinical-spec-instruments §0.3): every point value is a multiple of 2.5, so points
// and totals are held as integer tenths (2.5 -> 25) and every cut-off compares exactly.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "crohn/input.hpp"
#include "crohn/worked_example.hpp"
#include "crohn/source.hpp"

namespace crohn::pcdai {

/// Points in tenths of a point (2.5 points = 25).
using Tenths = int;

/// The EIM ids of the shared form (five EIMs: Arch Dis Child Table 1; sophiewell; SECONDARY;
/// ambiguity W5 default: ibdplexus's oral ulcers are not one of them).
inline constexpr std::array<const char*, 5> kEims = {
    "fever_38_5_3days", "definite_arthritis", "uveitis", "erythema_nodosum",
    "pyoderma_gangrenosum"};
inline constexpr std::array<const char*, 2> kSexes = {"male", "female"};

// ---- Laboratory rows shared by both indices -------------------------------------------------
/// ESR (mm/h): < 20 lowest row, 20-50 middle row, > 50 top row (ibdplexus, sophiewell; Arch Dis
/// Child prints "<= 20" and ">= 50", ambiguity W3, default the former; SECONDARY).
inline constexpr int kEsrMiddleFrom = 20;
inline constexpr int kEsrTopAbove = 50;
/// Albumin (g/dL): >= 3.5 lowest row, <= 3.0 top row, strictly between them the middle row
/// (printed 3.1-3.4; the gaps 3.0-3.1 and 3.4-3.5 closed as sophiewell does, ambiguity W4,
/// PROJECT RULE closure of SECONDARY rows). 3.5 and 3.0 are exact in binary, so the typed value
/// compares exactly.
inline constexpr double kAlbuminLowestFrom = 3.5;
inline constexpr double kAlbuminTopAtOrBelow = 3.0;

// ---- Plausibility guards (PROJECT RULE, not from any source: they catch unit errors) ---------
inline constexpr double kEsrMax = 200;
inline constexpr double kAlbuminMin = 0.5;  // g/dL (g/L / 10)
inline constexpr double kAlbuminMax = 7;
inline constexpr double kHematocritMin = 5;  // %
inline constexpr double kHematocritMax = 70;
/// Completed years; the hematocrit bands stop at 19 (SECONDARY), adults are rejected (P5).
inline constexpr int kAgeMax = 19;

// ---- PCDAI (SECONDARY points: sophiewell lib/pcdai-v522.js, abdominalkey, ibdplexus) ---------
/// Eight items (pain, stools, well-being, weight, height, abdomen, perianal, EIM) at 0/5/10.
inline constexpr std::array<Tenths, 3> kPcdaiItemPoints = {0, 50, 100};
/// EIM: 0 none, 5 one, 10 two or more.
inline constexpr std::array<Tenths, 3> kPcdaiEimPoints = {0, 50, 100};
/// Hematocrit and ESR 0/2.5/5; albumin 0/5/10.
inline constexpr std::array<Tenths, 3> kPcdaiHematocritPoints = {0, 25, 50};
inline constexpr std::array<Tenths, 3> kPcdaiEsrPoints = {0, 25, 50};
inline constexpr std::array<Tenths, 3> kPcdaiAlbuminPoints = {0, 50, 100};

/// Hematocrit bands by age and sex (SECONDARY: sophiewell, two trial protocols agreeing; P4
/// default). A value at or above `zero_from` scores 0, at or above `middle_from` 2.5, below 5
/// (32.5 in the <= 10 y band scores 2.5: the sophiewell rule, PROJECT RULE here).
struct HematocritBand {
  const char* id;
  int zero_from;    // %
  int middle_from;  // %
};
inline constexpr HematocritBand kHctAge0To10{"age0to10", 33, 28};        // <= 10 y, either sex
inline constexpr HematocritBand kHctMale11To14{"male11to14", 35, 30};
inline constexpr HematocritBand kHctMale15To19{"male15to19", 37, 32};
inline constexpr HematocritBand kHctFemale11To19{"female11to19", 34, 29};
inline constexpr int kHctChildMaxAge = 10;
inline constexpr int kHctMaleYoungMaxAge = 14;

/// pcdai_band (Turner 2010, VERIFIED abstract): remission < 10; mild 10-27.5; moderate 30-37.5;
/// severe >= 40 (totals move in 2.5 steps: < 10, < 30, < 40, else; P1, P2 defaults).
inline constexpr Tenths kPcdaiRemissionBelow = 100;
inline constexpr Tenths kPcdaiModerateFrom = 300;
inline constexpr Tenths kPcdaiSevereFrom = 400;
/// pcdai_band_hyams2005 (Hyams 2005, VERIFIED abstract): inactive < 10, moderate_severe >= 30.
inline constexpr Tenths kHyamsInactiveBelow = 100;
inline constexpr Tenths kHyamsModerateSevereFrom = 300;
/// Remission without the height item: total minus height points < 7.5 (Turner 2010, VERIFIED
/// abstract).
inline constexpr Tenths kPcdaiRemissionWithoutHeightBelow = 75;
/// Response: decrease >= 12.5 (Hyams 2005; Otley 2003 "-12.5"; BMJ Open 2024, VERIFIED) and
/// decrease > 12.5 (Turner 2010, VERIFIED abstract); ambiguity P3, both reported.
inline constexpr Tenths kPcdaiResponseDrop = 125;
/// BMJ Open 2024 Table 2 composite: decrease >= 12.5 and total < 30, or total < 10 (VERIFIED).
inline constexpr Tenths kProtocolResponseTotalBelow = 300;
inline constexpr Tenths kProtocolRemissionTotalBelow = 100;
/// Baseline range: a PCDAI total, 0-100 in steps of 2.5 (PROJECT RULE: any other value is not a
/// PCDAI total and is refused rather than rounded).
inline constexpr double kPcdaiMax = 100;
inline constexpr Tenths kPcdaiStep = 25;

// ---- wPCDAI (SECONDARY points: Arch Dis Child Table 1; ibdplexus wpcdai()) -------------------
inline constexpr std::array<Tenths, 3> kWpcdaiPainPoints = {0, 100, 200};
inline constexpr std::array<Tenths, 3> kWpcdaiWellbeingPoints = {0, 100, 200};
inline constexpr std::array<Tenths, 3> kWpcdaiStoolsPoints = {0, 75, 150};
inline constexpr std::array<Tenths, 3> kWpcdaiEsrPoints = {0, 75, 150};
inline constexpr std::array<Tenths, 3> kWpcdaiAlbuminPoints = {0, 100, 200};
inline constexpr std::array<Tenths, 3> kWpcdaiWeightPoints = {0, 50, 100};
inline constexpr std::array<Tenths, 3> kWpcdaiPerianalPoints = {0, 75, 150};
/// EIM: none 0, one or more 10.
inline constexpr Tenths kWpcdaiEimPoints = 100;
/// wpcdai_band (Arch Dis Child Table 1, SECONDARY; edge 40 closed as ibdplexus/TISKids, W2):
/// remission < 12.5; mild 12.5 <= x <= 40; moderate 40 < x <= 57.5; severe > 57.5.
inline constexpr Tenths kWpcdaiRemissionBelow = 125;  // TISKids (VERIFIED abstract)
inline constexpr Tenths kWpcdaiMildMax = 400;
inline constexpr Tenths kWpcdaiModerateMax = 575;

inline constexpr std::array<Source, 6> kPcdaiSources = {{
    {"items", "verified_abstract", "Hyams JS et al. J Pediatr Gastroenterol Nutr 1991;12:439-447 (abstract)"},
    {"points", "secondary", "sophiewell.com lib/pcdai-v522.js; abdominalkey; ibdplexus full_pcdai()"},
    {"hematocrit_bands", "secondary", "sophiewell.com (two trial protocols)"},
    {"pcdai_band", "verified_abstract", "Turner D et al. J Pediatr Gastroenterol Nutr 2010, PMID 20372111 (abstract)"},
    {"pcdai_band_hyams2005", "verified_abstract", "Hyams J et al. J Pediatr Gastroenterol Nutr 2005;41:416-421 (abstract); Otley A et al. 2003;36:83-89"},
    {"response_protocol_bmjopen2024", "verified_table", "BMJ Open 2024;14:e077193, Table 2"},
}};

inline constexpr std::array<Source, 4> kWpcdaiSources = {{
    {"points", "secondary", "Arch Dis Child Table 1 (article not identified); ibdplexus wpcdai()"},
    {"wpcdai_band", "secondary", "Arch Dis Child Table 1; edge 40 = mild as ibdplexus and TISKids"},
    {"remission_lt12_5", "verified_abstract", "Cozijnsen MA et al. (TISKids) BMJ Open Gastroenterol 2016;3:e000123 (abstract)"},
    {"lab_closures", "project_rule", "ESR 20 and 50 middle row; albumin between 3.0 and 3.5 middle row"},
}};

/// Worked example: conformance vector PCDAI-01, the sophiewell test "a worked moderate case".
inline constexpr WorkedExample kPcdaiWorkedExample{
    "pcdai",
    R"({"abdominal_pain_level":1,"stools_level":1,"wellbeing_level":1,"weight_level":1,)"
    R"("height_level":0,"abdomen_level":1,"perianal_level":0,"eims":[],"hematocrit_pct":31,)"
    R"("esr_mm_h":40,"albumin_g_dl":3.2,"age_years":12,"sex":"male"})",
    R"({"pcdai_total":35,"pcdai_band":"moderate","pcdai_band_hyams2005":"moderate_severe",)"
    R"("hematocrit_points":2.5,"esr_points":2.5,"albumin_points":5})",
    "conformance vector PCDAI-01 (sophiewell.com test 'a worked moderate case'): five items x 5 = "
    "25, Hct 31 in a boy of 12 (30-34) 2.5, ESR 40 2.5, albumin 3.2 5 -> 35, moderate (Turner "
    "2010), moderate_severe (Hyams 2005)"};

/// Worked example: conformance vector WPCDAI-05 (hand arithmetic on the Arch Dis Child table).
inline constexpr WorkedExample kWpcdaiWorkedExample{
    "wpcdai",
    R"({"abdominal_pain_level":2,"wellbeing_level":2,"stools_level":1,"weight_level":0,)"
    R"("perianal_level":0,"eims":["uveitis"],"esr_mm_h":10,"albumin_g_dl":4.0})",
    R"({"wpcdai_total":57.5,"wpcdai_band":"moderate","eim_points":10,"remission_lt12_5":false})",
    "conformance vector WPCDAI-05: pain 20 + well-being 20 + stools 7.5 + EIM 10 = 57.5 -> "
    "moderate, its upper edge (Arch Dis Child Table 1, SECONDARY)"};

/// The items both indices share.
struct Shared {
  int abdominal_pain_level = 0;
  int wellbeing_level = 0;
  int stools_level = 0;
  int weight_level = 0;
  int perianal_level = 0;
  std::vector<std::string> eims;  // de-duplicated, in kEims order
  double esr_mm_h = 0;
  double albumin_g_dl = 0;
};

struct PcdaiInput {
  Shared shared;
  int height_level = 0;
  int abdomen_level = 0;
  double hematocrit_pct = 0;
  int age_years = 0;
  std::string sex;
  std::optional<Tenths> baseline;  // pcdai_baseline in tenths
};

/// Row 0, 1 or 2 of the shared laboratory items.
int esr_row(double esr_mm_h);
int albumin_row(double albumin_g_dl);
/// The hematocrit band for this age and sex, and the row (0, 1, 2) of a value in it.
const HematocritBand& hematocrit_band(int age_years, const std::string& sex);
int hematocrit_row(const HematocritBand& band, double hematocrit_pct);

/// Totals in tenths.
Tenths pcdai_total(const PcdaiInput& in);
Tenths wpcdai_total(const Shared& in);
const char* pcdai_band(Tenths total);
const char* pcdai_band_hyams2005(Tenths total);
const char* wpcdai_band(Tenths total);

std::optional<Shared> read_shared(Reader& reader);
std::optional<PcdaiInput> read_pcdai(Reader& reader);
Json pcdai_to_json(const PcdaiInput& input);
Json wpcdai_to_json(const Shared& input);
/// The evaluate() entry points.
Json evaluate_pcdai(Reader& reader);
Json evaluate_wpcdai(Reader& reader);

}  // namespace crohn::pcdai
