#include "check/einvoice_text_check.h"

#include "check/finding_codes.h"

namespace quai {

void EInvoiceTextCheck::Run(const Extraction& extraction, const DocumentSchema&,
                            std::vector<Finding>* findings) const {
  for (const PageDisagreement& d : extraction.einvoice.page_disagreements) {
    auto value = extraction.fields.find(d.field);
    if (value == extraction.fields.end() || value->second.value != d.xml_value) continue;
    std::string message = "the e-invoice's XML says " + d.field + " is " + d.xml_value + "; the page " +
                          (d.page_shows.empty() ? "does not show it" : "shows " + d.page_shows);
    findings->push_back({finding_codes::kEinvoiceTextDisagrees, d.field, true, message, "block"});
  }
}

}  // namespace quai
