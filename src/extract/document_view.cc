#include "extract/document_view.h"

#include <algorithm>
#include <cmath>

namespace quai {
namespace {

double Median(std::vector<double> values, double fallback) {
  if (values.empty()) return fallback;
  std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
  return values[values.size() / 2];
}

// Folds one UTF-8 code point of Latin text to ASCII lower case; empty when dropped.
std::string FoldCodePoint(uint32_t cp) {
  if (cp < 0x80) return std::string(1, static_cast<char>(std::tolower(static_cast<int>(cp))));
  static const struct { uint32_t from, to; char ascii; } kRanges[] = {
      {0xC0, 0xC5, 'a'}, {0xE0, 0xE5, 'a'}, {0xC8, 0xCB, 'e'}, {0xE8, 0xEB, 'e'}, {0xCC, 0xCF, 'i'},
      {0xEC, 0xEF, 'i'}, {0xD2, 0xD6, 'o'}, {0xF2, 0xF6, 'o'}, {0xD9, 0xDC, 'u'}, {0xF9, 0xFC, 'u'},
      {0xC7, 0xC7, 'c'}, {0xE7, 0xE7, 'c'}, {0xD1, 0xD1, 'n'}, {0xF1, 0xF1, 'n'}, {0xDD, 0xDD, 'y'},
      {0xFD, 0xFD, 'y'}, {0xFF, 0xFF, 'y'}, {0xD8, 0xD8, 'o'}, {0xF8, 0xF8, 'o'}};
  for (const auto& r : kRanges)
    if (cp >= r.from && cp <= r.to) return std::string(1, r.ascii);
  if (cp == 0xDF) return "ss";
  if (cp == 0xB0 || cp == 0xBA) return "\xC2\xB0";  // degree sign and masculine ordinal: "n°"
  if (cp == 0x152 || cp == 0x153) return "oe";
  if (cp == 0xC6 || cp == 0xE6) return "ae";
  return "";  // other symbols do not help matching labels
}

}  // namespace

std::string NormaliseForMatch(const std::string& text) {
  std::string folded;
  for (size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    int length = 1;
    if (c >= 0xF0) { cp = c & 0x07; length = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; length = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; length = 2; }
    for (int k = 1; k < length && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    i += length;
    folded += FoldCodePoint(cp);
  }
  // Drop surrounding punctuation but keep inner ("art.-nr" stays, "ref.:" -> "ref").
  auto is_kept = [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '#' || ch == '\xC2' || ch == '\xB0';
  };
  size_t begin = 0, end = folded.size();
  while (begin < end && !is_kept(folded[begin])) ++begin;
  while (end > begin && !is_kept(folded[end - 1])) --end;
  return folded.substr(begin, end - begin);
}

DocumentView::DocumentView(const std::vector<Page>& pages) : pages_(&pages) {
  std::vector<double> all_heights;
  for (const Page& page : pages)
    for (const Word& w : page.words) all_heights.push_back(w.box.y1 - w.box.y0);
  median_word_height_ = Median(all_heights, 10);

  for (size_t p = 0; p < pages.size(); ++p) {
    int first_row = static_cast<int>(rows_.size());
    std::vector<const Word*> words;
    for (const Word& w : pages[p].words) words.push_back(&w);
    std::sort(words.begin(), words.end(), [](const Word* a, const Word* b) {
      return a->box.y0 + a->box.y1 < b->box.y0 + b->box.y1;
    });
    // Rows: a word joins the row when its vertical centre lies within the row's band.
    std::vector<ViewRow> page_rows;
    for (const Word* w : words) {
      double centre = (w->box.y0 + w->box.y1) / 2;
      double height = w->box.y1 - w->box.y0;
      ViewRow* target = nullptr;
      for (auto it = page_rows.rbegin(); it != page_rows.rend() && it != page_rows.rbegin() + 3; ++it) {
        double row_centre = (it->box.y0 + it->box.y1) / 2;
        double tolerance = 0.45 * std::max(std::min(height, it->height), 1.0);
        if (std::fabs(centre - row_centre) <= tolerance) {
          target = &*it;
          break;
        }
      }
      if (target == nullptr) {
        page_rows.emplace_back();
        target = &page_rows.back();
        target->page = static_cast<int>(p);
        target->box = w->box;
        target->height = height;
      }
      target->words.push_back(w);
      target->box.x0 = std::min(target->box.x0, w->box.x0);
      target->box.y0 = std::min(target->box.y0, w->box.y0);
      target->box.x1 = std::max(target->box.x1, w->box.x1);
      target->box.y1 = std::max(target->box.y1, w->box.y1);
    }
    for (ViewRow& row : page_rows) {
      std::sort(row.words.begin(), row.words.end(), [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
      std::vector<double> heights;
      for (const Word* w : row.words) {
        heights.push_back(w->box.y1 - w->box.y0);
        row.tokens.push_back(NormaliseForMatch(w->text));
      }
      row.height = Median(heights, median_word_height_);
      // A gap wider than ~1.5 line heights separates cells and label/value columns.
      row.segment_starts.push_back(0);
      for (size_t i = 1; i < row.words.size(); ++i) {
        double gap = row.words[i]->box.x0 - row.words[i - 1]->box.x1;
        if (gap > 1.5 * row.height) row.segment_starts.push_back(static_cast<int>(i));
      }
    }
    std::sort(page_rows.begin(), page_rows.end(), [](const ViewRow& a, const ViewRow& b) { return a.box.y0 < b.box.y0; });
    for (auto& row : page_rows) rows_.push_back(std::move(row));
    page_rows_.push_back({first_row, static_cast<int>(rows_.size())});
  }
}

std::pair<int, int> DocumentView::SegmentOf(int row, int index) const {
  const auto& starts = rows_[row].segment_starts;
  int first = 0, end = static_cast<int>(rows_[row].words.size());
  for (size_t s = 0; s < starts.size(); ++s) {
    if (starts[s] <= index) first = starts[s];
    if (starts[s] > index) {
      end = starts[s];
      break;
    }
  }
  return {first, end};
}

std::vector<std::string> DocumentView::AllWords() const {
  std::vector<std::string> words;
  for (const auto& row : rows_)
    for (const Word* w : row.words) words.push_back(w->text);
  return words;
}

}  // namespace quai
