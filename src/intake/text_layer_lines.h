// Groups text-layer words into lines and blocks. Poppler gives words in its
// reading order (column by column) but no line numbers; OCR gives both, and the
// later stages expect them from every page. Pure function.
#pragma once

#include <vector>

#include "quai/document.h"

namespace quai {

// Keeps the given order; a word starts a new line when it does not overlap the
// current line vertically or goes back to the left, and a new block when that
// line also jumps up or down by more than 1.5 line heights.
void AssignLinesAndBlocks(std::vector<Word>* words);

}  // namespace quai
