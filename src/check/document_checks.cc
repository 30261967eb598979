#include "check/document_checks.h"

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
    return list;
  }();
  return checks;
}

void RunChecks(const DocumentSchema* schema, Extraction* extraction) {
  std::vector<Finding> findings;
  if (schema != nullptr)
    for (const auto& check : DocumentChecks()) check->Run(*extraction, *schema, &findings);
  extraction->findings = std::move(findings);
}

}  // namespace quai
