// GuessNumberStyle (declared in recognizer.h): votes of the document's numbers
// for the decimal comma or the decimal point.
#include <algorithm>

#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/recognizer.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

// Clear evidence ("1.250,00", "1 250,00", "1.250.000") outweighs a bare
// "12,5" or "3.20", which versions and times can also print.
constexpr int kStrongVote = 3;
constexpr int kWeakVote = 1;

struct Votes {
  int comma = 0;
  int point = 0;
  void For(char decimal, int weight) { (decimal == ',' ? comma : point) += weight; }
};

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return IsAsciiDigit(c); });
}

// Votes of one number's core, printed without sign or currency.
void VoteForCore(std::string_view core, Votes* votes) {
  ParsedNumber number;
  if (!ParseNumberCore(core, NumberStyle::kUnknown, &number)) return;
  size_t dot = core.rfind('.');
  size_t comma = core.rfind(',');
  bool has_dot = dot != std::string_view::npos;
  bool has_comma = comma != std::string_view::npos;
  // A core holds only digits and separators, so any space, apostrophe or
  // multi-byte lead (U+00A0, U+202F, U+2009, U+2019) is a thousands group.
  bool grouped_by_space = core.find_first_of(" '\xC2\xE2") != std::string_view::npos;
  if (has_dot && has_comma) {
    votes->For(dot > comma ? '.' : ',', kStrongVote);
    return;
  }
  if (!has_dot && !has_comma) return;
  char separator = has_dot ? '.' : ',';
  size_t at = has_dot ? dot : comma;
  if (core.find(separator) != at) {  // "1.250.000": the separator groups
    votes->For(separator == '.' ? ',' : '.', kStrongVote);
    return;
  }
  if (grouped_by_space) {
    votes->For(separator, kStrongVote);
    return;
  }
  size_t after = core.size() - at - 1;
  if (after == 1 || after == 2) votes->For(separator, kWeakVote);
}

NumberStyle GuessFromWords(const std::vector<std::string>& document_words) {
  Votes votes;
  bool previous_is_head = false;
  for (const std::string& word : document_words) {
    NumberWord parts;
    bool is_number = SplitNumberWord(word, &parts);
    if (is_number) {
      VoteForCore(parts.core, &votes);
      // "1" "250,00": a space-grouped number split into words.
      if (previous_is_head && parts.core.size() >= 5 && AllDigits(std::string_view(parts.core).substr(0, 3)) &&
          (parts.core[3] == ',' || parts.core[3] == '.') && AllDigits(std::string_view(parts.core).substr(4)) &&
          parts.core.size() <= 6) {
        votes.For(parts.core[3], kStrongVote);
      }
    }
    previous_is_head = is_number && AllDigits(parts.core) && parts.core.size() <= 3 && !parts.HasSuffix();
  }
  if (votes.comma > votes.point) return NumberStyle::kDecimalComma;
  if (votes.point > votes.comma) return NumberStyle::kDecimalPoint;
  return NumberStyle::kUnknown;
}

}  // namespace

NumberStyle GuessNumberStyle(const std::vector<std::string>& document_words) {
  try {
    return GuessFromWords(document_words);
  } catch (...) {  // only allocation can throw; not knowing the style is the safe answer
    return NumberStyle::kUnknown;
  }
}

}  // namespace quai
