#include "barcode/gs1.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace quai {
namespace {

using ::testing::HasSubstr;

constexpr int kYear = 2026;
const std::string GS(1, kGs1Separator);

std::vector<Gs1Element> ParseOk(std::string_view text) {
  Result<std::vector<Gs1Element>> elements = ParseGs1(text, kYear);
  EXPECT_TRUE(elements.ok()) << elements.status().ToString();
  return elements.ok() ? elements.value() : std::vector<Gs1Element>{};
}

std::string ParseError(std::string_view text) {
  Result<std::vector<Gs1Element>> elements = ParseGs1(text, kYear);
  EXPECT_FALSE(elements.ok()) << "parsed " << text;
  if (elements.ok()) return "";
  EXPECT_EQ(elements.status().code(), StatusCode::kInvalidArgument);
  return elements.status().message();
}

TEST(Gs1, ReadsSsccWithValidCheckDigit) {
  std::vector<Gs1Element> elements = ParseOk("00106141411234567897");
  ASSERT_EQ(elements.size(), 1u);
  EXPECT_EQ(elements[0].ai, "00");
  EXPECT_EQ(elements[0].value, "106141411234567897");
  EXPECT_EQ(elements[0].normalised, "106141411234567897");
  EXPECT_STREQ(Gs1FieldHint(elements[0].ai), "sscc");
}

TEST(Gs1, RefusesSsccWithWrongCheckDigit) {
  std::string error = ParseError("00106141411234567898");
  EXPECT_THAT(error, HasSubstr("AI 00"));
  EXPECT_THAT(error, HasSubstr("check digit"));
  EXPECT_THAT(error, HasSubstr("position 2"));
}

TEST(Gs1, ReadsGtinAndRefusesOneWithWrongCheckDigit) {
  std::vector<Gs1Element> elements = ParseOk("0103453120000011");
  ASSERT_EQ(elements.size(), 1u);
  EXPECT_EQ(elements[0].ai, "01");
  EXPECT_EQ(elements[0].value, "03453120000011");
  EXPECT_STREQ(Gs1FieldHint("01"), "gtin");
  EXPECT_THAT(ParseError("0103453120000012"), HasSubstr("check digit"));
}

TEST(Gs1, ReadsLotNumberEndedBySeparator) {
  std::vector<Gs1Element> elements = ParseOk("10ABC-123" + GS + "0103453120000011");
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[0].ai, "10");
  EXPECT_EQ(elements[0].value, "ABC-123");
  EXPECT_STREQ(Gs1FieldHint("10"), "lot_number");
  EXPECT_EQ(elements[1].ai, "01");
}

TEST(Gs1, ReadsExpiryWithDayZeroAsLastDayOfMonth) {
  EXPECT_EQ(ParseOk("17270200")[0].normalised, "2027-02-28");
  EXPECT_EQ(ParseOk("17280200")[0].normalised, "2028-02-29");  // leap year
  EXPECT_EQ(ParseOk("17270400")[0].normalised, "2027-04-30");
  EXPECT_EQ(ParseOk("17271200")[0].normalised, "2027-12-31");
  EXPECT_STREQ(Gs1FieldHint("17"), "expiry_date");
}

TEST(Gs1, ReadsProductionAndBestBeforeDates) {
  std::vector<Gs1Element> elements = ParseOk("11250314" "15260930");
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[0].value, "250314");
  EXPECT_EQ(elements[0].normalised, "2025-03-14");
  EXPECT_STREQ(Gs1FieldHint("11"), "production_date");
  EXPECT_EQ(elements[1].normalised, "2026-09-30");
  EXPECT_STREQ(Gs1FieldHint("15"), "best_before_date");
}

TEST(Gs1, RefusesImpossibleDates) {
  EXPECT_THAT(ParseError("17271331"), HasSubstr("not a valid YYMMDD date"));
  EXPECT_THAT(ParseError("17270431"), HasSubstr("not a valid YYMMDD date"));
  EXPECT_THAT(ParseError("17270229"), HasSubstr("AI 17"));
}

TEST(Gs1, PlacesTwoDigitYearsByTheGs1SlidingWindow) {
  EXPECT_EQ(Gs1FullYear(76, 2026), 2076);  // 50 years ahead: this century
  EXPECT_EQ(Gs1FullYear(77, 2026), 1977);  // 51 ahead: the previous one
  EXPECT_EQ(Gs1FullYear(0, 2026), 2000);
  EXPECT_EQ(Gs1FullYear(10, 2060), 2110);  // 50 behind: the next century
  EXPECT_EQ(Gs1FullYear(11, 2060), 2011);
  EXPECT_EQ(Gs1FullYear(99, 2000), 1999);
  EXPECT_EQ(Gs1FullYear(50, 2000), 2050);
  EXPECT_EQ(ParseGs1("17770101", 2026)->at(0).normalised, "1977-01-01");
  EXPECT_EQ(ParseGs1("17100101", 2060)->at(0).normalised, "2110-01-01");
}

TEST(Gs1, DefaultsReferenceYearToTheCurrentYear) {
  Result<std::vector<Gs1Element>> elements = ParseGs1("17300101");
  ASSERT_TRUE(elements.ok());
  EXPECT_EQ(elements->at(0).normalised, "2030-01-01");  // true from 1981 to 2079
}

TEST(Gs1, ReadsCountsOfTradeItems) {
  std::vector<Gs1Element> elements = ParseOk("0203453120000011" "3748" + GS + "30" "12");
  ASSERT_EQ(elements.size(), 3u);
  EXPECT_EQ(elements[0].ai, "02");
  EXPECT_EQ(elements[1].ai, "37");
  EXPECT_EQ(elements[1].value, "48");
  EXPECT_STREQ(Gs1FieldHint("37"), "count");
  EXPECT_EQ(elements[2].ai, "30");
  EXPECT_EQ(elements[2].value, "12");
  EXPECT_STREQ(Gs1FieldHint("30"), "count");
}

TEST(Gs1, ReadsCustomerPurchaseOrderNumber) {
  std::vector<Gs1Element> elements = ParseOk("400PO-2026/0815" + GS + "00106141411234567897");
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[0].ai, "400");
  EXPECT_EQ(elements[0].value, "PO-2026/0815");
  EXPECT_STREQ(Gs1FieldHint("400"), "po_number");
  EXPECT_EQ(elements[1].ai, "00");
}

TEST(Gs1, ReadsGsSeparatedAndParenthesisedFormsAlike) {
  const std::vector<Gs1Element> separated = ParseOk("0103453120000011" "17270331" "10ABC123" + GS + "21S42");
  const std::vector<Gs1Element> parenthesised = ParseOk("(01)03453120000011(17)270331(10)ABC123(21)S42");
  ASSERT_EQ(separated.size(), 4u);
  ASSERT_EQ(parenthesised.size(), 4u);
  for (size_t i = 0; i < separated.size(); ++i) {
    EXPECT_EQ(separated[i].ai, parenthesised[i].ai);
    EXPECT_EQ(separated[i].value, parenthesised[i].value);
    EXPECT_EQ(separated[i].normalised, parenthesised[i].normalised);
  }
  EXPECT_EQ(separated[1].normalised, "2027-03-31");
  EXPECT_EQ(separated[2].value, "ABC123");
  EXPECT_EQ(separated[3].value, "S42");
}

TEST(Gs1, ToleratesSpacesInTheParenthesisedForm) {
  std::vector<Gs1Element> elements = ParseOk(" (01) 03453120000011 (10) ABC123 ");
  ASSERT_EQ(elements.size(), 2u);
  EXPECT_EQ(elements[0].value, "03453120000011");
  EXPECT_EQ(elements[1].value, "ABC123");
}

TEST(Gs1, ReadsConcatenatedFixedLengthAisWithoutSeparators) {
  std::vector<Gs1Element> elements = ParseOk("00106141411234567897" "0103453120000011" "11250101" "3103000125" "20" "07");
  ASSERT_EQ(elements.size(), 5u);
  EXPECT_EQ(elements[0].ai, "00");
  EXPECT_EQ(elements[1].ai, "01");
  EXPECT_EQ(elements[2].ai, "11");
  EXPECT_EQ(elements[3].ai, "3103");
  EXPECT_EQ(elements[3].value, "000125");
  EXPECT_EQ(elements[4].ai, "20");
  EXPECT_EQ(elements[4].value, "07");
}

TEST(Gs1, SkipsSymbologyIdentifierAndLeadingSeparator) {
  EXPECT_EQ(ParseOk("]C10103453120000011").at(0).ai, "01");
  EXPECT_EQ(ParseOk("]d2" + GS + "0103453120000011").at(0).ai, "01");
  EXPECT_EQ(ParseOk(GS + "0103453120000011" + GS + "10A").size(), 2u);
}

TEST(Gs1, ReportsTruncatedFixedLengthValue) {
  std::string error = ParseError("01034531200000");
  EXPECT_THAT(error, HasSubstr("AI 01 needs 14 characters, got 12"));
  EXPECT_THAT(error, HasSubstr("truncated"));
  EXPECT_THAT(error, HasSubstr("position 2"));
}

TEST(Gs1, ReportsTruncatedStringEndingAfterAnAi) {
  EXPECT_THAT(ParseError("0103453120000011" "10"), HasSubstr("AI 10 needs at least 1 character, got 0"));
  EXPECT_THAT(ParseError("0103453120000011" "1"), HasSubstr("unknown application identifier \"1\" at position 16"));
  EXPECT_THAT(ParseError("(01)03453120000011(17)2703"), HasSubstr("AI 17 needs 6 characters, got 4"));
}

TEST(Gs1, ReportsVariableValueOverItsMaximumLength) {
  std::string error = ParseError("10ABCDEFGHIJKLMNOPQRSTU");
  EXPECT_THAT(error, HasSubstr("longer than 20 characters"));
  EXPECT_THAT(error, HasSubstr("missing <GS>"));
}

TEST(Gs1, ReportsUnknownAiWithItsPosition) {
  EXPECT_THAT(ParseError("0103453120000011" "2312345"),
              HasSubstr("unknown application identifier \"2312\" at position 16"));
  EXPECT_THAT(ParseError("(01)03453120000011(999)X"), HasSubstr("unknown application identifier \"999\" at position 18"));
}

TEST(Gs1, ReportsLettersInNumericFields) {
  EXPECT_THAT(ParseError("0103453120O00011"), HasSubstr("invalid character \"O\" at position 10"));
}

TEST(Gs1, RefusesEmptyInput) {
  EXPECT_THAT(ParseError(""), HasSubstr("no element"));
  EXPECT_THAT(ParseError("]C1"), HasSubstr("no element"));
}

TEST(Gs1, GivesNoHintForAisQuaiDoesNotUse) {
  EXPECT_STREQ(Gs1FieldHint("21"), "");
  EXPECT_STREQ(Gs1FieldHint("3103"), "");
  EXPECT_STREQ(Gs1FieldHint("7"), "");
  EXPECT_STREQ(Gs1FieldHint("0"), "");
  EXPECT_STREQ(Gs1FieldHint("011"), "");
}

}  // namespace
}  // namespace quai
