// Learning a layout from a document whose values are known (validated by a
// person, or imported with `quai learn`): for every field, the candidate that
// holds its value — the one the person pointed at when they did, else the one
// with the strongest label — becomes an anchor of the document's
// LayoutExample. Across examples of one document type, the label words that
// recur beside a field become its learned vocabulary: how a company's own type,
// configured with no labels at all, learns what its fields are called. Pure
// functions; thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "extract/field_candidate.h"
#include "extract/layout_memory.h"
#include "extract/line_item_extractor.h"
#include "extract/schema.h"
#include "quai/document.h"

namespace quai {

// Where a person pointed for a field (page from 1; box in points).
struct ValuePointer {
  std::string field;
  int page = 1;
  Box box;
};

// `lines`: the table reader's line items on the document; those that pair with
// validated `truth_lines` give the columns of the line fields (anchors named
// "lines.<field>").
LayoutExample LearnLayoutExample(const std::map<std::string, std::vector<FieldCandidate>>& candidates,
                                 const std::vector<Page>& pages, const std::map<std::string, std::string>& values,
                                 const std::vector<ValuePointer>& pointers, const std::vector<LineItem>& lines = {},
                                 const std::vector<std::map<std::string, std::string>>& truth_lines = {});

// The order of day and month a validated document printed its numeric dates
// in: the date fields of `schema` whose validated value a candidate read day
// first (`day_first`) holds, against those a month-first reading
// (`month_first`) holds; kUnknown when they hold as many (no ambiguous date).
DateOrder ValidatedDateOrder(const DocumentSchema& schema, const std::map<std::string, std::string>& values,
                             const std::map<std::string, std::vector<FieldCandidate>>& day_first,
                             const std::map<std::string, std::vector<FieldCandidate>>& month_first);

// Label words recurring beside each field across `examples` (of one type): a
// context (left or above) counts when it is seen beside the field on documents
// of at least two suppliers — a shop's own name above its address on all its
// receipts is not a label — and beside this field at least four times in five
// it is seen beside any field (counted in suppliers). `suppliers[i]` names the
// supplier of examples[i]; missing or empty: a supplier of its own.
std::map<std::string, std::vector<std::string>> LearnVocabulary(const std::vector<LayoutExample>& examples,
                                                               const std::vector<std::string>& suppliers = {});

// Whether a schema has a field configured without labels (a company's own type).
bool HasUnlabelledField(const DocumentSchema& schema);
// LearnVocabulary for the fields of `schema` configured without labels only:
// the built-in fields keep the vocabulary their models were trained with.
std::map<std::string, std::vector<std::string>> LearnVocabularyOfUnlabelledFields(
    const DocumentSchema& schema, const std::vector<LayoutExample>& examples, const std::vector<std::string>& suppliers);

}  // namespace quai
