#include "support/character_error_rate.h"

#include <gtest/gtest.h>

namespace quai::testing {
namespace {

TEST(CharacterErrorRate, ExactTextAnywhereInThePageCostsNothing) {
  EXPECT_EQ(SubstringEditDistance(U"PO 4500", U"Date 12/03 PO 4500 Lot"), 0);
}

TEST(CharacterErrorRate, CountsSubstitutionsInsertionsAndDeletions) {
  EXPECT_EQ(SubstringEditDistance(U"4500012345", U"x 45OO012345 y"), 2);
  EXPECT_EQ(SubstringEditDistance(U"abc", U"zzabxczz"), 1);
  EXPECT_EQ(SubstringEditDistance(U"abc", U""), 3);
}

TEST(CharacterErrorRate, RateOverPagesIgnoresReadingOrderAndWhitespace) {
  auto printed = SplitPrintedText("Ref Commande: 4500\nDate:  12/03/2026\n\f\nLot L1\n");
  ASSERT_EQ(printed.size(), 2u);
  ErrorCount count = CountCharacterErrors(printed, {"Date: 12/03/2026\nRef Commande: 45O0", "Lot L1"});
  EXPECT_EQ(count.errors, 1);
  EXPECT_EQ(count.characters, 18 + 16 + 6);
}

TEST(CharacterErrorRate, MissingPageCountsEveryCharacter) {
  ErrorCount count = CountCharacterErrors({{"abc"}, {"de"}}, {"abc"});
  EXPECT_EQ(count.errors, 2);
  EXPECT_EQ(count.characters, 5);
}

TEST(CharacterErrorRate, CountsCodePointsNotBytes) {
  EXPECT_EQ(NormalisedCodePoints("Qté  N°").size(), 6u);
}

}  // namespace
}  // namespace quai::testing
