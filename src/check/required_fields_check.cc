#include "check/required_fields_check.h"

#include "check/finding_codes.h"

namespace quai {

void RequiredFieldsCheck::Run(const Extraction& extraction, const DocumentSchema& schema,
                              std::vector<Finding>* findings) const {
  for (const FieldSpec& field : schema.fields)
    if (field.required && extraction.fields.count(field.name) == 0)
      findings->push_back({finding_codes::kRequiredFieldMissing, field.name, true,
                           field.name + " was not found on the document"});
}

}  // namespace quai
