#include "intake/text_layer_quality.h"

namespace quai {
namespace {

constexpr char32_t kInvalid = 0xFFFD;

// Decodes one UTF-8 sequence at `text[*at]`, advancing `*at`; U+FFFD when invalid.
char32_t NextCodePoint(std::string_view text, size_t* at) {
  unsigned char lead = static_cast<unsigned char>(text[(*at)++]);
  if (lead < 0x80) return lead;
  int length = lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 && lead < 0xE0 ? 2 : 0;
  if (length == 0 || lead >= 0xF8) return kInvalid;
  char32_t code_point = lead & (0x7F >> length);
  for (int i = 1; i < length; ++i) {
    if (*at >= text.size()) return kInvalid;
    unsigned char next = static_cast<unsigned char>(text[*at]);
    if ((next & 0xC0) != 0x80) return kInvalid;
    code_point = (code_point << 6) | (next & 0x3F);
    ++*at;
  }
  return code_point;
}

// UTF-16 read with the wrong byte order turns "M" into U+4D00: an ASCII
// character in the high byte, zero in the low one. One such character is
// ordinary CJK (U+4E00 is "one"); a word made only of them is not.
bool IsByteSwappedAscii(char32_t c) { return (c & 0xFF) == 0 && c >= 0x2000 && c < 0x7F00; }

}  // namespace

CharacterKind KindOfCharacter(char32_t c) {
  if (c < 0x80) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return CharacterKind::kReadable;
    if (c < 0x20 || c == 0x7F) return c == '\t' || c == '\n' || c == '\r' ? CharacterKind::kNeutral : CharacterKind::kGarbage;
    return CharacterKind::kNeutral;
  }
  if (c < 0xA0) return CharacterKind::kGarbage;                       // C1 controls
  if (c < 0xC0 || c == 0xD7 || c == 0xF7) return CharacterKind::kNeutral;  // Latin-1 signs, x and /
  if (c == 0xFFFD || (c >= 0xFFF0 && c <= 0xFFFF)) return CharacterKind::kGarbage;
  if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000) return CharacterKind::kGarbage;  // private use
  if (c >= 0xD800 && c <= 0xDFFF) return CharacterKind::kGarbage;                   // lone surrogates
  // Punctuation, symbols, arrows, maths, box drawing, dingbats, CJK punctuation,
  // invisible formatting (bidi marks, joiners).
  if ((c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) ||
      (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF)
    return CharacterKind::kNeutral;
  return CharacterKind::kReadable;
}

bool IsUsableTextLayer(const std::vector<Word>& words) {
  int readable = 0;
  int counted = 0;
  for (const Word& word : words) {
    bool has_readable = false, has_garbage = false;
    int letters = 0, swapped = 0;
    for (size_t at = 0; at < word.text.size();) {
      char32_t c = NextCodePoint(word.text, &at);
      switch (KindOfCharacter(c)) {
        case CharacterKind::kReadable:
          has_readable = true;
          ++letters;
          swapped += IsByteSwappedAscii(c);
          break;
        case CharacterKind::kGarbage: has_garbage = true; break;
        case CharacterKind::kNeutral: break;
      }
    }
    if (letters >= 2 && swapped == letters) has_garbage = true;
    if (!has_readable && !has_garbage) continue;  // leader dots, bullets, dashes
    ++counted;
    readable += has_readable && !has_garbage;
  }
  return readable >= 3 && readable * 2 >= counted;
}

}  // namespace quai
