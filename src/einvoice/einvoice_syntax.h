// Which e-invoice syntax a file is, from its root element alone: a cheap scan
// of the first bytes (prolog, comments and a document type declaration
// skipped), no XML parse, so the type sniffer can call it on every file. The
// parse that follows (einvoice_reader.h) is what proves the file well-formed.
// UTF-8 (or ASCII) files only; pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "einvoice/e_invoice.h"

namespace quai {

// kUbl: a root <Invoice> or <CreditNote> in the UBL 2.1 namespaces; kCii: a root
// <CrossIndustryInvoice> in the UN/CEFACT CII namespace; else kNone.
EInvoiceSyntax SniffEInvoiceSyntax(std::string_view bytes);

// Whether the bytes start as XML ("<?xml", or a first element after a BOM
// and white space).
bool LooksLikeXml(std::string_view bytes);

// The root element's name as written ("rsm:CrossIndustryInvoice"), empty when
// none is found in the first 64 KiB.
std::string XmlRootElementName(std::string_view bytes);

}  // namespace quai
