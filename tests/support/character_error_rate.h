// Character error rate of OCR against the text a generator printed. Each printed
// line (one drawn string) is aligned against the whole page's OCR text, free to
// start and end anywhere in it (semi-global edit distance), so the score does
// not depend on the reading order OCR chose or on how it split lines. Text OCR
// invents where nothing was printed is not counted. Whitespace runs count as one
// space. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

namespace quai::testing {

struct ErrorCount {
  long errors = 0;      // edits needed
  long characters = 0;  // printed characters (Unicode code points)
  double rate() const { return characters == 0 ? 0.0 : static_cast<double>(errors) / characters; }
  ErrorCount& operator+=(const ErrorCount& other) {
    errors += other.errors;
    characters += other.characters;
    return *this;
  }
};

// Fewest edits to turn `printed` into some substring of `page`.
long SubstringEditDistance(const std::u32string& printed, const std::u32string& page);

// `printed_pages`: lines printed on each page; `ocr_pages`: each page's OCR text.
ErrorCount CountCharacterErrors(const std::vector<std::vector<std::string>>& printed_pages,
                                const std::vector<std::string>& ocr_pages);

// Splits a docgen `.txt` (one printed string per line, pages separated by a
// line holding only a form feed) into pages of lines.
std::vector<std::vector<std::string>> SplitPrintedText(const std::string& text);

std::u32string NormalisedCodePoints(const std::string& utf8);

}  // namespace quai::testing
