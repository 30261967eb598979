// OcrEngine: reads words from a page image. TesseractEngine is the real one;
// FakeOcrEngine (fake_ocr_engine.h) stands in for tests and injects failures.
// An engine is used by one thread at a time: the pipeline gives each worker
// thread its own. Boxes are in the pixels of the image given.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "intake/page_image.h"
#include "quai/options.h"
#include "quai/status.h"

namespace quai {

struct OcrWord {
  std::string text;
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // pixels, top-left origin
  double confidence = 0;                // 0..1
  int block = 0;
  int line = 0;
};

struct PageOrientation {
  int degrees = 0;          // clockwise rotation the page shows now: 0, 90, 180 or 270
  double confidence = 0;    // Tesseract OSD's score; above ~2 is usually right
};

class OcrEngine {
 public:
  virtual ~OcrEngine() = default;
  virtual Result<PageOrientation> DetectOrientation(const PageImage& image) = 0;
  // LimitExceeded when the page takes longer than `timeout_ms`.
  virtual Result<std::vector<OcrWord>> Recognize(const PageImage& image, int timeout_ms) = 0;
};

// Loads the models once; Tesseract runs single-threaded (OMP_THREAD_LIMIT=1 is
// set by the caller's process before the first engine starts).
Result<std::unique_ptr<OcrEngine>> NewTesseractEngine(const OcrOptions& options);

}  // namespace quai
