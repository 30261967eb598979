// kQuantity and kAmount: the numbers of a line of words as plain decimals
// ("1 250,00" → "1250.00"), joined across words when printed with spaces
// between thousands, together with what goes with them: a unit or "x" for
// quantities ("12,5 kg", "x 100"), a currency sign or code for amounts
// ("€ 1 250,00", "1.250,00 EUR"). Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/recognizer.h"

namespace quai {

// One number found in a line: words[first_word..end_word), before units or
// currencies in separate words are added.
struct NumberSpan {
  int first_word = 0;
  int end_word = 0;
  NumberWord parts;       // glued prefix from the first word, glued suffix from the last
  ParsedNumber number;
  bool repaired = false;  // OCR confusions were repaired in one of its words
  bool joined = false;    // made of several words ("1" "250,00")
  double plausibility = 1.0;  // lowered for a piece of a longer number ("250,00" of "1 250,00")
};

// Every number of the line, single words and space-grouped joins.
std::vector<NumberSpan> FindNumberSpans(const std::vector<std::string>& words, NumberStyle style);

std::vector<ValueMatch> FindQuantities(const std::vector<std::string>& words, NumberStyle style);
std::vector<ValueMatch> FindAmounts(const std::vector<std::string>& words, NumberStyle style);

}  // namespace quai
