// Invoice arithmetic on the line items. Before calibration, a line whose
// quantity × unit price gives its amount marks those three cells as adding up
// (which raises their score; the calibration says what it is worth), and a
// price or amount whose decimal point OCR lost ("438" for "4.38") is restored
// when that makes the line add up. After calibration, the cells of a line that
// does not add up have their confidence lowered (reading: the check stage says
// why, check/line_amounts_check.h). Pure functions.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "extract/line_item_extractor.h"
#include "quai/extraction.h"

namespace quai {

// A plain decimal ("4.38"); NaN when `text` is not one.
double DecimalValue(const std::string& text);

// Header field `field`'s value as a plain decimal; NaN when it was not read or
// is not one.
double HeaderDecimal(const Extraction& extraction, const std::string& field);

// Whether the totals of `extraction` (excluding tax + tax = including tax,
// positive) add up to the cent.
bool TotalsAddUp(const Extraction& extraction);

// Marks the cells of lines that add up, restoring lost decimal points. Returns
// how many lines add up.
int CheckLineArithmetic(std::vector<LineItem>* items);

// Whether quantity × unit price gives the amount of an extracted line (to a
// cent, or half a percent of the amount); nullopt when one of the three is
// missing or not a plain decimal.
std::optional<bool> LineAddsUp(const std::map<std::string, ExtractedValue>& line);

// The three cells of every line that does not add up get a confidence of at
// most 0.5: one of them was misread, and no one can say which.
void LowerLinesNotAddingUp(Extraction* extraction);

}  // namespace quai
