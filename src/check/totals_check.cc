#include "check/totals_check.h"

#include <cmath>
#include <string>

#include "check/finding_codes.h"
#include "extract/line_arithmetic.h"

namespace quai {

void TotalsCheck::Run(const Extraction& extraction, const DocumentSchema&, std::vector<Finding>* findings) const {
  const double excl = HeaderDecimal(extraction, "total_excl_tax"), tax = HeaderDecimal(extraction, "total_tax"),
               incl = HeaderDecimal(extraction, "total_incl_tax");
  if (!std::isnan(excl) && !std::isnan(tax) && !std::isnan(incl) && std::fabs(excl + tax - incl) > 0.015)
    findings->push_back({finding_codes::kTotalsMismatch, "total_incl_tax", true,
                         "total excl. tax + tax does not equal total incl. tax"});
  // Two totals read and the third not: they cannot be checked (no tax printed
  // is normal only when both totals are equal).
  const int read = !std::isnan(excl) + !std::isnan(tax) + !std::isnan(incl);
  if (read == 2 && !(std::isnan(tax) && std::fabs(excl - incl) <= 0.015)) {
    const char* missing = std::isnan(excl) ? "total_excl_tax" : std::isnan(tax) ? "total_tax" : "total_incl_tax";
    findings->push_back({finding_codes::kTotalsIncomplete, missing, true,
                         std::string(missing) + " was not read: the totals cannot be checked"});
  }
}

}  // namespace quai
