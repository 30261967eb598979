#include "barcode/barcode_regions.h"

#include <gtest/gtest.h>

#include <string>

#include "barcode/barcode_test_images.h"
#include "fixtures/fixtures.h"

namespace quai {
namespace {

namespace bt = barcode_testing;

bool Contains(const PixelRect& outer, const PixelRect& inner) {
  return outer.x <= inner.x && outer.y <= inner.y && outer.right() >= inner.right() &&
         outer.bottom() >= inner.bottom();
}

const BarcodeRegion* RegionAround(const std::vector<BarcodeRegion>& regions, const PixelRect& symbol) {
  for (const BarcodeRegion& region : regions) {
    if (Contains(region.rect, symbol)) return &region;
  }
  return nullptr;
}

TEST(BarcodeRegions, ProposesFewSmallRegionsOnARealTextPage) {
  PixPtr page(pixRead(testing::FixturePath("barcodes/delivery-note-text-300dpi.png").c_str()));
  ASSERT_NE(page, nullptr);
  PixPtr gray(pixConvertTo8(page.get(), 0));
  const std::vector<BarcodeRegion> regions = FindBarcodeRegions(gray.get(), 300);
  double area = 0;
  for (const BarcodeRegion& region : regions) area += static_cast<double>(region.rect.width) * region.rect.height;
  EXPECT_LE(regions.size(), 15u);
  EXPECT_LE(area / (2480.0 * 3508.0), 0.03);
}

TEST(BarcodeRegions, ProposesNothingOnABlankPage) {
  PixPtr page = bt::BlankPage();
  EXPECT_TRUE(FindBarcodeRegions(page.get(), 300).empty());
}

TEST(BarcodeRegions, ProposesARegionAroundEachSymbolWithItsQuietZone) {
  PixPtr page = bt::BlankPage();
  bt::DrawTextLines(150, 1200, 2100, 20, page.get());
  const PixelRect linear = bt::Draw(bt::Code128("00106141411234567897", true), 3, 150, 300, 300, page.get());
  const PixelRect matrix = bt::Draw(bt::DataMatrix("0103453120000011", true), 5, 0, 1900, 300, page.get());
  const PixelRect qr = bt::Draw(bt::QrCode("https://example.com/quai"), 4, 0, 1200, 2900, page.get());
  PixPtr scan = bt::Scan(page.get(), 1.0);
  const std::vector<BarcodeRegion> regions = FindBarcodeRegions(scan.get(), 300);

  const int quiet = 30;  // a little under 3 mm at 300 dpi, after the 1-degree turn
  for (PixelRect symbol : {linear, matrix, qr}) {
    const PixelRect turned = bt::AfterScan(symbol, page.get(), 1.0);
    const PixelRect with_quiet_zone{turned.x - quiet, turned.y - quiet, turned.width + 2 * quiet,
                                    turned.height + 2 * quiet};
    EXPECT_NE(RegionAround(regions, with_quiet_zone), nullptr) << "symbol at " << symbol.x << "," << symbol.y;
  }
  const BarcodeRegion* bars = RegionAround(regions, bt::AfterScan(linear, page.get(), 1.0));
  ASSERT_NE(bars, nullptr);
  EXPECT_TRUE(bars->upright_bars);
  EXPECT_FALSE(bars->sideways_bars);
}

TEST(BarcodeRegions, TellsSidewaysBarsFromUprightOnes) {
  PixPtr strip = bt::BlankPage(700, 300);
  bt::Draw(bt::Code128("0103453120000011", true), 3, 150, 40, 60, strip.get());
  PixPtr turned(pixRotate90(strip.get(), 1));
  PixPtr page = bt::BlankPage();
  pixRasterop(page.get(), 1000, 1000, pixGetWidth(turned.get()), pixGetHeight(turned.get()), PIX_SRC, turned.get(), 0,
              0);
  const std::vector<BarcodeRegion> regions = FindBarcodeRegions(page.get(), 300);
  ASSERT_EQ(regions.size(), 1u);
  EXPECT_TRUE(regions[0].sideways_bars);
  EXPECT_FALSE(regions[0].upright_bars);
}

TEST(BarcodeRegions, IgnoresRuledLinesAndSolidBlocks) {
  PixPtr page = bt::BlankPage();
  for (int x = 200; x < 2200; x += 300) {  // a table's vertical rules
    for (int y = 300; y < 1500; ++y) pixSetPixel(page.get(), x, y, 0), pixSetPixel(page.get(), x + 1, y, 0);
  }
  for (int y = 300; y < 1500; y += 60) {  // and its horizontal ones
    for (int x = 200; x < 2200; ++x) pixSetPixel(page.get(), x, y, 0), pixSetPixel(page.get(), x, y + 1, 0);
  }
  BOX* logo = boxCreate(300, 2000, 600, 300);
  pixSetInRectArbitrary(page.get(), logo, 0);
  boxDestroy(&logo);
  EXPECT_TRUE(FindBarcodeRegions(page.get(), 300).empty());
}

}  // namespace
}  // namespace quai
