// EInvoiceTextCheck: a PDF that carries an e-invoice (Factur-X, ZUGFeRD) whose
// visible pages show another invoice number, total including tax, PO number or
// invoice date than its XML (Extraction::einvoice.page_disagreements, found
// by the einvoice stage). One blocking einvoice_text_disagrees finding per
// such field while its value is still the XML's: a person who corrects it has
// decided. Stateless.
#pragma once

#include "check/document_check.h"

namespace quai {

class EInvoiceTextCheck final : public DocumentCheck {
 public:
  std::string_view name() const override { return "einvoice_text"; }
  void Run(const Extraction& extraction, const DocumentSchema& schema, std::vector<Finding>* findings) const override;
};

}  // namespace quai
