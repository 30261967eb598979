#include "extract/recognizers/identifier_recognizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::Values;
using testing_support::Words;

std::vector<ValueMatch> Codes(std::string_view line) { return FindCodes(Words(line)); }
std::vector<ValueMatch> PoNumbers(std::string_view line) { return FindPoNumbers(Words(line)); }
std::vector<ValueMatch> Versions(std::string_view line) { return FindVersions(Words(line)); }

double CodeScore(std::string_view word) {
  std::vector<ValueMatch> matches = Codes(word);
  return matches.empty() ? -1 : matches[0].shape_score;
}

TEST(IdentifierRecognizer, ReadsCodesWithoutTheirLabelWord) {
  std::vector<ValueMatch> matches = Codes("Lot L240312");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "L240312");
  EXPECT_EQ(matches[0].first_word, 1);
  EXPECT_THAT(Values(Codes("n\xC2\xB0 45")), ::testing::ElementsAre("45"));  // n° 45
}

TEST(IdentifierRecognizer, ReadsACodeWithAndWithoutItsSeriesWord) {
  std::vector<ValueMatch> matches = Codes("DDT 30512/26 2 March 2026");
  ASSERT_GE(matches.size(), 2u);
  EXPECT_EQ(matches[0].value, "30512/26");
  EXPECT_EQ(matches[1].value, "DDT 30512/26");
  EXPECT_EQ(matches[1].first_word, 0);
  EXPECT_EQ(matches[1].end_word, 2);
  EXPECT_LT(matches[1].shape_score, matches[0].shape_score);
  // A number sign or a lower-case word is no series.
  EXPECT_THAT(Values(Codes("NO 45123")), ::testing::ElementsAre("45123"));
  EXPECT_THAT(Values(Codes("Lot 45123")), ::testing::ElementsAre("45123"));
  // Nor is a series put before a date or an amount.
  EXPECT_THAT(Values(Codes("DU 12.03.2026")), ::testing::ElementsAre("12.03.2026"));
}

TEST(IdentifierRecognizer, ReadsACodePrintedInGroupsAsOneCandidateToo) {
  std::vector<ValueMatch> matches = Codes("B628 485");
  ASSERT_EQ(matches.size(), 3u);
  EXPECT_EQ(matches[1].value, "B628 485");
  EXPECT_EQ(matches[1].first_word, 0);
  EXPECT_EQ(matches[1].end_word, 2);
  EXPECT_LT(matches[1].shape_score, matches[0].shape_score);
  EXPECT_THAT(Values(Codes("261 99")), ::testing::Contains("261 99"));
  // Not a date, an amount, a single digit or words that are not digit groups.
  EXPECT_THAT(Values(Codes("L26047-42 2028")), ::testing::Contains("L26047-42 2028"));
  EXPECT_THAT(Values(Codes("12.03.2026 4711")), ::testing::Not(::testing::Contains("12.03.2026 4711")));
  EXPECT_THAT(Values(Codes("L2604 7")), ::testing::Not(::testing::Contains("L2604 7")));
  EXPECT_THAT(Values(Codes("L2604 kg")), ::testing::ElementsAre("L2604"));
}

TEST(IdentifierRecognizer, StripsLabelsAndPunctuationGluedToCodes) {
  EXPECT_THAT(Values(Codes("N\xC2\xB0" "4500012345")), ::testing::ElementsAre("4500012345"));  // N°4500012345
  EXPECT_THAT(Values(Codes("#PO-2026-0042")), ::testing::ElementsAre("PO-2026-0042"));
  EXPECT_THAT(Values(Codes("Lot:L240312")), ::testing::ElementsAre("L240312"));
  EXPECT_THAT(Values(Codes("No.45")), ::testing::ElementsAre("45"));
  EXPECT_THAT(Values(Codes("(ART-1234/B).")), ::testing::ElementsAre("ART-1234/B"));
  EXPECT_THAT(Values(Codes("\"AB_12.3\"")), ::testing::ElementsAre("AB_12.3"));
}

TEST(IdentifierRecognizer, KeepsCodesExactlyAsPrinted) {
  ValueMatch match = Codes("B0512")[0];
  EXPECT_EQ(match.value, "B0512");
  EXPECT_FALSE(match.repaired);
  EXPECT_EQ(Codes("a1b2c3")[0].value, "a1b2c3");
}

TEST(IdentifierRecognizer, NeedsADigitInACode) {
  EXPECT_TRUE(Codes("Lot N\xC2\xB0 ABC r\xC3\xA9" "f\xC3\xA9rence").empty());
  EXPECT_TRUE(Codes("--- / .").empty());
  EXPECT_TRUE(Codes("12\xE2\x82\xAC").empty());  // 12€ is no code shape
}

TEST(IdentifierRecognizer, ScoresTypicalCodeShapesHigher) {
  EXPECT_DOUBLE_EQ(CodeScore("L240312"), 1.0);
  EXPECT_DOUBLE_EQ(CodeScore("ART-1234"), 1.0);
  EXPECT_GT(CodeScore("4500012345"), CodeScore("45"));
  EXPECT_GT(CodeScore("L240312"), CodeScore("A1"));
  EXPECT_LE(CodeScore("45"), 0.2);
}

TEST(IdentifierRecognizer, ScoresDatesAndAmountsLowAsCodes) {
  EXPECT_LE(CodeScore("12/03/2026"), 0.1);
  EXPECT_LE(CodeScore("2026-03-12"), 0.1);
  EXPECT_LE(CodeScore("12,50"), 0.1);
  EXPECT_LE(CodeScore("1.250,00"), 0.1);
  EXPECT_LE(CodeScore("12kg"), 0.2);
  EXPECT_EQ(CodeScore("A,B1"), -1);  // a comma outside a number is no code
}

TEST(IdentifierRecognizer, ReadsALotOfManyDigitsAndOneLetterAsACodeNotAQuantity) {
  // A date-coded lot with its shift letter: "M" is not metres after six digits.
  EXPECT_DOUBLE_EQ(CodeScore("260219M"), 1.0);
  EXPECT_LE(CodeScore("250M"), 0.2);      // a short number with a unit is a quantity
  EXPECT_LE(CodeScore("26021kg"), 0.2);   // a unit of two letters stays one
  EXPECT_LE(CodeScore("2602,19M"), 0.2);  // so does a number with a separator
}

TEST(IdentifierRecognizer, ReturnsTheDigitsOfASplitPurchaseOrderAlone) {
  std::vector<ValueMatch> matches = PoNumbers("PO 4500123");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "4500123");
  EXPECT_EQ(matches[0].first_word, 1);
}

TEST(IdentifierRecognizer, ScoresPurchaseOrderShapes) {
  auto score = [](std::string_view word) { return PoNumbers(word)[0].shape_score; };
  EXPECT_DOUBLE_EQ(score("4500012345"), 1.0);
  EXPECT_DOUBLE_EQ(score("PO-2026-0042"), 1.0);
  EXPECT_DOUBLE_EQ(score("BC12345"), 1.0);
  EXPECT_LT(score("45"), 0.5);
  EXPECT_LT(score("12/03/2026"), 0.2);
  EXPECT_LT(score("1.250,00"), 0.2);
}

TEST(IdentifierRecognizer, RepairsPurchaseOrderDigitsMisreadAsLetters) {
  std::vector<ValueMatch> matches = PoNumbers("45000l2345");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "4500012345");
  EXPECT_EQ(matches[0].printed, "45000l2345");
  EXPECT_TRUE(matches[0].repaired);
  EXPECT_EQ(PoNumbers("PO-2026-0O42")[0].value, "PO-2026-0042");
  EXPECT_EQ(PoNumbers("N\xC2\xB0" "4500O12345")[0].value, "4500012345");
  EXPECT_FALSE(PoNumbers("B0512")[0].repaired);
}

TEST(IdentifierRecognizer, ReadsVersionsWithoutTheirLabel) {
  EXPECT_THAT(Values(Versions("Rev. 4")), ::testing::ElementsAre("4"));
  EXPECT_THAT(Values(Versions("Rev.4")), ::testing::ElementsAre("4"));
  EXPECT_THAT(Values(Versions("Version 5.1")), ::testing::ElementsAre("5.1", "5.1"));
  EXPECT_THAT(Values(Versions("R\xC3\xA9vision : 3")), ::testing::ElementsAre("3"));  // Révision : 3
  EXPECT_THAT(Values(Versions("Versione:2.0")), ::testing::ElementsAre("2.0"));
  EXPECT_THAT(Values(Versions("Version 5,1")), ::testing::ElementsAre("5,1"));
  EXPECT_THAT(Values(Versions("Rev. B")), ::testing::ElementsAre("B"));
}

TEST(IdentifierRecognizer, ReadsBareVersions) {
  EXPECT_THAT(Values(Versions("V2")), ::testing::ElementsAre("V2"));
  EXPECT_THAT(Values(Versions("v2.1")), ::testing::ElementsAre("v2.1"));
  EXPECT_THAT(Values(Versions("1.0")), ::testing::ElementsAre("1.0"));
  EXPECT_THAT(Values(Versions("3.2")), ::testing::ElementsAre("3.2"));
  EXPECT_GT(Versions("V2")[0].shape_score, Versions("3.2")[0].shape_score);
}

TEST(IdentifierRecognizer, SpansTheLabelOfALabelledVersion) {
  std::vector<ValueMatch> matches = Versions("Fiche Version : 5.1 du");
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].first_word, 1);
  EXPECT_EQ(matches[0].end_word, 4);
  EXPECT_EQ(matches[0].printed, "Version : 5.1");
  EXPECT_DOUBLE_EQ(matches[0].shape_score, 1.0);
}

TEST(IdentifierRecognizer, ReadsVersionAfterANumberSign) {
  EXPECT_THAT(Values(Versions("Version n\xC2\xB0 : 5,2")), ::testing::ElementsAre("5,2"));
}

TEST(IdentifierRecognizer, RefusesDatesAndLongNumbersAsVersionsAndDoubtsShortOnes) {
  EXPECT_TRUE(Versions("12.03.2026").empty());
  // A plain number is a version only by its label: offered with a low shape score.
  ASSERT_EQ(Versions("4").size(), 1u);
  EXPECT_LE(Versions("4")[0].shape_score, 0.3);
  EXPECT_TRUE(Versions("1250").empty());
  EXPECT_TRUE(Versions("Version").empty());
  EXPECT_TRUE(Versions("Version 12.03.2026").empty());
  EXPECT_TRUE(Versions("Vanille").empty());
}

}  // namespace
}  // namespace quai
