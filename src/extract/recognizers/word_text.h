// Helpers over the UTF-8 text of one word, shared by the value recognisers:
// decoding code points, folding case and accents for lexicon look-ups
// ("Février" and "fevrier" read the same), trimming the punctuation printed
// around values and the label glued to them ("N°4500012345", "Lot:L240312").
// Pure functions; invalid UTF-8 is read byte by byte, never rejected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quai {

// Decodes the code point at text[*pos] and advances *pos past it. A byte that
// does not start a valid sequence is returned as its own value and consumes
// one byte, so any input is walked to its end.
char32_t NextCodePoint(std::string_view text, size_t* pos);

// Appends `c` encoded as UTF-8.
void AppendUtf8(char32_t c, std::string* out);

// Lower-cases ASCII and Latin letters and removes their accents: "Février" →
// "fevrier", "MÄRZ" → "marz", "ß" → "ss", "œ" → "oe". Other characters stay.
std::string FoldForLookup(std::string_view text);

// ASCII case-insensitive comparisons; other bytes must be equal. Cheaper
// than FoldForLookup where the expected text is ASCII or has no case ("€").
bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b);
bool StartsWithIgnoringAsciiCase(std::string_view text, std::string_view prefix);

// True for the spaces printed between thousands: space, no-break space
// (U+00A0), narrow no-break space (U+202F), thin space, figure space.
bool IsGroupSpace(char32_t c);

// True for letters: ASCII and the Latin-1 / Latin Extended-A letters.
bool IsLetter(char32_t c);

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiAlnum(char c) { return IsAsciiDigit(c) || IsAsciiLetter(c); }

// Removes what printing puts around a value: opening brackets, quotes, '#' and
// '*' before; closing brackets (unless opened inside: "pièce(s)"), quotes and
// sentence punctuation (, ; : ! ?) after, and one final '.' unless
// `keep_final_dot` ("St.", "Feb.", "12.").
std::string_view TrimPunctuation(std::string_view word, bool keep_final_dot = false);

// Removes a label glued to the front of a value: "N°4500012345", "n°45",
// "No.45", "Nr.45", "Lot:L240312", "TVA:FR40303265045", "PO#4500". The label
// is letters (and '.', '-') before ':', '#', '°' or 'º', or one of the known
// abbreviations No./Nr./Nro./Num. directly before a digit. The value after it
// must start with a letter or digit; otherwise the text is returned unchanged.
std::string_view StripAttachedLabel(std::string_view text);

// words[first..end) joined by single spaces.
std::string JoinWords(const std::vector<std::string>& words, int first, int end);

}  // namespace quai
