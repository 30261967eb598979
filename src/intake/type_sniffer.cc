#include "intake/type_sniffer.h"

#include <algorithm>

namespace quai {
namespace {
bool StartsWith(std::string_view bytes, std::string_view magic) {
  return bytes.size() >= magic.size() && bytes.substr(0, magic.size()) == magic;
}
}  // namespace

MediaType SniffMediaType(std::string_view bytes) {
  if (StartsWith(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8))) return MediaType::kPng;
  if (StartsWith(bytes, std::string_view("\xff\xd8\xff", 3))) return MediaType::kJpeg;
  if (StartsWith(bytes, std::string_view("II*\0", 4)) || StartsWith(bytes, std::string_view("MM\0*", 4)))
    return MediaType::kTiff;
  // PDF readers accept the header anywhere in the first 1024 bytes (some mailers prepend junk).
  std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 1024));
  if (head.find("%PDF-") != std::string_view::npos) return MediaType::kPdf;
  return MediaType::kUnknown;
}

const char* DescribeUnsupportedContent(std::string_view bytes) {
  if (StartsWith(bytes, "PK\x03\x04")) return "a ZIP archive (an Office document?)";
  if (StartsWith(bytes, std::string_view("\xd0\xcf\x11\xe0", 4))) return "an old Office document";
  if (StartsWith(bytes, "GIF8")) return "a GIF image";
  if (StartsWith(bytes, "RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP") return "a WebP image";
  if (StartsWith(bytes, "BM")) return "a BMP image";
  if (StartsWith(bytes, "<?xml") || StartsWith(bytes, "<html") || StartsWith(bytes, "<!DOCTYPE"))
    return "an XML or HTML file";
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
