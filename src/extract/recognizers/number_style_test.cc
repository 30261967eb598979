// Tests of GuessNumberStyle (number_style.cc).
#include <gtest/gtest.h>

#include "extract/recognizers/recognizer.h"
#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::Words;

NumberStyle Guess(std::string_view text) { return GuessNumberStyle(Words(text)); }

TEST(NumberStyle, ReadsDotThousandsAndCommaDecimalsAsCommaStyle) {
  EXPECT_EQ(Guess("Total 1.250,00 EUR"), NumberStyle::kDecimalComma);
  EXPECT_EQ(Guess("1.250.000"), NumberStyle::kDecimalComma);
}

TEST(NumberStyle, ReadsSpaceThousandsWithCommaDecimalsAsCommaStyle) {
  EXPECT_EQ(Guess("Total HT 1 250,00"), NumberStyle::kDecimalComma);
  EXPECT_EQ(Guess("1\xE2\x80\xAF" "250,00"), NumberStyle::kDecimalComma);
}

TEST(NumberStyle, ReadsCommaThousandsAndPointDecimalsAsPointStyle) {
  EXPECT_EQ(Guess("Total 1,250.00 USD"), NumberStyle::kDecimalPoint);
  EXPECT_EQ(Guess("1,250,000"), NumberStyle::kDecimalPoint);
  EXPECT_EQ(Guess("Qty 3 Price 12.50 Total 37.50"), NumberStyle::kDecimalPoint);
}

TEST(NumberStyle, LetsClearEvidenceOutweighBareDecimals) {
  EXPECT_EQ(Guess("Version 1.0 page 2.1 Total 1.250,00"), NumberStyle::kDecimalComma);
}

TEST(NumberStyle, ThreeDecimalsNoGroupCouldPrintAreDecimals) {
  // No thousands group has four digits before it or is a lone zero.
  EXPECT_EQ(Guess("25,000 1500,000"), NumberStyle::kDecimalComma);
  EXPECT_EQ(Guess("0.250 kg"), NumberStyle::kDecimalPoint);
  // Article codes with a leading zero ("09356.68") are not numbers: they do not vote.
  EXPECT_EQ(Guess("09356.68 61045.63 1500,000"), NumberStyle::kDecimalComma);
}

TEST(NumberStyle, StaysUnknownWithoutEvidence) {
  EXPECT_EQ(Guess(""), NumberStyle::kUnknown);
  EXPECT_EQ(Guess("Bon de livraison 12/03/2026 12.03.2026 Lot L240312"), NumberStyle::kUnknown);
  EXPECT_EQ(Guess("1.250 40,000 12"), NumberStyle::kUnknown);
  EXPECT_EQ(Guess("12,50 12.50"), NumberStyle::kUnknown);
}

TEST(NumberStyle, AsksTheLanguageWhenTheNumbersDoNotTell) {
  EXPECT_EQ(Guess("Bon de livraison pour la commande 4711 quantité 700,910 kg"), NumberStyle::kDecimalComma);
  EXPECT_EQ(Guess("Lieferschein für die Bestellung Menge 25,000 m"), NumberStyle::kDecimalComma);
  EXPECT_EQ(Guess("Delivery note for your order of 12 March quantity 1,250"), NumberStyle::kDecimalPoint);
  // Clear evidence outweighs the language: an English page from a comma country.
  EXPECT_EQ(Guess("Delivery note for your order quantity 1 250,000 kg"), NumberStyle::kDecimalComma);
  // Mixed or too few words: unknown.
  EXPECT_EQ(Guess("the order la commande 700,910"), NumberStyle::kUnknown);
}

}  // namespace
}  // namespace quai
