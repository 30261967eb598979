// What quai read off a document: its type, each field's value with its
// confidence, page, box and evidence, the line items (the extract stage),
// findings (the check stage) and whether a person must look at it (the decide
// stage). This is the `quai extract --json` contract of docs/architecture.md.
// Plain value types.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "quai/document.h"

namespace quai {

struct ExtractedValue {
  std::string value;        // normalised (ISO dates, plain decimals, codes as printed)
  double confidence = 0;    // calibrated: 0.99 is right 99 times in 100
  int page = 1;             // from 1
  Box box;                  // points, top-left origin
  std::string evidence;     // why this value: "label 'N° PO' left of value", "barcode GS1 (10)"
  // Something beyond its reading confirms it (extract/corroboration.h): the
  // totals add up, an article the supplier delivered before, ... (not set on
  // the supplier field of a supplier recognised by its identifiers).
  bool corroborated = false;
  // Something contradicts it (not in the shape every such value had): its
  // confidence is at most 0.5, so a person sees it.
  bool doubted = false;
  // Typed or confirmed by a person at the review desk: certain, so no
  // threshold applies to it. Never set by extraction.
  bool corrected = false;
};

struct Finding {
  std::string code;         // one of check/finding_codes.h: "required_field_missing", ...
  std::string field;        // "po_number", "lines[0].quantity", or empty
  bool blocking = false;    // a blocking finding always sends the document to review
  std::string message;
  // "block", "warn" or "info" (the ERP rules' severities are configured:
  // check/erp_rules.h). A blocking finding a person overrode keeps "block"
  // and is no longer blocking.
  std::string severity;
  // The ERP's values it was judged against ({"quantity_open": "800", "unit": "KG"}).
  std::map<std::string, std::string> erp;
  std::string override_reason;  // set when a person let it pass, with why
  std::string overridden_by;
};

// A person's decision that a blocking finding (code and field) does not stop
// this document, and why: kept with its values, so that it holds when the
// checks run again after an edit.
struct FindingOverride {
  std::string code;
  std::string field;
  std::string reason;
  std::string user;
  std::string at;  // ISO-8601 UTC
};

// An identifier whose check digits hold, printed anywhere on the document
// (the supplier's, but also the customer's own VAT number on an invoice).
struct PrintedIdentifier {
  std::string kind;   // "vat", "iban", "siret"
  std::string value;  // upper case, no spaces
};

struct SupplierInfo {
  std::string name;
  bool known = false;         // recognised among the suppliers already validated
  long long id = 0;           // the supplier table's id; 0 when not known
  std::string evidence;       // how it was recognised: "vat FR40303265045", "name", "letterhead"
  int learned_documents = 0;  // validated documents its layout memory holds for this type
  // The line columns every one of those documents had (extract/usual_fields.h),
  // "lines.<field>": one no line has keeps the document for a person.
  std::vector<std::string> usual_fields;
  // Recognised by an identifier that is its alone, and its name read on the page
  // as validated: the supplier field needs no person whatever its confidence.
  bool name_confirmed = false;
};

// An e-invoice's key value (invoice number, total, PO number, date) that its
// PDF's visible pages do not show as its XML says (Factur-X, ZUGFeRD): the
// einvoice_text_disagrees finding while the value is still the XML's.
struct PageDisagreement {
  std::string field;       // "total_incl_tax"
  std::string xml_value;   // "1234.50"
  std::string page_shows;  // what reading the page gives ("1243.50"); empty: not found on it
};

// One rate of an e-invoice's VAT breakdown (EN 16931 BG-23).
struct VatBreakdownLine {
  std::string category;        // UNCL5305: "S", "Z", "E", "AE", ...
  std::string rate;            // percent
  std::string taxable_amount;
  std::string tax_amount;
};

// A document that carries its data (src/einvoice): the values came from its
// XML, each with confidence 1, not from reading its pages.
struct EInvoiceData {
  std::string syntax;         // "UBL" or "CII"; empty: the values were read from the pages
  std::string embedded_file;  // the PDF's embedded XML ("factur-x.xml"); empty for an XML file
  // A credit note (UBL CreditNote, type code 381/396): read as an invoice whose
  // amounts and quantities are negative (the schemas have no credit-note type).
  bool credit_note = false;
  std::vector<VatBreakdownLine> vat_breakdown;
  std::vector<PageDisagreement> page_disagreements;
};

struct Extraction {
  std::string document_type = "other";
  double type_confidence = 0;
  std::string type_evidence;
  SupplierInfo supplier;
  std::map<std::string, ExtractedValue> fields;                 // absent when not found
  std::vector<std::map<std::string, ExtractedValue>> lines;
  // Rows under the table that look like line items but were not read (the
  // check stage makes them a finding).
  int unread_line_rows = 0;
  // Where each page's words came from, page order: a value's auto-accept
  // threshold depends on its page's source. Empty in extractions stored before
  // it was kept.
  std::vector<TextSource> page_sources;
  std::vector<PrintedIdentifier> printed_identifiers;  // set by the extract stage
  std::vector<Finding> findings;  // set by the check stage (check/document_checks.h)
  std::vector<FindingOverride> finding_overrides;  // set at the review desk
  // Set by the decide stage (decide/decide.h); until then a person must look.
  bool review_required = true;
  std::vector<std::string> review_reasons;
  std::string model_version;  // classifier and scorer versions that produced it
  EInvoiceData einvoice;      // set when the document carries its data as an e-invoice
};

}  // namespace quai
