// InvoiceXml: the hardened parse of an e-invoice's XML with libxml2, and the
// few look-ups the syntax mappings (ubl_invoice.cc, cii_invoice.cc) need.
// Untrusted input: the parser never reaches the network (XML_PARSE_NONET),
// never loads a DTD or an external entity and never substitutes entities (no
// XML_PARSE_DTDLOAD, _DTDATTR, _NOENT), and a document type declaration
// refuses the file outright (an invoice needs none), so neither XXE nor entity
// expansion ("billion laughs") can happen; libxml2's own limits hold (no
// XML_PARSE_HUGE: depth 256, text nodes 10 MB) and the XML is at most
// kMaxInvoiceXmlBytes. Errors name the cause, not the file: the caller adds it.
// One InvoiceXml per thread; parsing is thread-safe.
#pragma once

#include <libxml/tree.h>

#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "einvoice/e_invoice.h"
#include "quai/status.h"

namespace quai {

// E-invoices are tens of kilobytes; 16 MiB holds thousands of lines.
inline constexpr size_t kMaxInvoiceXmlBytes = 16u << 20;

class InvoiceXml {
 public:
  static Result<InvoiceXml> Parse(std::string_view bytes);
  const xmlNode* root() const { return xmlDocGetRootElement(document_.get()); }

 private:
  struct Free {
    void operator()(xmlDoc* document) const { xmlFreeDoc(document); }
  };
  std::unique_ptr<xmlDoc, Free> document_;
};

// The element's local name (no prefix).
std::string_view LocalName(const xmlNode* node);
// The first child element of that local name, or null (null parent: null).
const xmlNode* Child(const xmlNode* parent, std::string_view local_name);
// Child(Child(...)) along `path`.
const xmlNode* Descend(const xmlNode* from, std::initializer_list<std::string_view> path);
std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view local_name);
// The element's text, trimmed, with its XML path; empty for null.
EInvoiceValue ValueOf(const xmlNode* node);
EInvoiceValue ValueAt(const xmlNode* from, std::initializer_list<std::string_view> path);
// An attribute's value ("" when absent), as an EInvoiceValue whose path ends in "/@name".
EInvoiceValue AttributeOf(const xmlNode* node, const char* name);

}  // namespace quai
