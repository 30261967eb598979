// The page of an e-invoice that came as XML alone, which has none: quai lays
// its values out as a plain A4 text page (labels and values, the line table,
// the totals), words with boxes as a text layer has them, so the review desk
// shows the values beside something readable and evidence boxes point at
// them. It is quai's rendering of the data, not the supplier's layout, and
// says so in its last line. A Factur-X PDF shows its own pages instead.
// Pure; thread-safe.
#pragma once

#include <vector>

#include "einvoice/e_invoice.h"
#include "quai/document.h"

namespace quai {

inline constexpr double kEInvoicePageWidth = 595;   // A4, points
inline constexpr double kEInvoicePageHeight = 842;
inline constexpr double kEInvoiceFontPoints = 9;    // every word's height

// One or more pages (the line table continues), numbered from 1, text source
// "layer", words in reading order with their line numbers.
std::vector<Page> LayOutEInvoicePages(const EInvoice& invoice);

}  // namespace quai
