// Runs the real Tesseract with the packaged French and English models.
#include <gtest/gtest.h>

#include "fixtures/fixtures.h"
#include "intake/source_document.h"
#include "intake/type_sniffer.h"
#include "ocr/ocr_engine.h"

namespace quai {
namespace {

using testing::ReadFixture;

PageImage RenderFixture(const std::string& bytes) {
  auto doc = OpenSourceDocument(bytes, SniffMediaType(bytes), IntakeLimits{}, 300);
  EXPECT_TRUE(doc.ok());
  auto page = (*doc)->RenderPage(0, 300);
  EXPECT_TRUE(page.ok());
  return std::move(page).value();
}

TEST(TesseractEngine, ReadsFrenchWordsWithBoxesLinesAndConfidence) {
  auto engine = NewTesseractEngine(OcrOptions{});
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  std::string bytes = ReadFixture("scan-200dpi.png");
  PageImage page = RenderFixture(bytes);
  auto words = (*engine)->Recognize(page, 60000);
  ASSERT_TRUE(words.ok());
  std::string text;
  for (const auto& w : *words) text += w.text + " ";
  EXPECT_NE(text.find("4500012345"), std::string::npos) << text;
  EXPECT_NE(text.find("Qté"), std::string::npos) << text;  // needs the French model
  const OcrWord& first = words->front();
  EXPECT_EQ(first.text, "BON");
  EXPECT_NEAR(first.x0, 200, 8);  // drawn one inch from the left at 200 dpi
  EXPECT_GT(first.confidence, 0.8);
  EXPECT_EQ(words->back().line, 4);
}

TEST(TesseractEngine, DetectsUpsideDownPage) {
  auto engine = NewTesseractEngine(OcrOptions{});
  ASSERT_TRUE(engine.ok());
  std::string bytes = ReadFixture("upside-down.png");
  auto orientation = (*engine)->DetectOrientation(RenderFixture(bytes));
  ASSERT_TRUE(orientation.ok());
  EXPECT_EQ(orientation->degrees, 180);
}

TEST(TesseractEngine, MissingLanguageIsAClearError) {
  OcrOptions options;
  options.languages = "xyz";
  auto engine = NewTesseractEngine(options);
  ASSERT_FALSE(engine.ok());
  EXPECT_NE(engine.status().message().find("xyz"), std::string::npos);
}

}  // namespace
}  // namespace quai
