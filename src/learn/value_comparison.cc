#include "learn/value_comparison.h"

#include <array>
#include <string_view>
#include <vector>

#include "learn/text_folding.h"

namespace quai {
namespace {

constexpr std::array<std::string_view, 6> kNumericFields = {
    "quantity", "unit_price", "amount", "total_excl_tax", "total_tax", "total_incl_tax"};
constexpr std::array<std::string_view, 3> kLooseNameFields = {"supplier_name", "product_name",
                                                              "description"};
constexpr std::array<std::string_view, 4> kIdentifierFields = {"currency", "unit", "version",
                                                               "hazard_statements"};
constexpr std::array<std::string_view, 5> kIdentifierSuffixes = {"_number", "_code", "_id",
                                                                 "_ref", "_reference"};
// Legal forms as loose keys (FoldForLooseComparison of "B.V." is "bv").
constexpr std::array<std::string_view, 12> kLegalForms = {
    "sas", "sarl", "gmbh", "ltd", "inc", "bv", "spa", "ag", "sa", "nv", "llc", "co"};

template <size_t N>
bool Contains(const std::array<std::string_view, N>& list, std::string_view value) {
  for (std::string_view item : list) {
    if (item == value) return true;
  }
  return false;
}

// A plain decimal in canonical form: no sign for zero, no leading zeros in the
// integer part, no trailing zeros in the fraction. Equal numbers, equal forms.
struct CanonicalDecimal {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
  bool operator==(const CanonicalDecimal&) const = default;
};

bool ParsePlainDecimal(std::string_view text, CanonicalDecimal* out) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  const size_t dot = text.find('.');
  std::string_view integer = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto all_digits = [](std::string_view digits) {
    for (char c : digits) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  if (integer.empty() || !all_digits(integer)) return false;
  if (dot != std::string_view::npos && (fraction.empty() || !all_digits(fraction))) return false;
  while (!integer.empty() && integer.front() == '0') integer.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0') fraction.remove_suffix(1);
  out->negative = negative && !(integer.empty() && fraction.empty());
  out->integer = integer;
  out->fraction = fraction;
  return true;
}

// Compares as numbers when both are plain decimals; otherwise exactly.
bool NumbersMatch(const std::string& truth, const std::string& predicted) {
  CanonicalDecimal truth_number, predicted_number;
  if (ParsePlainDecimal(truth, &truth_number) && ParsePlainDecimal(predicted, &predicted_number)) {
    return truth_number == predicted_number;
  }
  return truth == predicted;
}

// The loose keys of the whitespace-separated words of `value`, words that fold
// to nothing (lone punctuation) left out.
std::vector<std::string> LooseWordKeys(const std::string& value) {
  std::vector<std::string> keys;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(' ', start);
    if (end == std::string::npos) end = value.size();
    std::string key = FoldForLooseComparison(std::string_view(value).substr(start, end - start));
    if (!key.empty()) keys.push_back(std::move(key));
    start = end + 1;
  }
  return keys;
}

std::string Join(const std::vector<std::string>& keys, size_t count) {
  std::string joined;
  for (size_t i = 0; i < count; ++i) joined += keys[i];
  return joined;
}

// True when `shorter_key` equals `words` with one or more trailing legal-form
// words removed (at least one word left).
bool EqualsWithoutLegalForms(const std::vector<std::string>& words, const std::string& shorter_key) {
  size_t kept = words.size();
  while (kept > 1 && Contains(kLegalForms, words[kept - 1])) {
    --kept;
    if (Join(words, kept) == shorter_key) return true;
  }
  return false;
}

bool LooseNamesMatch(const std::string& truth, const std::string& predicted) {
  const std::vector<std::string> truth_words = LooseWordKeys(truth);
  const std::vector<std::string> predicted_words = LooseWordKeys(predicted);
  if (truth_words.empty() || predicted_words.empty()) return truth == predicted;
  const std::string truth_key = Join(truth_words, truth_words.size());
  const std::string predicted_key = Join(predicted_words, predicted_words.size());
  return truth_key == predicted_key || EqualsWithoutLegalForms(truth_words, predicted_key) ||
         EqualsWithoutLegalForms(predicted_words, truth_key);
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

ValueComparison ComparisonForField(const std::string& field) {
  if (Contains(kNumericFields, field)) return ValueComparison::kNumeric;
  if (Contains(kLooseNameFields, field)) return ValueComparison::kLooseName;
  if (Contains(kIdentifierFields, field)) return ValueComparison::kExact;
  for (std::string_view suffix : kIdentifierSuffixes) {
    if (EndsWith(field, suffix)) return ValueComparison::kExact;
  }
  return ValueComparison::kNumeric;
}

bool IsPlainDecimal(const std::string& text) {
  CanonicalDecimal ignored;
  return ParsePlainDecimal(text, &ignored);
}

bool ValuesMatch(const std::string& field, const std::string& truth, const std::string& predicted) {
  const std::string truth_value = NormalizeWhitespace(truth);
  const std::string predicted_value = NormalizeWhitespace(predicted);
  switch (ComparisonForField(field)) {
    case ValueComparison::kExact:
      return truth_value == predicted_value;
    case ValueComparison::kNumeric:
      return NumbersMatch(truth_value, predicted_value);
    case ValueComparison::kLooseName:
      return LooseNamesMatch(truth_value, predicted_value);
  }
  return false;
}

}  // namespace quai
