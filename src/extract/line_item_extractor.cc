#include "extract/line_item_extractor.h"

#include <algorithm>
#include <cmath>

namespace quai {
namespace {

struct Cell {
  int first = 0, end = 0;  // word range in the row
};

// Digits with at most separators between them: "1050,000", "1.250", "12".
bool LooksNumeric(const std::string& text) {
  int digits = 0;
  for (char ch : text) {
    if (std::isdigit(static_cast<unsigned char>(ch)))
      ++digits;
    else if (ch != ',' && ch != '.' && ch != '\'')
      return false;
  }
  return digits > 0;
}

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
  std::vector<bool> used(line_fields.size(), false);
  const int n = static_cast<int>(row.words.size());
  // Left to right, the longest run of up to four words that reads as an unused
  // line field's label starts a column; a word that reads as none either belongs
  // to the label before it ("Qté livrée") or, after a gap, heads a column the
  // schema does not want ("TVA"), whose values are then kept out of the others.
  // A label never spans a column gap: "Item   Description" is two headers,
  // not the label "item description".
  auto segment_end = [&](int i) {
    for (int start : row.segment_starts)
      if (start > i) return start;
    return n;
  };
  for (int i = 0; i < n;) {
    int best_field = -1, best_end = -1;
    LabelHit best;
    for (int e = std::min(segment_end(i), i + 4); e > i && best_field < 0; --e) {
      for (size_t f = 0; f < line_fields.size(); ++f) {
        if (used[f]) continue;
        LabelHit hit = lexicons_.by_field.at(line_fields[f].name).MatchSpan(row.tokens, i, e);
        if (hit.score >= 0.8 && hit.score > best.score) {
          best = hit;
          best_field = static_cast<int>(f);
          best_end = e;
        }
      }
    }
    // Words set close after a description's label are part of it
    // ("Désignation article"), even when they read as another field's label.
    bool extends_text = best_field >= 0 && !columns.empty() && columns.back().field != nullptr &&
                        columns.back().field->type == ValueType::kText &&
                        row.words[i]->box.x0 - row.words[i - 1]->box.x1 < 1.0 * row.height;
    if (extends_text) {
      columns.back().x1 = row.words[best_end - 1]->box.x1;
      i = best_end;
      continue;
    }
    if (best_field >= 0) {
      used[best_field] = true;
      // Unread words just before the label are the start of its header
      // ("Désiguaiun article": "Désignation" misread by OCR).
      double x0 = row.words[i]->box.x0;
      if (!columns.empty() && columns.back().field == nullptr &&
          x0 - row.words[i - 1]->box.x1 < 1.0 * row.height) {
        x0 = columns.back().x0;
        columns.pop_back();
      }
      columns.push_back({&line_fields[best_field], x0, row.words[best_end - 1]->box.x1, best.score, best.label});
      i = best_end;
      continue;
    }
    const Box& box = row.words[i]->box;
    bool close_to_previous = !columns.empty() && i > 0 && box.x0 - row.words[i - 1]->box.x1 < 1.0 * row.height;
    if (close_to_previous || (!columns.empty() && columns.back().field == nullptr && box.x0 - columns.back().x1 < row.height))
      columns.back().x1 = box.x1;
    else
      columns.push_back({nullptr, box.x0, box.x1, 0, ""});
    ++i;
  }
  return columns;
}

int LineItemExtractor::FieldColumns(const std::vector<Column>& columns) {
  int n = 0;
  for (const Column& c : columns) n += c.field != nullptr;
  return n;
}

bool LineItemExtractor::IsStopRow(const DocumentView& view, int row_index) const {
  const ViewRow& row = view.rows()[row_index];
  // A row that starts with a table-end label ("Total HT", "Sous-total") ends
  // the table, and so does one with such a label anywhere followed by an amount.
  const int n = static_cast<int>(row.tokens.size());
  for (int first = 0; first < n; ++first)
    for (int end = first + 1; end <= n && end <= first + 3; ++end) {
      if (table_end_.MatchSpan(row.tokens, first, end).score < 0.9) continue;
      if (first == 0) return true;
      std::vector<std::string> rest;
      for (int i = end; i < n; ++i) rest.push_back(row.words[i]->text);
      if (!FindValues(ValueType::kAmount, rest, RecognizerContext{}).empty()) return true;
    }
  // So does a header field's amount label ("Net à payer") at its start, or
  // anywhere with an amount after it ("30 days net   Net amount   1 234,00").
  for (const FieldSpec& field : lexicons_.schema->fields) {
    if (field.type != ValueType::kAmount) continue;
    const LabelLexicon& lexicon = lexicons_.by_field.at(field.name);
    for (int end = 1; end <= n; ++end) {
      if (lexicon.MatchBefore(row.tokens, end, 0).score < 0.9) continue;
      if (end <= 4) return true;
      std::vector<std::string> rest;
      for (int i = end; i < n; ++i) rest.push_back(row.words[i]->text);
      if (!FindValues(ValueType::kAmount, rest, RecognizerContext{}).empty()) return true;
    }
  }
  return false;
}

bool LineItemExtractor::IsRunningText(const ViewRow& row) {
  constexpr size_t kSentenceWords = 8;
  if (row.words.size() < kSentenceWords) return false;
  for (size_t i = 1; i < row.words.size(); ++i)
    if (row.words[i]->box.x0 - row.words[i - 1]->box.x1 > 1.5 * std::max(row.height, 1.0)) return false;
  return true;
}

int LineItemExtractor::NumbersUnderValueColumns(const ViewRow& row, const std::vector<Column>& columns) {
  int under = 0;
  for (const Column& c : columns) {
    if (c.field == nullptr || c.field->type == ValueType::kText) continue;
    for (const Word* w : row.words) {
      const double centre = (w->box.x0 + w->box.x1) / 2;
      if (LooksNumeric(w->text) && centre >= c.x0 - row.height && centre <= c.x1 + row.height) {
        ++under;
        break;
      }
    }
  }
  return under;
}

std::vector<LineItem> LineItemExtractor::Extract(const DocumentView& view, const RecognizerContext& context,
                                                 int* unread_rows) const {
  std::vector<LineItem> items;
  if (lexicons_.schema->lines.empty()) return items;
  std::vector<Column> columns;       // the current table's columns
  std::vector<Column> sub_columns;   // a small header inside the table, for the next row
  bool in_table = false;
  int previous_page = -1;
  double last_row_bottom = 0;
  int unread = 0;
  // Rows of a page with a text layer are read without OCR repairs.
  RecognizerContext text_layer = context;
  text_layer.ocr_text = false;
  int ended_on_page = -1;  // the page whose table just ended: its next row is looked at
  bool continued_page = false;  // the table continues on this page and nothing of it was read yet
  // A row that ends a table may be an item the reader could not read.
  auto end_table = [&](const ViewRow& row) {
    in_table = false;
    if (items.empty()) return;
    if (NumbersUnderValueColumns(row, columns) >= 2 && !IsRunningText(row))
      ++unread;
    else
      ended_on_page = row.page;
  };

  for (int r = 0; r < static_cast<int>(view.rows().size()); ++r) {
    const ViewRow& row = view.rows()[r];
    if (row.page != previous_page) {
      // A table that ran to the foot of the previous page continues on this one.
      bool ran_to_bottom = in_table && previous_page >= 0 &&
                           last_row_bottom > 0.6 * view.pages()[previous_page].height;
      in_table = in_table && ran_to_bottom;
      // The table goes on: the rows above its first item (or its repeated
      // header) on this page are the page's letterhead, not items.
      continued_page = in_table;
      previous_page = row.page;
      sub_columns.clear();
    }
    auto header = HeaderColumns(view, r);
    int header_fields = FieldColumns(header);
    if (header_fields >= 2 && (!in_table || header_fields >= 3)) {
      std::vector<const FieldSpec*> fields;
      for (const auto& c : header)
        if (c.field != nullptr) fields.push_back(c.field);
      if (AnchorField(fields) != nullptr || header_fields >= 3) {
        continued_page = false;
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
    const bool blank =
        std::all_of(row.tokens.begin(), row.tokens.end(), [](const std::string& t) { return t.empty(); });
    if (!in_table) {
      if (ended_on_page == row.page && !blank) {
        if (!IsStopRow(view, r) && NumbersUnderValueColumns(row, columns) >= 2 && !IsRunningText(row)) ++unread;
        ended_on_page = -1;
      }
      continue;
    }
    // Scan noise and rule remnants ("|", "—", ":") carry no value: their
    // normalised tokens are empty.
    if (blank) continue;
    // A sentence across the page (the legal footer under a table that goes on
    // over the page) is never an item, whatever number falls under a column.
    if (IsRunningText(row)) continue;
    if (IsStopRow(view, r)) {
      in_table = false;
      continue;
    }
    // A small header inside the table ("N° lot  Date péremption") for the next
    // row. It prints no numbers: a row with one is an item whose description
    // holds a label word ("Palette bois EPAL – lot de 15   82 pce").
    auto prints_a_number = [&row] {
      return std::any_of(row.words.begin(), row.words.end(), [](const Word* w) { return LooksNumeric(w->text); });
    };
    if (header_fields >= 1 && header_fields * 2 >= static_cast<int>(row.segment_starts.size()) && !prints_a_number()) {
      sub_columns = header;
      last_row_bottom = row.box.y1;
      continue;
    }
    const std::vector<Column>& active = sub_columns.empty() ? columns : sub_columns;
    // Each column owns a band between its neighbours' headers: halfway between
    // two headers, except that text (a description) runs on to the start of the
    // next header, as left-aligned text does. A word belongs to the band holding
    // its centre.
    auto boundary = [&](size_t c) {  // between active[c] and active[c + 1]
      bool text = active[c].field != nullptr && active[c].field->type == ValueType::kText;
      return text ? active[c + 1].x0 - 0.5 * row.height : (active[c].x1 + active[c + 1].x0) / 2;
    };
    std::vector<std::vector<int>> words_of(active.size());
    for (int w = 0; w < static_cast<int>(row.words.size()); ++w) {
      if (row.tokens[w].empty()) continue;
      const Box& b = row.words[w]->box;
      double centre = (b.x0 + b.x1) / 2;
      for (size_t c = 0; c < active.size(); ++c) {
        double left = c == 0 ? -1e9 : boundary(c - 1);
        double right = c + 1 == active.size() ? 1e9 : boundary(c);
        if (centre >= left && centre < right) {
          words_of[c].push_back(w);
          break;
        }
      }
    }
    // A long right-aligned number under a short header ("1050,000" under "Qté")
    // can have its centre in the text band before it; when it reaches under
    // the next header it belongs to that column.
    for (size_t c = 0; c + 1 < active.size(); ++c) {
      bool text = active[c].field != nullptr && active[c].field->type == ValueType::kText;
      const FieldSpec* next = active[c + 1].field;
      if (!text || next == nullptr || next->type == ValueType::kText) continue;
      while (!words_of[c].empty()) {
        const Word* word = row.words[words_of[c].back()];
        if (word->box.x1 <= active[c + 1].x0 + 0.3 * row.height || !LooksNumeric(word->text)) break;
        words_of[c + 1].insert(words_of[c + 1].begin(), words_of[c].back());
        words_of[c].pop_back();
      }
    }
    // A right-aligned number can reach left past its column's band: "1 265,500"
    // whose "1" fell into the description goes back to its number.
    for (size_t c = 0; c + 1 < active.size(); ++c) {
      if (words_of[c].empty() || words_of[c + 1].empty()) continue;
      int last = words_of[c].back(), next = words_of[c + 1].front();
      const std::string& a = row.words[last]->text;
      const std::string& b = row.words[next]->text;
      bool small_group = !a.empty() && a.size() <= 3 && a.find_first_not_of("0123456789") == std::string::npos;
      bool continues_group = b.size() >= 3 && std::isdigit(static_cast<unsigned char>(b[0])) &&
                             std::isdigit(static_cast<unsigned char>(b[1])) &&
                             std::isdigit(static_cast<unsigned char>(b[2])) &&
                             (b.size() == 3 || !std::isdigit(static_cast<unsigned char>(b[3])));
      if (next == last + 1 && small_group && continues_group &&
          row.words[next]->box.x0 - row.words[last]->box.x1 < 0.6 * row.height) {
        words_of[c].pop_back();
        words_of[c + 1].insert(words_of[c + 1].begin(), last);
      }
    }
    const RecognizerContext& row_context =
        view.pages()[row.page].text_source == TextSource::kOcr ? context : text_layer;
    std::map<std::string, FieldCandidate> cells;
    for (size_t c = 0; c < active.size(); ++c) {
      if (words_of[c].empty() || active[c].field == nullptr) continue;
      FieldCandidate cell;
      if (ReadCell(view, r, words_of[c].front(), words_of[c].back() + 1, *active[c].field, row_context, active[c].score,
                   &cell)) {
        cell.evidence = "column '" + active[c].label + "'";
        cells[active[c].field->name] = std::move(cell);
      }
    }
    // A unit printed beside the quantity ("287 PCS") or glued to it
    // ("928,529kg") when there is no unit column.
    const FieldSpec* unit = nullptr;
    for (const FieldSpec& f : lexicons_.schema->lines)
      if (f.type == ValueType::kUnit) unit = &f;
    if (unit != nullptr && !cells.count(unit->name)) {
      for (size_t c = 0; c < active.size(); ++c) {
        if (active[c].field == nullptr || active[c].field->type != ValueType::kQuantity || words_of[c].empty()) continue;
        if (!cells.count(active[c].field->name)) continue;
        int after = cells[active[c].field->name].end_word - 1;
        FieldCandidate cell;
        if (after <= words_of[c].back() &&
            ReadCell(view, r, after, words_of[c].back() + 1, *unit, row_context, active[c].score, &cell)) {
          cell.evidence = "unit beside the quantity";
          cells[unit->name] = std::move(cell);
        }
      }
    }
    std::vector<const FieldSpec*> fields;
    for (const auto& c : columns)
      if (c.field != nullptr) fields.push_back(c.field);
    const FieldSpec* anchor = AnchorField(fields);
    // An item starts with a value in the anchor column (quantity, else amount),
    // or, when OCR garbled that one ("1i1"), with two other columns' values read.
    int values_read = 0;
    for (const auto& [name, cell] : cells) {
      const FieldSpec* spec = lexicons_.schema->FindField(name);
      values_read += spec != nullptr && spec->type != ValueType::kText;
    }
    bool starts_item = sub_columns.empty() && anchor != nullptr &&
                       (cells.count(anchor->name) > 0 || (!items.empty() && values_read >= 2));
    if (continued_page && !starts_item) continue;  // the letterhead of a continuation page
    continued_page = false;
    // Rows far below the last one, with nothing in the anchor column, are past the table.
    if (!starts_item && row.box.y0 - last_row_bottom > 4 * std::max(row.height, 1.0)) {
      end_table(row);
      continue;
    }
    last_row_bottom = row.box.y1;
    if (starts_item) {
      items.push_back({std::move(cells)});
      continue;
    }
    if (items.empty()) {
      // Before the first item, a row reading values in two columns but not
      // the anchor ("755-4" for "75 L") is an item the reader could not read.
      if (values_read >= 2 && sub_columns.empty()) ++unread;
      continue;
    }
    // A continuation holds only text, or values its columns read; anything else
    // (a sentence running across the columns, a VAT-rate column) is past the table.
    bool continues = true;
    for (size_t c = 0; c < active.size() && continues; ++c) {
      if (words_of[c].empty()) continue;
      if (active[c].field == nullptr || (active[c].field->type != ValueType::kText && !cells.count(active[c].field->name)))
        continues = false;
    }
    if (!continues && sub_columns.empty()) {
      end_table(row);
      continue;
    }
    // A continuation: extends a description, fills fields the item still lacks.
    LineItem& item = items.back();
    for (auto& [name, cell] : cells) {
      const FieldSpec* spec = lexicons_.schema->FindField(name);
      auto existing = item.fields.find(name);
      if (existing == item.fields.end()) {
        item.fields[name] = std::move(cell);
      } else if (spec != nullptr && spec->type == ValueType::kText && sub_columns.empty() &&
                 // a description's next line starts at its left edge; text set
                 // elsewhere (a centred footer under the table) is not part of it
                 std::fabs(cell.box.x0 - existing->second.box.x0) <= 1.5 * std::max(row.height, 1.0)) {
        existing->second.value += " " + cell.value;
        existing->second.printed = existing->second.value;
        existing->second.box.y1 = std::max(existing->second.box.y1, cell.box.y1);
      }
    }
    sub_columns.clear();
  }
  if (unread_rows != nullptr) *unread_rows = unread;
  return items;
}

}  // namespace quai
