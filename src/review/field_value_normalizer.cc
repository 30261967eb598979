#include "review/field_value_normalizer.h"

#include <sstream>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

namespace {

constexpr size_t kMaxValueBytes = 1000;

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string JoinWords(const std::vector<std::string>& words) {
  std::string joined;
  for (const std::string& word : words) {
    if (!joined.empty()) joined += ' ';
    joined += word;
  }
  return joined;
}

bool KeptAsTypedWhenUnread(ValueType type) {
  switch (type) {
    case ValueType::kCode:
    case ValueType::kPoNumber:
    case ValueType::kVersion:
    case ValueType::kUnit:
      return true;
    default:
      return false;
  }
}

const char* TypeWords(ValueType type) {
  switch (type) {
    case ValueType::kDate:
      return "a date";
    case ValueType::kExpiryDate:
      return "a date or a month and year";
    case ValueType::kQuantity:
      return "a quantity";
    case ValueType::kAmount:
      return "an amount";
    case ValueType::kCurrency:
      return "a currency";
    case ValueType::kVatNumber:
      return "a VAT number";
    case ValueType::kHazardStatements:
      return "a list of hazard statements";
    case ValueType::kUnNumber:
      return "a UN number";
    default:
      return "a value of this field";
  }
}

}  // namespace

Result<std::string> NormalizeFieldValue(const FieldSpec& field, const std::string& typed) {
  const std::vector<std::string> words = SplitWords(typed);
  const std::string joined = JoinWords(words);
  if (joined.empty()) return Status::InvalidArgument(field.name + ": the value is empty");
  if (joined.size() > kMaxValueBytes) {
    return Status::InvalidArgument(field.name + ": the value is longer than " + std::to_string(kMaxValueBytes) +
                                   " bytes");
  }
  for (unsigned char c : joined) {
    if (c < 0x20 || c == 0x7f) return Status::InvalidArgument(field.name + ": the value has control characters");
  }
  if (field.type == ValueType::kText) return joined;

  // A reading of all the words, without OCR repair: a person typed it, so an
  // "O" in a code is meant and letters in an amount are a mistake.
  const std::vector<ValueMatch> matches = FindValues(field.type, words, RecognizerContext{});
  const ValueMatch* best = nullptr;
  for (const ValueMatch& match : matches) {
    if (match.first_word != 0 || match.end_word != static_cast<int>(words.size()) || match.repaired) continue;
    if (best == nullptr || match.shape_score > best->shape_score) best = &match;
  }
  if (best != nullptr) return best->value;
  if (KeptAsTypedWhenUnread(field.type)) return joined;
  return Status::InvalidArgument(field.name + ": '" + joined + "' is not " + TypeWords(field.type));
}

}  // namespace quai
