// SPDX-License-Identifier: MIT
// Crohn Score: FHIR R4 export. A patient record's evaluation (crohn/record.hpp) becomes a Bundle
// of type "collection" holding one Observation per score and one per endpoint verdict. LOINC is
// used only where a code truly exists (CRP 1988-5, faecal calprotectin 38445-3); the activity
// scores and verdicts use the project's own code systems (docs/fhir.md). Nothing is sent anywhere.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace crohn::fhir {

/// The project's code system for scores, bands and verdicts (a UUID URN: the project owns no
/// domain; see docs/fhir.md).
inline constexpr const char* kScoreSystem = "urn:uuid:7386e4af-a9a0-4051-b91d-66ccf63fa3c5";
/// The project's code system for endpoints, coded "<definition set>.<endpoint id>".
inline constexpr const char* kEndpointSystem = "urn:uuid:8e39af68-0632-445d-8449-76c94c4ceca0";
inline constexpr const char* kLoinc = "http://loinc.org";
inline constexpr const char* kUcum = "http://unitsofmeasure.org";
inline constexpr const char* kCategorySystem =
    "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr const char* kDataAbsentSystem =
    "http://terminology.hl7.org/CodeSystem/data-absent-reason";

/// The Bundle for an evaluation returned by record::evaluate (an error object gives back null).
nlohmann::json bundle(const nlohmann::json& evaluation);

/// The JSON-text entry point: the same request as record::evaluate_json, answered with a Bundle
/// (or the error object).
std::string bundle_json(std::string_view record_request) noexcept;

}  // namespace crohn::fhir
