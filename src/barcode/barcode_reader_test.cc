#include "barcode/barcode_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "barcode/barcode_test_images.h"
#include "barcode/gs1.h"
#include "fixtures/fixtures.h"

namespace quai {
namespace {

namespace bt = barcode_testing;

constexpr int kDpi = 300;
constexpr double kPointsPerPixel = 72.0 / kDpi;
constexpr double kBoxTolerancePoints = 4.0;  // about 1.4 mm: blur, skew and the module grid
const std::string GS(1, kGs1Separator);

// SSCC, GTIN, expiry, lot: what a pallet label's GS1-128 carries.
const std::string kLabelData = "00106141411234567897" + GS + "0103453120000011" "17270331" "10ABC123";
const std::string kPackData = "0103453120000011" "17270300" "10LOT-7" + GS + "21S1234";

PageImage Page(PixPtr pix) {
  PageImage page;
  page.pix = std::move(pix);
  page.dpi = kDpi;
  return page;
}

std::vector<Barcode> ReadOk(const PageImage& page) {
  Result<std::vector<Barcode>> barcodes = ReadBarcodes(page);
  EXPECT_TRUE(barcodes.ok()) << barcodes.status().ToString();
  return barcodes.ok() ? barcodes.value() : std::vector<Barcode>{};
}

void ExpectBoxNear(const Box& box, const PixelRect& drawn) {
  EXPECT_NEAR(box.x0, drawn.x * kPointsPerPixel, kBoxTolerancePoints);
  EXPECT_NEAR(box.y0, drawn.y * kPointsPerPixel, kBoxTolerancePoints);
  EXPECT_NEAR(box.x1, drawn.right() * kPointsPerPixel, kBoxTolerancePoints);
  EXPECT_NEAR(box.y1, drawn.bottom() * kPointsPerPixel, kBoxTolerancePoints);
}

TEST(BarcodeTestImages, DataMatrixEncoderMatchesZxingWriterOnDigits) {
  // For digits zxing-cpp's writer uses ASCII encodation too, so every module must agree.
  // (Lengths chosen so that zxing-cpp picks a square symbol, the only shape ours makes.)
  for (const char* digits : {"12345", "0112345678901231", "010345312000001117270331",
                             "010345312000001117270331112503141026"}) {
    const bt::Modules ours = bt::DataMatrix(digits, /*gs1=*/false);
    const bt::Modules zxing = bt::ZxingDataMatrix(digits);
    ASSERT_EQ(ours.width, zxing.width) << digits;
    ASSERT_EQ(ours.height, zxing.height) << digits;
    EXPECT_EQ(ours.dark, zxing.dark) << digits;
  }
}

TEST(BarcodeTestImages, Gs1DataMatrixEncoderMakesReadableSymbols) {
  PixPtr page = bt::BlankPage(600, 600);
  bt::Draw(bt::DataMatrix(kPackData, /*gs1=*/true), 8, 0, 200, 200, page.get());
  std::vector<Barcode> barcodes = ReadOk(Page(std::move(page)));
  ASSERT_EQ(barcodes.size(), 1u);
  EXPECT_EQ(barcodes[0].text, kPackData);
  EXPECT_TRUE(barcodes[0].gs1);
}

TEST(BarcodeReader, ReadsGs1_128OnSkewedBlurredScan) {
  PixPtr page = bt::BlankPage();
  bt::DrawTextLines(150, 150, 2100, 8, page.get());
  const PixelRect drawn = bt::Draw(bt::Code128(kLabelData, /*gs1=*/true), 3, 180, 1100, 700, page.get());
  bt::DrawTextLines(150, 1000, 2100, 20, page.get());
  const PixelRect expected = bt::AfterScan(drawn, page.get(), 2.0);

  std::vector<Barcode> barcodes = ReadOk(Page(bt::Scan(page.get(), 2.0)));
  ASSERT_EQ(barcodes.size(), 1u);
  EXPECT_EQ(barcodes[0].format, "Code128");
  EXPECT_TRUE(barcodes[0].gs1);
  EXPECT_EQ(barcodes[0].text, kLabelData);
  ExpectBoxNear(barcodes[0].box, expected);

  Result<std::vector<Gs1Element>> elements = ParseGs1(barcodes[0].text, 2026);
  ASSERT_TRUE(elements.ok()) << elements.status().ToString();
  ASSERT_EQ(elements->size(), 4u);
  EXPECT_EQ(elements->at(2).normalised, "2027-03-31");
}

TEST(BarcodeReader, ReadsGs1DataMatrixOnSkewedBlurredScan) {
  PixPtr page = bt::BlankPage();
  bt::DrawTextLines(150, 150, 2100, 30, page.get());
  const bt::Modules symbol = bt::DataMatrix(kPackData, /*gs1=*/true);
  ASSERT_GT(symbol.width, 0);
  const PixelRect drawn = bt::Draw(symbol, 6, 0, 1900, 2900, page.get());  // bottom right corner
  const PixelRect expected = bt::AfterScan(drawn, page.get(), -2.0);

  std::vector<Barcode> barcodes = ReadOk(Page(bt::Scan(page.get(), -2.0)));
  ASSERT_EQ(barcodes.size(), 1u);
  EXPECT_EQ(barcodes[0].format, "DataMatrix");
  EXPECT_TRUE(barcodes[0].gs1);
  EXPECT_EQ(barcodes[0].text, kPackData);
  ExpectBoxNear(barcodes[0].box, expected);
}

TEST(BarcodeReader, ReadsQrCodeAsPlainText) {
  PixPtr page = bt::BlankPage();
  const std::string url = "https://supplier.example/invoice/2026-0042";
  const PixelRect drawn = bt::Draw(bt::QrCode(url), 5, 0, 300, 300, page.get());
  const PixelRect expected = bt::AfterScan(drawn, page.get(), 1.0);

  std::vector<Barcode> barcodes = ReadOk(Page(bt::Scan(page.get(), 1.0)));
  ASSERT_EQ(barcodes.size(), 1u);
  EXPECT_EQ(barcodes[0].format, "QRCode");
  EXPECT_FALSE(barcodes[0].gs1);
  EXPECT_EQ(barcodes[0].text, url);
  ExpectBoxNear(barcodes[0].box, expected);
}

TEST(BarcodeReader, FindsNothingOnPageWithoutBarcode) {
  PixPtr page = bt::BlankPage();
  bt::DrawTextLines(150, 150, 2100, 60, page.get());
  EXPECT_TRUE(ReadOk(Page(bt::Scan(page.get(), 0.5))).empty());
  EXPECT_TRUE(ReadOk(Page(bt::BlankPage())).empty());
}

TEST(BarcodeReader, FindsNothingOnARealTextPage) {
  PageImage page;
  page.pix.reset(pixRead(testing::FixturePath("barcodes/delivery-note-text-300dpi.png").c_str()));
  ASSERT_NE(page.pix, nullptr);
  page.dpi = kDpi;
  EXPECT_TRUE(ReadOk(page).empty());
}

TEST(BarcodeReader, ReadsEveryBarcodeOnAPageInReadingOrder) {
  PixPtr page = bt::BlankPage();
  bt::DrawTextLines(150, 900, 2100, 20, page.get());
  const PixelRect linear = bt::Draw(bt::Code128(kLabelData, true), 3, 150, 200, 300, page.get());
  const PixelRect matrix = bt::Draw(bt::DataMatrix(kPackData, true), 5, 0, 1800, 2600, page.get());

  std::vector<Barcode> barcodes = ReadOk(Page(bt::Scan(page.get(), 0.0)));
  ASSERT_EQ(barcodes.size(), 2u);
  EXPECT_EQ(barcodes[0].format, "Code128");
  EXPECT_EQ(barcodes[0].text, kLabelData);
  ExpectBoxNear(barcodes[0].box, linear);
  EXPECT_EQ(barcodes[1].format, "DataMatrix");
  EXPECT_EQ(barcodes[1].text, kPackData);
  ExpectBoxNear(barcodes[1].box, matrix);
}

// zxing-cpp 1.4.0 aborts the process when one image holds two linear symbols with the
// same text; labels often repeat their SSCC.
TEST(BarcodeReader, ReadsBothCopiesOfARepeatedBarcode) {
  PixPtr page = bt::BlankPage();
  const bt::Modules symbol = bt::Code128("00106141411234567897", true);
  const PixelRect upper = bt::Draw(symbol, 3, 150, 300, 400, page.get());
  const PixelRect lower = bt::Draw(symbol, 3, 150, 300, 620, page.get());  // same label region
  const PixelRect far = bt::Draw(symbol, 3, 150, 1500, 3000, page.get());

  std::vector<Barcode> barcodes = ReadOk(Page(bt::Scan(page.get(), 0.0)));
  ASSERT_EQ(barcodes.size(), 3u);
  for (const Barcode& barcode : barcodes) EXPECT_EQ(barcode.text, "00106141411234567897");
  ExpectBoxNear(barcodes[0].box, upper);
  ExpectBoxNear(barcodes[1].box, lower);
  ExpectBoxNear(barcodes[2].box, far);
}

TEST(BarcodeReader, ReadsBarcodeTurnedOnItsSide) {
  PixPtr page = bt::BlankPage();
  PixPtr symbol_page = bt::BlankPage(1300, 300);
  bt::Draw(bt::Code128(kLabelData, true), 3, 150, 20, 60, symbol_page.get());
  PixPtr turned(pixRotate90(symbol_page.get(), 1));
  pixRasterop(page.get(), 2000, 1000, pixGetWidth(turned.get()), pixGetHeight(turned.get()), PIX_SRC,
              turned.get(), 0, 0);

  std::vector<Barcode> barcodes = ReadOk(Page(bt::Scan(page.get(), 0.0)));
  ASSERT_EQ(barcodes.size(), 1u);
  EXPECT_EQ(barcodes[0].text, kLabelData);
  EXPECT_GT(barcodes[0].box.y1 - barcodes[0].box.y0, barcodes[0].box.x1 - barcodes[0].box.x0);
}

TEST(BarcodeReader, AcceptsPagesOfOtherDepthsAndResolutions) {
  PixPtr page = bt::BlankPage(1240, 1754);  // A4 at 150 dpi
  const PixelRect drawn = bt::Draw(bt::Code128(kLabelData, true), 2, 90, 300, 300, page.get());
  PageImage binary;
  binary.pix.reset(pixThresholdToBinary(page.get(), 128));
  binary.dpi = 150;

  std::vector<Barcode> barcodes = ReadOk(binary);
  ASSERT_EQ(barcodes.size(), 1u);
  EXPECT_EQ(barcodes[0].text, kLabelData);
  EXPECT_NEAR(barcodes[0].box.x0, drawn.x * 72.0 / 150, kBoxTolerancePoints);
  EXPECT_NEAR(barcodes[0].box.y1, drawn.bottom() * 72.0 / 150, kBoxTolerancePoints);
}

TEST(BarcodeReader, ReadsPagesFromSeveralThreadsAtOnce) {
  PixPtr pix = bt::BlankPage();
  bt::Draw(bt::Code128(kLabelData, true), 3, 150, 200, 300, pix.get());
  bt::Draw(bt::DataMatrix(kPackData, true), 5, 0, 1800, 2600, pix.get());
  const PageImage page = Page(bt::Scan(pix.get(), 1.0));
  std::vector<std::thread> threads;
  std::vector<size_t> counts(4, 0);
  for (size_t t = 0; t < counts.size(); ++t) {
    threads.emplace_back([&page, &counts, t] {
      for (int i = 0; i < 3; ++i) {
        Result<std::vector<Barcode>> barcodes = ReadBarcodes(page);
        counts[t] += barcodes.ok() ? barcodes->size() : 0;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t count : counts) EXPECT_EQ(count, 6u);
}

TEST(BarcodeReader, RefusesPageWithoutImageOrResolution) {
  PageImage empty;
  EXPECT_EQ(ReadBarcodes(empty).status().code(), StatusCode::kInvalidArgument);
  PageImage no_dpi = Page(bt::BlankPage(100, 100));
  no_dpi.dpi = 0;
  EXPECT_EQ(ReadBarcodes(no_dpi).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quai
