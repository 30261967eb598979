#include "extract/number_columns.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <sstream>

#include "extract/line_arithmetic.h"
#include "extract/recognizers/recognizer.h"

namespace quai {
namespace {

bool IsNumberField(const FieldSpec& field) {
  return field.type == ValueType::kQuantity || field.type == ValueType::kAmount;
}

std::vector<std::string> Words(const std::string& printed) {
  std::vector<std::string> words;
  std::istringstream in(printed);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

// The value of all of `words` read as `type` in `style`, if they read as one.
std::optional<std::string> ReadAs(ValueType type, const std::vector<std::string>& words, NumberStyle style) {
  RecognizerContext context;
  context.number_style = style;
  for (const ValueMatch& m : FindValues(type, words, context))
    if (m.first_word == 0 && m.end_word == static_cast<int>(words.size())) return m.value;
  return std::nullopt;
}

// How a cell reads with a decimal comma and with a decimal point.
struct Readings {
  std::string comma, point;
  bool ambiguous() const { return !comma.empty() && !point.empty() && comma != point; }
};

Readings ReadBothWays(ValueType type, const FieldCandidate& cell) {
  Readings r;
  const std::vector<std::string> words = Words(cell.printed);
  if (words.empty()) return r;
  r.comma = ReadAs(type, words, NumberStyle::kDecimalComma).value_or("");
  r.point = ReadAs(type, words, NumberStyle::kDecimalPoint).value_or("");
  return r;
}

int DecimalsOf(const std::string& value) {
  const size_t dot = value.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(value.size() - dot - 1);
}

// Digits before the decimal point, sign left out.
int IntegerDigits(const std::string& value) {
  int digits = 0;
  for (char c : value) {
    if (c == '.') break;
    digits += c >= '0' && c <= '9';
  }
  return digits;
}

bool AddsUp(double quantity, double price, double amount) {
  return !std::isnan(quantity) && !std::isnan(price) && !std::isnan(amount) &&
         std::fabs(quantity * price - amount) <= std::max(0.011, 0.005 * std::fabs(amount));
}

// The reading of `field`'s cell that alone makes the line add up, or "".
std::string ReadingByArithmetic(const LineItem& item, const std::map<std::string, Readings>& readings,
                                const std::string& field) {
  static const char* kThree[] = {"quantity", "unit_price", "amount"};
  std::vector<std::string> options[3];
  int self = -1;
  for (int i = 0; i < 3; ++i) {
    auto cell = item.fields.find(kThree[i]);
    if (cell == item.fields.end()) return "";
    if (field == kThree[i]) self = i;
    auto r = readings.find(kThree[i]);
    if (r != readings.end() && r->second.ambiguous()) {
      options[i] = {r->second.comma, r->second.point};
    } else {
      options[i] = {cell->second.value};
    }
  }
  if (self < 0) return "";
  std::string found;
  for (const std::string& q : options[0])
    for (const std::string& p : options[1])
      for (const std::string& a : options[2]) {
        if (!AddsUp(DecimalValue(q), DecimalValue(p), DecimalValue(a))) continue;
        const std::string& mine = self == 0 ? q : self == 1 ? p : a;
        if (!found.empty() && found != mine) return "";  // both readings add up: the arithmetic cannot tell
        found = mine;
      }
  return found;
}

}  // namespace

std::map<std::string, LearnedDecimals> LearnedColumnDecimals(const LayoutMemory& memory, const DocumentSchema& schema) {
  std::map<std::string, LearnedDecimals> learned;
  const int documents = std::min(static_cast<int>(memory.examples.size()), kLayoutMemoryDocuments);
  for (const FieldSpec& field : schema.lines) {
    if (!IsNumberField(field)) continue;
    LearnedDecimals l;
    for (int d = 0; d < documents; ++d) {
      bool any = false;
      for (const auto& line : memory.examples[d].lines) {
        auto value = line.find(field.name);
        if (value == line.end() || std::isnan(DecimalValue(value->second))) continue;
        any = true;
        ++l.values;
        const int decimals = DecimalsOf(value->second);
        l.three_decimals += decimals == 3;
        l.whole += decimals == 0 && IntegerDigits(value->second) >= 4;
      }
      l.documents += any;
    }
    if (l.values > 0) learned[field.name] = l;
  }
  return learned;
}

int ReadNumberColumns(const DocumentSchema& schema, const std::map<std::string, LearnedDecimals>& learned,
                      std::vector<LineItem>* items) {
  // Every number cell read both ways.
  std::vector<std::map<std::string, Readings>> readings(items->size());
  for (size_t i = 0; i < items->size(); ++i)
    for (auto& [name, cell] : (*items)[i].fields) {
      const FieldSpec* spec = schema.FindField(name);
      if (spec != nullptr && IsNumberField(*spec)) readings[i][name] = ReadBothWays(spec->type, cell);
    }
  int changed = 0;
  for (const FieldSpec& field : schema.lines) {
    if (!IsNumberField(field)) continue;
    // The column's say: the style its unambiguous values show.
    int comma = 0, point = 0;
    for (size_t i = 0; i < items->size(); ++i) {
      auto r = readings[i].find(field.name);
      if (r == readings[i].end() || r->second.ambiguous()) continue;
      const NumberStyle style = GuessNumberStyle(Words((*items)[i].fields[field.name].printed));
      comma += style == NumberStyle::kDecimalComma;
      point += style == NumberStyle::kDecimalPoint;
    }
    const LearnedDecimals* taught = nullptr;
    if (auto it = learned.find(field.name); it != learned.end()) taught = &it->second;
    for (size_t i = 0; i < items->size(); ++i) {
      auto r = readings[i].find(field.name);
      if (r == readings[i].end() || !r->second.ambiguous()) continue;
      const Readings& both = r->second;
      FieldCandidate& cell = (*items)[i].fields[field.name];
      std::string value, why;
      if (std::string sum = ReadingByArithmetic((*items)[i], readings[i], field.name); !sum.empty()) {
        value = sum;
        why = "only so does quantity × price = amount";
      } else if (comma != point) {
        value = comma > point ? both.comma : both.point;
        why = std::string("its column prints a decimal ") + (comma > point ? "comma" : "point");
      } else if (taught != nullptr) {
        // The reading with three decimals, and the one without any.
        const std::string& decimal = DecimalsOf(both.comma) == 3 ? both.comma : both.point;
        const std::string& whole = &decimal == &both.comma ? both.point : both.comma;
        const std::string documents = std::to_string(taught->documents) + " validated document" +
                                      (taught->documents > 1 ? "s" : "") + " of this supplier";
        if (DecimalsOf(decimal) == 3 && DecimalsOf(whole) == 0 && 2 * taught->three_decimals > taught->values) {
          value = decimal;
          why = "the " + field.name + " values of " + documents + " have three decimals";
        } else if (DecimalsOf(whole) == 0 && taught->three_decimals == 0 && taught->whole > 0) {
          value = whole;
          why = "the " + field.name + " values of " + documents + " are whole numbers";
        }
      }
      if (value.empty()) continue;
      if (value != cell.value) {
        cell.value = value;
        ++changed;
      }
      cell.evidence += ", '" + cell.printed + "' read as " + value + ": " + why;
    }
  }
  return changed;
}

}  // namespace quai
