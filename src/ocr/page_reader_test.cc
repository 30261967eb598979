#include "ocr/page_reader.h"

#include <gtest/gtest.h>

#include "fixtures/fixtures.h"
#include "intake/type_sniffer.h"
#include "ocr/fake_ocr_engine.h"

namespace quai {
namespace {

using testing::ReadFixture;

struct Harness {
  FakeOcrEngine* engine = nullptr;  // owned by the reader once created
  int engines_made = 0;
  std::unique_ptr<PageReader> reader;

  explicit Harness(std::vector<OcrWord> words = {}, Status status = Status::Ok()) {
    reader = std::make_unique<PageReader>(
        [this, words, status]() -> Result<std::unique_ptr<OcrEngine>> {
          auto fake = std::make_unique<FakeOcrEngine>();
          fake->words = words;
          fake->recognize_status = status;
          engine = fake.get();
          ++engines_made;
          return std::unique_ptr<OcrEngine>(std::move(fake));
        },
        PagePreparation{}, IntakeLimits{});
  }
};

std::unique_ptr<SourceDocument> Open(const std::string& bytes) {
  auto doc = OpenSourceDocument(bytes, SniffMediaType(bytes), IntakeLimits{}, 300);
  EXPECT_TRUE(doc.ok()) << doc.status().message();
  return std::move(doc).value();
}

TEST(PageReader, TextLayerPageNeedsNoOcrEngine) {
  Harness harness;
  std::string bytes = ReadFixture("text-layer.pdf");
  auto doc = Open(bytes);
  auto page = harness.reader->ReadPage(doc.get(), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->text_source, TextSource::kTextLayer);
  EXPECT_EQ(harness.engines_made, 0);
}

TEST(PageReader, ConvertsOcrPixelsToPointsFromTopLeft) {
  OcrWord word{"4500012345", 300, 600, 900, 650, 0.93, 0, 0};
  Harness harness({word});
  std::string bytes = ReadFixture("scan-200dpi.png");
  auto doc = Open(bytes);
  auto page = harness.reader->ReadPage(doc.get(), 0);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(page->text_source, TextSource::kOcr);
  // A 200 dpi scan is enlarged and read at 300 dpi (PagePreparation::min_ocr_dpi).
  EXPECT_EQ(page->dpi, 300);
  ASSERT_EQ(page->words.size(), 1u);
  // 300 px at 300 dpi is 1 inch = 72 pt.
  EXPECT_NEAR(page->words[0].box.x0, 72.0, 1e-6);
  EXPECT_NEAR(page->words[0].box.y1, 650 * 72.0 / 300, 1e-6);
  EXPECT_NEAR(page->width, 8.27 * 72, 1.0);
  EXPECT_DOUBLE_EQ(page->words[0].confidence, 0.93);
}

TEST(PageReader, MixedPdfReadsOnlyTheScannedPageByOcr) {
  Harness harness({OcrWord{"scanned", 1, 1, 10, 10, 0.9, 0, 0}});
  std::string bytes = ReadFixture("mixed-text-and-scan.pdf");
  auto doc = Open(bytes);
  EXPECT_EQ(harness.reader->ReadPage(doc.get(), 0)->text_source, TextSource::kTextLayer);
  EXPECT_EQ(harness.reader->ReadPage(doc.get(), 1)->text_source, TextSource::kOcr);
  EXPECT_EQ(harness.engine->recognize_calls, 1);
}

TEST(PageReader, ConfidentReadingSkipsOrientationDetection) {
  Harness harness({OcrWord{"Livraison", 10, 10, 90, 30, 0.95, 0, 0}});
  std::string bytes = ReadFixture("scan-200dpi.png");
  auto doc = Open(bytes);
  auto page = harness.reader->ReadPage(doc.get(), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(harness.engine->recognize_calls, 1);
  EXPECT_EQ(harness.engine->orientation_calls, 0);
}

TEST(PageReader, DoubtfulReadingOfTurnedPageIsReadAgainUpright) {
  Harness harness({OcrWord{"xq", 10, 10, 90, 30, 0.3, 0, 0}});
  std::string bytes = ReadFixture("scan-200dpi.png");
  auto doc = Open(bytes);
  harness.reader->ReadPage(doc.get(), 0);  // creates the engine
  harness.engine->orientation = {180, 1.0};
  harness.engine->words_after_first = {OcrWord{"Livraison", 10, 10, 90, 30, 0.95, 0, 0}};
  harness.engine->recognize_calls = 0;
  auto page = harness.reader->ReadPage(doc.get(), 0);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(harness.engine->recognize_calls, 2);
  EXPECT_EQ(page->rotation, 180);
  EXPECT_EQ(page->words[0].text, "Livraison");
}

TEST(PageReader, EngineTimeoutNamesThePage) {
  Harness harness({}, Status::LimitExceeded("OCR took longer than 120 s"));
  std::string bytes = ReadFixture("two-pages-g4.tif");
  auto doc = Open(bytes);
  auto page = harness.reader->ReadPage(doc.get(), 1);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(page.status().message(), "page 2: OCR took longer than 120 s");
}

}  // namespace
}  // namespace quai
