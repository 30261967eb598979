#include "core/match_text.h"

#include "core/search_fold.h"

#include <cctype>
#include <cstdint>

namespace quai {
namespace {

// Folds one UTF-8 code point of Latin text to ASCII lower case; empty when dropped.
std::string FoldCodePoint(uint32_t cp) {
  if (cp < 0x80) return std::string(1, static_cast<char>(std::tolower(static_cast<int>(cp))));
  static const struct { uint32_t from, to; char ascii; } kRanges[] = {
      {0xC0, 0xC5, 'a'}, {0xE0, 0xE5, 'a'}, {0xC8, 0xCB, 'e'}, {0xE8, 0xEB, 'e'}, {0xCC, 0xCF, 'i'},
      {0xEC, 0xEF, 'i'}, {0xD2, 0xD6, 'o'}, {0xF2, 0xF6, 'o'}, {0xD9, 0xDC, 'u'}, {0xF9, 0xFC, 'u'},
      {0xC7, 0xC7, 'c'}, {0xE7, 0xE7, 'c'}, {0xD1, 0xD1, 'n'}, {0xF1, 0xF1, 'n'}, {0xDD, 0xDD, 'y'},
      {0xFD, 0xFD, 'y'}, {0xFF, 0xFF, 'y'}, {0xD8, 0xD8, 'o'}, {0xF8, 0xF8, 'o'}};
  for (const auto& r : kRanges)
    if (cp >= r.from && cp <= r.to) return std::string(1, r.ascii);
  if (cp == 0xDF) return "ss";
  if (cp == 0xB0 || cp == 0xBA) return "\xC2\xB0";  // degree sign and masculine ordinal: "n°"
  if (cp == 0x152 || cp == 0x153) return "oe";
  if (cp == 0xC6 || cp == 0xE6) return "ae";
  return "";  // other symbols do not help matching labels
}

}  // namespace

std::string NormaliseForMatch(const std::string& text) {
  std::string folded;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    int length = 1;
    if (c >= 0xF0) { cp = c & 0x07; length = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; length = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; length = 2; }
    for (int k = 1; k < length && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    i += length;
    folded += FoldCodePoint(cp);
  }
  // Drop surrounding punctuation but keep inner ("art.-nr" stays, "ref.:" -> "ref").
  auto is_kept = [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '#' || ch == '\xC2' || ch == '\xB0';
  };
  size_t begin = 0, end = folded.size();
  while (begin < end && !is_kept(folded[begin])) ++begin;
  while (end > begin && !is_kept(folded[end - 1])) --end;
  return folded.substr(begin, end - begin);
}

std::string FoldForSearch(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      folded += static_cast<char>(std::tolower(c));
      ++i;
      continue;
    }
    uint32_t cp = c;
    size_t length = 1;
    if (c >= 0xF0) { cp = c & 0x07; length = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; length = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; length = 2; }
    if (i + length > text.size()) length = text.size() - i;
    for (size_t k = 1; k < length; ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    std::string ascii = (cp >= 0xC0 && cp <= 0x17F) ? FoldCodePoint(cp) : std::string();
    if (!ascii.empty()) folded += ascii;
    else folded.append(text.substr(i, length));  // not a Latin letter with an accent: kept
    i += length;
  }
  return folded;
}

std::string TrimSpaces(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return "";
  return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") + 1 - first));
}

}  // namespace quai
