#include "extract/recognizers/number_recognizer.h"

#include <algorithm>
#include <optional>

#include "extract/recognizers/currency.h"
#include "extract/recognizers/ocr_repair.h"
#include "extract/recognizers/unit_lexicon.h"
#include "extract/recognizers/word_text.h"

namespace quai {
namespace {

constexpr size_t kMaxWordBytes = 64;
constexpr int kMaxJoinedWords = 5;  // "1 250 000 000,00"

struct SplitWord {
  NumberWord parts;
  bool repaired = false;
};

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return IsAsciiDigit(c); });
}

// "1" in "1 250,00": 1-3 digits, nothing glued after.
bool IsJoinHead(const NumberWord& parts) {
  return AllDigits(parts.core) && parts.core.size() <= 3 && !parts.HasSuffix();
}

// "250" or "250,00" continuing a space-grouped number: three digits first,
// nothing glued before. `last` says whether decimals may follow.
bool IsJoinGroup(const NumberWord& parts, bool* last) {
  if (parts.HasPrefix() || parts.core.size() < 3 || !AllDigits(std::string_view(parts.core).substr(0, 3))) return false;
  if (parts.core.size() == 3) {
    *last = parts.HasSuffix();
    return true;
  }
  char separator = parts.core[3];
  if ((separator != ',' && separator != '.') || !AllDigits(std::string_view(parts.core).substr(4))) return false;
  *last = true;
  return true;
}

std::string SignedValue(const NumberSpan& span) {
  return span.parts.negative ? "-" + span.number.value : span.number.value;
}

std::optional<SplitWord> SplitForNumber(const std::string& word) {
  if (word.size() > kMaxWordBytes) return std::nullopt;
  SplitWord split;
  if (SplitNumberWord(word, &split.parts)) return split;
  std::string repaired;
  if (RepairDigitConfusions(word, RepairScope::kDigitRun, &repaired) && SplitNumberWord(repaired, &split.parts)) {
    split.repaired = true;
    return split;
  }
  return std::nullopt;
}

bool IsNumberWord(const std::vector<std::string>& words, int index) {
  if (index < 0 || index >= static_cast<int>(words.size())) return false;
  NumberWord parts;
  return SplitNumberWord(words[index], &parts);
}

bool CurrencyWordAt(const std::vector<std::string>& words, int index, std::string* iso) {
  if (index < 0 || index >= static_cast<int>(words.size()) || words[index].size() > 16) return false;
  double score = 0;
  return LookupCurrency(TrimPunctuation(words[index], /*keep_final_dot=*/true), iso, &score) ||
         LookupCurrency(TrimPunctuation(words[index]), iso, &score);
}

bool UnitWordAt(const std::vector<std::string>& words, int index, double* score) {
  if (index < 0 || index >= static_cast<int>(words.size()) || words[index].size() > 24) return false;
  return LookupUnit(TrimPunctuation(words[index], /*keep_final_dot=*/true), score) ||
         LookupUnit(TrimPunctuation(words[index]), score);
}

bool WordIs(const std::vector<std::string>& words, int index, std::initializer_list<std::string_view> texts) {
  if (index < 0 || index >= static_cast<int>(words.size())) return false;
  std::string_view word = TrimPunctuation(words[index]);
  return std::find(texts.begin(), texts.end(), word) != texts.end();
}

ValueMatch MakeMatch(const std::vector<std::string>& words, int first, int end, std::string value, double score,
                     bool repaired) {
  ValueMatch match;
  match.first_word = first;
  match.end_word = end;
  match.value = std::move(value);
  match.printed = JoinWords(words, first, end);
  match.repaired = repaired;
  match.shape_score = std::clamp(score, 0.0, 1.0);
  return match;
}

}  // namespace

std::vector<NumberSpan> FindNumberSpans(const std::vector<std::string>& words, NumberStyle style) {
  const int count = static_cast<int>(words.size());
  std::vector<std::optional<SplitWord>> split(count);
  for (int i = 0; i < count; ++i) split[i] = SplitForNumber(words[i]);

  std::vector<NumberSpan> spans;
  for (int i = 0; i < count; ++i) {
    if (!split[i]) continue;
    const NumberWord& head = split[i]->parts;
    NumberSpan single;
    single.first_word = i;
    single.end_word = i + 1;
    single.parts = head;
    single.repaired = split[i]->repaired;
    if (head.open_paren == head.close_paren && ParseNumberCore(head.core, style, &single.number)) {
      spans.push_back(single);
    }
    if (!IsJoinHead(head)) continue;
    NumberSpan joined = single;
    joined.joined = true;
    std::string core = head.core;
    for (int j = i + 1; j < count && j - i < kMaxJoinedWords && split[j]; ++j) {
      bool last = false;
      if (!IsJoinGroup(split[j]->parts, &last)) break;
      core += " " + split[j]->parts.core;
      const NumberWord& tail = split[j]->parts;
      joined.end_word = j + 1;
      joined.repaired = joined.repaired || split[j]->repaired;
      joined.parts.core = core;
      joined.parts.unit = tail.unit;
      joined.parts.percent = tail.percent;
      joined.parts.dash_integer = tail.dash_integer;
      joined.parts.minus_after = tail.minus_after;
      joined.parts.close_paren = tail.close_paren;
      if (!tail.currency.empty()) joined.parts.currency = tail.currency;
      joined.parts.negative = head.sign_before ? head.negative : tail.minus_after;
      if (head.open_paren && tail.close_paren) joined.parts.negative = true;
      if (head.open_paren == tail.close_paren && ParseNumberCore(core, style, &joined.number)) {
        spans.push_back(joined);
      }
      if (last) break;
    }
  }

  // Pieces of a longer number are less plausible alone: "250,00" of "1 250,00",
  // and "1" when the join printed decimals.
  std::vector<double> piece_factor(count, 1.0);
  std::vector<double> head_factor(count, 1.0);
  for (const NumberSpan& span : spans) {
    if (!span.joined) continue;
    for (int k = span.first_word + 1; k < span.end_word; ++k) piece_factor[k] = 0.5;
    if (span.number.decimals > 0) head_factor[span.first_word] = 0.4;
  }
  for (NumberSpan& span : spans) {
    if (span.joined) {
      if (span.number.decimals == 0) span.plausibility = 0.8;
      continue;
    }
    span.plausibility = piece_factor[span.first_word] * head_factor[span.first_word];
  }
  return spans;
}

std::vector<ValueMatch> FindQuantities(const std::vector<std::string>& words, NumberStyle style) {
  std::vector<ValueMatch> matches;
  for (const NumberSpan& span : FindNumberSpans(words, style)) {
    const NumberWord& parts = span.parts;
    if (parts.percent || !parts.currency.empty() || parts.dash_integer) continue;
    std::string value = SignedValue(span);
    const ParsedNumber& number = span.number;
    // Typical quantities carry a unit or "x"; long bare integers are identifiers.
    bool identifier = number.integer_digits > 7 && !number.grouped && number.decimals == 0;
    double penalty = 1.0;
    if (number.decimals > 3) penalty *= 0.7;
    if (parts.negative) penalty *= 0.4;
    if (number.ambiguous) penalty *= 0.8;
    if (span.repaired) penalty *= 0.7;
    penalty *= span.plausibility;
    std::string iso;
    if (CurrencyWordAt(words, span.first_word - 1, &iso) || CurrencyWordAt(words, span.end_word, &iso)) penalty *= 0.3;
    if (WordIs(words, span.end_word, {"%"})) penalty *= 0.2;

    int first = span.first_word;
    if (!parts.HasPrefix() && WordIs(words, first - 1, {"x", "X", "\xC3\x97"})) first = span.first_word - 1;
    double unit_score = 0;
    int end = span.end_word;
    if (!parts.HasSuffix() && UnitWordAt(words, span.end_word, &unit_score)) end = span.end_word + 1;
    double bare = identifier ? 0.2 : (!parts.unit.empty() || parts.times ? 1.0 : 0.8);
    double with_unit = identifier ? 0.2 : (end != span.end_word ? 0.7 + 0.3 * unit_score : 1.0);
    // Longest first for each start.
    if (first != span.first_word && end != span.end_word) {
      matches.push_back(MakeMatch(words, first, end, value, with_unit * penalty, span.repaired));
    }
    if (first != span.first_word) {
      matches.push_back(MakeMatch(words, first, span.end_word, value, (identifier ? 0.2 : 1.0) * penalty, span.repaired));
    }
    if (end != span.end_word) matches.push_back(MakeMatch(words, span.first_word, end, value, with_unit * penalty, span.repaired));
    matches.push_back(MakeMatch(words, span.first_word, span.end_word, value, bare * penalty, span.repaired));
  }
  return matches;
}

std::vector<ValueMatch> FindAmounts(const std::vector<std::string>& words, NumberStyle style) {
  std::vector<ValueMatch> matches;
  for (const NumberSpan& span : FindNumberSpans(words, style)) {
    const NumberWord& parts = span.parts;
    if (parts.percent || !parts.unit.empty() || parts.times) continue;
    const ParsedNumber& number = span.number;
    double score = 0.5;
    if (number.decimals == 2) {
      score = 1.0;
    } else if (number.decimals == 0 && parts.dash_integer) {
      score = 0.9;
    } else if (number.decimals == 3 || number.decimals == 4) {
      score = 0.7;
    } else if (number.decimals > 0) {
      score = 0.4;
    }
    std::string currency = parts.currency;
    int first = span.first_word;
    int end = span.end_word;
    std::string iso;
    if (currency.empty()) {
      bool before = CurrencyWordAt(words, span.first_word - 1, &iso);
      std::string after_iso;
      bool after = CurrencyWordAt(words, span.end_word, &after_iso);
      // "12,50 EUR 13,00 EUR": a currency word between two numbers goes with the one it follows.
      if (before && (!after || !IsNumberWord(words, span.first_word - 2))) {
        currency = iso;
        first = span.first_word - 1;
      } else if (after) {
        currency = after_iso;
        end = span.end_word + 1;
      }
    }
    if (!currency.empty()) score = std::max(score, number.decimals == 2 ? 1.0 : 0.9);
    if (number.integer_digits > 9 && !number.grouped) score = 0.1;  // an identifier
    if (number.ambiguous) score *= 0.8;
    if (span.repaired) score *= 0.7;
    score *= span.plausibility;
    double unit_score = 0;
    if (UnitWordAt(words, span.end_word, &unit_score)) score *= 0.3;  // "12,5 kg" is a quantity
    if (WordIs(words, span.end_word, {"%"})) score *= 0.1;
    ValueMatch match = MakeMatch(words, first, end, SignedValue(span), score, span.repaired);
    match.currency = currency;
    matches.push_back(std::move(match));
  }
  return matches;
}

}  // namespace quai
