// The kinds of value a field of a document schema can hold, and their names
// in the schema files ("date", "po_number", ...). The value recognisers find
// candidates of each kind in a line of words; NumberStyle is the document-level
// hint that settles "1.250" and "1,250". Pure data and functions, thread-safe.
#pragma once

#include <string_view>

namespace quai {

enum class ValueType {
  kText,
  kDate,
  kExpiryDate,  // a date, or a month and year meaning the last day of that month
  kQuantity,
  kAmount,
  kCurrency,
  kCode,
  kPoNumber,
  kVatNumber,
  kHazardStatements,
  kUnNumber,
  kVersion,
  kUnit,
};

// Reads a schema name ("text", "date", "expiry_date", "quantity", "amount",
// "currency", "code", "po_number", "vat_number", "hazard_statements",
// "un_number", "version", "unit"). Returns false and leaves *type alone for any
// other name.
bool ParseValueType(std::string_view name, ValueType* type);

// The schema name of `type`, the inverse of ParseValueType.
const char* ValueTypeName(ValueType type);

// How a document writes decimals: "1.250,00" (comma) or "1,250.00" (point).
enum class NumberStyle { kUnknown, kDecimalComma, kDecimalPoint };

// The order of day and month in a document's numeric dates (GuessDateOrder,
// or what the supplier's validated dates showed): kUnknown reads day first.
enum class DateOrder { kUnknown, kDayFirst, kMonthFirst };

}  // namespace quai
