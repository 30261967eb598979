// PageReader: the "page text" stage for one page. A page with a usable text
// layer gives its words from that layer, with no OCR; any other page is
// rendered, prepared (page_preparer.h) and read by the OCR engine; a reading
// with low confidence is checked with orientation detection and, if the page
// is turned, read again upright. Words come out in points from the top-left of
// the upright page.
// One PageReader per worker thread: it owns its OCR engine, created on first use
// so that born-digital batches never load the models.
#pragma once

#include <functional>
#include <memory>

#include "intake/source_document.h"
#include "ocr/ocr_engine.h"
#include "quai/document.h"
#include "quai/options.h"

namespace quai {

// Below this average character confidence, a reading is checked against
// orientation detection. Upright office scans read at 0.85 and more.
inline constexpr double kMisreadConfidence = 0.75;
// Orientation detection scores under this are ignored; between it and ~2 the
// page is read both ways and the better reading kept.
inline constexpr double kMinOrientationConfidence = 0.2;

using OcrEngineFactory = std::function<Result<std::unique_ptr<OcrEngine>>()>;

class PageReader {
 public:
  PageReader(OcrEngineFactory engine_factory, PagePreparation preparation, IntakeLimits limits);

  // `index` from 0. Errors name the page, not the file.
  Result<Page> ReadPage(SourceDocument* document, int index);

 private:
  Result<Page> ReadByOcr(SourceDocument* document, int index);

  OcrEngineFactory engine_factory_;
  std::unique_ptr<OcrEngine> engine_;
  PagePreparation preparation_;
  IntakeLimits limits_;
};

}  // namespace quai
