// The lexicon of units of measure and packaging printed beside quantities in
// fr/en/de/nl/it/es ("kg", "L", "pcs", "pièces", "Stk", "uds", "colis", "m²"),
// and the kUnit recogniser, which returns units as printed. Pure functions
// over a static table, thread-safe.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

// Looks up one token (trimmed of surrounding punctuation; a final '.' may be
// kept or not: "St.", "pcs."). Sets *score: 1.0 for units that are nothing
// else ("kg", "pcs"), lower for single letters and everyday words ("box", "u").
bool LookupUnit(std::string_view token, double* score);

// kUnit: every word that is a unit (value as printed, trimmed), and a unit
// glued to a number ("12kg" → "kg", with a lower shape_score). `learned`
// (folded, may be null): more unit words, those a supplier's validated
// documents taught.
std::vector<ValueMatch> FindUnits(const std::vector<std::string>& words,
                                  const std::set<std::string>* learned = nullptr);

}  // namespace quai
