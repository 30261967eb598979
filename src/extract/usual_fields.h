// UsualFields: the fields a supplier prints on every document of a type, as
// its validated documents (its layout memory) show them. A document of that
// supplier on which one of them was not read is not read as the supplier
// prints it — a column taken into another (the article code into the
// description), a value not found — so it does not go straight through
// (decide/decide.h: "missing: <field>"), whatever the confidence of the values
// that were read. The learned convention and the model must agree. Pure.
#pragma once

#include <string>
#include <vector>

#include "extract/layout_memory.h"

namespace quai {

// Fewer remembered documents than this teach no usual field: one document may
// print what the supplier's others do not.
inline constexpr int kUsualFieldMinDocuments = 2;

// The header fields every remembered document (the newest
// kLayoutMemoryDocuments) had a validated value for, and "lines.<field>" for
// each line field every one of them that had lines had on at least one line.
// Sorted; empty with fewer than kUsualFieldMinDocuments documents.
std::vector<std::string> UsualFields(const LayoutMemory& memory);

}  // namespace quai
