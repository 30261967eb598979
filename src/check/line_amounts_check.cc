#include "check/line_amounts_check.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "check/finding_codes.h"
#include "extract/line_arithmetic.h"

namespace quai {

void LineAmountsCheck::Run(const Extraction& extraction, const DocumentSchema&, std::vector<Finding>* findings) const {
  bool any_amount = false;
  double sum = 0;
  for (size_t i = 0; i < extraction.lines.size(); ++i) {
    const auto& line = extraction.lines[i];
    if (auto amount = line.find("amount"); amount != line.end()) {
      any_amount = true;
      sum += DecimalValue(amount->second.value);
    }
    if (LineAddsUp(line).value_or(true)) continue;
    findings->push_back({finding_codes::kLineAmountMismatch, "lines[" + std::to_string(i) + "].amount", false,
                         "quantity × unit price does not give the amount"});
  }
  const double excl = HeaderDecimal(extraction, "total_excl_tax");
  if (!any_amount || std::isnan(excl)) return;
  if (std::fabs(sum - excl) > std::max(0.011, 0.0005 * std::fabs(excl)))
    findings->push_back({finding_codes::kLinesTotalMismatch, "lines", true,
                         "the line amounts do not add up to the total excluding tax"});
}

}  // namespace quai
