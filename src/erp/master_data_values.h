// How connectors read the ERP's values into master_data.h's types: decimals,
// yes/no flags, unit conversions and order status words, whatever the ERP's
// way of writing them.
#pragma once

#include <map>
#include <string>

#include "quai/status.h"

namespace quai {

// "12.5", "12,5", " 1 200.00 " -> 12.5, 12.5, 1200; empty -> 0. Anything else
// is kInvalidArgument naming `what` and the text.
Result<double> ParseErpNumber(const std::string& text, const std::string& what);
// "1", "true", "yes", "oui", "x" (any case) -> true; anything else false.
bool ParseErpFlag(const std::string& text);
// "CARTON=12;T=1000" -> {CARTON: 12, T: 1000} (also "," or "|" between pairs).
Result<std::map<std::string, double>> ParseUnitConversions(const std::string& text);

}  // namespace quai
