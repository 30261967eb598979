#include "extract/recognizers/value_type.h"

#include <string>

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(ValueType, ReadsEverySchemaNameAndWritesItBack) {
  for (std::string_view name : {"text", "date", "expiry_date", "quantity", "amount", "currency", "code", "po_number",
                                "vat_number", "hazard_statements", "un_number", "version", "unit"}) {
    ValueType type = ValueType::kText;
    ASSERT_TRUE(ParseValueType(name, &type)) << name;
    EXPECT_EQ(ValueTypeName(type), std::string(name));
  }
}

TEST(ValueType, RefusesUnknownNamesWithoutTouchingTheType) {
  ValueType type = ValueType::kAmount;
  EXPECT_FALSE(ParseValueType("Date", &type));
  EXPECT_FALSE(ParseValueType("", &type));
  EXPECT_FALSE(ParseValueType("po-number", &type));
  EXPECT_EQ(type, ValueType::kAmount);
}

}  // namespace
}  // namespace quai
