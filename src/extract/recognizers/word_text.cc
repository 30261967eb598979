#include "extract/recognizers/word_text.h"

#include <algorithm>

namespace quai {
namespace {

// Folding of U+00C0..U+00FF; "" keeps the character as it is.
constexpr const char* kLatin1Folds[64] = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // C0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",  // E0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "y",   // F0
};

// Folding of U+0100..U+017F by ranges.
struct FoldRange {
  char32_t first;
  char32_t last;
  const char* fold;
};
constexpr FoldRange kLatinExtendedFolds[] = {
    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"}, {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},
    {0x11C, 0x123, "g"}, {0x124, 0x127, "h"}, {0x128, 0x131, "i"}, {0x132, 0x133, "ij"},
    {0x134, 0x135, "j"}, {0x136, 0x138, "k"}, {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},
    {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"}, {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},
    {0x162, 0x167, "t"}, {0x168, 0x173, "u"}, {0x174, 0x175, "w"}, {0x176, 0x178, "y"},
    {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

bool IsOpeningPunctuation(char32_t c) {
  switch (c) {
    case '(': case '[': case '{': case '"': case '\'': case '#': case '*': case '<':
    case 0xAB:    // «
    case 0x201C:  // “
    case 0x2018:  // ‘
    case 0x201E:  // „
    case 0x2039:  // ‹
      return true;
    default:
      return false;
  }
}

bool IsClosingPunctuation(char32_t c) {
  switch (c) {
    case ')': case ']': case '}': case '"': case '\'': case ',': case ';': case ':':
    case '!': case '?': case '>': case '*':
    case 0xBB:    // »
    case 0x201D:  // ”
    case 0x2019:  // ’
    case 0x203A:  // ›
      return true;
    default:
      return false;
  }
}

// Byte length of the UTF-8 sequence that ends at text[end - 1].
size_t LastCodePointLength(std::string_view text, size_t end) {
  size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t pos = start;
  NextCodePoint(text, &pos);
  return pos == end ? end - start : 1;
}

char32_t LastCodePoint(std::string_view text, size_t end, size_t* length) {
  *length = LastCodePointLength(text, end);
  size_t pos = end - *length;
  return NextCodePoint(text, &pos);
}

}  // namespace

char32_t NextCodePoint(std::string_view text, size_t* pos) {
  unsigned char lead = static_cast<unsigned char>(text[*pos]);
  int length = 0;
  char32_t c = 0;
  if (lead < 0x80) {
    ++*pos;
    return lead;
  } else if ((lead & 0xE0) == 0xC0 && lead >= 0xC2) {
    length = 2;
    c = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    c = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0 && lead <= 0xF4) {
    length = 4;
    c = lead & 0x07;
  } else {
    ++*pos;
    return lead;
  }
  if (*pos + length > text.size()) {
    ++*pos;
    return lead;
  }
  for (int i = 1; i < length; ++i) {
    unsigned char next = static_cast<unsigned char>(text[*pos + i]);
    if ((next & 0xC0) != 0x80) {
      ++*pos;
      return lead;
    }
    c = (c << 6) | (next & 0x3F);
  }
  // Overlong forms and surrogates are read as single bytes like other garbage.
  if ((length == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) || (length == 4 && (c < 0x10000 || c > 0x10FFFF))) {
    ++*pos;
    return lead;
  }
  *pos += length;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

std::string FoldForLookup(std::string_view text) {
  std::string folded;
  folded.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t c = NextCodePoint(text, &pos);
    if (c < 0x80) {
      folded.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
      continue;
    }
    const char* fold = "";
    if (pos - start == 1) {  // an invalid byte, not a Latin-1 letter
      folded.append(text.substr(start, 1));
      continue;
    }
    if (c >= 0xC0 && c <= 0xFF) {
      fold = kLatin1Folds[c - 0xC0];
    } else {
      for (const FoldRange& range : kLatinExtendedFolds) {
        if (c >= range.first && c <= range.last) fold = range.fold;
      }
    }
    if (*fold != '\0') {
      folded += fold;
    } else {
      folded.append(text.substr(start, pos - start));
    }
  }
  return folded;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] - 'A' + 'a') : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] - 'A' + 'a') : b[i];
    if (x != y) return false;
  }
  return true;
}

bool StartsWithIgnoringAsciiCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoringAsciiCase(text.substr(0, prefix.size()), prefix);
}

bool IsGroupSpace(char32_t c) {
  return c == ' ' || c == 0xA0 || c == 0x202F || c == 0x2009 || c == 0x2007;
}

bool IsLetter(char32_t c) {
  if (c < 0x80) return IsAsciiLetter(static_cast<char>(c));
  return (c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7);
}

std::string_view TrimPunctuation(std::string_view word, bool keep_final_dot) {
  while (!word.empty()) {
    size_t pos = 0;
    char32_t c = NextCodePoint(word, &pos);
    if (!IsOpeningPunctuation(c)) break;
    word.remove_prefix(pos);
  }
  bool dot_removed = false;
  while (!word.empty()) {
    size_t length = 0;
    char32_t c = LastCodePoint(word, word.size(), &length);
    bool strip = IsClosingPunctuation(c);
    // A bracket closing one opened inside the word stays: "pièce(s)", "m[2]".
    if (c == ')' || c == ']') {
      char open = c == ')' ? '(' : '[';
      strip = std::count(word.begin(), word.end(), c) > std::count(word.begin(), word.end(), open);
    }
    if (c == '.' && !keep_final_dot && !dot_removed) {
      strip = true;
      dot_removed = true;
    }
    if (!strip) break;
    word.remove_suffix(length);
  }
  return word;
}

std::string_view StripAttachedLabel(std::string_view text) {
  // "label:value", "label#value", "N°value": the label has letters and no digits.
  size_t pos = 0;
  bool letters = false;
  while (pos < text.size()) {
    char32_t c = NextCodePoint(text, &pos);
    if (IsLetter(c)) {
      letters = true;
      continue;
    }
    if ((c == '.' || c == '-') && letters) continue;
    if ((c == ':' || c == '#' || c == 0xB0 || c == 0xBA) && letters) {
      // Separators may pile up: "N°:", "Nº.", "No.:"
      while (pos < text.size() && (text[pos] == ':' || text[pos] == '.' || text[pos] == ' ')) ++pos;
      std::string_view rest = text.substr(pos);
      if (!rest.empty() && (IsAsciiAlnum(rest[0]) || static_cast<unsigned char>(rest[0]) >= 0x80)) return rest;
      return text;
    }
    break;
  }
  // Known abbreviations ending in '.' glued to digits: "No.45", "Nr.45".
  for (std::string_view label : {"no.", "nr.", "nro.", "num."}) {
    if (StartsWithIgnoringAsciiCase(text, label) && text.size() > label.size() && IsAsciiDigit(text[label.size()])) {
      return text.substr(label.size());
    }
  }
  return text;
}

std::string JoinWords(const std::vector<std::string>& words, int first, int end) {
  std::string joined;
  for (int i = first; i < end; ++i) {
    if (i > first) joined.push_back(' ');
    joined += words[i];
  }
  return joined;
}

}  // namespace quai
