// The JSON form of an Extraction, one codec both ways: what `quai extract
// --json` prints and the store keeps (with file, sha256, pages and timings
// added by the callers), and what the review desk reads back to check and
// decide again after a correction. Field names are docs/architecture.md's;
// boxes are [x0, y0, x1, y1] in points from the top-left of the upright page.
// Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "quai/extraction.h"
#include "quai/status.h"

namespace quai {

nlohmann::json ExtractionToJson(const Extraction& extraction);
nlohmann::json FindingsToJson(const std::vector<Finding>& findings);

// Reads what ExtractionToJson wrote, and the review desk's form of it (values
// a person corrected: "corrected": true, maybe without page or box). Missing
// members take their defaults (an extraction stored before page sources were
// kept has none); InvalidArgument when `json` is not an object.
Result<Extraction> ExtractionFromJson(const nlohmann::json& json);

}  // namespace quai
