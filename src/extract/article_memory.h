// Article memory: a supplier delivers the same articles again and again. The
// line items of its validated documents list them (code, name, unit, as a
// person validated them). A cell of an article field (FieldSpec::article) that
// reads as one of them is remembered; a close reading of exactly one of them
// is read as it and marked repaired and remembered. Close means OCR slips that
// change no digit: "Hex nut MB stainless" is "Hex nut M8 stainless", but
// "Hex screw M8 x 50" is not "Hex screw M8 x 40". A remembered cell scores
// higher; the calibration, trained with simulated memory, says what that is
// worth. Pure functions; thread-safe.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "extract/layout_memory.h"
#include "extract/line_item_extractor.h"
#include "extract/schema.h"

namespace quai {

// Adds the articles `example` (a validated document of `example_schema`'s type)
// teaches to `articles`, under the names `schema`'s fields of the same article
// property have (LayoutMemory::articles): a delivery note's
// supplier_article_code values become a certificate's article_code values.
void AddArticles(const LayoutExample& example, const DocumentSchema& example_schema, const DocumentSchema& schema,
                 std::map<std::string, std::set<std::string>>* articles);

// The values of field `field` the supplier's validated documents had: its
// articles of every type and the same type's remembered lines and values.
std::set<std::string> RememberedArticles(const LayoutMemory& memory, const std::string& field);

// Marks (and where needed repairs) the article cells of `items` that the
// supplier's validated documents had. Returns how many cells it marked.
int RepairByRememberedArticles(const LayoutMemory& memory, const DocumentSchema& schema,
                               std::vector<LineItem>* items);

// The same for the header fields of articles (a certificate's article code, a
// safety data sheet's product name) and for those the supplier prints the same
// each time (FieldSpec::same_for_supplier): a candidate that is a close reading of
// exactly one value the supplier's validated documents had for the field is
// read as it (marked repaired); the memory_value feature then counts it.
void RepairByRememberedValues(const LayoutMemory& memory, const DocumentSchema& schema,
                              std::map<std::string, std::vector<FieldCandidate>>* candidates);

// Whether `read` can be an OCR reading of `known`: the same once case and
// spaces are folded; or the same length with OCR confusions only; or, for a
// name of 12 characters or more, 85 % similar with the same numbers, except
// that up to 2 one-digit numbers of `known` may have been read as letters
// ("MB" for "M8": then both have as many characters). "box of 20" is not
// "box of 200", nor "99 %" "99.5 %".
bool CloseReadingOf(const std::string& read, const std::string& known);

}  // namespace quai
