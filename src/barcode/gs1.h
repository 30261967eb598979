// GS1 element strings: the data carried by GS1-128, GS1 DataMatrix and GS1 QR symbols
// (AIs joined by <GS> separators) or printed under them ("(01)03453120000011(17)270331").
// ParseGs1 splits a string into application identifiers and values, checks what GS1 lets
// it check (lengths, digits, check digits, dates) and normalises dates to ISO form.
// Pure functions with no shared state: safe from any thread. Results are plain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"

namespace quai {

// The <GS> character (ASCII 29) that ends a variable-length value inside a symbol.
inline constexpr char kGs1Separator = '\x1d';

struct Gs1Element {
  std::string ai;          // application identifier, e.g. "01", "17", "3103", "400"
  std::string value;       // exactly as encoded
  std::string normalised;  // dates (YYMMDD) as "YYYY-MM-DD", DD=00 meaning the month's
                           // last day; every other value as `value`
};

// Parses `element_string` in either form:
//   - as decoded from a symbol: AIs and values back to back, a <GS> after each
//     variable-length value that is not last (a leading "]C1"/"]d2"/"]Q3"/"]e0" symbology
//     identifier or <GS> is skipped; a <GS> after a fixed-length value is tolerated);
//   - human-readable: "(01)03453120000011(17)270331(10)ABC123", spaces around values ignored.
// Fixed and maximum lengths follow the GS1 General Specifications AI table. Fails with
// kInvalidArgument, naming the 0-based position in `element_string`, for: an unknown AI,
// a value cut short by the end of the string or a <GS>, a variable value over its maximum
// length, a non-digit in a numeric field, a wrong check digit (00 SSCC, 01/02 GTIN,
// 41x GLN, 402 GSIN) or an impossible date. Values of alphanumeric AIs are accepted if
// they are printable ASCII (GS1 restricts them further; suppliers do not always).
// `reference_year` (e.g. 2026) anchors the GS1 century rule for two-digit years; 0 means
// the current UTC year.
Result<std::vector<Gs1Element>> ParseGs1(std::string_view element_string, int reference_year = 0);

// The four-digit year GS1 means by `yy` (0..99) when read in `reference_year`: the one
// from 49 years before to 50 years after the reference year (GS1 General Specifications,
// "Determination of century in dates"). In 2026: 76 -> 2076, 77 -> 1977.
int Gs1FullYear(int yy, int reference_year);

// The quai field an AI's value is evidence for: "sscc" (00), "gtin" (01, 02),
// "lot_number" (10), "production_date" (11), "best_before_date" (15),
// "expiry_date" (17), "count" (30, 37), "po_number" (400); "" for every other AI.
const char* Gs1FieldHint(const std::string& ai);

}  // namespace quai
