#include "learn/text_folding.h"

#include <algorithm>
#include <cstdint>
#include <cstddef>
#include <iterator>

namespace quai {
namespace {

struct FoldEntry {
  char32_t code;
  const char* folded;  // UTF-8, already folded
};

struct IgnoredRange {
  char32_t first;
  char32_t last;
};

#include "learn/text_folding_tables.inc"

struct DecodedCodePoint {
  char32_t code = 0;
  size_t length = 1;  // bytes consumed
  bool valid = false;
};

// Decodes the UTF-8 sequence at `text[at]`. Overlong forms, surrogates and
// truncated sequences are invalid (length 1: the byte is passed through).
DecodedCodePoint DecodeAt(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  DecodedCodePoint result;
  if (lead < 0x80) {
    result.code = lead;
    result.valid = true;
    return result;
  }
  size_t length;
  char32_t code;
  char32_t minimum;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, minimum = 0x10000;
  } else {
    return result;
  }
  if (at + length > text.size()) return result;
  for (size_t i = 1; i < length; ++i) {
    const unsigned char next = byte(at + i);
    if ((next & 0xC0) != 0x80) return result;
    code = (code << 6) | (next & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return result;
  result.code = code;
  result.length = length;
  result.valid = true;
  return result;
}

bool IsWhitespace(char32_t code) {
  return (code >= 0x09 && code <= 0x0D) || code == 0x20 || code == 0x85 || code == 0xA0 ||
         code == 0x1680 || (code >= 0x2000 && code <= 0x200A) || code == 0x2028 ||
         code == 0x2029 || code == 0x202F || code == 0x205F || code == 0x3000;
}

bool IsIgnoredInLooseKey(char32_t code) {
  if (code < 0x80) {
    const bool alphanumeric = (code >= '0' && code <= '9') || (code >= 'a' && code <= 'z') ||
                              (code >= 'A' && code <= 'Z');
    return !alphanumeric;
  }
  const auto* end = std::end(kIgnoredRanges);
  const auto* range = std::upper_bound(std::begin(kIgnoredRanges), end, code,
                                       [](char32_t c, const IgnoredRange& r) { return c < r.first; });
  if (range == std::begin(kIgnoredRanges)) return false;
  --range;
  return code <= range->last;
}

const char* FoldedForm(char32_t code) {
  const auto* end = std::end(kFoldTable);
  const auto* entry = std::lower_bound(std::begin(kFoldTable), end, code,
                                       [](const FoldEntry& e, char32_t c) { return e.code < c; });
  if (entry == end || entry->code != code) return nullptr;
  return entry->folded;
}

}  // namespace

std::string NormalizeWhitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (size_t at = 0; at < text.size();) {
    const DecodedCodePoint decoded = DecodeAt(text, at);
    if (decoded.valid && IsWhitespace(decoded.code)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(text.substr(at, decoded.length));
    }
    at += decoded.length;
  }
  return out;
}

std::string FoldForLooseComparison(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    const DecodedCodePoint decoded = DecodeAt(text, at);
    const std::string_view bytes = text.substr(at, decoded.length);
    at += decoded.length;
    if (!decoded.valid) {
      out.append(bytes);
      continue;
    }
    const char32_t code = decoded.code;
    if (IsIgnoredInLooseKey(code)) continue;
    if (code >= 'A' && code <= 'Z') {
      out.push_back(static_cast<char>(code - 'A' + 'a'));
    } else if (const char* folded = code >= 0x80 ? FoldedForm(code) : nullptr) {
      out.append(folded);
    } else {
      out.append(bytes);
    }
  }
  // Accents go: names are printed with and without them ("QUIMICA" in a
  // letterhead, "Química" in the footer) and are the same supplier. After
  // decomposition they are the combining marks U+0300-U+036F (CC 80 - CD AF).
  std::string unaccented;
  unaccented.reserve(out.size());
  for (size_t i = 0; i < out.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(out[i]);
    if (i + 1 < out.size()) {
      unsigned char next = static_cast<unsigned char>(out[i + 1]);
      if ((c == 0xCC && next >= 0x80 && next <= 0xBF) || (c == 0xCD && next >= 0x80 && next <= 0xAF)) {
        ++i;
        continue;
      }
    }
    unaccented.push_back(out[i]);
  }
  return unaccented;
}

}  // namespace quai
