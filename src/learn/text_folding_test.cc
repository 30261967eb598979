#include "learn/text_folding.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(NormalizeWhitespace, TrimsAndCollapsesRunsToOneSpace) {
  EXPECT_EQ(NormalizeWhitespace("  GB 287 \t 4410\n41  "), "GB 287 4410 41");
  EXPECT_EQ(NormalizeWhitespace(" \t\r\n"), "");
  EXPECT_EQ(NormalizeWhitespace(""), "");
}

TEST(NormalizeWhitespace, TreatsNoBreakAndThinSpacesAsSpaces) {
  EXPECT_EQ(NormalizeWhitespace("1\u00A0250,00"), "1 250,00");
  EXPECT_EQ(NormalizeWhitespace("1\u202F250\u2009000\u3000"), "1 250 000");
}

TEST(NormalizeWhitespace, KeepsBytesThatAreNotUtf8) {
  EXPECT_EQ(NormalizeWhitespace(" a\xFF  b\xC3 "), "a\xFF b\xC3");
}

TEST(FoldForLooseComparison, IgnoresCaseAndAccents) {
  EXPECT_EQ(FoldForLooseComparison("CHIMIRHÔNE"), FoldForLooseComparison("chimirhône"));
  EXPECT_EQ(FoldForLooseComparison("chimirhône"), FoldForLooseComparison("chimirhone"));
  EXPECT_NE(FoldForLooseComparison("chimirhône"), FoldForLooseComparison("chimirhane"));
  EXPECT_EQ(FoldForLooseComparison("ÉCOLE"), FoldForLooseComparison("école"));
  EXPECT_EQ(FoldForLooseComparison("ΑΒΓ Дом"), FoldForLooseComparison("αβγ дом"));
}

TEST(FoldForLooseComparison, WritesPrecomposedAndDecomposedAccentsTheSameWay) {
  EXPECT_EQ(FoldForLooseComparison("caf\u00E9"), FoldForLooseComparison("cafe\u0301"));
  EXPECT_EQ(FoldForLooseComparison("CAF\u00C9"), FoldForLooseComparison("CAFE\u0301"));
}

TEST(FoldForLooseComparison, UsesFullCaseFoldingAndUndoesLigatures) {
  EXPECT_EQ(FoldForLooseComparison("Straße"), "strasse");
  EXPECT_EQ(FoldForLooseComparison("\uFB01ne o\uFB00er"), "fineoffer");
}

TEST(FoldForLooseComparison, DropsPunctuationAndWhitespace) {
  EXPECT_EQ(FoldForLooseComparison("S.p.A."), "spa");
  EXPECT_EQ(FoldForLooseComparison("«Heavy‑duty» oil – 15W-40…"), "heavydutyoil15w40");
  EXPECT_EQ(FoldForLooseComparison("A\u00A0&\u2009B + C's"), "abcs");
  EXPECT_EQ(FoldForLooseComparison("-35\u2212°C"), "35°c");
}

}  // namespace
}  // namespace quai
