#include "extract/recognizers/currency.h"

#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::Words;

std::string Currency(std::string_view word) {
  std::vector<ValueMatch> matches = FindCurrencies({std::string(word)});
  return matches.empty() ? "" : matches[0].value;
}

TEST(Currency, ReadsSignsCodesAndNamesAsIsoCodes) {
  EXPECT_EQ(Currency("EUR"), "EUR");
  EXPECT_EQ(Currency("\xE2\x82\xAC"), "EUR");  // €
  EXPECT_EQ(Currency("euro"), "EUR");
  EXPECT_EQ(Currency("Euros"), "EUR");
  EXPECT_EQ(Currency("USD"), "USD");
  EXPECT_EQ(Currency("$"), "USD");
  EXPECT_EQ(Currency("US$"), "USD");
  EXPECT_EQ(Currency("GBP"), "GBP");
  EXPECT_EQ(Currency("\xC2\xA3"), "GBP");  // £
  EXPECT_EQ(Currency("CHF"), "CHF");
  EXPECT_EQ(Currency("Fr."), "CHF");
  EXPECT_EQ(Currency("SFr."), "CHF");
}

TEST(Currency, TrimsSurroundingPunctuation) {
  EXPECT_EQ(Currency("(EUR)"), "EUR");
  EXPECT_EQ(Currency("EUR:"), "EUR");
  EXPECT_EQ(Currency("EUR."), "EUR");
}

TEST(Currency, ScoresAmbiguousSignsLower) {
  std::vector<ValueMatch> eur = FindCurrencies({"EUR"});
  std::vector<ValueMatch> franc = FindCurrencies({"Fr."});
  std::vector<ValueMatch> lower = FindCurrencies({"eur"});
  ASSERT_EQ(eur.size(), 1u);
  ASSERT_EQ(franc.size(), 1u);
  ASSERT_EQ(lower.size(), 1u);
  EXPECT_DOUBLE_EQ(eur[0].shape_score, 1.0);
  EXPECT_LT(franc[0].shape_score, 0.6);
  EXPECT_LT(lower[0].shape_score, 1.0);
}

TEST(Currency, ReadsACurrencyGluedToAnAmount) {
  std::vector<ValueMatch> matches = FindCurrencies({"1250,00\xE2\x82\xAC"});
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].value, "EUR");
  EXPECT_LT(matches[0].shape_score, 1.0);
}

TEST(Currency, FindsEachCurrencyOfALine) {
  std::vector<ValueMatch> matches = FindValues(ValueType::kCurrency, Words("Total EUR 12,50 soit CHF 13"), {});
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].first_word, 1);
  EXPECT_EQ(matches[1].value, "CHF");
}

TEST(Currency, RefusesOtherWords) {
  EXPECT_EQ(Currency("Europe"), "");
  EXPECT_EQ(Currency("Fr"), "");
  EXPECT_EQ(Currency("12,50"), "");
  EXPECT_EQ(Currency("E"), "");
}

TEST(Currency, MeasuresPrefixesGluedToNumbers) {
  std::string iso;
  EXPECT_EQ(CurrencyPrefixLength("\xE2\x82\xAC" "12", &iso), 3u);
  EXPECT_EQ(iso, "EUR");
  EXPECT_EQ(CurrencyPrefixLength("US$12", &iso), 3u);
  EXPECT_EQ(iso, "USD");
  EXPECT_EQ(CurrencyPrefixLength("eur12", &iso), 0u);
  EXPECT_EQ(CurrencyPrefixLength("EUR", &iso), 0u);
}

}  // namespace
}  // namespace quai
