// TotalsCheck: an invoice's totals. Excluding tax + tax must give including
// tax to a cent and a half (totals_mismatch); two totals read without the
// third cannot be checked (totals_incomplete) unless the tax is absent and the
// two are equal (no tax charged). Both blocking. Documents without totals are
// left alone.
#pragma once

#include "check/document_check.h"

namespace quai {

class TotalsCheck final : public DocumentCheck {
 public:
  std::string_view name() const override { return "totals"; }
  void Run(const Extraction& extraction, const DocumentSchema& schema, std::vector<Finding>* findings) const override;
};

}  // namespace quai
