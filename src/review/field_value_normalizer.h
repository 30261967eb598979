// Reads a value a person typed or picked for a schema field and writes it the
// way the canonical schemas require (docs/architecture.md): dates as
// YYYY-MM-DD, numbers as plain decimals, currencies as ISO 4217, codes as
// printed without a label word. Uses the same value recognisers as extraction,
// so a corrected value and an extracted one look alike. Pure, thread-safe.
#pragma once

#include <string>

#include "extract/schema.h"
#include "quai/status.h"

namespace quai {

// The normalised value, or InvalidArgument naming the field when the text is
// not a value of the field's type ("delivery_date: '31/02/2026' is not a
// date"). Dates, expiry dates, quantities, amounts, currencies, VAT numbers,
// UN numbers and hazard statements must be read whole by their recogniser.
// Identifiers (codes, PO numbers, versions) and units are kept as typed
// (trimmed) when the recogniser does not read them: a person may type a code
// whose shape extraction would not propose. Text is trimmed, spaces collapsed.
// Empty text is InvalidArgument (removing a value is not typing an empty one).
Result<std::string> NormalizeFieldValue(const FieldSpec& field, const std::string& typed);

}  // namespace quai
