// DocumentView: a document's words arranged the way a reader scans them:
// visual rows (words side by side at the same height, whatever block OCR put
// them in) split into segments at wide gaps (table cells, label/value columns).
// Built once per document from its pages; immutable after; the pages must
// outlive the view.
#pragma once

#include <string>
#include <vector>

#include "core/match_text.h"
#include "quai/document.h"

namespace quai {

struct ViewRow {
  int page = 0;                     // index into pages
  std::vector<const Word*> words;   // left to right
  std::vector<std::string> tokens;  // words normalised for matching (NormaliseForMatch)
  Box box;
  double height = 0;                // median word height in the row
  std::vector<int> segment_starts;  // word indices where a new segment starts (always contains 0)
};

class DocumentView {
 public:
  explicit DocumentView(const std::vector<Page>& pages);

  const std::vector<Page>& pages() const { return *pages_; }
  const std::vector<ViewRow>& rows() const { return rows_; }  // page by page, top to bottom
  // Rows of one page: [first, end) into rows().
  std::pair<int, int> PageRows(int page) const { return page_rows_[page]; }
  // The segment [first, end) of `row` that holds word `index`.
  std::pair<int, int> SegmentOf(int row, int index) const;
  double median_word_height() const { return median_word_height_; }
  // All words' text, in row order (for the classifier and number style).
  std::vector<std::string> AllWords() const;

 private:
  const std::vector<Page>* pages_;
  std::vector<ViewRow> rows_;
  std::vector<std::pair<int, int>> page_rows_;
  double median_word_height_ = 10;
};

}  // namespace quai
