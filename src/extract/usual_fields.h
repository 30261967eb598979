// UsualFields: the line columns a supplier prints on every document of a type,
// as its validated documents (its layout memory) show them. A document of that
// supplier on which no line has one of them was not read as the supplier
// prints it — a column taken into another (the article code into the
// description), a column lost (the unit prices) — so it does not go straight
// through (decide/decide.h: "missing: lines[i].<field>"), whatever the
// confidence of the cells that were read. The learned convention and the
// model must agree. Header fields are not: whether a certificate carries an
// expiry date or an invoice a due date is the document's, not the supplier's
// layout (five certificates with one do not make the sixth's absence a slip).
// Pure.
#pragma once

#include <string>
#include <vector>

#include "extract/layout_memory.h"

namespace quai {

// Remembered documents with lines it takes to teach a usual column. One: a
// column is the supplier's layout (on both generators' tuning families, after
// one validated document, it held exactly the documents read wrong).
inline constexpr int kUsualFieldMinDocuments = 1;

// "lines.<field>" for each line field that every remembered document (the
// newest kLayoutMemoryDocuments) with lines had on at least one line. Sorted;
// empty with fewer than kUsualFieldMinDocuments such documents.
std::vector<std::string> UsualFields(const LayoutMemory& memory);

}  // namespace quai
