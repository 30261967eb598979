#include "extract/recognizers/ocr_repair.h"

#include <algorithm>

#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

bool IsRunCharacter(char c) { return IsAsciiAlnum(c) || c == '|'; }

// Lead bytes of U+00C0..U+017F, where the accented Latin letters are.
bool IsLatinLetterLead(char c) {
  unsigned char byte = static_cast<unsigned char>(c);
  return byte >= 0xC3 && byte <= 0xC5;
}

// Repairs text[first..end), a maximal run of letters, digits and '|'.
bool RepairRun(std::string_view text, size_t first, size_t end, RepairScope scope, std::string* repaired) {
  int digits = 0;
  int confusables = 0;
  for (size_t i = first; i < end; ++i) {
    if (IsAsciiDigit(text[i])) {
      ++digits;
    } else if (DigitForConfusable(text[i]) != '\0') {
      ++confusables;
    } else {
      return false;  // another letter: the run is a word or a code, not a number
    }
  }
  if (confusables == 0) return false;
  if (digits == 0) {
    // Decimals misread as letters, "250,OO": only O, beside a run of digits
    // across one decimal separator.
    bool only_o = std::all_of(text.begin() + first, text.begin() + end, [](char c) { return c == 'O' || c == 'o'; });
    const std::string& seen = *repaired;  // runs on the left are already repaired
    bool beside_digits =
        (first >= 2 && (seen[first - 1] == ',' || seen[first - 1] == '.') && IsAsciiDigit(seen[first - 2])) ||
        (end + 1 < seen.size() && (seen[end] == ',' || seen[end] == '.') && IsAsciiDigit(seen[end + 1]));
    if (scope != RepairScope::kDigitRun || !only_o || end - first > 3 || !beside_digits) return false;
  }
  bool changed = false;
  if (scope == RepairScope::kDigitRun) {
    if (digits > 0 && digits < confusables) return false;
    char lead = text[first];
    if ((lead == 'S' || lead == 'B' || lead == 'Z') && confusables == 1) return false;
    for (size_t i = first; i < end; ++i) {
      char digit = DigitForConfusable(text[i]);
      if (digit != '\0') {
        (*repaired)[i] = digit;
        changed = true;
      }
    }
    return changed;
  }
  size_t first_digit = end, last_digit = first;
  for (size_t i = first; i < end; ++i) {
    if (IsAsciiDigit(text[i])) {
      if (first_digit == end) first_digit = i;
      last_digit = i;
    }
  }
  for (size_t i = first_digit; i < last_digit; ++i) {
    char digit = DigitForConfusable(text[i]);
    if (digit != '\0') {
      (*repaired)[i] = digit;
      changed = true;
    }
  }
  return changed;
}

}  // namespace

char DigitForConfusable(char c) {
  switch (c) {
    case 'O': case 'o': return '0';
    case 'I': case 'l': case '|': return '1';
    case 'S': return '5';
    case 'B': return '8';
    case 'Z': return '2';
    default: return '\0';
  }
}

bool RepairDigitConfusions(std::string_view text, RepairScope scope, std::string* repaired) {
  repaired->assign(text);
  bool digit = false, confusable = false;
  for (char c : text) {
    digit = digit || IsAsciiDigit(c);
    confusable = confusable || DigitForConfusable(c) != '\0';
  }
  if (!digit || !confusable) return false;
  bool changed = false;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsRunCharacter(text[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsRunCharacter(text[end])) ++end;
    // A run glued to an accented letter ("Öl1") is part of a word.
    bool glued = (i >= 2 && IsLatinLetterLead(text[i - 2]) && (static_cast<unsigned char>(text[i - 1]) & 0xC0) == 0x80) ||
                 (end < text.size() && IsLatinLetterLead(text[end]));
    if (!glued && RepairRun(text, i, end, scope, repaired)) changed = true;
    i = end;
  }
  return changed;
}

}  // namespace quai
