// The odd-but-valid and hostile files of tests/fixtures/hostile/ (made by
// make_hostile.py; README there): every image a library decodes is accepted
// with its real size, what is missing is refused naming the cause, and a PDF
// is refused only when poppler cannot open it. The two hostile files that hang
// by design (deep-form-fields.pdf, shared-unnamed-field.pdf, bomb_giant.pdf,
// image-bomb.png) are not opened here.
#include <gtest/gtest.h>

#include "fixtures/fixtures.h"
#include "intake/source_document.h"
#include "intake/type_sniffer.h"

namespace quai {
namespace {

std::string Hostile(const std::string& name) { return testing::ReadFixture("hostile/" + name); }

// The document reads from `bytes`, which must outlive it.
Result<std::unique_ptr<SourceDocument>> Open(const std::string& bytes, IntakeLimits limits = {}) {
  return OpenSourceDocument(bytes, SniffMediaType(bytes), limits, 300);
}

std::string AllText(const TextLayerPage& page) {
  std::string text;
  for (const Word& w : page.words) text += w.text + " ";
  return text;
}

// Dark pixels where make_hostile.py drew its frame (row 4) and white inside (row 34),
// so a decoder that returns the right size but garbage fails too.
void ExpectTheDrawnScan(const PageImage& page, const std::string& name) {
  Pix* pix = page.pix.get();
  ASSERT_EQ(pixGetDepth(pix), 8) << name;
  l_uint32 frame = 0, inside = 0;
  pixGetPixel(pix, 120, 4, &frame);
  pixGetPixel(pix, 120, 34, &inside);
  EXPECT_LT(frame, 100u) << name;
  EXPECT_GT(inside, 200u) << name;
}

TEST(HostileFiles, EveryTiffLayoutLibtiffReadsDecodesWithItsSize) {
  for (const char* name : {"tiled.tif", "planar.tif", "16bit-rgb.tif", "cmyk.tif", "old-jpeg.tif", "webp.tif",
                           "bigtiff.tif"}) {
    std::string bytes = Hostile(name);
    ASSERT_EQ(SniffMediaType(bytes), MediaType::kTiff) << name;
    auto document = Open(bytes);
    ASSERT_TRUE(document.ok()) << name << ": " << document.status().message();
    ASSERT_EQ((*document)->page_count(), 1) << name;
    auto page = (*document)->RenderPage(0, 300);
    ASSERT_TRUE(page.ok()) << name << ": " << page.status().message();
    EXPECT_EQ(pixGetWidth(page->pix.get()), 240) << name;
    EXPECT_EQ(pixGetHeight(page->pix.get()), 160) << name;
    ExpectTheDrawnScan(*page, name);
  }
}

TEST(HostileFiles, TruncatedTiffIsRefusedWithLibtiffsReason) {
  // tiffcp writes the directory last: cut short, the file has none, and libtiff says so.
  std::string tiled = Hostile("tiled.tif");
  std::string no_directory = tiled.substr(0, tiled.size() * 3 / 5);
  auto document = Open(no_directory);
  ASSERT_FALSE(document.ok());
  EXPECT_NE(document.status().message().find("corrupt TIFF image (TIFFReadDirectory: "), std::string::npos)
      << document.status().message();
  // old-jpeg.tif has its directory first: cut short, it opens and its page cannot be decoded.
  std::string old_jpeg = Hostile("old-jpeg.tif");
  std::string no_data = old_jpeg.substr(0, old_jpeg.size() / 2);
  auto opened = Open(no_data);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  auto page = (*opened)->RenderPage(0, 300);
  ASSERT_FALSE(page.ok());
  EXPECT_NE(page.status().message().find("truncated TIFF image (page 1: "), std::string::npos)
      << page.status().message();
  EXPECT_NE(page.status().message().find("remature end"), std::string::npos) << page.status().message();
}

TEST(HostileFiles, TiffResolutionIsKeptThroughLibtiff) {
  std::string bytes = Hostile("tiled.tif");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok());
  auto page = (*document)->RenderPage(0, 300);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->dpi, 200);
}

TEST(HostileFiles, TiffPixelLimitIsCheckedBeforeDecoding) {
  IntakeLimits limits;
  limits.max_page_pixels = 240 * 160 - 1;
  std::string bytes = Hostile("bigtiff.tif");
  auto document = Open(bytes, limits);
  ASSERT_FALSE(document.ok());
  EXPECT_EQ(document.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(document.status().message().find("240x160"), std::string::npos) << document.status().message();
}

TEST(HostileFiles, JpegWithExtraneousBytesBeforeAMarkerOpens) {
  std::string bytes = Hostile("extraneous-bytes.jpg");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok()) << document.status().message();
  auto page = (*document)->RenderPage(0, 300);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(pixGetWidth(page->pix.get()), 240);
  EXPECT_EQ(page->dpi, 200);
  ExpectTheDrawnScan(*page, "extraneous-bytes.jpg");
}

TEST(HostileFiles, JpegWithACorruptBandLibjpegResyncsPastOpens) {
  std::string bytes = Hostile("corrupt-band.jpg");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok()) << document.status().message();
  auto page = (*document)->RenderPage(0, 300);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_EQ(pixGetWidth(page->pix.get()), 240);
  EXPECT_EQ(pixGetHeight(page->pix.get()), 160);
}

TEST(HostileFiles, TruncatedJpegIsRefusedAsTruncated) {
  for (const char* name : {"hostile/truncated-scan.jpg", "truncated.jpg"}) {
    std::string bytes = testing::ReadFixture(name);
    auto document = Open(bytes);
    Status status = document.ok() ? (*document)->RenderPage(0, 300).status() : document.status();
    ASSERT_FALSE(status.ok()) << name;
    EXPECT_NE(status.message().find("truncated JPEG image"), std::string::npos) << name << ": " << status.message();
    EXPECT_NE(status.message().find("Premature end"), std::string::npos) << name << ": " << status.message();
  }
}

TEST(HostileFiles, PdfWithoutEndOfFileMarkerOpensAndReads) {
  std::string bytes = Hostile("no-eof-marker.pdf");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok()) << document.status().message();
  auto page = (*document)->ReadTextLayer(0);
  ASSERT_TRUE(page.ok());
  EXPECT_NE(AllText(*page).find("4500012345"), std::string::npos) << AllText(*page);
}

TEST(HostileFiles, BadPageInThePageTreeIsThatPagesErrorAlone) {
  // Kids: page 1, a font where page 2 should be, page 3, a bare number for page 4.
  std::string bytes = Hostile("bad-page-in-tree.pdf");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok()) << document.status().message();
  ASSERT_EQ((*document)->page_count(), 4);
  auto first = (*document)->ReadTextLayer(0);
  ASSERT_TRUE(first.ok()) << first.status().message();
  EXPECT_NE(AllText(*first).find("4500012345"), std::string::npos);
  auto third = (*document)->ReadTextLayer(2);
  ASSERT_TRUE(third.ok()) << third.status().message();
  EXPECT_NE(AllText(*third).find("2024-0042"), std::string::npos) << AllText(*third);
  // Poppler shows the font as a blank page (read by OCR), and cannot read page 4 at all.
  auto blank = (*document)->ReadTextLayer(1);
  ASSERT_TRUE(blank.ok()) << blank.status().message();
  EXPECT_TRUE(blank->words.empty());
  auto broken = (*document)->ReadTextLayer(3);
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().message(), "page 4 cannot be read (a broken object in the PDF's page tree)");
  auto render = (*document)->RenderPage(3, 150);
  ASSERT_FALSE(render.ok());
  EXPECT_NE(render.status().message().find("page 4"), std::string::npos) << render.status().message();
}

TEST(HostileFiles, PdfHeaderAfterJunkOrMissingIsStillAPdf) {
  for (const char* name : {"junk-before-header.pdf", "no-header.pdf"}) {
    std::string bytes = Hostile(name);
    EXPECT_EQ(SniffMediaType(bytes), MediaType::kPdf) << name;
    auto document = Open(bytes);
    ASSERT_TRUE(document.ok()) << name << ": " << document.status().message();
    auto page = (*document)->ReadTextLayer(0);
    ASSERT_TRUE(page.ok()) << name;
    EXPECT_NE(AllText(*page).find("4500012345"), std::string::npos) << name;
  }
}

TEST(HostileFiles, BornDigitalPageWithAHugeMediaBoxGivesItsTextAndIsNotRendered) {
  std::string bytes = Hostile("huge-media-box.pdf");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok()) << document.status().message();
  auto page = (*document)->ReadTextLayer(0);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_NEAR(page->width, 14400, 1);
  EXPECT_NE(AllText(*page).find("LIEFERSCHEIN"), std::string::npos) << AllText(*page);
  // Rendering it at 300 dpi would be 3,600 megapixels: refused, naming the page.
  auto image = (*document)->RenderPage(0, 300);
  ASSERT_FALSE(image.ok());
  EXPECT_EQ(image.status().code(), StatusCode::kLimitExceeded);
  EXPECT_NE(image.status().message().find("page 1 would be 3600 megapixels"), std::string::npos)
      << image.status().message();
}

TEST(HostileFiles, PageALittleOverThePixelLimitIsRenderedAtTheResolutionThatFits) {
  // A4 at 300 dpi is 8.7 megapixels; with a limit of 7 it fits at 268 dpi.
  std::string bytes = testing::ReadFixture("image-only.pdf");
  IntakeLimits limits;
  limits.max_page_pixels = 7'000'000;
  auto document = Open(bytes, limits);
  ASSERT_TRUE(document.ok()) << document.status().message();
  auto page = (*document)->RenderPage(0, 300);
  ASSERT_TRUE(page.ok()) << page.status().message();
  EXPECT_LT(page->dpi, 300);
  EXPECT_GE(page->dpi, 250);
  EXPECT_LE(int64_t{pixGetWidth(page->pix.get())} * pixGetHeight(page->pix.get()), limits.max_page_pixels);
  EXPECT_NEAR(pixGetWidth(page->pix.get()), 8.27 * page->dpi, 3);
  // Far over (a limit of 4 would need 202 dpi): refused, naming the page and both resolutions.
  limits.max_page_pixels = 4'000'000;
  auto small = Open(bytes, limits);
  ASSERT_TRUE(small.ok());
  auto refused = (*small)->RenderPage(0, 300);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(refused.status().message(),
            "page 1 would be 8 megapixels at 300 dpi (6 at 250 dpi), over the limit of 4 megapixels");
}

TEST(HostileFiles, ATableOfContentsWithLeaderDotsKeepsItsTextLayer) {
  // 429 words of which 400 are dots: the layer is real, and OCR would only read it worse.
  std::string bytes = Hostile("leader-dots-contents.pdf");
  auto document = Open(bytes);
  ASSERT_TRUE(document.ok()) << document.status().message();
  auto page = (*document)->ReadTextLayer(0);
  ASSERT_TRUE(page.ok());
  EXPECT_GT(page->words.size(), 400u);
  EXPECT_NE(AllText(*page).find("Research question"), std::string::npos);
}

TEST(HostileFiles, TheHostileFilesAreRecognisedWithoutBeingParsed) {
  // Opening them is the isolation work's test (they hang by design); here only that they exist and sniff.
  for (const char* name : {"deep-form-fields.pdf", "shared-unnamed-field.pdf"}) {
    std::string form = Hostile(name);
    EXPECT_LT(form.size(), 4096u) << name;
    EXPECT_EQ(SniffMediaType(form), MediaType::kPdf) << name;
  }
  std::string giant = Hostile("bomb_giant.pdf");
  EXPECT_EQ(giant.size(), 123242u);
  EXPECT_EQ(SniffMediaType(giant), MediaType::kPdf);
  std::string bomb = Hostile("image-bomb.png");
  EXPECT_LT(bomb.size(), 160u * 1024);
  EXPECT_EQ(SniffMediaType(bomb), MediaType::kPng);
}

}  // namespace
}  // namespace quai
