// DocumentCheck: one rule run on a document's values (as read, or as a person
// corrected them) that reports what is wrong as findings. Checks never change
// values or confidences (what the reading trusts is the extract stage's) and
// never decide (the decide stage weighs their blocking findings). They are
// pure and stateless: one instance serves every thread. The ordered list of
// them is check/document_checks.h.
#pragma once

#include <string_view>
#include <vector>

#include "extract/schema.h"
#include "quai/extraction.h"

namespace quai {

class DocumentCheck {
 public:
  virtual ~DocumentCheck() = default;
  // Names the check ("totals").
  virtual std::string_view name() const = 0;
  // Appends to `findings` what it finds in `extraction`, a document of
  // `schema`; codes are finding_codes.h's.
  virtual void Run(const Extraction& extraction, const DocumentSchema& schema,
                   std::vector<Finding>* findings) const = 0;
};

}  // namespace quai
