#include "extract/recognizers/identifier_recognizer.h"

#include <algorithm>
#include <optional>

#include "extract/recognizers/date_recognizer.h"
#include "extract/recognizers/number_parser.h"
#include "extract/recognizers/ocr_repair.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

constexpr size_t kMaxCodeBytes = 40;

// An identifier read from one word.
struct CodeToken {
  std::string text;     // as printed, trimmed and without its glued label
  int letters = 0;
  int digits = 0;
  bool date = false;    // reads as a date
  bool amount = false;  // reads as a decimal number or a number with a unit
};

bool IsCodeCharacter(char c) { return IsAsciiAlnum(c) || c == '-' || c == '/' || c == '.' || c == '_' || c == ','; }
bool IsInnerPunctuation(char c) { return c == '-' || c == '/' || c == '.' || c == '_' || c == ','; }

std::optional<CodeToken> ReadCode(std::string_view word) {
  if (word.size() > kMaxCodeBytes + 16) return std::nullopt;
  std::string_view text = StripAttachedLabel(TrimPunctuation(word));
  while (!text.empty() && IsInnerPunctuation(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsInnerPunctuation(text.back())) text.remove_suffix(1);
  if (text.empty() || text.size() > kMaxCodeBytes) return std::nullopt;
  CodeToken code;
  for (char c : text) {
    if (!IsCodeCharacter(c)) return std::nullopt;
    if (IsAsciiDigit(c)) ++code.digits;
    if (IsAsciiLetter(c)) ++code.letters;
  }
  if (code.digits == 0) return std::nullopt;
  code.text = std::string(text);
  code.date = LooksLikeDate(text);
  ParsedNumber number;
  NumberWord parts;
  bool decimal = text.find_first_of(".,") != std::string_view::npos && code.letters == 0 &&
                 ParseNumberCore(text, NumberStyle::kUnknown, &number);
  // "12,5kg" is a quantity; "260219M", a date-coded lot with its shift letter,
  // is not: a one-letter unit glued to five digits or more without a separator
  // is a code (no one prints 260 219 metres so).
  bool with_unit = SplitNumberWord(text, &parts) && !parts.unit.empty() &&
                   !(parts.unit.size() == 1 && parts.core.size() >= 5 &&
                     parts.core.find_first_not_of("0123456789") == std::string::npos);
  // A comma belongs to amounts, never to codes.
  if (text.find(',') != std::string_view::npos && !decimal) return std::nullopt;
  code.amount = decimal || with_unit;
  return code;
}

ValueMatch MakeMatch(const std::vector<std::string>& words, int first, int end, std::string value, double score) {
  ValueMatch match;
  match.first_word = first;
  match.end_word = end;
  match.value = std::move(value);
  match.printed = JoinWords(words, first, end);
  match.shape_score = score;
  return match;
}

double CodeScore(const CodeToken& code) {
  if (code.date || code.amount) return 0.1;
  int length = static_cast<int>(code.text.size());
  if (code.letters == 0) {
    if (length <= 3) return 0.2;
    if (length == 4) return 0.4;
    return length <= 20 ? 0.8 : 0.3;
  }
  return length >= 4 && length <= 20 ? 1.0 : 0.4;
}

bool HasPurchaseOrderPrefix(std::string_view text) {
  for (std::string_view prefix : {"po", "bc", "bdc", "cmd", "ord", "oa", "bst"}) {
    if (StartsWithIgnoringAsciiCase(text, prefix) && text.size() > prefix.size() && !IsAsciiLetter(text[prefix.size()])) {
      return true;
    }
  }
  return false;
}

double PurchaseOrderScore(const CodeToken& code) {
  if (code.date || code.amount) return 0.1;
  int length = static_cast<int>(code.text.size());
  if (code.letters == 0) {
    int digits = code.digits;
    if (digits <= 3) return 0.2;
    if (digits == 4) return 0.5;
    if (digits <= 12) return 1.0;
    return length <= 20 ? 0.5 : 0.2;
  }
  if (HasPurchaseOrderPrefix(code.text) && code.digits >= 3) return 1.0;
  if (code.digits >= 4 && length >= 5 && length <= 20) return 0.9;
  return 0.5;
}

// Label words of versions, folded, without their final '.' or ':'.
bool IsVersionLabel(std::string_view folded) {
  for (std::string_view label : {"version", "vers", "ver", "rev", "revision", "revisione", "revisie", "versie",
                                 "versione", "fassung", "ausgabe", "edition", "indice", "ind", "v"}) {
    if (folded == label) return true;
  }
  return false;
}

std::string_view WithoutFinalMarks(std::string_view text) {
  while (!text.empty() && (text.back() == '.' || text.back() == ':')) text.remove_suffix(1);
  return text;
}

// "5", "5.1", "2.0.3" (and "5,1" after a label).
bool IsDottedNumber(std::string_view text, bool allow_comma, int* parts) {
  *parts = 0;
  if (text.empty() || !IsAsciiDigit(text.front()) || !IsAsciiDigit(text.back())) return false;
  *parts = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (IsAsciiDigit(c)) continue;
    if ((c == '.' || (c == ',' && allow_comma)) && IsAsciiDigit(text[i - 1])) {
      ++*parts;
      continue;
    }
    return false;
  }
  return *parts <= 4 && text.size() <= 16;
}

// "V2", "v2.1".
bool IsPrefixedVersion(std::string_view text) {
  int parts = 0;
  return text.size() >= 2 && (text[0] == 'V' || text[0] == 'v') && IsDottedNumber(text.substr(1), false, &parts);
}

// The version after a label: a dotted number, "V2", or a revision letter ("Rev. B").
bool IsLabelledVersion(std::string_view text, double* score) {
  int parts = 0;
  if (IsDottedNumber(text, true, &parts) || IsPrefixedVersion(text)) {
    *score = 1.0;
    return true;
  }
  if (text.size() == 1 && text[0] >= 'A' && text[0] <= 'Z') {
    *score = 0.7;
    return true;
  }
  return false;
}

// Two to six digits, nothing else: the second group of a code printed with a space.
bool IsDigitGroup(std::string_view word) {
  return word.size() >= 2 && word.size() <= 6 && std::all_of(word.begin(), word.end(), IsAsciiDigit);
}

}  // namespace

// A series printed as a word of its own before the number: "DDT 30512/26",
// "FA 2026-0042". Two to four capitals, and not a number sign ("NO", "NR").
bool IsSeriesPrefix(std::string_view word) {
  if (word.size() < 2 || word.size() > 4) return false;
  for (char c : word)
    if (c < 'A' || c > 'Z') return false;
  return word != "NO" && word != "NR" && word != "NUM";
}

std::vector<ValueMatch> FindCodes(const std::vector<std::string>& words) {
  std::vector<ValueMatch> matches;
  for (int i = 0; i < static_cast<int>(words.size()); ++i) {
    std::optional<CodeToken> code = ReadCode(words[i]);
    if (!code) continue;
    matches.push_back(MakeMatch(words, i, i + 1, code->text, CodeScore(*code)));
    // The code with its series word is a candidate too (scored a little
    // lower): which of the two a supplier's documents mean, the layout memory
    // learns from the validated values.
    if (i > 0 && IsSeriesPrefix(words[i - 1]) && code->text == TrimPunctuation(words[i]) && !code->date &&
        !code->amount)
      matches.push_back(MakeMatch(words, i - 1, i + 1, words[i - 1] + " " + code->text, 0.9 * CodeScore(*code)));
    // A code printed in groups ("B628 485", "261 99"): the next word, a group
    // of digits, makes one candidate with it, scored lower; a table cell
    // holding both reads them as one (line_item_extractor.h), and which a
    // supplier means elsewhere, its validated documents teach.
    if (i + 1 < static_cast<int>(words.size()) && words[i] == code->text && !code->date && !code->amount &&
        IsDigitGroup(words[i + 1]) && code->text.size() + 1 + words[i + 1].size() <= kMaxCodeBytes)
      matches.push_back(
          MakeMatch(words, i, i + 2, code->text + " " + words[i + 1], 0.8 * CodeScore(*code)));
  }
  return matches;
}

std::vector<ValueMatch> FindPoNumbers(const std::vector<std::string>& words, bool repair_ocr) {
  std::vector<ValueMatch> matches;
  for (int i = 0; i < static_cast<int>(words.size()); ++i) {
    std::optional<CodeToken> code = ReadCode(words[i]);
    bool repaired = false;
    if (!repair_ocr) {
      // A text layer: the code as printed.
    } else if (!code || code->digits < 4) {
      // "45000l2345": a misread digit inside a run of digits.
      std::string fixed;
      if (words[i].size() <= kMaxCodeBytes && RepairDigitConfusions(words[i], RepairScope::kInsideDigits, &fixed)) {
        std::optional<CodeToken> fixed_code = ReadCode(fixed);
        if (fixed_code && fixed_code->digits >= 4) {
          code = fixed_code;
          repaired = true;
        }
      }
    } else {
      std::string fixed;
      if (RepairDigitConfusions(code->text, RepairScope::kInsideDigits, &fixed)) {
        std::optional<CodeToken> fixed_code = ReadCode(fixed);
        if (fixed_code) {
          code = fixed_code;
          repaired = true;
        }
      }
    }
    if (!code) continue;
    ValueMatch match = MakeMatch(words, i, i + 1, code->text, PurchaseOrderScore(*code) * (repaired ? 0.7 : 1.0));
    match.repaired = repaired;
    matches.push_back(std::move(match));
  }
  return matches;
}

// One or two digits, optionally a comma or dot and one or two more: "7", "5,2".
bool IsShortVersionNumber(std::string_view text) {
  size_t i = 0, digits = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i, ++digits;
  if (digits == 0 || digits > 2) return false;
  if (i == text.size()) return true;
  if (text[i] != ',' && text[i] != '.') return false;
  size_t after = 0;
  for (++i; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) ++after;
  return i == text.size() && after >= 1 && after <= 2;
}

std::vector<ValueMatch> FindVersions(const std::vector<std::string>& words) {
  std::vector<ValueMatch> matches;
  const int count = static_cast<int>(words.size());
  for (int i = 0; i < count; ++i) {
    if (words[i].size() > kMaxCodeBytes) continue;
    std::string_view text = TrimPunctuation(words[i], /*keep_final_dot=*/true);
    std::string folded = FoldForLookup(text);
    double score = 0;
    // A label word, then an optional ":" word, then the version: "Rev. 4", "Version : 5.1".
    if (IsVersionLabel(WithoutFinalMarks(folded))) {
      int at = i + 1;
      // Skip ":" and a number sign between label and value: "Version n° : 5,2".
      for (int skipped = 0; skipped < 2 && at < count; ++skipped) {
        std::string sign = FoldForLookup(TrimPunctuation(words[at]));
        if (!TrimPunctuation(words[at]).empty() && sign != "n°" && sign != "no" && sign != "nr" && sign != "n") break;
        ++at;
      }
      if (at < count && words[at].size() <= kMaxCodeBytes) {
        std::string_view value = TrimPunctuation(words[at]);
        if (IsLabelledVersion(value, &score) && !LooksLikeDate(value)) {
          matches.push_back(MakeMatch(words, i, at + 1, std::string(value), score));
        }
      }
    }
    // A label glued to the version: "Rev.4", "Version:5.1", "Rév.B".
    size_t mark = text.find_first_of(".:");
    if (mark != std::string_view::npos && mark > 0 && IsVersionLabel(FoldForLookup(text.substr(0, mark)))) {
      std::string_view value = TrimPunctuation(text.substr(mark));
      while (!value.empty() && (value.front() == '.' || value.front() == ':')) value.remove_prefix(1);
      if (IsLabelledVersion(value, &score) && !LooksLikeDate(value)) {
        matches.push_back(MakeMatch(words, i, i + 1, std::string(value), score));
        continue;
      }
    }
    // Bare versions: "V2", "v2.1" are clear; "1.0" could be a number, "2.0.3" less so.
    std::string_view bare = TrimPunctuation(words[i]);
    int parts = 0;
    if (IsPrefixedVersion(bare)) {
      matches.push_back(MakeMatch(words, i, i + 1, std::string(bare), 0.9));
    } else if (IsDottedNumber(bare, false, &parts) && parts >= 2 && !LooksLikeDate(bare)) {
      matches.push_back(MakeMatch(words, i, i + 1, std::string(bare), parts == 2 ? 0.4 : 0.6));
    } else if (IsShortVersionNumber(bare) &&
               std::none_of(matches.begin(), matches.end(), [&](const ValueMatch& m) { return m.end_word - 1 == i; })) {
      // "7" or "5,2" are versions only by their label; the scorer weighs that.
      matches.push_back(MakeMatch(words, i, i + 1, std::string(bare), 0.3));
    }
  }
  return matches;
}

}  // namespace quai
