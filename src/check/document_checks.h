// The check stage: the ordered list of checks every document's values go
// through, after extraction and again after every correction (the review
// desk), so that its findings are always those of its current values. Input:
// an Extraction and its type's schema; output: its findings, replaced whole.
// The checks need no ERP today (ERP cross-checks will join the list).
// Thread-safe: the list is built once and the checks are stateless.
#pragma once

#include <memory>
#include <vector>

#include "check/document_check.h"

namespace quai {

// unread_lines → totals → line_amounts → required_fields: the order of the findings.
const std::vector<std::unique_ptr<DocumentCheck>>& DocumentChecks();

// Sets extraction->findings to what every check finds in its values, in list
// order. `schema`: of extraction->document_type; null (a type quai has no
// schema for) leaves no finding.
void RunChecks(const DocumentSchema* schema, Extraction* extraction);

}  // namespace quai
