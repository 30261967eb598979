// OCR confusions in the codes of a table (lot numbers, article codes): when
// every value the supplier's validated documents had for a code column has one
// shape (UnanimousShape: "L2602992" → "A9999999", at least kMinUnanimousValues
// of them), a cell read by OCR in another shape that fits it once confusions
// are undone (O/0, I/1, S/5, B/8, ...) is read as it fits ("LZ6O2992" →
// "L2602992"), marked repaired, and its evidence says why. A text layer's cells
// are never changed. Pure function; thread-safe.
#pragma once

#include <vector>

#include "extract/layout_memory.h"
#include "extract/line_item_extractor.h"
#include "extract/schema.h"

namespace quai {

// Repairs the code cells of `items` as above; returns how many it changed.
int RepairLineCodesByLearnedShapes(const LayoutMemory& memory, const DocumentSchema& schema,
                                   std::vector<LineItem>* items);

}  // namespace quai
