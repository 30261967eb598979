// kCode, kPoNumber and kVersion: identifiers in a line of words, kept exactly
// as printed but for surrounding punctuation and a label glued in front
// ("Lot:L240312" → "L240312", "N°4500012345" → "4500012345", "#PO-2026-0042"
// → "PO-2026-0042", "Rev. 4" → "4"). shape_score says how typical the shape
// is; dates and amounts score low. Pure functions, thread-safe.
#pragma once

#include <string>
#include <vector>

#include "extract/recognizers/recognizer.h"

namespace quai {

// Letters, digits and -/._ with at least one digit, one word each. Label words
// standing alone ("Lot", "N°") are not codes and are skipped.
std::vector<ValueMatch> FindCodes(const std::vector<std::string>& words);

// The same shapes scored for purchase orders (mostly digits, 5-12 long, or
// "PO-2026-0042"); a letter misread inside a run of digits is repaired
// ("45000l2345" → "4500012345") unless `repair_ocr` is false (a text layer).
std::vector<ValueMatch> FindPoNumbers(const std::vector<std::string>& words, bool repair_ocr = true);

// "1.0", "V2", "v2.1", "Rev. 4", "Rev.4", "Version 5.1", "Révision : 3":
// the value is the version as printed without its label word.
std::vector<ValueMatch> FindVersions(const std::vector<std::string>& words);

}  // namespace quai
