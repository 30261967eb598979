// Invoice arithmetic on the line items. Before calibration, a line whose
// quantity × unit price gives its amount marks those three cells as adding up
// (which raises their score; the calibration says what it is worth), and a
// price or amount whose decimal point OCR lost ("438" for "4.38") is restored
// when that makes the line add up. After calibration, a line that does not add
// up is doubted (a finding, confidence lowered); line amounts not adding up to
// the total excluding tax, totals that do not add up, and two totals read
// without the third are blocking findings. Pure functions.
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

// The findings of lines that do not add up, of amounts that do not add up to
// the total excluding tax, and of totals that do not add up or lack one.
void CheckInvoiceArithmetic(Extraction* extraction);

// Whether quantity × unit price gives the amount of an extracted line (to a
// cent, or half a percent of the amount); nullopt when one of the three is
// missing or not a plain decimal.
std::optional<bool> LineAddsUp(const std::map<std::string, ExtractedValue>& line);

}  // namespace quai
