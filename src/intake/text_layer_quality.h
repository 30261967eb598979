// Judges whether a PDF page's text layer is real text or the garbage a broken
// font encoding leaves (glyph numbers read as control characters, private-use
// code points, replacement characters, UTF-16 read with the wrong byte order).
// A usable layer is kept as the page's words; an unusable one is replaced by
// OCR. Punctuation and symbols (leader dots in a table of contents, bullets,
// rules) count for neither side. Pure functions, thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "quai/document.h"

namespace quai {

enum class CharacterKind {
  kReadable,  // a letter or digit of any script
  kNeutral,   // punctuation, symbols, spaces
  kGarbage,   // what broken encodings produce
};

// The kind of one Unicode code point.
CharacterKind KindOfCharacter(char32_t code_point);

// Usable when at least 3 words are readable (a letter or digit, nothing
// garbage) and they are at least half of the words that are not punctuation
// alone. Text is UTF-8; invalid sequences count as garbage.
bool IsUsableTextLayer(const std::vector<Word>& words);

}  // namespace quai
