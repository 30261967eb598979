// The e-invoice stage's reader: the values of an e-invoice's XML (UBL 2.1
// Invoice or CreditNote, UN/CEFACT CII CrossIndustryInvoice as Factur-X,
// ZUGFeRD and XRechnung carry it), parsed with the hardened InvoiceXml and
// mapped per syntax (ubl_invoice.cc, cii_invoice.cc). Input: the XML's bytes;
// output: an EInvoice, dates as YYYY-MM-DD and amounts as plain decimals with
// at least two decimals; values the XML lacks are empty. Errors name the cause
// (not well-formed, a DTD, not an invoice root), never the file's contents
// beyond libxml2's own message. Pure; thread-safe.
#pragma once

#include <string_view>

#include "einvoice/e_invoice.h"
#include "einvoice/invoice_xml.h"
#include "quai/status.h"

namespace quai {

Result<EInvoice> ReadEInvoice(std::string_view xml);

// The mappings, from the parsed root element (its local name already checked).
EInvoice ReadUblInvoice(const xmlNode* root);
EInvoice ReadCiiInvoice(const xmlNode* root);

// Shared by the mappings: "20260115" (CII format 102) or "2026-01-15Z" (xsd:date)
// → "2026-01-15"; anything else is kept as written.
EInvoiceValue IsoDate(EInvoiceValue date);
// "1250" → "1250.00", "12.5" → "12.50", "3.125" kept; non-decimals kept as written.
EInvoiceValue PlainAmount(EInvoiceValue amount);

}  // namespace quai
