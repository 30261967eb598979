#include "extract/recognizers/number_recognizer.h"

#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::FirstMatch;
using testing_support::MatchAt;
using testing_support::Words;

std::vector<ValueMatch> Find(ValueType type, std::string_view line, NumberStyle style = NumberStyle::kUnknown) {
  RecognizerContext context;
  context.number_style = style;
  return FindValues(type, Words(line), context);
}

TEST(NumberRecognizer, ReadsFrenchThousandsWithSpaces) {
  std::vector<ValueMatch> matches = Find(ValueType::kAmount, "Total 1 250,00");
  const ValueMatch* joined = MatchAt(matches, 1, 3);
  ASSERT_NE(joined, nullptr);
  EXPECT_EQ(joined->value, "1250.00");
  EXPECT_EQ(joined->printed, "1 250,00");
  // The pieces alone are still candidates, but less plausible.
  const ValueMatch* head = MatchAt(matches, 1, 2);
  const ValueMatch* tail = MatchAt(matches, 2, 3);
  ASSERT_NE(head, nullptr);
  ASSERT_NE(tail, nullptr);
  EXPECT_LT(head->shape_score, joined->shape_score);
  EXPECT_LT(tail->shape_score, joined->shape_score);
}

TEST(NumberRecognizer, JoinsWordsOnlyWhenGroupsHaveThreeDigits) {
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1 250 000,00").value, "1250000.00");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1 25,00").value, "1");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1250 000,00").value, "1250");
}

TEST(NumberRecognizer, ReadsNumbersWithSpecialSpacesInsideOneWord) {
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1\xE2\x80\xAF" "250,00").value, "1250.00");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1\xC2\xA0" "250,00").value, "1250.00");
}

TEST(NumberRecognizer, ReadsBothDecimalStyles) {
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1,250.00").value, "1250.00");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1.250,00").value, "1250.00");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "12,5").value, "12.5");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "1 250").value, "1250");
}

TEST(NumberRecognizer, UsesTheDocumentStyleForThreeDecimals) {
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "40.000", NumberStyle::kDecimalPoint).value, "40.000");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "40.000", NumberStyle::kDecimalComma).value, "40000");
  ValueMatch unknown = FirstMatch(ValueType::kQuantity, "40.000");
  EXPECT_EQ(unknown.value, "40000");
  EXPECT_LT(unknown.shape_score, FirstMatch(ValueType::kQuantity, "40.000", NumberStyle::kDecimalComma).shape_score);
}

TEST(NumberRecognizer, ReadsQuantitiesWithUnitsAsTheNumberOnly) {
  std::vector<ValueMatch> matches = Find(ValueType::kQuantity, "12,5 kg");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].end_word, 2);  // longest first
  EXPECT_EQ(matches[0].value, "12.5");
  EXPECT_EQ(matches[0].printed, "12,5 kg");
  EXPECT_EQ(matches[1].end_word, 1);
  EXPECT_GT(matches[0].shape_score, matches[1].shape_score);
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "12kg").value, "12");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "100 pcs").value, "100");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "20 L").printed, "20 L");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "3 Stk.").printed, "3 Stk.");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "5 pièces").value, "5");
}

TEST(NumberRecognizer, ReadsQuantitiesAfterTimes) {
  ValueMatch match = FirstMatch(ValueType::kQuantity, "x 100");
  EXPECT_EQ(match.value, "100");
  EXPECT_EQ(match.end_word, 2);
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "x100").value, "100");
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "\xC3\x97" "100").value, "100");  // ×100
}

TEST(NumberRecognizer, GivesLowQuantityScoresToIdentifiersPercentagesAndMoney) {
  EXPECT_LT(FirstMatch(ValueType::kQuantity, "4500012345").shape_score, 0.5);
  EXPECT_TRUE(Find(ValueType::kQuantity, "20%").empty());
  EXPECT_TRUE(Find(ValueType::kQuantity, "12,50\xE2\x82\xAC").empty());  // 12,50€
  EXPECT_LT(FirstMatch(ValueType::kQuantity, "12,50 EUR").shape_score, 0.5);
}

TEST(NumberRecognizer, ReadsAmountsWithCurrencyBeforeOrAfter) {
  struct Case {
    std::string_view line;
    std::string_view value;
    std::string_view currency;
    int end_word;
  };
  for (const Case& c : {Case{"\xE2\x82\xAC 1 250,00", "1250.00", "EUR", 3},
                        Case{"1 250,00 \xE2\x82\xAC", "1250.00", "EUR", 3},
                        Case{"EUR 1,250.00", "1250.00", "EUR", 2},
                        Case{"$1,250.00", "1250.00", "USD", 1},
                        Case{"1.250,00 EUR", "1250.00", "EUR", 2},
                        Case{"CHF 12.50", "12.50", "CHF", 2},
                        Case{"Fr. 12.50", "12.50", "CHF", 2},
                        Case{"\xC2\xA3" "12.50", "12.50", "GBP", 1},
                        Case{"12,50\xE2\x82\xAC", "12.50", "EUR", 1},
                        Case{"12,- EUR", "12", "EUR", 2}}) {
    ValueMatch match = FirstMatch(ValueType::kAmount, c.line);
    EXPECT_EQ(match.value, c.value) << c.line;
    EXPECT_EQ(match.currency, c.currency) << c.line;
    EXPECT_EQ(match.end_word, c.end_word) << c.line;
    EXPECT_DOUBLE_EQ(match.shape_score, c.value.find('.') != std::string_view::npos ? 1.0 : 0.9) << c.line;
  }
}

TEST(NumberRecognizer, LeavesCurrencyEmptyWhenNoneIsPrinted) {
  ValueMatch match = FirstMatch(ValueType::kAmount, "1 250,00");
  EXPECT_EQ(match.value, "1250.00");
  EXPECT_EQ(match.currency, "");
}

TEST(NumberRecognizer, GivesACurrencyWordBetweenTwoAmountsToTheFirst) {
  std::vector<ValueMatch> matches = Find(ValueType::kAmount, "12,50 EUR 13,00 EUR");
  const ValueMatch* first = MatchAt(matches, 0, 2);
  const ValueMatch* second = MatchAt(matches, 2, 4);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->value, "13.00");
}

TEST(NumberRecognizer, ReadsNegativeAmounts) {
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "-12,50").value, "-12.50");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "(1 250,00)").value, "-1250.00");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "(12,50)").value, "-12.50");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1.250,00-").value, "-1250.00");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "-\xE2\x82\xAC" "12.50").value, "-12.50");
}

TEST(NumberRecognizer, ScoresTwoDecimalsAsTypicalAmounts) {
  EXPECT_DOUBLE_EQ(FirstMatch(ValueType::kAmount, "12,50").shape_score, 1.0);
  EXPECT_LT(FirstMatch(ValueType::kAmount, "12").shape_score, 1.0);
  EXPECT_LT(FirstMatch(ValueType::kAmount, "12,5 kg").shape_score, 0.5);
  EXPECT_LT(FirstMatch(ValueType::kAmount, "4500012345").shape_score, 0.2);
}

TEST(NumberRecognizer, RepairsOcrConfusionsInsideNumbers) {
  ValueMatch match = FirstMatch(ValueType::kQuantity, "1O,5 kg");
  EXPECT_EQ(match.value, "10.5");
  EXPECT_TRUE(match.repaired);
  EXPECT_EQ(match.printed, "1O,5 kg");
  EXPECT_EQ(FirstMatch(ValueType::kAmount, "1 25O,OO").value, "1250.00");
  EXPECT_FALSE(FirstMatch(ValueType::kQuantity, "12,5l").repaired);
  EXPECT_EQ(FirstMatch(ValueType::kQuantity, "12,5l").value, "12.5");
}

TEST(NumberRecognizer, FindsNothingInWordsDatesAndCodes) {
  for (std::string_view line : {"Bon de livraison", "12/03/2026", "2026-03-12", "L240312", "PO-2026-0042", "H225",
                                "1er"}) {
    EXPECT_TRUE(Find(ValueType::kQuantity, line).empty()) << line;
    EXPECT_TRUE(Find(ValueType::kAmount, line).empty()) << line;
  }
}

TEST(NumberRecognizer, FindsEveryNumberOfALine) {
  std::vector<ValueMatch> matches = Find(ValueType::kQuantity, "Article A12 Qté 3 Prix 12,50");
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].value, "3");
  EXPECT_EQ(matches[0].first_word, 3);
  EXPECT_EQ(matches[1].value, "12.50");
}

}  // namespace
}  // namespace quai
