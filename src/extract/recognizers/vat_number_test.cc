#include "extract/recognizers/vat_number.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "extract/recognizers/recognizer_test_support.h"

namespace quai {
namespace {

using testing_support::Values;
using testing_support::Words;

// Published numbers used as test vectors (python-stdnum's tests/test_eu_vat.doctest
// and test_ch_vat.doctest): valid ones, and the same mangled in one digit.
ValueMatch Vat(std::string_view line) {
  std::vector<ValueMatch> matches = FindVatNumbers(Words(line));
  return matches.empty() ? ValueMatch() : matches[0];
}

TEST(VatNumber, ValidatesFrenchCheckDigits) {
  ValueMatch valid = Vat("FR 40 303 265 045");
  EXPECT_EQ(valid.value, "FR 40 303 265 045");
  EXPECT_DOUBLE_EQ(valid.shape_score, 1.0);
  EXPECT_EQ(CheckVatNumber("FR40303265045"), VatCheck::kValid);
  EXPECT_EQ(CheckVatNumber("FR83404833048"), VatCheck::kValid);
  EXPECT_EQ(CheckVatNumber("FR04409414264"), VatCheck::kInvalid);
  EXPECT_EQ(CheckVatNumber("FR21326565603"), VatCheck::kInvalid);
  EXPECT_EQ(CheckVatNumber("FRK7399859412"), VatCheck::kNotDefined);  // alphanumeric key
}

TEST(VatNumber, KeepsAFailingCheckWithALowScore) {
  ValueMatch match = Vat("FR 12 345678901");
  EXPECT_EQ(match.value, "FR 12 345678901");
  EXPECT_EQ(match.end_word, 3);
  EXPECT_DOUBLE_EQ(match.shape_score, 0.2);
}

TEST(VatNumber, ValidatesCheckDigitsOfTheMainCountries) {
  for (std::string_view number : {"DE136308783", "DE811363057", "DE129390950", "IT00743110157", "IT02087050155",
                                  "BE0428759497", "BE0202239951", "BE413562567", "NL006375054B01", "NL001162938B28",
                                  "NL802003217B01", "ESA08370314", "ESX5277343Q", "ES54362315K", "ESB64240914",
                                  "ESQ0818001J", "ATU13585627", "ATU46080404", "GB980780684", "GB287441041", "CHE116274213",
                                  "CHE114567897"}) {
    EXPECT_EQ(CheckVatNumber(number), VatCheck::kValid) << number;
  }
  for (std::string_view number : {"DE125014855", "DE266297673", "IT00687129980", "BE697449982", "BE0793013186",
                                  "ES54362415K", "ATU46080904", "ATU61191628", "NL123456789B01", "GB287441042",
                                  "CHE116274214"}) {
    EXPECT_EQ(CheckVatNumber(number), VatCheck::kInvalid) << number;
  }
}

TEST(VatNumber, ValidatesCheckDigitsOfOtherCountries) {
  for (std::string_view number : {"DK13202435", "EE101256753", "EL094012834", "FI20194885", "LU10059929",
                                  "PL5840304472", "PT502448911", "SE556058115801", "SI26808498", "SK2022193459"}) {
    EXPECT_EQ(CheckVatNumber(number), VatCheck::kValid) << number;
  }
  for (std::string_view number : {"DK10159817", "EE101256754", "EL094501140", "SK1078449164"}) {
    EXPECT_EQ(CheckVatNumber(number), VatCheck::kInvalid) << number;
  }
  EXPECT_EQ(CheckVatNumber("CZ25123891"), VatCheck::kNotDefined);
  EXPECT_EQ(CheckVatNumber("IE6433435F"), VatCheck::kNotDefined);
}

TEST(VatNumber, ReadsNumbersPrintedWithSpacesDotsAndDashes) {
  EXPECT_EQ(Vat("DE123456789").value, "DE123456789");
  EXPECT_EQ(Vat("NL123456789B01").value, "NL123456789B01");
  EXPECT_EQ(Vat("BE 0123.456.789").value, "BE 0123.456.789");
  EXPECT_EQ(Vat("IT12345678901").value, "IT12345678901");
  EXPECT_EQ(Vat("ESX1234567X").value, "ESX1234567X");
  EXPECT_EQ(Vat("ATU12345678").value, "ATU12345678");
  EXPECT_EQ(Vat("GB 287 4410 41").value, "GB 287 4410 41");
  EXPECT_EQ(Vat("ATU 142 43 102").value, "ATU 142 43 102");
  EXPECT_EQ(Vat("DE - 113866163").value, "DE - 113866163");
  EXPECT_EQ(Vat("PL 584-030-44-72").value, "PL 584-030-44-72");
  EXPECT_EQ(Vat("NL 8225.69.759 b01").value, "NL 8225.69.759 b01");
  EXPECT_DOUBLE_EQ(Vat("NL 8225.69.759 b01").shape_score, 1.0);
  EXPECT_DOUBLE_EQ(Vat("GB 980 7806 84").shape_score, 1.0);
}

TEST(VatNumber, ReadsSwissNumbersWithAndWithoutTheirSuffix) {
  std::vector<ValueMatch> matches = FindVatNumbers(Words("CHE-114.567.897 TVA/MWST"));
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].value, "CHE-114.567.897 TVA/MWST");
  EXPECT_EQ(matches[0].end_word, 2);
  EXPECT_EQ(matches[1].value, "CHE-114.567.897");
  EXPECT_DOUBLE_EQ(matches[1].shape_score, 1.0);
  EXPECT_EQ(Vat("CHE-116.274.213 MWST").value, "CHE-116.274.213 MWST");
}

TEST(VatNumber, TrimsPunctuationAndGluedLabels) {
  EXPECT_EQ(Vat("TVA:FR40303265045").value, "FR40303265045");
  EXPECT_EQ(Vat("USt-IdNr.:DE136308783,").value, "DE136308783");
  EXPECT_EQ(Vat("(IT00743110157)").value, "IT00743110157");
  std::vector<ValueMatch> matches = FindVatNumbers(Words("N\xC2\xB0 TVA : FR 40 303 265 045 - SIRET"));
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].first_word, 3);
  EXPECT_EQ(matches[0].value, "FR 40 303 265 045");
}

TEST(VatNumber, RepairsDigitsMisreadAsLettersWhereADigitMustBe) {
  ValueMatch match = Vat("DE1363O8783");
  EXPECT_EQ(match.value, "DE136308783");
  EXPECT_EQ(match.printed, "DE1363O8783");
  EXPECT_TRUE(match.repaired);
  EXPECT_GT(match.shape_score, 0.5);
  // The B of a Dutch number is where a letter must be.
  EXPECT_FALSE(Vat("NL006375054B01").repaired);
}

TEST(VatNumber, ReadsAFrenchKeyLetterAsADigitWhenThatMakesTheKeyValid) {
  // FR40303265045 is valid; its key's 0 misread as O.
  ValueMatch match = Vat("FR4O303265045");
  EXPECT_EQ(match.value, "FR40303265045");
  EXPECT_TRUE(match.repaired);
  EXPECT_GT(match.shape_score, 0.7);
  // A genuine letter key stays as printed.
  EXPECT_EQ(Vat("FRK7399859412").value, "FRK7399859412");
}

TEST(VatNumber, RefusesWordsAndOtherShapes) {
  for (std::string_view line : {"DEBIT 123", "DE 1234", "de123456789", "ITEM 12345678901", "FR", "XX123456789",
                                "DE 12345678", "Total 1 250,00"}) {
    EXPECT_TRUE(FindVatNumbers(Words(line)).empty()) << line;
  }
}

}  // namespace
}  // namespace quai
