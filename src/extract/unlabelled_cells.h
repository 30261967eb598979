// Line cells under a column heading the table reader did not read: a heading
// printed on a row of its own, or in words no lexicon has ("Rate", "Cond.").
// A line's words that no cell took are placed by what they are, not by their
// heading: a unit price is the number that, times the line's quantity, gives
// its amount; a unit is a unit word printed right after the quantity. The
// evidence says so. Runs after the quantities are decided (number_columns.h)
// and before the arithmetic marks the lines that add up. Pure function.
#pragma once

#include <vector>

#include "extract/document_view.h"
#include "extract/line_item_extractor.h"
#include "extract/recognizers/recognizer.h"
#include "extract/schema.h"

namespace quai {

void ReadUnlabelledCells(const DocumentView& view, const DocumentSchema& schema, const RecognizerContext& context,
                         std::vector<LineItem>* items);

}  // namespace quai
