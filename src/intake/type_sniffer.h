// Recognises a file's real type from its first bytes (magic numbers), never
// from its name: PNG, JPEG, TIFF and BigTIFF, PDF with its header anywhere in
// the first 1024 bytes, and a PDF without header that starts with an object
// and ends with a cross-reference pointer; an XML e-invoice by its root element
// (UBL Invoice/CreditNote, CII CrossIndustryInvoice: einvoice/einvoice_syntax.h).
// Pure function, thread-safe.
#pragma once

#include <string_view>

#include "quai/document.h"

namespace quai {

MediaType SniffMediaType(std::string_view bytes);

// A short human description of what the bytes look like when they are not a
// supported type ("a ZIP archive (Office document?)", "an XML file that is not a
// UBL or CII invoice", "text", "unknown binary").
const char* DescribeUnsupportedContent(std::string_view bytes);

}  // namespace quai
