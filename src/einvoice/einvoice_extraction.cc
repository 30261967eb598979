#include "einvoice/einvoice_extraction.h"

#include "einvoice/printed_value_finder.h"

namespace quai {
namespace {

// A credit note's amount, given positive in the XML, read as negative.
std::string Negated(const std::string& amount) {
  if (amount.empty() || amount.find_first_not_of("0.") == std::string::npos) return amount;
  return amount[0] == '-' ? amount.substr(1) : "-" + amount;
}

class ValueWriter {
 public:
  ValueWriter(const EInvoice& invoice, const std::vector<Page>& pages) : invoice_(invoice), pages_(pages) {}

  void Put(std::map<std::string, ExtractedValue>* values, const std::string& field, const EInvoiceValue& from,
           PrintedKind kind = PrintedKind::kText, bool negate = false) {
    if (from.empty()) return;
    ExtractedValue value;
    value.value = negate ? Negated(from.value) : from.value;
    value.confidence = 1.0;
    value.evidence = std::string("from the e-invoice (") + EInvoiceSyntaxName(invoice_.syntax) + " " + from.path + ")";
    if (auto printed = FindPrinted(pages_, from.value, kind)) {
      value.page = printed->page;
      value.box = printed->box;
    }
    (*values)[field] = std::move(value);
  }

 private:
  const EInvoice& invoice_;
  const std::vector<Page>& pages_;
};

}  // namespace

Extraction ExtractionFromEInvoice(const EInvoice& invoice, const std::vector<Page>& pages,
                                  const std::string& embedded_file) {
  Extraction e;
  e.document_type = "invoice";
  e.type_confidence = 1.0;
  e.type_evidence = std::string("an e-invoice (") + EInvoiceSyntaxName(invoice.syntax) +
                    (invoice.credit_note ? " credit note" : " invoice") +
                    (embedded_file.empty() ? "" : ", embedded as " + embedded_file) + ")";
  e.supplier.name = invoice.supplier_name.value;
  e.supplier.evidence = "from the e-invoice";
  e.model_version = "einvoice";
  for (const Page& page : pages) e.page_sources.push_back(page.text_source);
  e.einvoice.syntax = EInvoiceSyntaxName(invoice.syntax);
  e.einvoice.embedded_file = embedded_file;
  e.einvoice.credit_note = invoice.credit_note;
  const bool negate = invoice.credit_note;

  ValueWriter put(invoice, pages);
  auto& f = e.fields;
  put.Put(&f, "supplier_name", invoice.supplier_name);
  put.Put(&f, "invoice_number", invoice.number);
  put.Put(&f, "invoice_date", invoice.issue_date, PrintedKind::kDate);
  put.Put(&f, "due_date", invoice.due_date, PrintedKind::kDate);
  // The PO number: the order reference (BT-13), else the buyer reference
  // (BT-10), which French public buyers and many companies fill with it.
  put.Put(&f, "po_number", invoice.order_reference.empty() ? invoice.buyer_reference : invoice.order_reference);
  put.Put(&f, "supplier_vat_number", invoice.supplier_vat_number);
  put.Put(&f, "currency", invoice.currency);
  put.Put(&f, "total_excl_tax", invoice.total_excl_tax, PrintedKind::kAmount, negate);
  put.Put(&f, "total_tax", invoice.total_tax, PrintedKind::kAmount, negate);
  put.Put(&f, "total_incl_tax", invoice.total_incl_tax, PrintedKind::kAmount, negate);
  // Beyond the schema: kept with the values, never thresholds.
  put.Put(&f, "amount_due", invoice.amount_due, PrintedKind::kAmount, negate);
  put.Put(&f, "buyer_name", invoice.buyer_name);
  put.Put(&f, "buyer_vat_number", invoice.buyer_vat_number);
  put.Put(&f, "buyer_reference", invoice.buyer_reference);
  put.Put(&f, "supplier_registration", invoice.supplier_siret);
  put.Put(&f, "delivery_note_number", invoice.delivery_note_reference);

  for (const EInvoiceLine& line : invoice.lines) {
    std::map<std::string, ExtractedValue> values;
    put.Put(&values, "supplier_article_code", line.article_code);
    put.Put(&values, "description", line.description);
    put.Put(&values, "quantity", line.quantity, PrintedKind::kAmount, negate);
    put.Put(&values, "unit", line.unit);
    put.Put(&values, "unit_price", line.unit_price, PrintedKind::kAmount);
    put.Put(&values, "amount", line.amount, PrintedKind::kAmount, negate);
    e.lines.push_back(std::move(values));
  }
  for (const EInvoiceVat& vat : invoice.vat_breakdown)
    e.einvoice.vat_breakdown.push_back({vat.category.value, vat.rate.value,
                                        negate ? Negated(vat.taxable_amount.value) : vat.taxable_amount.value,
                                        negate ? Negated(vat.tax_amount.value) : vat.tax_amount.value});
  return e;
}

std::vector<PageDisagreement> FindPageDisagreements(const Extraction& extraction, const std::vector<Page>& pages) {
  static const std::pair<const char*, PrintedKind> kKeyFields[] = {{"invoice_number", PrintedKind::kText},
                                                                   {"total_incl_tax", PrintedKind::kAmount},
                                                                   {"po_number", PrintedKind::kText},
                                                                   {"invoice_date", PrintedKind::kDate}};
  std::vector<PageDisagreement> found;
  for (const auto& [field, kind] : kKeyFields) {
    auto value = extraction.fields.find(field);
    if (value == extraction.fields.end() || value->second.value.empty()) continue;
    if (!FindPrinted(pages, value->second.value, kind)) found.push_back({field, value->second.value, ""});
  }
  return found;
}

}  // namespace quai
