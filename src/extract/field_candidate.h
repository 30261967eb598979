// FieldCandidate: one value on the page that might be a given field's value,
// with where it is, the features the scorer reads, and the evidence shown to a
// person. Plain value type.
#pragma once

#include <string>
#include <vector>

#include "quai/document.h"

namespace quai {

struct FieldCandidate {
  std::string field;
  int page = 0;           // index into the document's pages
  int row = 0;            // index into DocumentView::rows(); -1 for a barcode
  int first_word = 0;     // [first_word, end_word) within the row
  int end_word = 0;
  Box box;
  std::string value;      // normalised
  std::string printed;
  std::string currency;   // amounts with a sign or code attached
  double shape_score = 1;
  bool repaired = false;
  // A value the supplier's validated documents had (an article it delivered before).
  bool remembered = false;
  // A line cell of a line whose quantity × unit price gives its amount.
  bool adds_up = false;
  double ocr_confidence = 1;
  // Read by OCR (its page has no text layer). Only such values are repaired
  // for OCR slips: a text layer's characters are what the supplier wrote.
  bool from_ocr = false;
  double from_barcode = 0;  // 1: decoded GS1 bars, 0.5: printed GS1 text, 0: neither
  std::string evidence;   // "label 'N° PO' left of value", "barcode GS1 (10)", ...
  // The words a reader would take for its label: up to 3 words before it on
  // its row, and the cell above it; normalised, words with digits left out.
  // What layout memory learns and compares.
  std::string left_context;
  std::string above_context;
  std::vector<float> features;  // CandidateFeatures::Names() order
  double probability = 0;       // the scorer's raw output
  double confidence = 0;        // calibrated
};

}  // namespace quai
