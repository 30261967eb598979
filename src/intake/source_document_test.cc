#include "intake/source_document.h"

#include <gtest/gtest.h>

#include "fixtures/fixtures.h"
#include "intake/type_sniffer.h"

namespace quai {
namespace {

using testing::ReadFixture;

Result<std::unique_ptr<SourceDocument>> Open(const std::string& bytes, IntakeLimits limits = {}) {
  return OpenSourceDocument(bytes, SniffMediaType(bytes), limits, 300);
}

std::string AllText(const TextLayerPage& page) {
  std::string text;
  for (const Word& w : page.words) text += w.text + " ";
  return text;
}

TEST(PdfDocument, ReadsWordsAndBoxesFromTextLayer) {
  std::string bytes = ReadFixture("text-layer.pdf");
  auto doc = Open(bytes);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ((*doc)->page_count(), 1);
  auto page = (*doc)->ReadTextLayer(0);
  ASSERT_TRUE(page.ok());
  EXPECT_NEAR(page->width, 595.3, 0.5);
  EXPECT_NEAR(page->height, 841.9, 0.5);
  EXPECT_NE(AllText(*page).find("4500012345"), std::string::npos);
  // "BON" is drawn at x=72pt, baseline 800pt from the bottom: 42pt from the top.
  const Word& first = page->words.front();
  EXPECT_EQ(first.text, "BON");
  EXPECT_NEAR(first.box.x0, 72, 1.5);
  EXPECT_GT(first.box.y1, 30);
  EXPECT_LT(first.box.y0, 45);
  EXPECT_EQ(first.line, 0);
  EXPECT_EQ(page->words.back().line, 4);
}

TEST(PdfDocument, RotatedPageGivesUprightSizeAndBoxes) {
  std::string bytes = ReadFixture("rotated-90.pdf");
  auto doc = Open(bytes);
  ASSERT_TRUE(doc.ok());
  auto page = (*doc)->ReadTextLayer(0);
  ASSERT_TRUE(page.ok());
  // The media box is landscape and /Rotate 90 turns it: a person sees a portrait page.
  EXPECT_NEAR(page->width, 595.3, 0.5);
  EXPECT_NEAR(page->height, 841.9, 0.5);
  EXPECT_EQ(page->rotation, 90);
  EXPECT_NE(AllText(*page).find("4500012345"), std::string::npos);
  for (const Word& w : page->words) {
    EXPECT_GE(w.box.x0, -1);
    EXPECT_LE(w.box.x1, page->width + 1);
    EXPECT_LE(w.box.y1, page->height + 1);
  }
}

TEST(PdfDocument, ImageOnlyPageHasNoTextLayerAndRendersAtRequestedDpi) {
  std::string bytes = ReadFixture("image-only.pdf");
  auto doc = Open(bytes);
  ASSERT_TRUE(doc.ok());
  auto layer = (*doc)->ReadTextLayer(0);
  ASSERT_TRUE(layer.ok());
  EXPECT_TRUE(layer->words.empty());
  auto image = (*doc)->RenderPage(0, 150);
  ASSERT_TRUE(image.ok());
  EXPECT_EQ(pixGetDepth(image->pix.get()), 8);
  EXPECT_NEAR(pixGetWidth(image->pix.get()), 8.27 * 150, 3);
}

TEST(PdfDocument, MixedPdfHasTextOnFirstPageOnly) {
  std::string bytes = ReadFixture("mixed-text-and-scan.pdf");
  auto doc = Open(bytes);
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ((*doc)->page_count(), 2);
  EXPECT_FALSE((*doc)->ReadTextLayer(0)->words.empty());
  EXPECT_TRUE((*doc)->ReadTextLayer(1)->words.empty());
}

TEST(PdfDocument, RefusesPasswordProtectedPdf) {
  auto doc = Open(ReadFixture("password-is-test.pdf"));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("password"), std::string::npos);
}

TEST(PdfDocument, RefusesTruncatedPdf) {
  auto doc = Open(ReadFixture("truncated.pdf"));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("truncated"), std::string::npos);
}

TEST(PdfDocument, RefusesCorruptPdf) {
  auto doc = Open(ReadFixture("corrupt.pdf"));
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("corrupt"), std::string::npos);
}

TEST(PdfDocument, RefusesMorePagesThanTheLimit) {
  IntakeLimits limits;
  limits.max_pages = 2;
  auto doc = Open(ReadFixture("three-pages.pdf"), limits);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(doc.status().message().find("3 pages"), std::string::npos);
}

TEST(ImageDocument, ReadsMultiPageG4Tiff) {
  std::string bytes = ReadFixture("two-pages-g4.tif");
  auto doc = Open(bytes);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  ASSERT_EQ((*doc)->page_count(), 2);
  auto page = (*doc)->RenderPage(1, 300);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->dpi, 200);
  EXPECT_EQ(pixGetDepth(page->pix.get()), 8);
}

TEST(ImageDocument, KeepsResolutionFromPngAndJpeg) {
  for (const char* name : {"scan-200dpi.png", "scan-200dpi.jpg"}) {
    std::string bytes = ReadFixture(name);
    auto doc = Open(bytes);
    ASSERT_TRUE(doc.ok()) << name;
    auto page = (*doc)->RenderPage(0, 300);
    ASSERT_TRUE(page.ok()) << name;
    EXPECT_EQ(page->dpi, 200) << name;
  }
}

TEST(ImageDocument, RefusesDecompressionBombBeforeDecoding) {
  auto doc = Open(ReadFixture("bomb-30000x30000.png"));
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(doc.status().message().find("30000x30000"), std::string::npos);
}

TEST(ImageDocument, RefusesTruncatedImages) {
  for (const char* name : {"truncated.png", "truncated.jpg"}) {
    std::string bytes = ReadFixture(name);
    auto doc = Open(bytes);
    Status status = doc.ok() ? (*doc)->RenderPage(0, 300).status() : doc.status();
    ASSERT_FALSE(status.ok()) << name;
    EXPECT_TRUE(status.message().find("truncated") != std::string::npos ||
                status.message().find("corrupt") != std::string::npos)
        << name << ": " << status.message();
  }
}

}  // namespace
}  // namespace quai
