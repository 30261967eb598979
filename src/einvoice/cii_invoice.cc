// UN/CEFACT Cross Industry Invoice D16B (EN 16931's CII syntax; what Factur-X,
// ZUGFeRD 2 and XRechnung carry) to EInvoice. Element names by local name;
// dates are udt:DateTimeString of format 102 (YYYYMMDD).
#include "einvoice/einvoice_reader.h"

namespace quai {
namespace {

// BT-27/44 name, BT-31/48 VAT identifier (schemeID "VA"), BT-30/47 legal
// registration (SIREN/SIRET in France).
void ReadParty(const xmlNode* party, EInvoiceValue* name, EInvoiceValue* vat, EInvoiceValue* registration) {
  *name = ValueAt(party, {"Name"});
  for (const xmlNode* registered : Children(party, "SpecifiedTaxRegistration")) {
    const xmlNode* id = Child(registered, "ID");
    if (AttributeOf(id, "schemeID").value == "VA") {
      *vat = ValueOf(id);
      break;
    }
  }
  if (registration != nullptr) *registration = ValueAt(party, {"SpecifiedLegalOrganization", "ID"});
}

EInvoiceValue DateAt(const xmlNode* from, std::initializer_list<std::string_view> path) {
  return IsoDate(ValueOf(Child(Descend(from, path), "DateTimeString")));
}

}  // namespace

EInvoice ReadCiiInvoice(const xmlNode* root) {
  EInvoice invoice;
  invoice.syntax = EInvoiceSyntax::kCii;
  const xmlNode* document = Child(root, "ExchangedDocument");
  invoice.number = ValueAt(document, {"ID"});
  invoice.type_code = ValueAt(document, {"TypeCode"});
  invoice.credit_note = invoice.type_code.value == "381" || invoice.type_code.value == "396";
  invoice.issue_date = DateAt(document, {"IssueDateTime"});

  const xmlNode* transaction = Child(root, "SupplyChainTradeTransaction");
  const xmlNode* agreement = Child(transaction, "ApplicableHeaderTradeAgreement");
  invoice.buyer_reference = ValueAt(agreement, {"BuyerReference"});
  ReadParty(Child(agreement, "SellerTradeParty"), &invoice.supplier_name, &invoice.supplier_vat_number,
            &invoice.supplier_siret);
  ReadParty(Child(agreement, "BuyerTradeParty"), &invoice.buyer_name, &invoice.buyer_vat_number, nullptr);
  invoice.order_reference = ValueAt(agreement, {"BuyerOrderReferencedDocument", "IssuerAssignedID"});
  invoice.delivery_note_reference =
      ValueAt(transaction, {"ApplicableHeaderTradeDelivery", "DespatchAdviceReferencedDocument", "IssuerAssignedID"});

  const xmlNode* settlement = Child(transaction, "ApplicableHeaderTradeSettlement");
  invoice.currency = ValueAt(settlement, {"InvoiceCurrencyCode"});
  invoice.due_date = DateAt(settlement, {"SpecifiedTradePaymentTerms", "DueDateDateTime"});
  for (const xmlNode* tax : Children(settlement, "ApplicableTradeTax")) {
    EInvoiceVat vat;
    vat.category = ValueAt(tax, {"CategoryCode"});
    vat.rate = ValueAt(tax, {"RateApplicablePercent"});
    vat.taxable_amount = PlainAmount(ValueAt(tax, {"BasisAmount"}));
    vat.tax_amount = PlainAmount(ValueAt(tax, {"CalculatedAmount"}));
    invoice.vat_breakdown.push_back(std::move(vat));
  }
  const xmlNode* totals = Child(settlement, "SpecifiedTradeSettlementHeaderMonetarySummation");
  invoice.total_excl_tax = PlainAmount(ValueAt(totals, {"TaxBasisTotalAmount"}));
  // BT-110 is the TaxTotalAmount in the invoice's currency (a second may be in the accounting currency).
  for (const xmlNode* tax_total : Children(totals, "TaxTotalAmount")) {
    EInvoiceValue currency = AttributeOf(tax_total, "currencyID");
    if (invoice.total_tax.empty() || currency.value == invoice.currency.value)
      invoice.total_tax = PlainAmount(ValueOf(tax_total));
  }
  invoice.total_incl_tax = PlainAmount(ValueAt(totals, {"GrandTotalAmount"}));
  invoice.amount_due = PlainAmount(ValueAt(totals, {"DuePayableAmount"}));

  for (const xmlNode* item : Children(transaction, "IncludedSupplyChainTradeLineItem")) {
    EInvoiceLine line;
    line.line_id = ValueAt(item, {"AssociatedDocumentLineDocument", "LineID"});
    line.article_code = ValueAt(item, {"SpecifiedTradeProduct", "SellerAssignedID"});
    line.description = ValueAt(item, {"SpecifiedTradeProduct", "Name"});
    line.unit_price =
        PlainAmount(ValueAt(item, {"SpecifiedLineTradeAgreement", "NetPriceProductTradePrice", "ChargeAmount"}));
    const xmlNode* quantity = Descend(item, {"SpecifiedLineTradeDelivery", "BilledQuantity"});
    line.quantity = ValueOf(quantity);
    line.unit = AttributeOf(quantity, "unitCode");
    line.amount = PlainAmount(ValueAt(
        item, {"SpecifiedLineTradeSettlement", "SpecifiedTradeSettlementLineMonetarySummation", "LineTotalAmount"}));
    invoice.lines.push_back(std::move(line));
  }
  return invoice;
}

}  // namespace quai
