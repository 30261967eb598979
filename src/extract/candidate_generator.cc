#include "extract/candidate_generator.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace quai {
namespace {

Box UnionBox(const ViewRow& row, int first, int end) {
  Box box = row.words[first]->box;
  for (int i = first + 1; i < end; ++i) {
    const Box& b = row.words[i]->box;
    box.x0 = std::min(box.x0, b.x0);
    box.y0 = std::min(box.y0, b.y0);
    box.x1 = std::max(box.x1, b.x1);
    box.y1 = std::max(box.y1, b.y1);
  }
  return box;
}

double MeanConfidence(const ViewRow& row, int first, int end) {
  double sum = 0;
  for (int i = first; i < end; ++i) sum += row.words[i]->confidence;
  return end > first ? sum / (end - first) : 0;
}

bool HasLetters(const std::string& text) {
  int letters = 0;
  for (unsigned char c : text) letters += std::isalpha(c) || c >= 0x80;
  return letters >= 2;
}

}  // namespace

FieldCandidate MakeCandidate(const DocumentView& view, int row_index, int first, int end, const std::string& field) {
  const ViewRow& row = view.rows()[row_index];
  FieldCandidate c;
  c.field = field;
  c.page = row.page;
  c.row = row_index;
  c.first_word = first;
  c.end_word = end;
  c.box = UnionBox(row, first, end);
  c.ocr_confidence = MeanConfidence(row, first, end);
  for (int i = first; i < end; ++i) {
    if (i > first) c.printed += " ";
    c.printed += row.words[i]->text;
  }
  return c;
}

namespace {

// Text candidates: each segment of the row, split again after a word ending in
// ":" (label and value printed close together), and the part of a segment that
// follows one of the field's own labels.
void AddTextCandidates(const DocumentView& view, int row_index, const FieldSpec& field, const LabelLexicon& lexicon,
                       std::vector<FieldCandidate>* out) {
  const ViewRow& row = view.rows()[row_index];
  std::vector<std::pair<int, int>> spans;
  for (size_t s = 0; s < row.segment_starts.size(); ++s) {
    int first = row.segment_starts[s];
    int end = s + 1 < row.segment_starts.size() ? row.segment_starts[s + 1] : static_cast<int>(row.words.size());
    spans.push_back({first, end});
    for (int i = first; i + 1 < end; ++i)
      if (!row.words[i]->text.empty() && row.words[i]->text.back() == ':') spans.push_back({i + 1, end});
    for (int i = first + 1; i < end; ++i) {
      LabelHit hit = lexicon.MatchBefore(row.tokens, i, 0);
      if (hit.score >= 0.9 && hit.first_token >= first) spans.push_back({i, end});
    }
  }
  std::set<std::pair<int, int>> seen;
  for (auto [first, end] : spans) {
    // Trim leading punctuation words (":", "-").
    while (first < end && row.tokens[first].empty()) ++first;
    if (first >= end || !seen.insert({first, end}).second) continue;
    FieldCandidate c = MakeCandidate(view, row_index, first, end, field.name);
    if (!HasLetters(c.printed) || c.printed.size() > 120) continue;
    c.value = c.printed;
    c.shape_score = 1;
    out->push_back(std::move(c));
  }
}

// Candidates for `field` in one row. Recogniser results are kept per (value
// type, row) in `found`: fields of one type (invoice and due dates, the three
// totals) share them instead of parsing the row again.
std::vector<FieldCandidate> CandidatesInRow(const DocumentView& view, int row_index, const FieldSpec& field,
                                            const LabelLexicon& lexicon, const RecognizerContext& context,
                                            std::map<std::pair<ValueType, int>, std::vector<ValueMatch>>* found) {
  std::vector<FieldCandidate> out;
  if (field.type == ValueType::kText) {
    AddTextCandidates(view, row_index, field, lexicon, &out);
    return out;
  }
  const ViewRow& row = view.rows()[row_index];
  auto key = std::make_pair(field.type, row_index);
  auto cached = found->find(key);
  if (cached == found->end()) {
    std::vector<std::string> words;
    for (const Word* w : row.words) words.push_back(w->text);
    cached = found->emplace(key, FindValues(field.type, words, context)).first;
  }
  for (const ValueMatch& match : cached->second) {
    if (match.end_word <= match.first_word || match.end_word > static_cast<int>(row.words.size())) continue;
    FieldCandidate c = MakeCandidate(view, row_index, match.first_word, match.end_word, field.name);
    c.value = match.value;
    c.printed = match.printed.empty() ? c.printed : match.printed;
    c.currency = match.currency;
    c.shape_score = match.shape_score;
    c.repaired = match.repaired;
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

SchemaLexicons::SchemaLexicons(const DocumentSchema& s) : SchemaLexicons(s, {}) {}

SchemaLexicons::SchemaLexicons(const DocumentSchema& s, const std::map<std::string, std::vector<std::string>>& learned)
    : schema(&s) {
  auto lexicon = [&](const FieldSpec& f) {
    std::vector<std::string> labels = f.labels;
    if (auto it = learned.find(f.name); it != learned.end())
      for (const std::string& label : it->second)
        if (std::find(labels.begin(), labels.end(), label) == labels.end()) labels.push_back(label);
    return LabelLexicon(labels);
  };
  for (const auto& f : s.fields) by_field.emplace(f.name, lexicon(f));
  for (const auto& f : s.lines) by_field.emplace(f.name, lexicon(f));
  // Header labels composed of a field's words (line columns have their own headers).
  for (auto& [field, composition] : ComposeLabels(s)) by_field.at(field).AllowComposedLabels(std::move(composition));
}

namespace {

// Whether `list` ("H225, H315") holds one of the statements of `more`.
bool SharesAStatement(const std::string& list, const std::string& more) {
  std::istringstream statements(more);
  for (std::string statement; std::getline(statements, statement, ',');) {
    statement.erase(0, statement.find_first_not_of(' '));
    std::istringstream listed(list);
    for (std::string have; std::getline(listed, have, ',');) {
      have.erase(0, have.find_first_not_of(' '));
      if (have == statement) return true;
    }
  }
  return false;
}

// Hazard statements are often printed one per row ("H225 Liquide et vapeurs
// très inflammables."): rows that follow one another, each starting with
// statements, also make one candidate holding all their codes in order. A list
// never names a statement twice: rows repeating one already listed explain
// the codes of a summary row above ("H225, H315" over "H225 Flüssigkeit…").
void AddMultiRowLists(const DocumentView& view, std::vector<FieldCandidate>* list) {
  std::vector<FieldCandidate> merged;
  for (size_t i = 0; i < list->size(); ++i) {
    const FieldCandidate& first = (*list)[i];
    if (first.first_word > 2) continue;
    FieldCandidate run = first;
    int last_row = first.row;
    for (size_t j = i + 1; j < list->size(); ++j) {
      const FieldCandidate& next = (*list)[j];
      if (next.row == last_row) continue;
      const ViewRow& previous = view.rows()[last_row];
      const ViewRow& row = view.rows()[next.row];
      if (next.row != last_row + 1 || row.page != previous.page || next.first_word > 2 ||
          row.box.y0 - previous.box.y1 > 1.5 * std::max(row.height, 1.0) || SharesAStatement(run.value, next.value))
        break;
      run.value += ", " + next.value;
      run.printed += " " + next.printed;
      run.box.y1 = std::max(run.box.y1, next.box.y1);
      run.box.x1 = std::max(run.box.x1, next.box.x1);
      last_row = next.row;
    }
    if (last_row != first.row) merged.push_back(std::move(run));
  }
  for (auto& c : merged) list->push_back(std::move(c));
}

// A text value printed on several rows ("12 rue de la Gare" over "69002 Lyon"):
// a segment joined with the one right under it, aligned left or centred, as
// "first, second" ("first, second" too when the first row ends with its own
// comma: "JALAN SAGU 18," over "TAMAN DAYA,"); up to `rows` rows.
void AddJoinedRows(const DocumentView& view, int rows, std::vector<FieldCandidate>* list) {
  std::vector<FieldCandidate> joined;
  for (const FieldCandidate& first : *list) {
    if (first.row < 0) continue;
    FieldCandidate run = first;
    int last_row = first.row;
    for (int n = 1; n < rows; ++n) {
      const ViewRow& above = view.rows()[last_row];
      const FieldCandidate* below = nullptr;
      for (const FieldCandidate& next : *list) {
        if (next.row != last_row + 1 || view.rows()[next.row].page != above.page) continue;
        const ViewRow& row = view.rows()[next.row];
        if (row.box.y0 - above.box.y1 > 1.5 * std::max(row.height, 1.0)) continue;
        double tolerance = 2 * std::max(row.height, 1.0);
        bool left = std::fabs(next.box.x0 - run.box.x0) <= tolerance;
        bool centred = std::fabs((next.box.x0 + next.box.x1) - (run.box.x0 + run.box.x1)) <= 2 * tolerance;
        if ((left || centred) && (below == nullptr || next.end_word - next.first_word > below->end_word - below->first_word))
          below = &next;
      }
      if (below == nullptr) break;
      const char last = run.value.empty() ? ' ' : run.value.back();
      run.value += (last == ',' || last == ';' ? " " : ", ") + below->value;
      run.printed += " " + below->printed;
      run.box.x0 = std::min(run.box.x0, below->box.x0);
      run.box.x1 = std::max(run.box.x1, below->box.x1);
      run.box.y1 = std::max(run.box.y1, below->box.y1);
      last_row = below->row;
      joined.push_back(run);
    }
  }
  for (auto& c : joined) list->push_back(std::move(c));
}

// The same value printed on one row with its parts apart ("15 RUE NATIONALE
// 44000 NANTES" with a wide space, "Via Roma 3 - 00184 Roma"): the row's
// segment cut at its widest space (when clearly wider than the others) or at a
// lone dash, read as "first, second"; and two neighbouring segments of a row.
void AddSplitRows(const DocumentView& view, std::vector<FieldCandidate>* list) {
  std::vector<FieldCandidate> split;
  auto text = [](const ViewRow& row, int first, int end) {
    std::string out;
    for (int w = first; w < end; ++w) out += (out.empty() ? "" : " ") + row.words[w]->text;
    return out;
  };
  for (const FieldCandidate& c : *list) {
    if (c.row < 0 || c.end_word - c.first_word < 2 || c.value.find(", ") != std::string::npos) continue;
    const ViewRow& row = view.rows()[c.row];
    int cut = -1, skip = 0;
    for (int w = c.first_word + 1; w + 1 < c.end_word; ++w)
      if (row.words[w]->text == "-" || row.words[w]->text == "\u2013" || row.words[w]->text == "–") {
        cut = w;
        skip = 1;
      }
    if (cut < 0) {
      std::vector<double> gaps;
      for (int w = c.first_word + 1; w < c.end_word; ++w) gaps.push_back(row.words[w]->box.x0 - row.words[w - 1]->box.x1);
      std::vector<double> sorted = gaps;
      std::sort(sorted.begin(), sorted.end());
      double median = sorted[sorted.size() / 2];
      size_t widest = std::max_element(gaps.begin(), gaps.end()) - gaps.begin();
      if (gaps.size() >= 2 && gaps[widest] >= 1.8 * std::max(median, 0.5)) cut = c.first_word + 1 + static_cast<int>(widest);
    }
    if (cut <= c.first_word || cut + skip >= c.end_word) continue;
    FieldCandidate parts = c;
    parts.value = text(row, c.first_word, cut) + ", " + text(row, cut + skip, c.end_word);
    split.push_back(std::move(parts));
  }
  // Neighbouring segments of one row.
  for (const FieldCandidate& a : *list) {
    if (a.row < 0) continue;
    for (const FieldCandidate& b : *list) {
      if (b.row != a.row || b.first_word != a.end_word) continue;
      const ViewRow& row = view.rows()[a.row];
      if (b.box.x0 - a.box.x1 > 4 * std::max(row.height, 1.0)) continue;
      FieldCandidate joined = a;
      joined.end_word = b.end_word;
      joined.value = a.value + ", " + b.value;
      joined.printed = a.printed + " " + b.printed;
      joined.box.x1 = std::max(a.box.x1, b.box.x1);
      split.push_back(std::move(joined));
    }
  }
  for (auto& c : split) list->push_back(std::move(c));
}

}  // namespace

std::map<std::string, std::vector<FieldCandidate>> GenerateCandidates(const DocumentView& view,
                                                                     const SchemaLexicons& lexicons,
                                                                     const RecognizerContext& context) {
  std::map<std::string, std::vector<FieldCandidate>> candidates;
  std::map<std::pair<ValueType, int>, std::vector<ValueMatch>> found;
  // Rows of a page with a text layer are read without OCR repairs.
  RecognizerContext text_layer = context;
  text_layer.ocr_text = false;
  auto context_of = [&](int row) -> const RecognizerContext& {
    const int page = view.rows()[row].page;
    const bool ocr = page >= 0 && page < static_cast<int>(view.pages().size()) &&
                     view.pages()[page].text_source == TextSource::kOcr;
    return ocr ? context : text_layer;
  };
  for (const FieldSpec& field : lexicons.schema->fields) {
    auto& list = candidates[field.name];
    const LabelLexicon& lexicon = lexicons.by_field.at(field.name);
    for (int row = 0; row < static_cast<int>(view.rows().size()); ++row) {
      for (auto& c : CandidatesInRow(view, row, field, lexicon, context_of(row), &found)) list.push_back(std::move(c));
    }
    if (field.type == ValueType::kHazardStatements) AddMultiRowLists(view, &list);
    if (field.type == ValueType::kText && field.rows > 1) {
      AddSplitRows(view, &list);
      AddJoinedRows(view, field.rows, &list);
    }
  }
  return candidates;
}

}  // namespace quai
