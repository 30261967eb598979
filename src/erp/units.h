// Units of measure as suppliers print them and ERPs store them: one canonical
// name per unit ("kg", "Kilo", "KGS" -> "KG"; "pièce", "pcs", "Stk" -> "PCE")
// and conversions within a dimension (G, KG, T; ML, CL, L, M3; MM, CM, M, KM),
// then through an article's own conversions (a CARTON of 12 PCE). Quantities
// in units that cannot be converted are not compared: that is unit_mismatch.
#pragma once

#include <optional>
#include <string>

#include "erp/master_data.h"

namespace quai {

// The canonical name of a unit: upper case, accents folded, synonyms merged.
std::string CanonicalUnit(const std::string& unit);

// `quantity` of `from` expressed in `to`, through the dimension tables and
// then `article`'s conversions (may be null); nullopt when no path exists.
// Units that are both empty, or the same, convert one to one; an empty unit
// on one side only is taken to be the other's (the document did not print it).
std::optional<double> ConvertQuantity(double quantity, const std::string& from, const std::string& to,
                                      const ErpArticle* article);

}  // namespace quai
