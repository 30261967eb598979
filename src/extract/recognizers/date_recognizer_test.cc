#include "extract/recognizers/date_recognizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::FirstMatch;
using testing_support::Values;
using testing_support::Words;

std::string Date(std::string_view line) { return FirstMatch(ValueType::kDate, line).value; }
std::string Expiry(std::string_view line) { return FirstMatch(ValueType::kExpiryDate, line).value; }

TEST(DateRecognizer, ReadsNumericDatesDayFirst) {
  EXPECT_EQ(Date("12/03/2026"), "2026-03-12");
  EXPECT_EQ(Date("12.03.2026"), "2026-03-12");
  EXPECT_EQ(Date("12-03-2026"), "2026-03-12");
  EXPECT_EQ(Date("1/3/2026"), "2026-03-01");
  EXPECT_EQ(Date("05/04/2026"), "2026-04-05");
}

TEST(DateRecognizer, ReadsAmbiguousDatesMonthFirstWhenThePagePrintsMonthFirst) {
  auto read = [](std::string_view line, DateOrder order) {
    auto matches = FindDates(Words(line), DateKind::kDate, order);
    return matches.empty() ? std::string() : matches[0].value;
  };
  EXPECT_EQ(read("05/12/2026", DateOrder::kMonthFirst), "2026-05-12");
  EXPECT_EQ(read("05/12/2026", DateOrder::kDayFirst), "2026-12-05");
  EXPECT_EQ(read("05/12/2026", DateOrder::kUnknown), "2026-12-05");
  // Only one reading exists, or the order does not matter: the order changes nothing.
  EXPECT_EQ(read("17/12/2026", DateOrder::kMonthFirst), "2026-12-17");
  EXPECT_EQ(read("12/17/2026", DateOrder::kDayFirst), "2026-12-17");
  EXPECT_EQ(read("2026-05-12", DateOrder::kMonthFirst), "2026-05-12");
  EXPECT_EQ(read("05/05/2026", DateOrder::kMonthFirst), "2026-05-05");
  EXPECT_EQ(read("12 mars 2026", DateOrder::kMonthFirst), "2026-03-12");
}

TEST(DateRecognizer, GuessesTheOrderFromTheDatesOnlyOneOrderReads) {
  EXPECT_EQ(GuessDateOrder(Words("Invoice date 11/02/2026 Due 12/17/2026")), DateOrder::kMonthFirst);
  EXPECT_EQ(GuessDateOrder(Words("Date 11/02/2026 Echeance 17/12/2026.")), DateOrder::kDayFirst);
  EXPECT_EQ(GuessDateOrder(Words("Date 11/02/2026 Qty 1,250.000")), DateOrder::kUnknown);
  EXPECT_EQ(GuessDateOrder(Words("2026-12-17 and 2026-11-02")), DateOrder::kUnknown);  // ISO says nothing
  EXPECT_EQ(GuessDateOrder(Words("17/12/2026 12/17/2026")), DateOrder::kUnknown);        // they disagree
}

TEST(DateRecognizer, TellsWhenAPrintedDateReadsEitherWay) {
  EXPECT_TRUE(PrintedInEitherOrder("05/12/2026"));
  EXPECT_TRUE(PrintedInEitherOrder("Date: 05.12.26"));
  EXPECT_FALSE(PrintedInEitherOrder("17/12/2026"));
  EXPECT_FALSE(PrintedInEitherOrder("05/05/2026"));
  EXPECT_FALSE(PrintedInEitherOrder("2026-05-12"));
  EXPECT_FALSE(PrintedInEitherOrder("12 May 2026"));
  EXPECT_FALSE(PrintedInEitherOrder(""));
}

TEST(DateRecognizer, ReadsIsoDates) {
  EXPECT_EQ(Date("2026-03-12"), "2026-03-12");
  EXPECT_EQ(Date("2026/03/12"), "2026-03-12");
  EXPECT_EQ(Date("2026.3.12"), "2026-03-12");
}

TEST(DateRecognizer, ReadsTwoDigitYearsAsThisCentury) {
  ValueMatch match = FirstMatch(ValueType::kDate, "12.03.26");
  EXPECT_EQ(match.value, "2026-03-12");
  EXPECT_LT(match.shape_score, 1.0);
  EXPECT_EQ(Date("01/12/99"), "2099-12-01");
}

TEST(DateRecognizer, ReadsMonthFirstOnlyWhenDayFirstIsImpossible) {
  ValueMatch match = FirstMatch(ValueType::kDate, "03/15/2026");
  EXPECT_EQ(match.value, "2026-03-15");
  EXPECT_LT(match.shape_score, FirstMatch(ValueType::kDate, "15/03/2026").shape_score);
  EXPECT_EQ(Date("03/04/2026"), "2026-04-03");
}

TEST(DateRecognizer, ReadsWrittenMonthsInFiveLanguages) {
  EXPECT_EQ(Date("12 mars 2026"), "2026-03-12");
  EXPECT_EQ(Date("12 March 2026"), "2026-03-12");
  EXPECT_EQ(Date("12. März 2026"), "2026-03-12");
  EXPECT_EQ(Date("12. Maerz 2026"), "2026-03-12");
  EXPECT_EQ(Date("12 maart 2026"), "2026-03-12");
  EXPECT_EQ(Date("12 marzo 2026"), "2026-03-12");
  EXPECT_EQ(Date("3 août 2026"), "2026-08-03");
  EXPECT_EQ(Date("3 Dezember 2026"), "2026-12-03");
  EXPECT_EQ(Date("5 mei 2026"), "2026-05-05");
  EXPECT_EQ(Date("5 maggio 2026"), "2026-05-05");
  EXPECT_EQ(Date("7 ottobre 2026"), "2026-10-07");
  EXPECT_EQ(Date("7 okt. 2026"), "2026-10-07");
  EXPECT_EQ(Date("9 settembre 2026"), "2026-09-09");
}

TEST(DateRecognizer, ReadsMonthNamesWithOrWithoutAccentsAndAbbreviated) {
  EXPECT_EQ(Date("12 février 2026"), "2026-02-12");
  EXPECT_EQ(Date("12 fevrier 2026"), "2026-02-12");
  EXPECT_EQ(Date("12 FÉVRIER 2026"), "2026-02-12");
  EXPECT_EQ(Date("12 Feb. 2026"), "2026-02-12");
  EXPECT_EQ(Date("12 févr. 2026"), "2026-02-12");
  EXPECT_EQ(Date("12 Sept. 2026"), "2026-09-12");
  EXPECT_EQ(Date("12 déc. 2026"), "2026-12-12");
}

TEST(DateRecognizer, ReadsMonthFirstEnglishDates) {
  EXPECT_EQ(Date("March 12, 2026"), "2026-03-12");
  EXPECT_EQ(Date("Mar. 12 2026"), "2026-03-12");
  EXPECT_EQ(Date("March 12th, 2026"), "2026-03-12");
  EXPECT_EQ(Date("August 3 , 2014"), "2014-08-03");  // the comma set apart by a text layer
}

TEST(DateRecognizer, ReadsOrdinalDays) {
  EXPECT_EQ(Date("1er mars 2026"), "2026-03-01");
  EXPECT_EQ(Date("ler d\xC3\xA9" "cembre 2026"), "2026-12-01");  // OCR read the 1 of "1er" as l
  EXPECT_EQ(Date("Ier mars 2026"), "2026-03-01");
  EXPECT_EQ(Date("1st March 2026"), "2026-03-01");
  EXPECT_EQ(Date("22nd March 2026"), "2026-03-22");
  EXPECT_EQ(Date("12th of March 2026"), "2026-03-12");
  EXPECT_EQ(Date("1. April 2026"), "2026-04-01");
}

TEST(DateRecognizer, ReadsMonthAbbreviationsInsideOneWord) {
  EXPECT_EQ(Date("12-MAR-2026"), "2026-03-12");
  EXPECT_EQ(Date("12-Mar-26"), "2026-03-12");
  EXPECT_EQ(Date("12MAR2026"), "2026-03-12");
  EXPECT_EQ(Date("12/févr./2026"), "2026-02-12");
}

TEST(DateRecognizer, FindsDatesInsideALineWithTheirWords) {
  std::vector<std::string> words = Words("Livraison du 12 mars 2026 à Lyon");
  std::vector<ValueMatch> matches = FindValues(ValueType::kDate, words, RecognizerContext());
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].first_word, 2);
  EXPECT_EQ(matches[0].end_word, 5);
  EXPECT_EQ(matches[0].printed, "12 mars 2026");
  EXPECT_EQ(matches[0].value, "2026-03-12");
}

TEST(DateRecognizer, TrimsPunctuationAndGluedLabels) {
  EXPECT_EQ(Date("(12/03/2026)"), "2026-03-12");
  EXPECT_EQ(Date("12.03.2026."), "2026-03-12");
  EXPECT_EQ(Date("Date:12/03/2026"), "2026-03-12");
  EXPECT_EQ(Date("12 mars 2026,"), "2026-03-12");
}

TEST(DateRecognizer, JoinsNumericDatesBrokenAtSeparators) {
  ValueMatch match = FirstMatch(ValueType::kDate, "12 / 03 / 2026");
  EXPECT_EQ(match.value, "2026-03-12");
  EXPECT_EQ(match.end_word, 5);
  EXPECT_EQ(Date("12. 03. 2026"), "2026-03-12");
  EXPECT_TRUE(FindValues(ValueType::kDate, Words("12 03 2026"), RecognizerContext()).empty());
}

TEST(DateRecognizer, RefusesImpossibleDates) {
  for (std::string_view line : {"32/13/2026", "31/02/2026", "29/02/2027", "00/03/2026", "12/00/2026",
                                "31/04/2026", "12/03/1850", "31 juin 2026", "30 février 2028"}) {
    EXPECT_TRUE(FindValues(ValueType::kDate, Words(line), RecognizerContext()).empty()) << line;
  }
}

TEST(DateRecognizer, AcceptsLeapDaysOnlyInLeapYears) {
  EXPECT_EQ(Date("29/02/2028"), "2028-02-29");
  EXPECT_EQ(Date("29/02/2000"), "2000-02-29");
  EXPECT_EQ(Date("29/02/2100"), "");
}

TEST(DateRecognizer, RefusesWordsAndNumbersThatAreNotDates) {
  for (std::string_view line : {"hello world", "12 mars", "mars 2026", "03/2027", "1.2.3", "12,50 EUR",
                                "Lot L240312", "4500012345", "12:30", "Mars Bar 12"}) {
    EXPECT_TRUE(FindValues(ValueType::kDate, Words(line), RecognizerContext()).empty()) << line;
  }
}

TEST(DateRecognizer, ReadsMonthYearExpiryAsLastDay) {
  EXPECT_EQ(Expiry("03/2027"), "2027-03-31");
  EXPECT_EQ(Expiry("3/2027"), "2027-03-31");
  EXPECT_EQ(Expiry("03.2027"), "2027-03-31");
  EXPECT_EQ(Expiry("03-2027"), "2027-03-31");
  EXPECT_EQ(Expiry("2027-03"), "2027-03-31");
  EXPECT_EQ(Expiry("04/2027"), "2027-04-30");
  EXPECT_EQ(Expiry("MAR 2027"), "2027-03-31");
  EXPECT_EQ(Expiry("mars 2027"), "2027-03-31");
  EXPECT_EQ(Expiry("Juni 2027"), "2027-06-30");
  EXPECT_EQ(Expiry("MAR-2027"), "2027-03-31");
  EXPECT_EQ(Expiry("EXP:03/2027"), "2027-03-31");
}

TEST(DateRecognizer, ReadsFebruaryExpiryWithLeapYears) {
  EXPECT_EQ(Expiry("02/2027"), "2027-02-28");
  EXPECT_EQ(Expiry("02/2028"), "2028-02-29");
  EXPECT_EQ(Expiry("02/2100"), "2100-02-28");
  EXPECT_EQ(Expiry("02/2000"), "2000-02-29");
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2026, 12), 31);
}

TEST(DateRecognizer, ReadsShortMonthYearExpiryWithLowerScore) {
  ValueMatch match = FirstMatch(ValueType::kExpiryDate, "03/27");
  EXPECT_EQ(match.value, "2027-03-31");
  EXPECT_LT(match.shape_score, FirstMatch(ValueType::kExpiryDate, "03/2027").shape_score);
  EXPECT_TRUE(FindValues(ValueType::kExpiryDate, Words("13/2027"), RecognizerContext()).empty());
}

TEST(DateRecognizer, ExpiryAlsoReadsFullDatesWithoutTheirMonthYearPart) {
  EXPECT_EQ(Expiry("12/03/2027"), "2027-03-12");
  std::vector<ValueMatch> matches = FindValues(ValueType::kExpiryDate, Words("EXP 12 mars 2027"), RecognizerContext());
  EXPECT_THAT(Values(matches), ::testing::ElementsAre("2027-03-12"));
}

TEST(DateRecognizer, RepairsOcrConfusionsInDigitsAndKeepsThePrintedText) {
  ValueMatch match = FirstMatch(ValueType::kDate, "12/O3/2O26");
  EXPECT_EQ(match.value, "2026-03-12");
  EXPECT_TRUE(match.repaired);
  EXPECT_EQ(match.printed, "12/O3/2O26");
  EXPECT_LT(match.shape_score, 1.0);
  EXPECT_EQ(Date("l2 mars 2O26"), "2026-03-12");
  EXPECT_FALSE(FirstMatch(ValueType::kDate, "12/03/2026").repaired);
}

TEST(DateRecognizer, TellsDateTokensApart) {
  EXPECT_TRUE(LooksLikeDate("12/03/2026"));
  EXPECT_TRUE(LooksLikeDate("2026-03-12"));
  EXPECT_TRUE(LooksLikeDate("12-MAR-2026"));
  EXPECT_FALSE(LooksLikeDate("L240312"));
  EXPECT_FALSE(LooksLikeDate("PO-2026-0042"));
}

}  // namespace
}  // namespace quai
