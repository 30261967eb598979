#include "ocr/page_json.h"

#include <cmath>

#include "core/match_text.h"

namespace quai {
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
  nlohmann::json barcodes = nlohmann::json::array();
  for (const Barcode& b : page.barcodes)
    barcodes.push_back({{"format", b.format}, {"text", b.text}, {"gs1", b.gs1},
                        {"box", {Round2(b.box.x0), Round2(b.box.y0), Round2(b.box.x1), Round2(b.box.y1)}}});
  return {{"number", page.number},
          {"barcodes", barcodes},
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

bool PagesFromJson(const nlohmann::json& json, std::vector<Page>* pages) {
  if (!json.is_array()) return false;
  pages->clear();
  for (const auto& p : json) {
    Page page;
    page.number = p.value("number", 1);
    page.width = p.value("width", 0.0);
    page.height = p.value("height", 0.0);
    page.dpi = p.value("dpi", 0);
    page.rotation = p.value("rotation", 0);
    page.skew_degrees = p.value("skew_degrees", 0.0);
    page.text_source = p.value("text_source", "layer") == "ocr" ? TextSource::kOcr : TextSource::kTextLayer;
    for (const auto& w : p.value("words", nlohmann::json::array())) {
      Word word;
      // Pages stored before the OCR engine trimmed its words: " K251749".
      word.text = TrimSpaces(w.value("text", ""));
      const auto& box = w["box"];
      if (box.is_array() && box.size() == 4) word.box = {box[0], box[1], box[2], box[3]};
      word.confidence = w.value("confidence", 1.0);
      word.block = w.value("block", 0);
      word.line = w.value("line", 0);
      page.words.push_back(std::move(word));
    }
    for (const auto& b : p.value("barcodes", nlohmann::json::array())) {
      Barcode barcode;
      barcode.format = b.value("format", "");
      barcode.text = b.value("text", "");
      barcode.gs1 = b.value("gs1", false);
      const auto& box = b["box"];
      if (box.is_array() && box.size() == 4) barcode.box = {box[0], box[1], box[2], box[3]};
      page.barcodes.push_back(std::move(barcode));
    }
    pages->push_back(std::move(page));
  }
  return true;
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

}  // namespace quai
