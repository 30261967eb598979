#include "extract/recognizers/number_parser.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

std::string Parse(std::string_view core, NumberStyle style = NumberStyle::kUnknown) {
  ParsedNumber number;
  if (!ParseNumberCore(core, style, &number)) return "refused";
  return number.value;
}

TEST(NumberParser, ReadsFrenchThousandsWithSpaces) {
  EXPECT_EQ(Parse("1 250,00"), "1250.00");
  EXPECT_EQ(Parse("1\xC2\xA0" "250,00"), "1250.00");      // no-break space
  EXPECT_EQ(Parse("1\xE2\x80\xAF" "250,00"), "1250.00");  // narrow no-break space
  EXPECT_EQ(Parse("1 250 000"), "1250000");
  EXPECT_EQ(Parse("1 250"), "1250");
}

TEST(NumberParser, ReadsTheLastOfTwoSeparatorsAsDecimal) {
  EXPECT_EQ(Parse("1,250.00"), "1250.00");
  EXPECT_EQ(Parse("1.250,00"), "1250.00");
  EXPECT_EQ(Parse("1,250,000.50"), "1250000.50");
  EXPECT_EQ(Parse("1.250.000,5"), "1250000.5");
  EXPECT_EQ(Parse("1'250.50"), "1250.50");
  EXPECT_EQ(Parse("1\xE2\x80\x99" "250.50"), "1250.50");  // typographic apostrophe
}

TEST(NumberParser, ReadsRepeatedSeparatorsAsThousands) {
  EXPECT_EQ(Parse("1.250.000"), "1250000");
  EXPECT_EQ(Parse("1,250,000"), "1250000");
}

TEST(NumberParser, KeepsDecimalsAsPrinted) {
  EXPECT_EQ(Parse("12,5"), "12.5");
  EXPECT_EQ(Parse("12,50"), "12.50");
  EXPECT_EQ(Parse("0,250"), "0.250");
  EXPECT_EQ(Parse("1250.000"), "1250.000");
  EXPECT_EQ(Parse(",5"), "0.5");
  EXPECT_EQ(Parse("007"), "7");
}

TEST(NumberParser, ReadsThreeDigitsAfterOneSeparatorByTheDocumentStyle) {
  EXPECT_EQ(Parse("40.000", NumberStyle::kDecimalPoint), "40.000");
  EXPECT_EQ(Parse("40.000", NumberStyle::kDecimalComma), "40000");
  EXPECT_EQ(Parse("1,250", NumberStyle::kDecimalComma), "1.250");
  EXPECT_EQ(Parse("1,250", NumberStyle::kDecimalPoint), "1250");
  ParsedNumber number;
  ASSERT_TRUE(ParseNumberCore("1.250", NumberStyle::kUnknown, &number));
  EXPECT_EQ(number.value, "1250");
  EXPECT_TRUE(number.ambiguous);
  ASSERT_TRUE(ParseNumberCore("1.250", NumberStyle::kDecimalComma, &number));
  EXPECT_FALSE(number.ambiguous);
}

TEST(NumberParser, RefusesInconsistentGrouping) {
  for (std::string_view core : {"12.03.2026", "1.2.3", "1,,2", "1 25,00", "12 34", "1'250 000", "1.250,000.00",
                                "1250 000", "1.", "", "1,250 000"}) {
    EXPECT_EQ(Parse(core), "refused") << core;
  }
}

TEST(NumberParser, ReportsDigitsAndGrouping) {
  ParsedNumber number;
  ASSERT_TRUE(ParseNumberCore("1 250,00", NumberStyle::kUnknown, &number));
  EXPECT_EQ(number.integer_digits, 4);
  EXPECT_EQ(number.decimals, 2);
  EXPECT_TRUE(number.grouped);
}

TEST(NumberParser, SplitsCurrencyGluedBeforeOrAfter) {
  NumberWord parts;
  ASSERT_TRUE(SplitNumberWord("$1,250.00", &parts));
  EXPECT_EQ(parts.core, "1,250.00");
  EXPECT_EQ(parts.currency, "USD");
  EXPECT_TRUE(parts.currency_before);
  ASSERT_TRUE(SplitNumberWord("1250,00\xE2\x82\xAC", &parts));  // 1250,00€
  EXPECT_EQ(parts.currency, "EUR");
  ASSERT_TRUE(SplitNumberWord("12,50\xC2\xA0\xE2\x82\xAC", &parts));  // 12,50 € in one word
  EXPECT_EQ(parts.core, "12,50");
  EXPECT_EQ(parts.currency, "EUR");
  ASSERT_TRUE(SplitNumberWord("12.50CHF", &parts));
  EXPECT_EQ(parts.currency, "CHF");
  ASSERT_TRUE(SplitNumberWord("EUR1250", &parts));
  EXPECT_EQ(parts.currency, "EUR");
}

TEST(NumberParser, SplitsSignsAndParentheses) {
  NumberWord parts;
  ASSERT_TRUE(SplitNumberWord("-12,50", &parts));
  EXPECT_TRUE(parts.negative);
  ASSERT_TRUE(SplitNumberWord("\xE2\x88\x92" "12,50", &parts));  // −12,50
  EXPECT_TRUE(parts.negative);
  ASSERT_TRUE(SplitNumberWord("1.250,00-", &parts));
  EXPECT_TRUE(parts.negative);
  EXPECT_TRUE(parts.minus_after);
  ASSERT_TRUE(SplitNumberWord("(1250,00)", &parts));
  EXPECT_TRUE(parts.negative);
  ASSERT_TRUE(SplitNumberWord("12,-", &parts));
  EXPECT_TRUE(parts.dash_integer);
  EXPECT_EQ(parts.core, "12");
  EXPECT_FALSE(parts.negative);
}

TEST(NumberParser, SplitsUnitsPercentAndTimes) {
  NumberWord parts;
  ASSERT_TRUE(SplitNumberWord("12,5kg", &parts));
  EXPECT_EQ(parts.core, "12,5");
  EXPECT_EQ(parts.unit, "kg");
  ASSERT_TRUE(SplitNumberWord("20L", &parts));
  EXPECT_EQ(parts.unit, "L");
  ASSERT_TRUE(SplitNumberWord("20%", &parts));
  EXPECT_TRUE(parts.percent);
  ASSERT_TRUE(SplitNumberWord("x100", &parts));
  EXPECT_TRUE(parts.times);
  EXPECT_EQ(parts.core, "100");
  ASSERT_TRUE(SplitNumberWord("12,50.", &parts));
  EXPECT_EQ(parts.core, "12,50");
}

TEST(NumberParser, RefusesWordsThatAreNotNumbers) {
  NumberWord parts;
  for (std::string_view word : {"12/03/2026", "2026-03-12", "L240312", "1er", "12:30", "kg", "H225", "-", "1-2",
                                "12abc"}) {
    EXPECT_FALSE(SplitNumberWord(word, &parts)) << word;
  }
}

}  // namespace
}  // namespace quai
