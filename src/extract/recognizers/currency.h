// The currency lexicon and the kCurrency recogniser: signs, ISO 4217 codes and
// names ("€", "EUR", "euros", "$", "£", "CHF", "Fr.") read as their ISO code,
// whether they stand alone or are glued to an amount ("1 250,00€"). Pure
// functions over static tables, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

// Looks up one whole token (already trimmed of surrounding punctuation, a
// final '.' kept: "Fr."). Sets *iso and *score (1.0 for "EUR", "€"; lower for
// signs shared by several currencies like "$" and for "Fr.", also "Frau").
bool LookupCurrency(std::string_view token, std::string* iso, double* score);

// Byte length of a currency sign or code glued before a number ("€12",
// "US$5", "EUR1250", "CHF12.50"), or 0. Sets *iso when found.
size_t CurrencyPrefixLength(std::string_view text, std::string* iso);

// kCurrency: every word that is a currency, or an amount with a currency
// glued to it (then with a lower shape_score).
std::vector<ValueMatch> FindCurrencies(const std::vector<std::string>& words);

}  // namespace quai
