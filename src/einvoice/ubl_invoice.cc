// UBL 2.1 Invoice and CreditNote (EN 16931's UBL syntax, Peppol BIS Billing
// 3.0) to EInvoice. Element names by local name; the business terms (BT-n)
// are EN 16931's.
#include "einvoice/einvoice_reader.h"

namespace quai {
namespace {

// The party's name (BT-27/44: PartyName, else the legal registration name),
// VAT identifier (BT-31/48) and legal registration (BT-30/47: SIREN/SIRET in
// France; else the party identifier).
void ReadParty(const xmlNode* party, EInvoiceValue* name, EInvoiceValue* vat, EInvoiceValue* registration) {
  *name = ValueAt(party, {"PartyName", "Name"});
  if (name->empty()) *name = ValueAt(party, {"PartyLegalEntity", "RegistrationName"});
  for (const xmlNode* scheme : Children(party, "PartyTaxScheme")) {
    EInvoiceValue id = ValueAt(scheme, {"CompanyID"});
    std::string kind = ValueAt(scheme, {"TaxScheme", "ID"}).value;
    if (!id.empty() && (kind.empty() || kind == "VAT")) {
      *vat = id;
      break;
    }
  }
  if (registration == nullptr) return;
  *registration = ValueAt(party, {"PartyLegalEntity", "CompanyID"});
  if (registration->empty()) *registration = ValueAt(party, {"PartyIdentification", "ID"});
}

}  // namespace

EInvoice ReadUblInvoice(const xmlNode* root) {
  EInvoice invoice;
  invoice.syntax = EInvoiceSyntax::kUbl;
  invoice.credit_note = LocalName(root) == "CreditNote";
  invoice.type_code = ValueAt(root, {invoice.credit_note ? "CreditNoteTypeCode" : "InvoiceTypeCode"});
  if (invoice.type_code.value == "381" || invoice.type_code.value == "396") invoice.credit_note = true;
  invoice.number = ValueAt(root, {"ID"});
  invoice.issue_date = IsoDate(ValueAt(root, {"IssueDate"}));
  invoice.due_date = IsoDate(ValueAt(root, {"DueDate"}));
  if (invoice.due_date.empty())  // a CreditNote's due date is its payment means'
    invoice.due_date = IsoDate(ValueAt(root, {"PaymentMeans", "PaymentDueDate"}));
  invoice.currency = ValueAt(root, {"DocumentCurrencyCode"});
  invoice.buyer_reference = ValueAt(root, {"BuyerReference"});
  invoice.order_reference = ValueAt(root, {"OrderReference", "ID"});
  invoice.delivery_note_reference = ValueAt(root, {"DespatchDocumentReference", "ID"});
  ReadParty(Descend(root, {"AccountingSupplierParty", "Party"}), &invoice.supplier_name,
            &invoice.supplier_vat_number, &invoice.supplier_siret);
  ReadParty(Descend(root, {"AccountingCustomerParty", "Party"}), &invoice.buyer_name, &invoice.buyer_vat_number,
            nullptr);

  // The tax total in the document's currency (a second one may give the VAT in
  // the accounting currency, without breakdown).
  for (const xmlNode* tax_total : Children(root, "TaxTotal")) {
    const xmlNode* amount = Child(tax_total, "TaxAmount");
    EInvoiceValue currency = AttributeOf(amount, "currencyID");
    if (!invoice.total_tax.empty() && !currency.empty() && currency.value != invoice.currency.value) continue;
    if (invoice.total_tax.empty() || currency.value == invoice.currency.value) {
      invoice.total_tax = PlainAmount(ValueOf(amount));
      invoice.vat_breakdown.clear();
      for (const xmlNode* subtotal : Children(tax_total, "TaxSubtotal")) {
        EInvoiceVat vat;
        vat.category = ValueAt(subtotal, {"TaxCategory", "ID"});
        vat.rate = ValueAt(subtotal, {"TaxCategory", "Percent"});
        vat.taxable_amount = PlainAmount(ValueAt(subtotal, {"TaxableAmount"}));
        vat.tax_amount = PlainAmount(ValueAt(subtotal, {"TaxAmount"}));
        invoice.vat_breakdown.push_back(std::move(vat));
      }
    }
  }
  const xmlNode* totals = Child(root, "LegalMonetaryTotal");
  invoice.total_excl_tax = PlainAmount(ValueAt(totals, {"TaxExclusiveAmount"}));
  invoice.total_incl_tax = PlainAmount(ValueAt(totals, {"TaxInclusiveAmount"}));
  invoice.amount_due = PlainAmount(ValueAt(totals, {"PayableAmount"}));

  const char* line_name = invoice.credit_note && LocalName(root) == "CreditNote" ? "CreditNoteLine" : "InvoiceLine";
  const char* quantity_name = LocalName(root) == "CreditNote" ? "CreditedQuantity" : "InvoicedQuantity";
  for (const xmlNode* node : Children(root, line_name)) {
    EInvoiceLine line;
    line.line_id = ValueAt(node, {"ID"});
    const xmlNode* quantity = Child(node, quantity_name);
    line.quantity = ValueOf(quantity);
    line.unit = AttributeOf(quantity, "unitCode");
    line.amount = PlainAmount(ValueAt(node, {"LineExtensionAmount"}));
    line.description = ValueAt(node, {"Item", "Name"});
    line.article_code = ValueAt(node, {"Item", "SellersItemIdentification", "ID"});
    line.unit_price = PlainAmount(ValueAt(node, {"Price", "PriceAmount"}));
    invoice.lines.push_back(std::move(line));
  }
  return invoice;
}

}  // namespace quai
