#include "extract/recognizers/value_type.h"

#include <iterator>

namespace quai {
namespace {

struct NamedType {
  const char* name;
  ValueType type;
};

constexpr NamedType kNamedTypes[] = {
    {"text", ValueType::kText},
    {"date", ValueType::kDate},
    {"expiry_date", ValueType::kExpiryDate},
    {"quantity", ValueType::kQuantity},
    {"amount", ValueType::kAmount},
    {"currency", ValueType::kCurrency},
    {"code", ValueType::kCode},
    {"po_number", ValueType::kPoNumber},
    {"vat_number", ValueType::kVatNumber},
    {"hazard_statements", ValueType::kHazardStatements},
    {"un_number", ValueType::kUnNumber},
    {"version", ValueType::kVersion},
    {"unit", ValueType::kUnit},
};

}  // namespace

bool ParseValueType(std::string_view name, ValueType* type) {
  for (const NamedType& named : kNamedTypes) {
    if (name == named.name) {
      *type = named.type;
      return true;
    }
  }
  return false;
}

const char* ValueTypeName(ValueType type) {
  for (const NamedType& named : kNamedTypes) {
    if (named.type == type) return named.name;
  }
  return "unknown";
}

}  // namespace quai
