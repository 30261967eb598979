// JSON form of pages: what `quai ocr --json` prints, the page cache and the
// store keep, and the isolated reader's child sends back. Boxes as [x0, y0, x1,
// y1] in points from the top-left of the upright page, rounded to 0.01. Pure
// functions.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "quai/document.h"

namespace quai {

nlohmann::json PageToJson(const Page& page);
nlohmann::json PagesToJson(const std::vector<Page>& pages);
// Reads what PagesToJson wrote; false when the JSON is not such a list.
bool PagesFromJson(const nlohmann::json& json, std::vector<Page>* pages);
// The page's words as text, one printed line per OCR/text-layer line.
std::string PageText(const Page& page);

}  // namespace quai
