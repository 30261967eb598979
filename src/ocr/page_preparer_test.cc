#include "ocr/page_preparer.h"

#include <gtest/gtest.h>

#include <cmath>

#include "ocr/fake_ocr_engine.h"

namespace quai {
namespace {

constexpr int kDpi = 300;

// A white page with rows of small black "letters" (4x12 bars, 4 px apart), like text.
PixPtr TextLikePage(int width = 1200, int height = 1600) {
  PixPtr pix(pixCreate(width, height, 8));
  pixSetAll(pix.get());  // white
  for (int y = 100; y < height - 100; y += 40)
    for (int x = 100; x < width - 100; x += 8)
      if ((x / 8) % 7 != 0) pixRasterop(pix.get(), x, y, 4, 12, PIX_CLR, nullptr, 0, 0);
  return pix;
}

int CountDark(Pix* gray) {
  PixPtr binary(pixThresholdToBinary(gray, 128));
  l_int32 count = 0;
  pixCountPixels(binary.get(), &count, nullptr);
  return count;
}

TEST(PagePreparer, FindsTiltOfFiveDegrees) {
  PixPtr page = TextLikePage();
  PixPtr tilted = RotateByDegrees(page.get(), 5.0);
  double found = FindSkewDegrees(tilted.get());
  EXPECT_NEAR(found, -5.0, 0.3);
}

TEST(PagePreparer, FindsTiltOfTenDegreesTheOtherWay) {
  PixPtr page = TextLikePage();
  PixPtr tilted = RotateByDegrees(page.get(), -10.0);
  EXPECT_NEAR(FindSkewDegrees(tilted.get()), 10.0, 0.3);
}

TEST(PagePreparer, StraightPageNeedsNoRotation) {
  PixPtr page = TextLikePage();
  EXPECT_EQ(FindSkewDegrees(page.get()), 0.0);
}

TEST(PagePreparer, RemovesSolidAndDottedRulesButKeepsText) {
  PixPtr page = TextLikePage();
  int text_pixels = CountDark(page.get());
  // A solid horizontal rule, a vertical rule, and a dotted rule (2x2 dots every 8 px).
  pixRasterop(page.get(), 50, 90, 1100, 3, PIX_CLR, nullptr, 0, 0);
  pixRasterop(page.get(), 60, 50, 3, 1500, PIX_CLR, nullptr, 0, 0);
  for (int x = 50; x < 1150; x += 8) pixRasterop(page.get(), x, 130, 2, 2, PIX_CLR, nullptr, 0, 0);
  ASSERT_GT(CountDark(page.get()), text_pixels + 3000);
  PixPtr cleaned = RemoveTableLines(page.get(), kDpi);
  ASSERT_TRUE(cleaned);
  int left = CountDark(cleaned.get());
  // The rules are gone (within the text they crossed) and the text is kept.
  EXPECT_LT(left, text_pixels + 200);
  EXPECT_GT(left, text_pixels * 0.93);
}

TEST(PagePreparer, AppliesConfidentOrientationAndRecordsIt) {
  FakeOcrEngine engine;
  engine.orientation = {90, 5.0};
  PageImage page{TextLikePage(1200, 1600), kDpi};
  PagePreparation preparation;
  preparation.deskew = false;
  auto prepared = PreparePage(page, &engine, preparation);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->rotation, 270);
  EXPECT_EQ(pixGetWidth(prepared->image.pix.get()), 1600);
  EXPECT_EQ(prepared->uncertain_rotation, 0);
}

TEST(PagePreparer, SuggestsButDoesNotApplyWeakOrientation) {
  FakeOcrEngine engine;
  engine.orientation = {180, 0.8};
  PageImage page{TextLikePage(), kDpi};
  auto prepared = PreparePage(page, &engine, PagePreparation{});
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->rotation, 0);
  EXPECT_EQ(prepared->uncertain_rotation, 180);
}

}  // namespace
}  // namespace quai
