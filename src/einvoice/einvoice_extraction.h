// An EInvoice as the Extraction the reading path produces, so that the check,
// decide, store, review and export stages treat it as any invoice. Type
// "invoice" (confidence 1); every value with confidence 1 and the evidence
// "from the e-invoice (<syntax> <XML path>)"; its page and box where the
// pages show it (quai's layout of an XML invoice, or a Factur-X PDF's own
// pages), else page 1 with an empty box. The schema's fields
// (config/schemas/invoice.json) plus what an e-invoice carries beyond them:
// amount_due, buyer_name, buyer_vat_number, buyer_reference,
// supplier_registration, delivery_note_number, and the line's unit; the VAT
// breakdown in Extraction::einvoice. A credit note keeps the type invoice with
// its amounts and quantities negative (unit prices stay positive), as the
// schemas have no credit-note type. Pure; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "einvoice/e_invoice.h"
#include "quai/extraction.h"

namespace quai {

// `embedded_file`: the PDF's name for the XML, "" for an XML file.
Extraction ExtractionFromEInvoice(const EInvoice& invoice, const std::vector<Page>& pages,
                                  const std::string& embedded_file);

// A Factur-X PDF's key values (invoice number, total including tax, PO number,
// invoice date) that its visible pages do not show as the XML says, with
// page_shows empty (the caller may fill in what a reading of the page gives).
std::vector<PageDisagreement> FindPageDisagreements(const Extraction& extraction, const std::vector<Page>& pages);

}  // namespace quai
