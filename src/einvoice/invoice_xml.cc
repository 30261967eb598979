#include "einvoice/invoice_xml.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <mutex>

namespace quai {
namespace {

void IgnoreXmlMessage(void*, const char*, ...) {}

void InitializeLibxml() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // Messages come back through the parser context, never printed.
    xmlSetGenericErrorFunc(nullptr, IgnoreXmlMessage);
  });
}

// Set when the parser meets <!DOCTYPE ...>; the parse stops there, before any
// entity is declared, so nothing from the DTD is ever used.
// (Thread-local: xmlCtxtReadMemory resets the context's own fields.)
thread_local bool document_type_seen = false;

void OnDocumentType(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
  document_type_seen = true;
  xmlStopParser(static_cast<xmlParserCtxtPtr>(context));
}

std::string Trim(std::string text) {
  const char* space = " \t\r\n";
  size_t first = text.find_first_not_of(space);
  if (first == std::string::npos) return "";
  size_t last = text.find_last_not_of(space);
  return text.substr(first, last - first + 1);
}

std::string NameWithPrefix(const xmlNode* node) {
  std::string name;
  if (node->ns != nullptr && node->ns->prefix != nullptr)
    name = reinterpret_cast<const char*>(node->ns->prefix) + std::string(":");
  return name + reinterpret_cast<const char*>(node->name);
}

std::string PathOf(const xmlNode* node) {
  std::string path;
  for (const xmlNode* at = node; at != nullptr && at->type == XML_ELEMENT_NODE; at = at->parent)
    path = "/" + NameWithPrefix(at) + path;
  return path;
}

}  // namespace

Result<InvoiceXml> InvoiceXml::Parse(std::string_view bytes) {
  if (bytes.size() > kMaxInvoiceXmlBytes)
    return Status::LimitExceeded("XML of " + std::to_string(bytes.size()) + " bytes, over the e-invoice limit of " +
                                 std::to_string(kMaxInvoiceXmlBytes) + " bytes");
  InitializeLibxml();
  std::unique_ptr<xmlParserCtxt, void (*)(xmlParserCtxtPtr)> parser(xmlNewParserCtxt(), xmlFreeParserCtxt);
  if (!parser) return Status::Internal("out of memory for the XML parser");
  document_type_seen = false;
  parser->sax->internalSubset = OnDocumentType;
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  InvoiceXml xml;
  xml.document_.reset(xmlCtxtReadMemory(parser.get(), bytes.data(), static_cast<int>(bytes.size()), "invoice.xml",
                                        nullptr, options));
  if (document_type_seen)
    return Status::InvalidArgument(
        "XML with a document type declaration (<!DOCTYPE>), which an e-invoice never has: refused unread "
        "(no DTD or entity is ever loaded)");
  if (!xml.document_ || !parser->wellFormed) {
    const xmlError* error = xmlCtxtGetLastError(parser.get());
    std::string cause = error != nullptr && error->message != nullptr ? Trim(error->message) : "unknown error";
    if (error != nullptr && error->code == XML_ERR_DOCUMENT_END) cause = "content after the root element";
    std::string where = error != nullptr && error->line > 0 ? " at line " + std::to_string(error->line) : "";
    return Status::InvalidArgument("XML that is not well-formed" + where + " (" + cause + ")");
  }
  if (xml.root() == nullptr) return Status::InvalidArgument("XML without a root element");
  return xml;
}

std::string_view LocalName(const xmlNode* node) {
  return node == nullptr ? std::string_view() : reinterpret_cast<const char*>(node->name);
}

const xmlNode* Child(const xmlNode* parent, std::string_view local_name) {
  if (parent == nullptr) return nullptr;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next)
    if (child->type == XML_ELEMENT_NODE && LocalName(child) == local_name) return child;
  return nullptr;
}

const xmlNode* Descend(const xmlNode* from, std::initializer_list<std::string_view> path) {
  for (std::string_view step : path) from = Child(from, step);
  return from;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, std::string_view local_name) {
  std::vector<const xmlNode*> found;
  if (parent == nullptr) return found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next)
    if (child->type == XML_ELEMENT_NODE && LocalName(child) == local_name) found.push_back(child);
  return found;
}

EInvoiceValue ValueOf(const xmlNode* node) {
  if (node == nullptr) return {};
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content != nullptr ? reinterpret_cast<const char*>(content) : "";
  xmlFree(content);
  return {Trim(std::move(text)), PathOf(node)};
}

EInvoiceValue ValueAt(const xmlNode* from, std::initializer_list<std::string_view> path) {
  return ValueOf(Descend(from, path));
}

EInvoiceValue AttributeOf(const xmlNode* node, const char* name) {
  if (node == nullptr) return {};
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return {Trim(std::move(text)), PathOf(node) + "/@" + name};
}

}  // namespace quai
