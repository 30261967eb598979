// JSON forms of document records and extractions (pages: ocr/page_json.h), shared by the CLI
// (`quai ocr --json`, `quai show --json`, `quai extract --json`), the page cache
// and the store. Field names are the API's: boxes as [x0, y0, x1, y1] in points
// from the top-left of the upright page. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "extract/extraction_json.h"
#include "ocr/page_json.h"
#include "quai/document.h"
#include "quai/extraction.h"

namespace quai {

nlohmann::json DocumentToJson(const DocumentRecord& record);
// ExtractionToJson, the `quai extract --json` object for one file (without
// file, sha256, pages, timings), is extract/extraction_json.h's.

}  // namespace quai
