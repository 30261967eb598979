#include "ocr/page_reader.h"

#include "barcode/barcode_reader.h"
#include "ocr/page_preparer.h"

#include <cctype>

namespace quai {
namespace {

// How much readable text a reading found: confidence summed over the
// characters of words that have at least two letters or digits. Upside-down
// text reads as short, low-confidence fragments.
double ReadingScore(const std::vector<OcrWord>& words) {
  double score = 0;
  for (const OcrWord& word : words) {
    int alnum = 0;
    for (char c : word.text) alnum += std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (alnum >= 2) score += word.confidence * alnum;
  }
  return score;
}

// A reading "looks wrong" when its letters and digits were read with low
// average confidence, as upside-down or sideways text is.
bool LooksMisread(const std::vector<OcrWord>& words) {
  double confidence = 0;
  int characters = 0;
  for (const OcrWord& word : words) {
    int alnum = 0;
    for (char c : word.text) alnum += std::isalnum(static_cast<unsigned char>(c)) != 0;
    confidence += word.confidence * alnum;
    characters += alnum;
  }
  return characters == 0 || confidence / characters < kMisreadConfidence;
}

}  // namespace

PageReader::PageReader(OcrEngineFactory engine_factory, PagePreparation preparation, IntakeLimits limits)
    : engine_factory_(std::move(engine_factory)), preparation_(preparation), limits_(limits) {}

Result<Page> PageReader::ReadPage(SourceDocument* document, int index) {
  auto layer = document->ReadTextLayer(index);
  if (!layer.ok()) return layer.status();
  if (!layer->words.empty()) {
    Page page;
    page.number = index + 1;
    page.width = layer->width;
    page.height = layer->height;
    page.rotation = layer->rotation;
    page.text_source = TextSource::kTextLayer;
    page.words = std::move(layer->words);
    return page;
  }
  return ReadByOcr(document, index);
}

Result<Page> PageReader::ReadByOcr(SourceDocument* document, int index) {
  std::string where = "page " + std::to_string(index + 1);
  if (!engine_) {
    auto engine = engine_factory_();
    if (!engine.ok()) return engine.status();
    engine_ = std::move(engine).value();
  }
  auto image = document->RenderPage(index, preparation_.render_dpi);
  if (!image.ok()) return image.status();
  auto prepared = PreparePage(*image, preparation_, 0);
  if (!prepared.ok()) return prepared.status().WithContext(where);
  const int timeout_ms = limits_.max_seconds_per_page * 1000;
  auto words = engine_->Recognize(prepared->image, timeout_ms);
  if (!words.ok()) return words.status().WithContext(where);

  // Most pages arrive upright and read with high confidence; only a reading
  // that looks wrong pays for orientation detection and a second reading.
  if (preparation_.detect_orientation && LooksMisread(*words)) {
    auto orientation = engine_->DetectOrientation(prepared->image);
    if (!orientation.ok()) return orientation.status().WithContext(where);
    // OSD reports how far the page is turned clockwise; turning it back is the rest of a full turn.
    int correction = (360 - orientation->degrees) % 360;
    if (correction != 0 && orientation->confidence >= kMinOrientationConfidence) {
      auto turned = PreparePage(*image, preparation_, correction);
      if (!turned.ok()) return turned.status().WithContext(where);
      auto turned_words = engine_->Recognize(turned->image, timeout_ms);
      if (!turned_words.ok()) return turned_words.status().WithContext(where);
      if (ReadingScore(*turned_words) > ReadingScore(*words)) {
        prepared = std::move(turned);
        words = std::move(turned_words);
      }
    }
  }

  const int dpi = prepared->image.dpi;
  const double points_per_pixel = 72.0 / dpi;
  Page page;
  page.number = index + 1;
  page.width = pixGetWidth(prepared->image.pix.get()) * points_per_pixel;
  page.height = pixGetHeight(prepared->image.pix.get()) * points_per_pixel;
  page.dpi = dpi;
  page.rotation = prepared->rotation;
  page.skew_degrees = prepared->skew_degrees;
  page.text_source = TextSource::kOcr;
  // Barcodes on the prepared (upright, straight) page: boxes in the same frame as the words.
  auto barcodes = ReadBarcodes(prepared->image);
  if (barcodes.ok()) page.barcodes = std::move(barcodes).value();
  page.words.reserve(words->size());
  for (OcrWord& ocr : *words) {
    Word word;
    word.text = std::move(ocr.text);
    word.box = {ocr.x0 * points_per_pixel, ocr.y0 * points_per_pixel, ocr.x1 * points_per_pixel,
                ocr.y1 * points_per_pixel};
    word.confidence = ocr.confidence;
    word.block = ocr.block;
    word.line = ocr.line;
    page.words.push_back(std::move(word));
  }
  return page;
}

}  // namespace quai
