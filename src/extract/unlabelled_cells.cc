#include "extract/unlabelled_cells.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>

#include "extract/candidate_generator.h"
#include "extract/line_arithmetic.h"

namespace quai {
namespace {

// The line field of `schema` called `name` with value type `type`, or null.
const FieldSpec* LineField(const DocumentSchema& schema, const char* name, ValueType type) {
  for (const FieldSpec& field : schema.lines)
    if (field.name == name && field.type == type) return &field;
  return nullptr;
}

// A cell of the words of `row_index` that `match` (found from word `first` on) took.
FieldCandidate Cell(const DocumentView& view, int row_index, int first, const ValueMatch& match,
                    const std::string& field, double confidence, const std::string& evidence) {
  FieldCandidate c = MakeCandidate(view, row_index, first + match.first_word, first + match.end_word, field);
  c.value = match.value;
  c.printed = match.printed;
  c.currency = match.currency;
  c.shape_score = match.shape_score;
  c.repaired = match.repaired;
  c.confidence = std::clamp(std::min(confidence, c.ocr_confidence) * (c.repaired ? 0.9 : 1.0), 0.0, 0.99);
  c.evidence = evidence;
  return c;
}

}  // namespace

void ReadUnlabelledCells(const DocumentView& view, const DocumentSchema& schema, const RecognizerContext& context,
                         std::vector<LineItem>* items) {
  const FieldSpec* unit = LineField(schema, "unit", ValueType::kUnit);
  const FieldSpec* price = LineField(schema, "unit_price", ValueType::kAmount);
  if (unit == nullptr && price == nullptr) return;
  for (LineItem& item : *items) {
    auto quantity = item.fields.find("quantity");
    if (quantity == item.fields.end() || quantity->second.row < 0) continue;
    const FieldCandidate q = quantity->second;
    const ViewRow& row = view.rows()[q.row];
    std::set<int> taken;  // words of the quantity's row another cell holds
    for (const auto& [name, cell] : item.fields)
      if (cell.row == q.row)
        for (int i = cell.first_word; i < cell.end_word; ++i) taken.insert(i);
    const int words = static_cast<int>(row.words.size());
    auto text = [&](int first, int end) {
      std::vector<std::string> out;
      for (int i = first; i < end; ++i) out.push_back(row.words[i]->text);
      return out;
    };
    if (unit != nullptr && !item.fields.count(unit->name) && q.end_word < words && !taken.count(q.end_word)) {
      auto found = FindValues(ValueType::kUnit, text(q.end_word, q.end_word + 1), context);
      if (!found.empty()) {
        item.fields[unit->name] = Cell(view, q.row, q.end_word, found.front(), unit->name, q.confidence,
                                       "unit word printed after the quantity (its column heading was not read)");
        taken.insert(q.end_word);
      }
    }
    auto amount = item.fields.find("amount");
    if (price == nullptr || item.fields.count(price->name) || amount == item.fields.end()) continue;
    const double qty = DecimalValue(q.value), total = DecimalValue(amount->second.value);
    if (!std::isfinite(qty) || !std::isfinite(total) || qty == 0) continue;
    // The one number of the row that, times the quantity, gives the amount
    // (a number printed as two words, "1 250,00", taken whole).
    std::map<int, FieldCandidate> fits;  // by first word
    for (int first = 0; first < words; ++first) {
      for (int end = first + 1; end <= std::min(words, first + 2); ++end) {
        if (taken.count(end - 1)) break;
        for (const ValueMatch& m : FindValues(ValueType::kAmount, text(first, end), context)) {
          if (m.first_word != 0 || m.end_word != end - first) continue;
          const double value = DecimalValue(m.value);
          if (!std::isfinite(value) || value <= 0) continue;
          if (std::fabs(qty * value - total) > std::max(0.01, 0.005 * std::fabs(total))) continue;
          fits[first] = Cell(view, q.row, first, m, price->name, std::min(q.confidence, amount->second.confidence),
                             "quantity × this gives the line's amount (its column heading was not read)");
        }
      }
    }
    if (fits.size() == 1) item.fields[price->name] = std::move(fits.begin()->second);
  }
}

}  // namespace quai
