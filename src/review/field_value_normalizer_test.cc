#include "review/field_value_normalizer.h"

#include "gtest/gtest.h"

namespace quai {
namespace {

FieldSpec Field(const std::string& name, ValueType type) {
  FieldSpec spec;
  spec.name = name;
  spec.type = type;
  return spec;
}

std::string Normalized(const FieldSpec& field, const std::string& typed) {
  Result<std::string> value = NormalizeFieldValue(field, typed);
  EXPECT_TRUE(value.ok()) << typed << ": " << value.status().ToString();
  return value.ok() ? *value : "<refused>";
}

TEST(FieldValueNormalizer, DatesTypedAsPrintedAreStoredIso) {
  const FieldSpec date = Field("delivery_date", ValueType::kDate);
  EXPECT_EQ(Normalized(date, "12/03/2026"), "2026-03-12");
  EXPECT_EQ(Normalized(date, " 2026-03-12 "), "2026-03-12");
  EXPECT_EQ(Normalized(date, "12 mars 2026"), "2026-03-12");
  EXPECT_EQ(Normalized(Field("expiry_date", ValueType::kExpiryDate), "03/2027"), "2027-03-31");
}

TEST(FieldValueNormalizer, ImpossibleDateIsRefusedNamingTheField) {
  Result<std::string> value = NormalizeFieldValue(Field("delivery_date", ValueType::kDate), "31/02/2026");
  ASSERT_FALSE(value.ok());
  EXPECT_EQ(value.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(value.status().message().find("delivery_date"), std::string::npos) << value.status().message();
  EXPECT_NE(value.status().message().find("31/02/2026"), std::string::npos) << value.status().message();
  EXPECT_FALSE(NormalizeFieldValue(Field("delivery_date", ValueType::kDate), "tomorrow").ok());
}

TEST(FieldValueNormalizer, AmountsAndQuantitiesArePlainDecimalsAndLettersAreRefused) {
  const FieldSpec amount = Field("total_incl_tax", ValueType::kAmount);
  EXPECT_EQ(Normalized(amount, "1 250,00"), "1250.00");
  EXPECT_EQ(Normalized(amount, "1,250.00"), "1250.00");
  EXPECT_EQ(Normalized(Field("quantity", ValueType::kQuantity), "12,5"), "12.5");
  Result<std::string> letters = NormalizeFieldValue(amount, "12a0");
  ASSERT_FALSE(letters.ok());
  EXPECT_NE(letters.status().message().find("total_incl_tax"), std::string::npos);
  // An OCR-style slip is a typing mistake here, not something to repair.
  EXPECT_FALSE(NormalizeFieldValue(amount, "l2,00").ok());
}

TEST(FieldValueNormalizer, CurrencyBecomesIsoCode) {
  EXPECT_EQ(Normalized(Field("currency", ValueType::kCurrency), "€"), "EUR");
  EXPECT_FALSE(NormalizeFieldValue(Field("currency", ValueType::kCurrency), "bananas").ok());
}

TEST(FieldValueNormalizer, IdentifiersAreKeptAsTypedAndTextIsTidied) {
  EXPECT_EQ(Normalized(Field("po_number", ValueType::kPoNumber), "4500012345"), "4500012345");
  EXPECT_EQ(Normalized(Field("lot_number", ValueType::kCode), "Lot:L240312"), "L240312");
  // A code extraction would not propose (no digit) is still what the person typed.
  EXPECT_EQ(Normalized(Field("article_code", ValueType::kCode), "ABC-XL"), "ABC-XL");
  EXPECT_EQ(Normalized(Field("supplier_name", ValueType::kText), "  ACME   SAS "), "ACME SAS");
  Result<std::string> empty = NormalizeFieldValue(Field("supplier_name", ValueType::kText), "   ");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace quai
