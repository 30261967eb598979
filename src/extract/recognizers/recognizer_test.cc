#include "extract/recognizers/recognizer.h"

#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::MatchAt;
using testing_support::Words;

TEST(Recognizer, ReturnsOverlappingMatchesOfDifferentTypes) {
  std::vector<std::string> words = Words("12 mars 2026");
  std::vector<ValueMatch> dates = FindValues(ValueType::kDate, words, {});
  std::vector<ValueMatch> quantities = FindValues(ValueType::kQuantity, words, {});
  ASSERT_EQ(dates.size(), 1u);
  EXPECT_EQ(dates[0].end_word, 3);
  EXPECT_NE(MatchAt(quantities, 0, 1), nullptr);
  EXPECT_NE(MatchAt(quantities, 2, 3), nullptr);
}

TEST(Recognizer, OrdersMatchesByFirstWordThenLongestFirst) {
  std::vector<ValueMatch> matches = FindValues(ValueType::kAmount, Words("Net 1 250,00 TVA 250,00 EUR"), {});
  ASSERT_GE(matches.size(), 4u);
  for (size_t i = 1; i < matches.size(); ++i) {
    const ValueMatch& before = matches[i - 1];
    const ValueMatch& after = matches[i];
    EXPECT_TRUE(before.first_word < after.first_word ||
                (before.first_word == after.first_word && before.end_word >= after.end_word));
  }
  EXPECT_EQ(matches[0].first_word, 1);
  EXPECT_EQ(matches[0].end_word, 3);
}

TEST(Recognizer, FillsPrintedWithTheWordsUsed) {
  std::vector<ValueMatch> matches = FindValues(ValueType::kAmount, Words("\xE2\x82\xAC 1 250,00"), {});
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].printed, "\xE2\x82\xAC 1 250,00");
  EXPECT_EQ(matches[0].currency, "EUR");
}

TEST(Recognizer, PassesTheDocumentStyleToNumbers) {
  RecognizerContext comma;
  comma.number_style = NumberStyle::kDecimalComma;
  RecognizerContext point;
  point.number_style = NumberStyle::kDecimalPoint;
  EXPECT_EQ(FindValues(ValueType::kQuantity, {"40.000"}, comma)[0].value, "40000");
  EXPECT_EQ(FindValues(ValueType::kQuantity, {"40.000"}, point)[0].value, "40.000");
}

TEST(Recognizer, RepairsOcrSlipsOnlyOnOcrText) {
  RecognizerContext ocr;  // the default: words read by OCR
  RecognizerContext text_layer;
  text_layer.ocr_text = false;
  // "1O" is 10 read by OCR; on a text layer it is what the supplier printed: no number.
  ASSERT_FALSE(FindValues(ValueType::kQuantity, {"1O"}, ocr).empty());
  EXPECT_EQ(FindValues(ValueType::kQuantity, {"1O"}, ocr)[0].value, "10");
  EXPECT_TRUE(FindValues(ValueType::kQuantity, {"1O"}, text_layer).empty());
  // A PO number keeps its letters on a text layer, as printed.
  ASSERT_FALSE(FindValues(ValueType::kPoNumber, {"45OO1234"}, ocr).empty());
  EXPECT_EQ(FindValues(ValueType::kPoNumber, {"45OO1234"}, ocr)[0].value, "45001234");
  ASSERT_FALSE(FindValues(ValueType::kPoNumber, {"45OO1234"}, text_layer).empty());
  EXPECT_EQ(FindValues(ValueType::kPoNumber, {"45OO1234"}, text_layer)[0].value, "45OO1234");
  EXPECT_FALSE(FindValues(ValueType::kPoNumber, {"45OO1234"}, text_layer)[0].repaired);
  // Values printed right are read the same from both.
  EXPECT_EQ(FindValues(ValueType::kPoNumber, {"0098470"}, text_layer).at(0).value, "0098470");
}

TEST(Recognizer, ReturnsNoTextCandidates) {
  EXPECT_TRUE(FindValues(ValueType::kText, Words("Bon de livraison"), {}).empty());
}

TEST(Recognizer, HandlesEmptyLinesAndHostileWords) {
  std::vector<std::string> hostile = {"", std::string(100000, '9'), std::string("\xFF\xFE\x00\x01", 4),
                                      "\xE2\x82", "(((((", "1,,,,2", "-", "UN", "FR", "H"};
  for (int type = static_cast<int>(ValueType::kText); type <= static_cast<int>(ValueType::kUnit); ++type) {
    EXPECT_TRUE(FindValues(static_cast<ValueType>(type), {}, {}).empty());
    for (const ValueMatch& match : FindValues(static_cast<ValueType>(type), hostile, {})) {
      EXPECT_GE(match.first_word, 0);
      EXPECT_LE(match.end_word, static_cast<int>(hostile.size()));
    }
  }
  EXPECT_EQ(GuessNumberStyle(hostile), NumberStyle::kUnknown);
}

TEST(Recognizer, ReportsEachSpanAndValueOnce) {
  std::vector<ValueMatch> matches = FindValues(ValueType::kQuantity, Words("x 100 pcs"), {});
  for (size_t i = 0; i < matches.size(); ++i) {
    for (size_t j = i + 1; j < matches.size(); ++j) {
      EXPECT_FALSE(matches[i].first_word == matches[j].first_word && matches[i].end_word == matches[j].end_word);
    }
  }
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].printed, "x 100 pcs");
  EXPECT_EQ(matches[0].value, "100");
}

}  // namespace
}  // namespace quai
