#include "extract/recognizers/recognizer.h"

#include <algorithm>

#include "extract/recognizers/currency.h"
#include "extract/recognizers/dangerous_goods_recognizer.h"
#include "extract/recognizers/date_recognizer.h"
#include "extract/recognizers/identifier_recognizer.h"
#include "extract/recognizers/number_recognizer.h"
#include "extract/recognizers/unit_lexicon.h"
#include "extract/recognizers/vat_number.h"

namespace quai {
namespace {

std::vector<ValueMatch> Dispatch(ValueType type, const std::vector<std::string>& words,
                                 const RecognizerContext& context) {
  switch (type) {
    case ValueType::kText: return {};
    case ValueType::kDate: return FindDates(words, DateKind::kDate, context.month_first_dates);
    case ValueType::kExpiryDate: return FindDates(words, DateKind::kExpiryDate, context.month_first_dates);
    case ValueType::kQuantity: return FindQuantities(words, context.number_style);
    case ValueType::kAmount: return FindAmounts(words, context.number_style);
    case ValueType::kCurrency: return FindCurrencies(words);
    case ValueType::kCode: return FindCodes(words);
    case ValueType::kPoNumber: return FindPoNumbers(words, context.ocr_text);
    case ValueType::kVatNumber: return FindVatNumbers(words);
    case ValueType::kHazardStatements: return FindHazardStatements(words);
    case ValueType::kUnNumber: return FindUnNumbers(words);
    case ValueType::kVersion: return FindVersions(words);
    case ValueType::kUnit: return FindUnits(words, &context.learned_units);
  }
  return {};
}

}  // namespace

std::vector<ValueMatch> FindValues(ValueType type, const std::vector<std::string>& words,
                                   const RecognizerContext& context) {
  std::vector<ValueMatch> matches;
  try {
    matches = Dispatch(type, words, context);
  } catch (...) {  // only allocation can throw here; a line without candidates is the safe answer
    return {};
  }
  // A text layer has no OCR slips to repair.
  if (!context.ocr_text)
    matches.erase(std::remove_if(matches.begin(), matches.end(), [](const ValueMatch& m) { return m.repaired; }),
                  matches.end());
  // By first word, longest first for the same start; the same span and value
  // only once, with its best score.
  std::stable_sort(matches.begin(), matches.end(), [](const ValueMatch& a, const ValueMatch& b) {
    if (a.first_word != b.first_word) return a.first_word < b.first_word;
    if (a.end_word != b.end_word) return a.end_word > b.end_word;
    return a.shape_score > b.shape_score;
  });
  auto same = [](const ValueMatch& a, const ValueMatch& b) {
    return a.first_word == b.first_word && a.end_word == b.end_word && a.value == b.value;
  };
  matches.erase(std::unique(matches.begin(), matches.end(), same), matches.end());
  return matches;
}

}  // namespace quai
