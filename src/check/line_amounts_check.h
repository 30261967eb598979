// LineAmountsCheck: each line's quantity × unit price must give its amount
// (line_amount_mismatch, not blocking: the extract stage already lowered the
// confidence of the three cells, so a person sees them), and the line amounts
// must add up to the total excluding tax, to a cent or 0.05 % of it
// (lines_total_mismatch, blocking: a line missed or misread).
#pragma once

#include "check/document_check.h"

namespace quai {

class LineAmountsCheck final : public DocumentCheck {
 public:
  std::string_view name() const override { return "line_amounts"; }
  void Run(const Extraction& extraction, const DocumentSchema& schema, std::vector<Finding>* findings) const override;
};

}  // namespace quai
