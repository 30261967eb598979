// Number columns: whether "25,000" is twenty-five or twenty-five thousand is a
// property of the supplier, the column and the document, not of the string.
// After the table is read, every quantity or amount cell whose value depends on
// the decimal separator ("25,000", "1.861") is decided by, strongest first:
//  1. its line's arithmetic: only one reading makes quantity × unit price = amount;
//  2. the other values of its column: "1 250,000", "0,500", "1500,000" or
//     "12,5" under it say the column prints a decimal comma, "1,250.500" a point;
//  3. the supplier's validated values of that column (LayoutMemory lines): most
//     had three decimals ("700.910"): the separator is the decimal one; most
//     had none ("1861"): it groups thousands;
// and otherwise stays as the document's style read it. The evidence says what
// decided. A learned convention only decides what the page leaves open: a
// column that shows its style keeps it. Pure functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/layout_memory.h"
#include "extract/line_item_extractor.h"
#include "extract/schema.h"

namespace quai {

// What a supplier's validated documents teach about one number column.
struct LearnedDecimals {
  int values = 0;         // validated values of the column
  int three_decimals = 0;  // of them, printed with exactly three decimals ("700.910")
  int whole = 0;           // of them, whole numbers of four digits or more ("1861", "25000")
  int documents = 0;       // documents they came from
};

// Per line field of `schema` that holds quantities or amounts, what the
// newest kLayoutMemoryDocuments validated documents of `memory` had.
std::map<std::string, LearnedDecimals> LearnedColumnDecimals(const LayoutMemory& memory, const DocumentSchema& schema);

// Decides the cells of `items` whose reading depends on the decimal separator,
// as above. Returns how many cells it changed.
int ReadNumberColumns(const DocumentSchema& schema, const std::map<std::string, LearnedDecimals>& learned,
                      std::vector<LineItem>* items);

}  // namespace quai
