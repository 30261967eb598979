#include "extract/line_item_extractor.h"

#include <algorithm>
#include <cmath>

namespace quai {
namespace {

struct Cell {
  int first = 0, end = 0;  // word range in the row
};

const FieldSpec* AnchorField(const std::vector<const FieldSpec*>& fields) {
  for (const FieldSpec* f : fields)
    if (f->type == ValueType::kQuantity) return f;
  for (const FieldSpec* f : fields)
    if (f->type == ValueType::kAmount) return f;
  return nullptr;
}

// Reads a cell as the field's value: the best-shaped match of its type, or the
// words themselves for text.
bool ReadCell(const DocumentView& view, int row_index, int first, int end, const FieldSpec& field,
              const RecognizerContext& context, double column_score, FieldCandidate* out) {
  const ViewRow& row = view.rows()[row_index];
  if (first >= end) return false;
  std::vector<std::string> words;
  for (int i = first; i < end; ++i) words.push_back(row.words[i]->text);
  FieldCandidate c;
  c.field = field.name;
  c.page = row.page;
  c.row = row_index;
  if (field.type == ValueType::kText) {
    c.first_word = first;
    c.end_word = end;
    for (const auto& w : words) c.value += (c.value.empty() ? "" : " ") + w;
    c.printed = c.value;
    c.shape_score = 1;
  } else {
    auto matches = FindValues(field.type, words, context);
    if (matches.empty()) return false;
    auto best = std::max_element(matches.begin(), matches.end(), [](const ValueMatch& a, const ValueMatch& b) {
      return a.shape_score * (a.end_word - a.first_word + 1) < b.shape_score * (b.end_word - b.first_word + 1);
    });
    c.first_word = first + best->first_word;
    c.end_word = first + best->end_word;
    c.value = best->value;
    c.printed = best->printed;
    c.currency = best->currency;
    c.shape_score = best->shape_score;
    c.repaired = best->repaired;
  }
  c.box = row.words[c.first_word]->box;
  double confidence = 0;
  for (int i = c.first_word; i < c.end_word; ++i) {
    const Box& b = row.words[i]->box;
    c.box.x0 = std::min(c.box.x0, b.x0);
    c.box.y0 = std::min(c.box.y0, b.y0);
    c.box.x1 = std::max(c.box.x1, b.x1);
    c.box.y1 = std::max(c.box.y1, b.y1);
    confidence += row.words[i]->confidence;
  }
  c.ocr_confidence = confidence / std::max(1, c.end_word - c.first_word);
  c.confidence = std::clamp(c.ocr_confidence * column_score * (0.5 + 0.5 * c.shape_score) * (c.repaired ? 0.9 : 1.0),
                            0.0, 0.99);
  *out = std::move(c);
  return true;
}

}  // namespace

std::vector<LineItemExtractor::Column> LineItemExtractor::HeaderColumns(const DocumentView& view, int row_index) const {
  const ViewRow& row = view.rows()[row_index];
  std::vector<Column> columns;
  const auto& line_fields = lexicons_.schema->lines;
  // Each segment is one header cell; a cell may hold two labels printed close
  // together ("Lot DLUO"), so words are also tried one by one.
  std::vector<std::pair<int, int>> cells;
  for (size_t s = 0; s < row.segment_starts.size(); ++s) {
    int first = row.segment_starts[s];
    int end = s + 1 < row.segment_starts.size() ? row.segment_starts[s + 1] : static_cast<int>(row.words.size());
    cells.push_back({first, end});
  }
  std::vector<bool> used(line_fields.size(), false);
  auto try_cell = [&](int first, int end) -> bool {
    int best_field = -1;
    LabelHit best;
    for (size_t f = 0; f < line_fields.size(); ++f) {
      if (used[f]) continue;
      LabelHit hit = lexicons_.by_field.at(line_fields[f].name).MatchSpan(row.tokens, first, end);
      if (hit.score > best.score) {
        best = hit;
        best_field = static_cast<int>(f);
      }
    }
    if (best_field < 0 || best.score < 0.8) return false;
    used[best_field] = true;
    columns.push_back({&line_fields[best_field], row.words[first]->box.x0, row.words[end - 1]->box.x1, best.score,
                       best.label});
    return true;
  };
  for (auto [first, end] : cells) {
    if (try_cell(first, end)) continue;
    // Split the cell into the longest label-reading pieces from the left.
    int start = first;
    while (start < end) {
      int matched_end = -1;
      for (int e = end; e > start; --e) {
        std::vector<bool> saved = used;
        size_t before = columns.size();
        if (try_cell(start, e)) {
          matched_end = e;
          break;
        }
        used = saved;
        columns.resize(before);
      }
      start = matched_end > 0 ? matched_end : start + 1;
    }
  }
  std::sort(columns.begin(), columns.end(), [](const Column& a, const Column& b) { return a.x0 < b.x0; });
  return columns;
}

bool LineItemExtractor::IsStopRow(const DocumentView& view, int row_index) const {
  const ViewRow& row = view.rows()[row_index];
  // A row that starts with a table-end label ("Total HT", "Sous-total") ends the table.
  for (int end = 1; end <= static_cast<int>(row.tokens.size()) && end <= 3; ++end)
    if (table_end_.MatchSpan(row.tokens, 0, end).score >= 0.9) return true;
  // So does a header field's amount label ("Net à payer").
  for (const FieldSpec& field : lexicons_.schema->fields) {
    if (field.type != ValueType::kAmount) continue;
    const LabelLexicon& lexicon = lexicons_.by_field.at(field.name);
    for (int end = 1; end <= static_cast<int>(row.tokens.size()) && end <= 4; ++end)
      if (lexicon.MatchBefore(row.tokens, end, 0).score >= 0.9) return true;
  }
  return false;
}

std::vector<LineItem> LineItemExtractor::Extract(const DocumentView& view, const RecognizerContext& context) const {
  std::vector<LineItem> items;
  if (lexicons_.schema->lines.empty()) return items;
  std::vector<Column> columns;       // the current table's columns
  std::vector<Column> sub_columns;   // a small header inside the table, for the next row
  bool in_table = false;
  int previous_page = -1;
  double last_row_bottom = 0;

  for (int r = 0; r < static_cast<int>(view.rows().size()); ++r) {
    const ViewRow& row = view.rows()[r];
    const Page& page = view.pages()[row.page];
    if (row.page != previous_page) {
      // A table that ran to the foot of the previous page continues on this one.
      bool ran_to_bottom = in_table && previous_page >= 0 &&
                           last_row_bottom > 0.6 * view.pages()[previous_page].height;
      in_table = in_table && ran_to_bottom;
      previous_page = row.page;
      sub_columns.clear();
    }
    auto header = HeaderColumns(view, r);
    int header_fields = static_cast<int>(header.size());
    if (header_fields >= 2 && (!in_table || header_fields >= 3)) {
      std::vector<const FieldSpec*> fields;
      for (const auto& c : header) fields.push_back(c.field);
      if (AnchorField(fields) != nullptr || header_fields >= 3) {
        if (in_table && header_fields < 3) {
          sub_columns = header;
        } else {
          columns = header;
          in_table = true;
          sub_columns.clear();
        }
        last_row_bottom = row.box.y1;
        continue;
      }
    }
    if (!in_table) continue;
    if (IsStopRow(view, r)) {
      in_table = false;
      continue;
    }
    if (header_fields >= 1 && header_fields * 2 >= static_cast<int>(row.segment_starts.size())) {
      // A small header inside the table ("N° lot  Date péremption") for the next row.
      sub_columns = header;
      last_row_bottom = row.box.y1;
      continue;
    }
    const std::vector<Column>& active = sub_columns.empty() ? columns : sub_columns;
    // Assign each word to the column whose header it overlaps most, else the nearest one.
    std::vector<std::vector<int>> words_of(active.size());
    for (int w = 0; w < static_cast<int>(row.words.size()); ++w) {
      const Box& b = row.words[w]->box;
      int best = -1;
      double best_score = -1e9;
      for (size_t c = 0; c < active.size(); ++c) {
        double overlap = std::min(b.x1, active[c].x1) - std::max(b.x0, active[c].x0);
        double distance = std::fabs((b.x0 + b.x1) / 2 - (active[c].x0 + active[c].x1) / 2);
        double score = overlap > 0 ? 1000 + overlap : -distance;
        if (score > best_score) {
          best_score = score;
          best = static_cast<int>(c);
        }
      }
      if (best >= 0) words_of[best].push_back(w);
    }
    std::map<std::string, FieldCandidate> cells;
    for (size_t c = 0; c < active.size(); ++c) {
      if (words_of[c].empty()) continue;
      FieldCandidate cell;
      if (ReadCell(view, r, words_of[c].front(), words_of[c].back() + 1, *active[c].field, context, active[c].score,
                   &cell)) {
        cell.evidence = "column '" + active[c].label + "'";
        cells[active[c].field->name] = std::move(cell);
      }
    }
    std::vector<const FieldSpec*> fields;
    for (const auto& c : columns) fields.push_back(c.field);
    const FieldSpec* anchor = AnchorField(fields);
    bool starts_item = sub_columns.empty() && anchor != nullptr && cells.count(anchor->name) > 0;
    // Rows far below the last one, with nothing in the anchor column, are past the table.
    if (!starts_item && row.box.y0 - last_row_bottom > 4 * std::max(row.height, 1.0)) {
      in_table = false;
      continue;
    }
    last_row_bottom = row.box.y1;
    if (starts_item) {
      items.push_back({std::move(cells)});
      continue;
    }
    if (items.empty()) continue;
    // A continuation: extends a description, fills fields the item still lacks.
    LineItem& item = items.back();
    for (auto& [name, cell] : cells) {
      const FieldSpec* spec = lexicons_.schema->FindField(name);
      auto existing = item.fields.find(name);
      if (existing == item.fields.end()) {
        item.fields[name] = std::move(cell);
      } else if (spec != nullptr && spec->type == ValueType::kText && sub_columns.empty()) {
        existing->second.value += " " + cell.value;
        existing->second.printed = existing->second.value;
        existing->second.box.y1 = std::max(existing->second.box.y1, cell.box.y1);
      }
    }
    sub_columns.clear();
  }
  return items;
}

}  // namespace quai
