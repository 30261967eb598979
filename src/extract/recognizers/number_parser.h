// Reads one printed number ("1 250,00", "1.250,00", "1,250.00", "1'250.50",
// "12,5") as a plain decimal ("1250.00"), deciding which separator is the
// decimal one from the grouping and the document's NumberStyle, and splits a
// word into the number and what is glued to it: sign, parentheses, currency,
// unit, percent ("(€1 250,00)", "12,5kg", "1.250,00-"). Pure functions.
#pragma once

#include <string>
#include <string_view>

#include "extract/recognizers/value_type.h"

namespace quai {

struct ParsedNumber {
  std::string value;        // plain decimal: digits, then '.' and the decimals as printed
  int integer_digits = 0;   // digits before the decimal point, leading zeros removed
  int decimals = 0;         // digits after the decimal separator, as printed
  bool grouped = false;     // thousands separators were printed
  bool ambiguous = false;   // "1.250"/"1,250" read as thousands only because the style is unknown
};

// Reads `core`: digits with '.', ',', apostrophes and spaces (any of the
// IsGroupSpace ones) between them, no sign. Thousands groups must be
// consistent (1-3 digits, then groups of 3, one kind of separator). A single
// '.' or ',' followed by exactly three digits is a thousands separator unless
// the style says it is the decimal one (or the number starts with 0 or has more
// than three digits before it); any other single separator is decimal.
// Returns false for anything else ("12.03.2026", "1.2.3", "1,,2").
bool ParseNumberCore(std::string_view core, NumberStyle style, ParsedNumber* number);

// One word taken apart around a number.
struct NumberWord {
  std::string core;           // digits and separators, as printed
  bool negative = false;      // '-' or '−' before, a trailing '-' (1.250,00-), or parentheses
  bool sign_before = false;   // '-', '−' or '+' before the digits
  bool minus_after = false;   // '-' after the digits (SAP style)
  bool open_paren = false;    // '(' before the number
  bool close_paren = false;   // ')' after it (the caller checks that they pair up)
  bool times = false;         // "x100", "×100"
  bool dash_integer = false;  // "12,-" or "12.–": a whole amount
  bool percent = false;       // "20%"
  std::string currency;       // ISO code of a currency glued before or after ("€12", "12EUR")
  std::string unit;           // a unit glued after, as printed ("kg" in "12,5kg")
  bool currency_before = false;

  // Something is glued before the digits (sign, parenthesis, currency, "x").
  bool HasPrefix() const;
  // Something is glued after the digits (unit, currency, %, ')', trailing '-').
  bool HasSuffix() const;
};

// Splits `word` into its number and what is glued around it; returns false
// when the word is not a number with known affixes ("12/03/2026", "L240312",
// "1er"). Trailing sentence punctuation is ignored ("12,50.", "12;"). A lone
// parenthesis is kept in open_paren/close_paren: a number split over words
// may open in one and close in another. `negative` counts parentheses only
// when both are in this word.
bool SplitNumberWord(std::string_view word, NumberWord* parts);

}  // namespace quai
