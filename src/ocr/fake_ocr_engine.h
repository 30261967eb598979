// FakeOcrEngine: a stand-in for Tesseract in tests (named as such: it reads
// nothing). It returns the words and orientation it was given, counts calls,
// and fails on demand, so the stages above OCR can be tested fast and made to
// meet engine failures and timeouts. One thread at a time, like a real engine.
#pragma once

#include <atomic>

#include "ocr/ocr_engine.h"

namespace quai {

class FakeOcrEngine final : public OcrEngine {
 public:
  std::vector<OcrWord> words;          // returned by Recognize
  std::vector<OcrWord> words_after_first;  // when set, returned by every Recognize after the first
  int orientation_calls = 0;
  PageOrientation orientation;         // returned by DetectOrientation
  Status recognize_status;             // when not ok, Recognize fails with it
  int recognize_calls = 0;
  int last_image_width = 0;

  Result<PageOrientation> DetectOrientation(const PageImage&) override {
    ++orientation_calls;
    return orientation;
  }
  Result<std::vector<OcrWord>> Recognize(const PageImage& image, int) override {
    ++recognize_calls;
    last_image_width = pixGetWidth(image.pix.get());
    if (!recognize_status.ok()) return recognize_status;
    if (recognize_calls > 1 && !words_after_first.empty()) return words_after_first;
    return words;
  }
};

}  // namespace quai
