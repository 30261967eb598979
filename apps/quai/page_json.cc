#include "page_json.h"

#include <cmath>

namespace quai::cli {
namespace {
double Round2(double v) { return std::round(v * 100.0) / 100.0; }
}  // namespace

nlohmann::json PageToJson(const Page& page) {
  nlohmann::json words = nlohmann::json::array();
  for (const Word& w : page.words) {
    words.push_back({{"text", w.text},
                     {"box", {Round2(w.box.x0), Round2(w.box.y0), Round2(w.box.x1), Round2(w.box.y1)}},
                     {"confidence", Round2(w.confidence)},
                     {"block", w.block},
                     {"line", w.line}});
  }
  return {{"number", page.number},
          {"width", Round2(page.width)},
          {"height", Round2(page.height)},
          {"dpi", page.dpi},
          {"rotation", page.rotation},
          {"skew_degrees", Round2(page.skew_degrees)},
          {"text_source", TextSourceName(page.text_source)},
          {"words", words}};
}

nlohmann::json PagesToJson(const std::vector<Page>& pages) {
  nlohmann::json out = nlohmann::json::array();
  for (const Page& page : pages) out.push_back(PageToJson(page));
  return out;
}

nlohmann::json DocumentToJson(const DocumentRecord& r) {
  return {{"id", r.id},
          {"sha256", r.sha256},
          {"original_name", r.original_name},
          {"source", r.source},
          {"media_type", MediaTypeName(r.media_type)},
          {"size_bytes", r.size_bytes},
          {"page_count", r.page_count},
          {"status", DocumentStatusName(r.status)},
          {"error", r.error},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

std::string PageText(const Page& page) {
  std::string text;
  int line = -1;
  for (const Word& w : page.words) {
    if (line != -1) text += (w.line != line) ? "\n" : " ";
    text += w.text;
    line = w.line;
  }
  if (!text.empty()) text += "\n";
  return text;
}

}  // namespace quai::cli
