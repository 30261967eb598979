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

}  // namespace

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
    // Rows: a word joins the row when its vertical centre lies within the row's
    // band. Small marks (dashes, dots, commas) are placed last, in the row whose
    // band holds their centre: their own height says nothing of the line, and
    // a dash starting a row of its own would split the line it sits in.
    std::vector<ViewRow> page_rows;
    std::vector<const Word*> marks;
    auto add_to = [](ViewRow* row, const Word* w) {
      row->words.push_back(w);
      row->box.x0 = std::min(row->box.x0, w->box.x0);
      row->box.y0 = std::min(row->box.y0, w->box.y0);
      row->box.x1 = std::max(row->box.x1, w->box.x1);
      row->box.y1 = std::max(row->box.y1, w->box.y1);
    };
    auto start_row = [&](const Word* w) {
      page_rows.emplace_back();
      ViewRow& row = page_rows.back();
      row.page = static_cast<int>(p);
      row.box = w->box;
      row.height = w->box.y1 - w->box.y0;
      row.words.push_back(w);
    };
    for (const Word* w : words) {
      double centre = (w->box.y0 + w->box.y1) / 2;
      double height = w->box.y1 - w->box.y0;
      if (height < 0.5 * median_word_height_) {
        marks.push_back(w);
        continue;
      }
      ViewRow* target = nullptr;
      double best = 1e9;
      for (auto it = page_rows.rbegin(); it != page_rows.rend() && it != page_rows.rbegin() + 3; ++it) {
        double distance = std::fabs(centre - (it->box.y0 + it->box.y1) / 2);
        double tolerance = 0.45 * std::max(std::min(height, it->height), 1.0);
        if (distance <= tolerance && distance < best) {
          best = distance;
          target = &*it;
        }
      }
      if (target == nullptr)
        start_row(w);
      else
        add_to(target, w);
    }
    for (const Word* w : marks) {
      double centre = (w->box.y0 + w->box.y1) / 2;
      ViewRow* target = nullptr;
      double best = 1e9;
      for (ViewRow& row : page_rows) {
        double distance = std::fabs(centre - (row.box.y0 + row.box.y1) / 2);
        if (centre >= row.box.y0 && centre <= row.box.y1 && distance < best) {
          best = distance;
          target = &row;
        }
      }
      if (target == nullptr)
        start_row(w);
      else
        add_to(target, w);
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
