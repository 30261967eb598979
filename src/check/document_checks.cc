#include "check/document_checks.h"

#include "check/finding_codes.h"

#include "check/einvoice_text_check.h"
#include "check/line_amounts_check.h"
#include "check/required_fields_check.h"
#include "check/totals_check.h"
#include "check/unread_lines_check.h"

namespace quai {

const std::vector<std::unique_ptr<DocumentCheck>>& DocumentChecks() {
  static const std::vector<std::unique_ptr<DocumentCheck>> checks = [] {
    std::vector<std::unique_ptr<DocumentCheck>> list;
    list.push_back(std::make_unique<UnreadLinesCheck>());
    list.push_back(std::make_unique<TotalsCheck>());
    list.push_back(std::make_unique<LineAmountsCheck>());
    list.push_back(std::make_unique<RequiredFieldsCheck>());
    list.push_back(std::make_unique<EInvoiceTextCheck>());
    return list;
  }();
  return checks;
}

void RunChecks(const DocumentSchema* schema, Extraction* extraction, const CheckContext& context) {
  std::vector<Finding> findings;
  if (schema != nullptr) {
    for (const auto& check : DocumentChecks()) check->Run(*extraction, *schema, &findings);
    for (Finding& finding : findings)
      if (finding.severity.empty()) finding.severity = finding.blocking ? "block" : "warn";
    if (context.erp != nullptr) {
      Status checked = context.erp->Check(*extraction, context.document_id, context.today, &findings);
      if (!checked.ok())
        findings.push_back({finding_codes::kErpUnavailable, "", true,
                            "the ERP's master data could not be read: " + checked.message(), "block"});
    }
  }
  extraction->findings = std::move(findings);
  ApplyFindingOverrides(extraction);
}

void ApplyFindingOverrides(Extraction* extraction) {
  for (Finding& finding : extraction->findings) {
    if (!finding.blocking) continue;
    for (const FindingOverride& o : extraction->finding_overrides)
      if (o.code == finding.code && o.field == finding.field) {
        finding.blocking = false;
        finding.override_reason = o.reason;
        finding.overridden_by = o.user;
      }
  }
}

}  // namespace quai
