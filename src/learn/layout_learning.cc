#include "learn/layout_learning.h"

#include <algorithm>
#include <set>

#include "extract/article_memory.h"
#include "extract/candidate_features.h"
#include "extract/label_lexicon.h"
#include "extract/supplier_recognizer.h"
#include "learn/line_pairing.h"
#include "learn/value_comparison.h"

namespace quai {
namespace {

double Overlap(const Box& a, const Box& b) {
  double w = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  double h = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  double area = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - w * h;
  return area > 0 ? w * h / area : 0;
}

// Whether `read` is a reading of the validated `value` with OCR slips: one of
// the article memory's close readings, or a name or address of 12 characters
// or more whose folded letters, digits shaped like letters read as letters
// ("D.1.Y" for "D.I.Y"), are 85 % alike.
bool ReadWithSlips(const std::string& read, const std::string& value) {
  if (CloseReadingOf(read, value)) return true;
  const std::string folded_value = FoldOcrLookalikes(FoldSupplierName(value));
  return folded_value.size() >= 12 && Similarity(folded_value, FoldOcrLookalikes(FoldSupplierName(read))) >= 0.85;
}

}  // namespace

DateOrder ValidatedDateOrder(const DocumentSchema& schema, const std::map<std::string, std::string>& values,
                             const std::map<std::string, std::vector<FieldCandidate>>& day_first,
                             const std::map<std::string, std::vector<FieldCandidate>>& month_first) {
  auto holds = [](const std::map<std::string, std::vector<FieldCandidate>>& candidates, const std::string& field,
                  const std::string& value) {
    auto it = candidates.find(field);
    if (it == candidates.end()) return 0;
    for (const FieldCandidate& c : it->second)
      if (c.value == value) return 1;
    return 0;
  };
  int day = 0, month = 0;
  for (const FieldSpec& field : schema.fields) {
    if (field.type != ValueType::kDate && field.type != ValueType::kExpiryDate) continue;
    auto value = values.find(field.name);
    if (value == values.end() || value->second.empty()) continue;
    day += holds(day_first, field.name, value->second);
    month += holds(month_first, field.name, value->second);
  }
  return day > month ? DateOrder::kDayFirst : month > day ? DateOrder::kMonthFirst : DateOrder::kUnknown;
}

LayoutExample LearnLayoutExample(const std::map<std::string, std::vector<FieldCandidate>>& candidates,
                                 const std::vector<Page>& pages, const std::map<std::string, std::string>& values,
                                 const std::vector<ValuePointer>& pointers, const std::vector<LineItem>& lines,
                                 const std::vector<std::map<std::string, std::string>>& truth_lines) {
  static const int kLeft = CandidateFeatures::Index("left_label");
  static const int kAbove = CandidateFeatures::Index("above_label");
  LayoutExample example;
  for (const auto& [field, value] : values)
    if (!value.empty()) example.values[field] = value;
  for (const auto& [field, list] : candidates) {
    auto truth = values.find(field);
    if (truth == values.end() || truth->second.empty()) continue;
    const ValuePointer* pointer = nullptr;
    for (const ValuePointer& p : pointers)
      if (p.field == field) pointer = &p;
    // The candidates that read the validated value; when none does (a scan's
    // OCR slips, "D.1.Y" for "D.I.Y"), those that are a close reading of it:
    // where the value sits and beside which label is learned all the same.
    const FieldCandidate* best = nullptr;
    double best_score = -1;
    for (int pass = 0; pass < 2 && best == nullptr; ++pass) {
      for (const FieldCandidate& c : list) {
        if (c.row < 0) continue;
        if (pass == 0 ? !ValuesMatch(field, truth->second, c.value) : !ReadWithSlips(c.value, truth->second)) continue;
        double score;
        if (pointer != nullptr) {
          score = pointer->page == c.page + 1 ? Overlap(pointer->box, c.box) : 0;
        } else {
          score = c.features.size() > static_cast<size_t>(std::max(kLeft, kAbove))
                      ? std::max(c.features[kLeft], c.features[kAbove])
                      : 0;
          score += c.left_context.empty() && c.above_context.empty() ? 0 : 0.01;
        }
        if (score > best_score) {
          best_score = score;
          best = &c;
        }
      }
    }
    if (best == nullptr) continue;
    FieldAnchor anchor = AnchorOf(*best, pages);
    anchor.value = truth->second;
    example.anchors.push_back(std::move(anchor));
  }
  // The columns of the line fields: where the cells that hold validated values are.
  std::vector<LineValues> predicted;
  for (const LineItem& item : lines) {
    LineValues& values_of = predicted.emplace_back();
    for (const auto& [name, cell] : item.fields) values_of[name] = cell.value;
  }
  std::vector<int> pairs = PairLines(truth_lines, predicted);
  std::map<std::string, FieldAnchor> columns;
  for (size_t t = 0; t < pairs.size(); ++t) {
    if (pairs[t] < 0) continue;
    for (const auto& [name, cell] : lines[pairs[t]].fields) {
      auto truth = truth_lines[t].find(name);
      if (truth == truth_lines[t].end() || !ValuesMatch(name, truth->second, cell.value)) continue;
      FieldAnchor a = AnchorOf(cell, pages);
      auto [it, added] = columns.emplace(name, a);
      if (added) {
        it->second.field = kLineAnchorPrefix + name;
        it->second.value.clear();
        it->second.left.clear();
        it->second.above.clear();
        continue;
      }
      it->second.x0 = std::min(it->second.x0, a.x0);
      it->second.x1 = std::max(it->second.x1, a.x1);
      it->second.y0 = std::min(it->second.y0, a.y0);
      it->second.y1 = std::max(it->second.y1, a.y1);
    }
  }
  for (auto& [name, anchor] : columns) example.anchors.push_back(std::move(anchor));
  example.lines = truth_lines;
  return example;
}

std::map<std::string, std::vector<std::string>> LearnVocabulary(const std::vector<LayoutExample>& examples,
                                                               const std::vector<std::string>& suppliers) {
  // context -> field -> the suppliers (or documents, when unnamed) it was seen beside that field for
  std::map<std::string, std::map<std::string, std::set<std::string>>> seen;
  for (size_t i = 0; i < examples.size(); ++i) {
    const std::string source =
        i < suppliers.size() && !suppliers[i].empty() ? suppliers[i] : "#document " + std::to_string(i);
    for (const FieldAnchor& a : examples[i].anchors)
      for (const std::string* context : {&a.left, &a.above})
        if (!context->empty()) seen[*context][a.field].insert(source);
  }
  std::map<std::string, std::vector<std::string>> vocabulary;
  for (const auto& [context, fields] : seen) {
    size_t total = 0;
    for (const auto& [field, sources] : fields) total += sources.size();
    for (const auto& [field, sources] : fields)
      if (sources.size() >= 2 && 5 * sources.size() >= 4 * total) vocabulary[field].push_back(context);
  }
  return vocabulary;
}

bool HasUnlabelledField(const DocumentSchema& schema) {
  for (const auto& fields : {schema.fields, schema.lines})
    for (const FieldSpec& f : fields)
      if (f.labels.empty()) return true;
  return false;
}

std::map<std::string, std::vector<std::string>> LearnVocabularyOfUnlabelledFields(
    const DocumentSchema& schema, const std::vector<LayoutExample>& examples, const std::vector<std::string>& suppliers) {
  auto vocabulary = LearnVocabulary(examples, suppliers);
  for (auto it = vocabulary.begin(); it != vocabulary.end();) {
    const FieldSpec* spec = schema.FindField(it->first);
    for (const FieldSpec& f : schema.lines)
      if (spec == nullptr && f.name == it->first) spec = &f;
    it = spec != nullptr && spec->labels.empty() ? std::next(it) : vocabulary.erase(it);
  }
  return vocabulary;
}

}  // namespace quai
