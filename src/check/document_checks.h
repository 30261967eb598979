// The check stage: the ordered list of checks every document's values go
// through, after extraction and again after every correction (the review
// desk), so that its findings are always those of its current values. Input:
// an Extraction and its type's schema; output: its findings, replaced whole.
// When an ERP is connected, its cross-checks (erp_checks.h) run after the
// list. Then a person's overrides (Extraction::finding_overrides) lift the
// blocking findings they name. Thread-safe: the list is built once and the
// checks are stateless.
#pragma once

#include <memory>
#include <vector>

#include "check/document_check.h"
#include "check/erp_checks.h"

namespace quai {

// unread_lines → totals → line_amounts → required_fields → einvoice_text: the order of the findings.
const std::vector<std::unique_ptr<DocumentCheck>>& DocumentChecks();

// What the checks beyond the document's own values need.
struct CheckContext {
  const ErpChecks* erp = nullptr;  // null: no ERP cross-checks
  int64_t document_id = 0;         // the stored document (0: not stored)
  std::string today;               // YYYY-MM-DD, for expiry dates
};

// Sets extraction->findings to what every check finds in its values, in list
// order, then the ERP's. `schema`: of extraction->document_type; null (a type
// quai has no schema for) leaves no finding. An ERP copy that cannot be read
// is a blocking erp_unavailable finding.
void RunChecks(const DocumentSchema* schema, Extraction* extraction, const CheckContext& context = {});

// Lifts each blocking finding a person overrode (same code and field).
void ApplyFindingOverrides(Extraction* extraction);

}  // namespace quai
