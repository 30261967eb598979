#include "learn/value_comparison.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(ValuesMatch, IgnoresSurroundingAndRepeatedWhitespace) {
  EXPECT_TRUE(ValuesMatch("po_number", " CA/25/8006 ", "CA/25/8006"));
  EXPECT_TRUE(ValuesMatch("supplier_vat_number", "GB 287 4410 41", "GB 287\u00A0 4410\t41"));
  EXPECT_FALSE(ValuesMatch("supplier_vat_number", "GB 287 4410 41", "GB287441041"));
}

TEST(ValuesMatch, ComparesNumericFieldsAsNumbers) {
  EXPECT_TRUE(ValuesMatch("total_incl_tax", "1250.00", "1250"));
  EXPECT_TRUE(ValuesMatch("quantity", "40.000", "40"));
  EXPECT_TRUE(ValuesMatch("quantity", "040", "40.0"));
  EXPECT_TRUE(ValuesMatch("amount", "-0.00", "0"));
  EXPECT_FALSE(ValuesMatch("unit_price", "0.50", ".5"));  // ".5" is not a plain decimal
  EXPECT_FALSE(ValuesMatch("total_excl_tax", "1250.001", "1250"));
  EXPECT_FALSE(ValuesMatch("amount", "-12.5", "12.5"));
  EXPECT_FALSE(ValuesMatch("total_tax", "7484.87", "7484.78"));
}

TEST(ValuesMatch, ComparesNumbersExactlyBeyondDoublePrecision) {
  EXPECT_FALSE(ValuesMatch("amount", "12345678901234567890.01", "12345678901234567890.02"));
  EXPECT_TRUE(ValuesMatch("amount", "12345678901234567890.010", "12345678901234567890.01"));
}

TEST(ValuesMatch, ComparesNumericFieldsThatAreNotPlainDecimalsExactly) {
  EXPECT_FALSE(ValuesMatch("total_incl_tax", "1250.00", "1 250,00"));
  EXPECT_FALSE(ValuesMatch("amount", "1000", "1e3"));
  EXPECT_TRUE(ValuesMatch("quantity", "12 kg", "12  kg"));
}

TEST(ValuesMatch, ComparesIdentifiersExactlyAndCaseSensitively) {
  EXPECT_FALSE(ValuesMatch("po_number", "0042", "42"));
  EXPECT_FALSE(ValuesMatch("invoice_number", "21308608", "21308608.0"));
  EXPECT_FALSE(ValuesMatch("lot_number", "L25218-51", "l25218-51"));
  EXPECT_FALSE(ValuesMatch("currency", "EUR", "eur"));
  EXPECT_FALSE(ValuesMatch("unit", "FÛT", "fût"));
  EXPECT_FALSE(ValuesMatch("version", "9,3", "9.3"));
  EXPECT_FALSE(ValuesMatch("un_number", "UN 1824", "UN1824"));
  EXPECT_FALSE(ValuesMatch("customer_number", "007", "7"));  // a company's own identifier
  EXPECT_TRUE(ValuesMatch("supplier_article_code", "CH-3452", "CH-3452"));
}

TEST(ValuesMatch, ComparesDatesExactly) {
  EXPECT_TRUE(ValuesMatch("delivery_date", "2025-09-19", "2025-09-19"));
  EXPECT_FALSE(ValuesMatch("delivery_date", "2025-09-19", "2025-9-19"));
  EXPECT_FALSE(ValuesMatch("expiry_date", "2027-03-31", "03/2027"));
}

TEST(ValuesMatch, ComparesOtherFieldsAsNumbersWhenBothAreDecimals) {
  EXPECT_TRUE(ValuesMatch("weight_kg", "12.50", "12.5"));
  EXPECT_FALSE(ValuesMatch("weight_kg", "12.50", "12,5"));
  EXPECT_FALSE(ValuesMatch("incoterm", "DPU", "dpu"));
}

TEST(ValuesMatch, ComparesNamesIgnoringCaseAccentsAndPunctuation) {
  EXPECT_TRUE(ValuesMatch("supplier_name", "Chimirhône SAS", "CHIMIRHÔNE S.A.S."));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Castellana Química S.L.", "Castellana Quimica S.L."));
  EXPECT_FALSE(ValuesMatch("supplier_name", "Chimirhône SAS", "Chimirhane SAS"));
  EXPECT_TRUE(ValuesMatch("description", "Heavy-duty engine oil 15W-40", "heavy duty engine oil 15W40"));
  EXPECT_TRUE(ValuesMatch("product_name", "Acide nitrique 65 % pour analyse", "ACIDE NITRIQUE 65% POUR ANALYSE"));
  EXPECT_FALSE(ValuesMatch("description", "Hydraulic oil HV 46", "Hydraulic oil HV 46 – 208 L drum"));
}

TEST(ValuesMatch, AcceptsNamesWithoutTheirLegalForm) {
  EXPECT_TRUE(ValuesMatch("supplier_name", "Van Dijk Lubricants B.V.", "Van Dijk Lubricants"));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Van Dijk Lubricants", "Van Dijk Lubricants BV"));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Chimirhône SAS", "Chimirhône"));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Acme, Inc.", "ACME"));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Rossi Chimica S.p.A.", "Rossi Chimica"));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Kwik Parts Co. Ltd", "Kwik Parts Co."));
  EXPECT_TRUE(ValuesMatch("supplier_name", "Kwik Parts Co. Ltd", "Kwik Parts"));
}

TEST(ValuesMatch, DoesNotTradeOneLegalFormForAnother) {
  EXPECT_FALSE(ValuesMatch("supplier_name", "Acme SA", "Acme GmbH"));
  EXPECT_FALSE(ValuesMatch("supplier_name", "Acme SARL", "Acme Industrie"));
}

TEST(ValuesMatch, RemovesLegalFormsOnlyAsWholeTrailingWords) {
  EXPECT_FALSE(ValuesMatch("supplier_name", "Mesa", "Me"));
  EXPECT_FALSE(ValuesMatch("supplier_name", "SA Holding", "Holding"));
  EXPECT_FALSE(ValuesMatch("supplier_name", "SA", ""));
}

TEST(ValuesMatch, ComparesPunctuationOnlyNamesExactly) {
  EXPECT_FALSE(ValuesMatch("supplier_name", "-", "."));
  EXPECT_TRUE(ValuesMatch("supplier_name", "-", " - "));
}

TEST(ComparisonForField, NamesTheRuleEachFieldGets) {
  EXPECT_EQ(ComparisonForField("quantity"), ValueComparison::kNumeric);
  EXPECT_EQ(ComparisonForField("total_incl_tax"), ValueComparison::kNumeric);
  EXPECT_EQ(ComparisonForField("delivery_date"), ValueComparison::kNumeric);  // exact unless decimals
  EXPECT_EQ(ComparisonForField("supplier_name"), ValueComparison::kLooseName);
  EXPECT_EQ(ComparisonForField("description"), ValueComparison::kLooseName);
  EXPECT_EQ(ComparisonForField("po_number"), ValueComparison::kExact);
  EXPECT_EQ(ComparisonForField("internal_article_code"), ValueComparison::kExact);
  EXPECT_EQ(ComparisonForField("hazard_statements"), ValueComparison::kExact);
}

TEST(IsPlainDecimal, AcceptsOnlyDigitsWithAnOptionalMinusAndPoint) {
  for (const char* text : {"0", "1250", "1250.00", "-3.5", "007"}) {
    EXPECT_TRUE(IsPlainDecimal(text)) << text;
  }
  for (const char* text : {"", "-", ".5", "5.", "+1", "1e3", "1,5", "1 250", "1.2.3", "0x10", "NaN"}) {
    EXPECT_FALSE(IsPlainDecimal(text)) << text;
  }
}

}  // namespace
}  // namespace quai
