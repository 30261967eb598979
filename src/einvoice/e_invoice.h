// EInvoice: the values an electronic invoice carries as data (UBL 2.1
// Invoice/CreditNote, UN/CEFACT CII CrossIndustryInvoice), read from its XML
// by einvoice_reader.h, before they become an Extraction
// (einvoice_extraction.h). Every value keeps the XML path it came from, so its
// evidence can name it. Plain value types.
#pragma once

#include <string>
#include <vector>

namespace quai {

enum class EInvoiceSyntax { kNone, kUbl, kCii };
const char* EInvoiceSyntaxName(EInvoiceSyntax syntax);  // "UBL", "CII", ""

// One value as the XML holds it: dates already YYYY-MM-DD, amounts and
// quantities plain decimals as written; `path` the element's XML path
// ("/Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount"). Empty value: absent.
struct EInvoiceValue {
  std::string value;
  std::string path;
  bool empty() const { return value.empty(); }
};

struct EInvoiceLine {
  EInvoiceValue line_id;
  EInvoiceValue article_code;  // the seller's identifier of the item
  EInvoiceValue description;   // the item's name
  EInvoiceValue quantity;
  EInvoiceValue unit;          // UN/ECE Rec 20 code: "C62", "KGM", "H87"
  EInvoiceValue unit_price;    // net price per unit
  EInvoiceValue amount;        // line net amount
};

struct EInvoiceVat {
  EInvoiceValue category;      // UNCL5305: "S", "Z", "E", "AE", ...
  EInvoiceValue rate;          // percent
  EInvoiceValue taxable_amount;
  EInvoiceValue tax_amount;
};

struct EInvoice {
  EInvoiceSyntax syntax = EInvoiceSyntax::kNone;
  // A credit note (UBL CreditNote, CII type code 381 or 396): its amounts are
  // given positive in the XML and turned negative in the Extraction.
  bool credit_note = false;
  EInvoiceValue type_code;     // UNCL1001: 380 invoice, 381 credit note, ...
  EInvoiceValue number;
  EInvoiceValue issue_date;
  EInvoiceValue due_date;
  EInvoiceValue currency;
  EInvoiceValue supplier_name;
  EInvoiceValue supplier_vat_number;
  EInvoiceValue supplier_siret;    // legal registration (SIRET/SIREN in France)
  EInvoiceValue buyer_name;
  EInvoiceValue buyer_vat_number;
  EInvoiceValue buyer_reference;   // BT-10: often the buyer's PO or service code
  EInvoiceValue order_reference;   // BT-13: the purchase order
  EInvoiceValue delivery_note_reference;  // BT-16: the despatch advice
  std::vector<EInvoiceLine> lines;
  EInvoiceValue total_excl_tax;    // BT-109
  EInvoiceValue total_tax;         // BT-110
  EInvoiceValue total_incl_tax;    // BT-112
  EInvoiceValue amount_due;        // BT-115
  std::vector<EInvoiceVat> vat_breakdown;
};

}  // namespace quai
