// RequiredFieldsCheck: every header field the schema marks required must have
// a value (required_field_missing, blocking, one per field, in schema order).
// Required line cells are the decide stage's ("missing: lines[i].field").
#pragma once

#include "check/document_check.h"

namespace quai {

class RequiredFieldsCheck final : public DocumentCheck {
 public:
  std::string_view name() const override { return "required_fields"; }
  void Run(const Extraction& extraction, const DocumentSchema& schema, std::vector<Finding>* findings) const override;
};

}  // namespace quai
