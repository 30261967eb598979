// The only file that includes Tesseract headers (see docs/architecture.md).
#include <tesseract/baseapi.h>
#include <tesseract/ocrclass.h>
#include <tesseract/resultiterator.h>

#include <memory>

#include "core/match_text.h"
#include "ocr/ocr_engine.h"

namespace quai {
namespace {

class TesseractEngine final : public OcrEngine {
 public:
  Status Init(const OcrOptions& options) {
    options_ = options;
    const char* datapath = options.tessdata_dir.empty() ? nullptr : options.tessdata_dir.c_str();
    if (api_.Init(datapath, options.languages.c_str(), tesseract::OEM_LSTM_ONLY) != 0)
      return Status::Internal("cannot load Tesseract models '" + options.languages +
                              "' (is tesseract-ocr-fra/-eng installed?)");
    api_.SetVariable("debug_file", "/dev/null");
    return Status::Ok();
  }

  ~TesseractEngine() override {
    api_.End();
    if (osd_ready_) osd_.End();
  }

  Result<PageOrientation> DetectOrientation(const PageImage& image) override {
    if (!osd_ready_) {
      const char* datapath = options_.tessdata_dir.empty() ? nullptr : options_.tessdata_dir.c_str();
      if (osd_.Init(datapath, "osd", tesseract::OEM_TESSERACT_ONLY) != 0)
        return Status::Internal("cannot load Tesseract's orientation model (is tesseract-ocr-osd installed?)");
      osd_.SetVariable("debug_file", "/dev/null");
      osd_.SetPageSegMode(tesseract::PSM_OSD_ONLY);
      osd_ready_ = true;
    }
    osd_.SetImage(image.pix.get());
    osd_.SetSourceResolution(image.dpi);
    int degrees = 0;
    float orientation_confidence = 0, script_confidence = 0;
    const char* script = nullptr;
    PageOrientation result;
    // Too little text to tell: the page is taken as it is.
    if (osd_.DetectOrientationScript(&degrees, &orientation_confidence, &script, &script_confidence)) {
      result.degrees = degrees;
      result.confidence = orientation_confidence;
    }
    osd_.Clear();
    return result;
  }

  Result<std::vector<OcrWord>> Recognize(const PageImage& image, int timeout_ms) override {
    api_.SetImage(image.pix.get());
    api_.SetSourceResolution(image.dpi);
    tesseract::ETEXT_DESC monitor;
    monitor.set_deadline_msecs(timeout_ms);
    int rc = api_.Recognize(&monitor);
    if (monitor.deadline_exceeded()) {
      api_.Clear();
      return Status::LimitExceeded("OCR took longer than " + std::to_string(timeout_ms / 1000) + " s");
    }
    if (rc != 0) {
      api_.Clear();
      return Status::Internal("Tesseract could not recognise the page");
    }
    std::vector<OcrWord> words;
    std::unique_ptr<tesseract::ResultIterator> it(api_.GetIterator());
    int block = -1, line = -1;
    if (it) {
      do {
        if (it->IsAtBeginningOf(tesseract::RIL_BLOCK)) ++block;
        if (it->IsAtBeginningOf(tesseract::RIL_TEXTLINE)) ++line;
        std::unique_ptr<char[]> text(it->GetUTF8Text(tesseract::RIL_WORD));
        if (!text || text[0] == '\0') continue;
        OcrWord word;
        // Tesseract sometimes puts a space before a word (" K251749"): the
        // recognisers read words as printed, so it is dropped here.
        word.text = TrimSpaces(text.get());
        if (word.text.empty()) continue;
        it->BoundingBox(tesseract::RIL_WORD, &word.x0, &word.y0, &word.x1, &word.y1);
        word.confidence = it->Confidence(tesseract::RIL_WORD) / 100.0;
        word.block = std::max(block, 0);
        word.line = std::max(line, 0);
        words.push_back(std::move(word));
      } while (it->Next(tesseract::RIL_WORD));
    }
    api_.Clear();
    return words;
  }

 private:
  OcrOptions options_;
  tesseract::TessBaseAPI api_;
  tesseract::TessBaseAPI osd_;
  bool osd_ready_ = false;
};

}  // namespace

Result<std::unique_ptr<OcrEngine>> NewTesseractEngine(const OcrOptions& options) {
  auto engine = std::make_unique<TesseractEngine>();
  QUAI_RETURN_IF_ERROR(engine->Init(options));
  return std::unique_ptr<OcrEngine>(std::move(engine));
}

}  // namespace quai
