// Candidates from GS1 data: the element strings of decoded GS1 barcodes, and
// the human-readable line printed under them ("(01) 0345… (17) 270331 (10)
// L123"), which a born-digital PDF carries in its text layer without the bars
// having to be rendered. Each element whose AI maps to a field of the schema
// (10 lot, 17/15 expiry, 400 customer PO, 37 count → quantity) becomes a
// candidate with evidence "barcode GS1 (AI)" or "GS1 text (AI)". Thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/document_view.h"
#include "extract/field_candidate.h"
#include "extract/schema.h"

namespace quai {

struct Gs1Value {
  std::string field;    // schema field it fills ("lot_number", "expiry_date", "po_number", "quantity")
  std::string value;    // normalised
  std::string ai;
  int page = 0;
  int row = -1;         // the text row for printed GS1 text, -1 for decoded bars
  Box box;
  bool from_bars = false;
};

// Every GS1 value on the document, bars first.
std::vector<Gs1Value> FindGs1Values(const DocumentView& view);

// The field an AI fills, or "" ("10" → "lot_number").
std::string FieldForAi(const std::string& ai);

// Adds GS1 values as candidates of the schema's header fields.
void AddGs1Candidates(const std::vector<Gs1Value>& values, const DocumentSchema& schema,
                      std::map<std::string, std::vector<FieldCandidate>>* candidates);

}  // namespace quai
