// ValuesMatch: whether a predicted value counts as the ground-truth value of a
// field — the one definition of "right" used by every score `quai eval` prints.
// Values are canonical-schema strings (docs/architecture.md, "Canonical
// schemas"); both are UTF-8. Pure function, thread-safe.
//
// Rules, applied in this order:
//  1. Both values are whitespace-normalised first: trimmed, each inner run of
//     whitespace (incl. no-break and thin spaces) made one space
//     (NormalizeWhitespace). All later rules compare the normalised values.
//  2. Identifiers compare exactly, case-sensitive: `currency`, `unit`,
//     `version`, `hazard_statements`, and every field whose name ends in
//     `_number`, `_code`, `_id`, `_ref` or `_reference` (po_number, lot_number,
//     invoice_number, un_number, supplier_article_code, supplier_vat_number, ...).
//     Numbers used as identifiers keep their leading zeros: "0042" ≠ "42".
//  3. Numeric fields — quantity, unit_price, amount, total_excl_tax, total_tax,
//     total_incl_tax — compare as exact decimal numbers when both values are
//     plain decimals (`-?[0-9]+(\.[0-9]+)?`): "40.000" == "40",
//     "1250.00" == "1250", "-0" == "0". No rounding and no floating point:
//     "1250.001" ≠ "1250". When either value is not a plain decimal
//     ("1 250,00", "12 kg") the values compare exactly.
//  4. Free-text names — supplier_name, product_name, description — compare
//     loosely: case-insensitive, accents, punctuation and whitespace ignored
//     (FoldForLooseComparison: "CHIMIRHÔNE S.A.S." matches "Chimirhône SAS",
//     "Chimirhone SAS" does not). A value also matches when it equals the other
//     after removing trailing legal-form words from either side: SAS, SARL, GmbH,
//     Ltd, Inc., B.V., S.p.A., AG, SA, NV, BV, LLC, Co. (each a whole word, with or
//     without its dots; several may be removed, at least one word stays):
//     "Van Dijk Lubricants" matches "Van Dijk Lubricants B.V.", but
//     "Acme SA" does not match "Acme GmbH". Values made only of punctuation
//     compare exactly.
//  5. Any other field (a company's own fields) compares as in rule 3 when both
//     values are plain decimals.
//  6. Everything else — dates, and values rule 3 or 5 could not read — compares
//     exactly, case-sensitive.
// Two blank values match; the evaluation treats a blank value as absent and so
// never asks.
#pragma once

#include <string>

namespace quai {

bool ValuesMatch(const std::string& field, const std::string& truth, const std::string& predicted);

// The rule ValuesMatch applies to `field` (rules 2-6 above), exposed so reports
// and tests can name it.
enum class ValueComparison {
  kExact,      // identifiers (rule 2)
  kNumeric,    // numeric fields and other fields: as numbers when both are plain
               // decimals, else exactly (rules 3, 5, 6)
  kLooseName,  // free-text names (rule 4)
};
ValueComparison ComparisonForField(const std::string& field);

// True when `text` is a plain decimal: an optional '-', digits, and optionally
// '.' followed by digits. No exponent, no '+', no thousands separator.
bool IsPlainDecimal(const std::string& text);

}  // namespace quai
