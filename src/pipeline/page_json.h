// JSON forms of pages, document records and extractions, shared by the CLI
// (`quai ocr --json`, `quai show --json`, `quai extract --json`), the page cache
// and the store. Field names are the API's: boxes as [x0, y0, x1, y1] in points
// from the top-left of the upright page. Pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "extract/extraction_json.h"
#include "quai/document.h"
#include "quai/extraction.h"

namespace quai {

nlohmann::json PageToJson(const Page& page);
nlohmann::json PagesToJson(const std::vector<Page>& pages);
// Reads what PagesToJson wrote; false when the JSON is not such a list.
bool PagesFromJson(const nlohmann::json& json, std::vector<Page>* pages);
nlohmann::json DocumentToJson(const DocumentRecord& record);
// The page's words as text, one printed line per OCR/text-layer line.
std::string PageText(const Page& page);
// ExtractionToJson, the `quai extract --json` object for one file (without
// file, sha256, pages, timings), is extract/extraction_json.h's.

}  // namespace quai
