#include "einvoice/einvoice_syntax.h"

#include <algorithm>

namespace quai {
namespace {

constexpr std::string_view kUblInvoiceNamespace = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
constexpr std::string_view kUblCreditNoteNamespace = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
constexpr std::string_view kCiiNamespace = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

struct RootTag {
  std::string_view name;       // as written, with its prefix
  std::string_view start_tag;  // from '<' to its '>' (attributes and namespaces)
};

// The root element's start tag: skips a BOM, white space, processing
// instructions, comments and a <!DOCTYPE ...> (with its internal subset).
RootTag FindRootTag(std::string_view bytes) {
  std::string_view text = bytes.substr(0, std::min<size_t>(bytes.size(), 64 * 1024));
  size_t at = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  for (;;) {
    while (at < text.size() && IsSpace(text[at])) ++at;
    if (at >= text.size() || text[at] != '<') return {};
    std::string_view rest = text.substr(at);
    size_t end = std::string_view::npos;
    if (rest.substr(0, 2) == "<?") {
      end = rest.find("?>");
      if (end != std::string_view::npos) end += 2;
    } else if (rest.substr(0, 4) == "<!--") {
      end = rest.find("-->");
      if (end != std::string_view::npos) end += 3;
    } else if (rest.substr(0, 9) == "<!DOCTYPE") {
      size_t bracket = rest.find('['), close = rest.find('>');
      if (bracket != std::string_view::npos && bracket < close) {
        size_t subset_end = rest.find("]", bracket);
        close = subset_end == std::string_view::npos ? subset_end : rest.find('>', subset_end);
      }
      end = close == std::string_view::npos ? close : close + 1;
    } else {
      size_t name_end = 1;
      while (name_end < rest.size() && !IsSpace(rest[name_end]) && rest[name_end] != '>' && rest[name_end] != '/')
        ++name_end;
      size_t tag_end = rest.find('>');
      if (name_end == 1 || tag_end == std::string_view::npos) return {};
      return {rest.substr(1, name_end - 1), rest.substr(0, tag_end + 1)};
    }
    if (end == std::string_view::npos) return {};
    at += end;
  }
}

std::string_view Local(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

const char* EInvoiceSyntaxName(EInvoiceSyntax syntax) {
  switch (syntax) {
    case EInvoiceSyntax::kUbl: return "UBL";
    case EInvoiceSyntax::kCii: return "CII";
    case EInvoiceSyntax::kNone: break;
  }
  return "";
}

EInvoiceSyntax SniffEInvoiceSyntax(std::string_view bytes) {
  RootTag root = FindRootTag(bytes);
  std::string_view local = Local(root.name);
  auto declares = [&](std::string_view ns) { return root.start_tag.find(ns) != std::string_view::npos; };
  if (local == "Invoice" && declares(kUblInvoiceNamespace)) return EInvoiceSyntax::kUbl;
  if (local == "CreditNote" && declares(kUblCreditNoteNamespace)) return EInvoiceSyntax::kUbl;
  if (local == "CrossIndustryInvoice" && declares(kCiiNamespace)) return EInvoiceSyntax::kCii;
  return EInvoiceSyntax::kNone;
}

bool LooksLikeXml(std::string_view bytes) {
  size_t at = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (at < bytes.size() && IsSpace(bytes[at])) ++at;
  std::string_view rest = bytes.substr(std::min(at, bytes.size()));
  if (rest.substr(0, 5) == "<?xml") return true;
  return !FindRootTag(bytes).name.empty() && rest.substr(0, 5) != "<html" && rest.substr(0, 5) != "<HTML";
}

std::string XmlRootElementName(std::string_view bytes) { return std::string(FindRootTag(bytes).name); }

}  // namespace quai
