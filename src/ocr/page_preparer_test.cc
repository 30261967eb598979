#include "ocr/page_preparer.h"

#include <gtest/gtest.h>

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

double SkewOf(Pix* gray) {
  PixPtr binary = Threshold(gray);
  return FindSkewDegrees(binary.get());
}

TEST(PagePreparer, FindsTiltOfFiveDegrees) {
  PixPtr page = TextLikePage();
  PixPtr tilted = RotateByDegrees(page.get(), 5.0);
  EXPECT_NEAR(SkewOf(tilted.get()), -5.0, 0.3);
}

TEST(PagePreparer, FindsTiltOfTenDegreesTheOtherWay) {
  PixPtr page = TextLikePage();
  PixPtr tilted = RotateByDegrees(page.get(), -10.0);
  EXPECT_NEAR(SkewOf(tilted.get()), 10.0, 0.3);
}

TEST(PagePreparer, StraightPageNeedsNoRotation) {
  PixPtr page = TextLikePage();
  EXPECT_EQ(SkewOf(page.get()), 0.0);
}

TEST(PagePreparer, StraightensATiltedPage) {
  PixPtr tilted = RotateByDegrees(TextLikePage().get(), 3.0);
  PageImage page{std::move(tilted), kDpi};
  PagePreparation preparation;
  preparation.remove_lines = false;
  auto prepared = PreparePage(page, preparation, 0);
  ASSERT_TRUE(prepared.ok());
  EXPECT_NEAR(prepared->skew_degrees, -3.0, 0.3);
  EXPECT_EQ(SkewOf(prepared->image.pix.get()), 0.0);
}

TEST(PagePreparer, RemovesSolidAndDottedRulesButKeepsText) {
  PixPtr page = TextLikePage();
  int text_pixels = CountDark(page.get());
  // A solid horizontal rule, a vertical rule, and a dotted rule (2x2 dots every 8 px).
  pixRasterop(page.get(), 50, 90, 1100, 3, PIX_CLR, nullptr, 0, 0);
  pixRasterop(page.get(), 60, 50, 3, 1500, PIX_CLR, nullptr, 0, 0);
  for (int x = 50; x < 1150; x += 8) pixRasterop(page.get(), x, 130, 2, 2, PIX_CLR, nullptr, 0, 0);
  ASSERT_GT(CountDark(page.get()), text_pixels + 3000);
  PixPtr binary = Threshold(page.get());
  RemoveTableLines(page.get(), binary.get(), kDpi);
  int left = CountDark(page.get());
  // The rules are gone (within the text they crossed) and the text is kept.
  EXPECT_LT(left, text_pixels + 200);
  EXPECT_GT(left, text_pixels * 0.93);
}

TEST(PagePreparer, StretchesDullGreyScanToBlackOnWhite) {
  // Paper at 200, ink at 110: a dull scan.
  PixPtr dull = TextLikePage();
  pixMultConstantGray(dull.get(), 0.45f);  // 0 -> 0, 255 -> 114
  pixAddConstantGray(dull.get(), 88);      // ink at 88, paper at ~202
  l_uint32 paper = 0;
  pixGetPixel(dull.get(), 5, 5, &paper);
  ASSERT_LT(paper, 210u);
  StretchContrast(dull.get());
  l_uint32 after_paper = 0, after_ink = 255;
  pixGetPixel(dull.get(), 5, 5, &after_paper);
  pixGetPixel(dull.get(), 101, 101, &after_ink);
  EXPECT_EQ(after_paper, 255u);
  EXPECT_LT(after_ink, 20u);
}

TEST(PagePreparer, LeavesCleanBlackOnWhitePageAlone) {
  PixPtr page = TextLikePage();
  PixPtr copy(pixCopy(nullptr, page.get()));
  StretchContrast(copy.get());
  l_int32 same = 0;
  pixEqual(page.get(), copy.get(), &same);
  EXPECT_TRUE(same);
}

TEST(PagePreparer, TurnsThePageByTheGivenQuarterTurns) {
  PageImage page{TextLikePage(1200, 1600), kDpi};
  PagePreparation preparation;
  preparation.deskew = false;
  preparation.remove_lines = false;
  auto prepared = PreparePage(page, preparation, 90);
  ASSERT_TRUE(prepared.ok());
  EXPECT_EQ(prepared->rotation, 90);
  EXPECT_EQ(pixGetWidth(prepared->image.pix.get()), 1600);
}

TEST(PagePreparer, EnlargesLowResolutionScansTo300DpiAndLeavesOthersAlone) {
  PagePreparation preparation;
  preparation.deskew = false;
  preparation.remove_lines = false;
  PageImage low{TextLikePage(800, 1000), 200};
  auto enlarged = PreparePage(low, preparation, 0);
  ASSERT_TRUE(enlarged.ok());
  EXPECT_EQ(enlarged->image.dpi, 300);
  EXPECT_EQ(pixGetWidth(enlarged->image.pix.get()), 1200);
  EXPECT_EQ(pixGetHeight(enlarged->image.pix.get()), 1500);
  // 300 dpi pages, and a switch set to 0, keep their pixels.
  PageImage fine{TextLikePage(800, 1000), 300};
  EXPECT_EQ(pixGetWidth(PreparePage(fine, preparation, 0)->image.pix.get()), 800);
  preparation.min_ocr_dpi = 0;
  auto kept = PreparePage(low, preparation, 0);
  EXPECT_EQ(kept->image.dpi, 200);
  EXPECT_EQ(pixGetWidth(kept->image.pix.get()), 800);
}

}  // namespace
}  // namespace quai
