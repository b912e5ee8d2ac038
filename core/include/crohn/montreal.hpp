// SPDX-License-Identifier: MIT
// Montreal classification of Crohn's disease. Silverberg MS et al. Can J Gastroenterol 2005;19
// Suppl A:5A-36A (clinical-spec §5.7): age at diagnosis A1 <= 16, A2 17-40, A3 > 40 years
// (completed years, A24); location L1 ileal, L2 colonic, L3 ileocolonic, L4 upper GI as a modifier
// or alone; behaviour B1 / B2 / B3, "p" appended for perianal disease.
#pragma once

#include "crohn/input.hpp"

namespace crohn::montreal {

inline constexpr int kA1MaxAge = 16;
inline constexpr int kA2MaxAge = 40;
inline constexpr int kAgeMax = 120;  // plausibility limit (project's own)

Json evaluate(Reader& reader);

}  // namespace crohn::montreal
