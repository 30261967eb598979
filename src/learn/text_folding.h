// Text folding for comparing values: whitespace normalisation (every value) and
// the loose key of free-text names (case, accents and punctuation ignored).
// Input is UTF-8; a byte that is not part of valid UTF-8 is kept as it is, so
// such text still compares byte for byte. Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace quai {

// Removes leading and trailing whitespace and turns each inner run of whitespace
// into one ASCII space. Whitespace is Unicode White_Space: ASCII space, tab, line
// breaks, U+0085, no-break space U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029,
// narrow no-break space U+202F, U+205F, U+3000.
std::string NormalizeWhitespace(std::string_view text);

// The key two free-text values are compared by:
//  - case folded (Unicode full case folding: "É" → "é", "ß" → "ss", "ﬁ" → "fi")
//    for Latin, Greek and Cyrillic letters;
//  - accents dropped: precomposed letters are decomposed into base letter +
//    combining mark and the marks removed, so "é", "e" + U+0301 and "e" give
//    the same key (letterheads print names in capitals without accents);
//  - punctuation, whitespace, control and format characters removed: every ASCII
//    character that is not a letter or digit, and every other code point of
//    Unicode category P* or Z*, Cc, Cf, plus the minus sign U+2212.
std::string FoldForLooseComparison(std::string_view text);

}  // namespace quai
