#include "intake/type_sniffer.h"

#include <algorithm>

#include "einvoice/einvoice_syntax.h"

namespace quai {
namespace {
bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}

bool IsPdfWhitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Whether `text` starts, after white space and comment lines, with an indirect
// object header "<number> <number> obj".
bool StartsWithObjectHeader(std::string_view text) {
  size_t at = 0;
  while (at < text.size()) {
    if (IsPdfWhitespace(text[at])) {
      ++at;
    } else if (text[at] == '%') {
      while (at < text.size() && text[at] != '\n' && text[at] != '\r') ++at;
    } else {
      break;
    }
  }
  for (int number = 0; number < 2; ++number) {
    size_t digits = at;
    while (at < text.size() && IsDigit(text[at])) ++at;
    if (at == digits || at - digits > 10) return false;
    size_t spaces = at;
    while (at < text.size() && IsPdfWhitespace(text[at])) ++at;
    if (at == spaces) return false;
  }
  return text.substr(at, 3) == "obj";
}

// A PDF whose "%PDF-" header is missing, which poppler (like Acrobat) still
// opens: it starts with an object and ends with the cross-reference pointer.
// Both are required, so text that merely mentions "obj" is not taken for a PDF.
bool LooksLikeHeaderlessPdf(std::string_view bytes) {
  std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 1024));
  std::string_view tail = bytes.substr(bytes.size() > 1024 ? bytes.size() - 1024 : 0);
  return StartsWithObjectHeader(head) && tail.find("startxref") != std::string_view::npos;
}
}  // namespace

MediaType SniffMediaType(std::string_view bytes) {
  if (StartsWith(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) return MediaType::kPng;
  if (StartsWith(bytes, std::string_view("\xff\xd8\xff", 3))) return MediaType::kJpeg;
  // Classic TIFF (42) and BigTIFF (43), either byte order.
  if (StartsWith(bytes, std::string_view("II*\0", 4)) || StartsWith(bytes, std::string_view("MM\0*", 4)) ||
      StartsWith(bytes, std::string_view("II+\0", 4)) || StartsWith(bytes, std::string_view("MM\0+", 4)))
    return MediaType::kTiff;
  // PDF readers accept the header anywhere in the first 1024 bytes (some mailers prepend junk).
  std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 1024));
  if (head.find("%PDF-") != std::string_view::npos) return MediaType::kPdf;
  if (LooksLikeHeaderlessPdf(bytes)) return MediaType::kPdf;
  // An e-invoice by its root element; any other XML is not a document quai reads.
  if (SniffEInvoiceSyntax(bytes) != EInvoiceSyntax::kNone) return MediaType::kXml;
  return MediaType::kUnknown;
}

const char* DescribeUnsupportedContent(std::string_view bytes) {
  if (StartsWith(bytes, "PK\x03\x04")) return "a ZIP archive (an Office document?)";
  if (StartsWith(bytes, std::string_view("\xd0\xcf\x11\xe0", 4))) return "an old Office document";
  if (StartsWith(bytes, "GIF8")) return "a GIF image";
  if (StartsWith(bytes, "RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") return "a WebP image";
  if (StartsWith(bytes, "BM")) return "a BMP image";
  if (StartsWith(bytes, "<html") || StartsWith(bytes, "<!DOCTYPE html") || StartsWith(bytes, "<!doctype html"))
    return "an HTML file";
  if (LooksLikeXml(bytes)) return "an XML file that is not a UBL or CII invoice";
  size_t sample = std::min<size_t>(bytes.size(), 512);
  size_t printable = 0;
  for (size_t i = 0; i < sample; ++i) {
    unsigned char c = static_cast<unsigned char>(bytes[i]);
    printable += (c >= 32 || c == '\n' || c == '\r' || c == '\t');
  }
  if (sample > 0 && printable == sample) return "plain text";
  return "an unrecognised binary format";
}

}  // namespace quai
