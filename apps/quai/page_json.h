// JSON forms of pages and document records, shared by `quai ocr --json` and
// `quai show --json`. Field names are the API's: boxes as [x0, y0, x1, y1] in
// points from the top-left of the upright page.
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "quai/document.h"

namespace quai::cli {

nlohmann::json PageToJson(const Page& page);
nlohmann::json PagesToJson(const std::vector<Page>& pages);
nlohmann::json DocumentToJson(const DocumentRecord& record);
// The page's words as text, one printed line per OCR/text-layer line.
std::string PageText(const Page& page);

}  // namespace quai::cli
