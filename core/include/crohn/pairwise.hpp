// SPDX-License-Identifier: MIT
// Crohn Score: the flat endpoint instruments of the JSON contract (hbi_endpoints,
// cdai_endpoints, ses_cd_endpoints, pro2_endpoints, ius, stride2 and the study_* sets). Each is a
// table that maps input fields onto endpoints::Measures and output keys onto endpoint rules; no
// rule is computed here.
#pragma once

#include <string>

#include "crohn/input.hpp"

namespace crohn::pairwise {

/// True when `instrument` is one of the flat endpoint instruments.
bool has(const std::string& instrument);
/// Evaluates it; on bad input returns null with errors in the reader's sink.
Json evaluate(const std::string& instrument, Reader& reader);
/// Names of the flat endpoint instruments, in contract order.
std::vector<std::string> names();

}  // namespace crohn::pairwise
