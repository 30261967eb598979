// The document list's page, as both stores take it from their document
// summaries (one row per document with its review status, type, supplier,
// numbers and their folded sort keys, kept by triggers): the sort key of a
// search, its ORDER BY, and the ranges of ids that make one page in index
// order. Pure functions over the filter; the SQL names the summaries `s`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "storage/review_store.h"

namespace quai {

// The summaries' column a search sorts on ("s.supplier_key"); "" for the order
// of arrival (the document id).
std::string ReviewSortKey(const ReviewSearchFilter& filter);

// " ORDER BY ...": the key, empty values last either way, then the id in the
// same direction.
std::string ReviewSearchOrder(const ReviewSearchFilter& filter);

// One query of a page's ids: what it adds to the search's conditions (" AND
// ..." or " WHERE ..."), its order, and how many of its rows it skips and takes.
struct ReviewIdRange {
  std::string condition;
  std::string order;
  int64_t offset = 0;
  int64_t limit = 0;
};

// The queries that give one page in index order. The order of arrival, or a
// key descending (empty values, the smallest, come last by themselves), is one
// range; a key ascending is the non-empty values in key order, then the empty
// ones by id, so neither needs a sort of every match. `where`: the search's
// conditions ("" or " WHERE ..."); `non_empty`: how many matches have a key
// (used for a key ascending only).
std::vector<ReviewIdRange> ReviewPageRanges(const ReviewSearchFilter& filter, const std::string& where,
                                            int64_t non_empty);

// Whether a page needs `non_empty` (a key ascending).
bool ReviewPageNeedsNonEmptyCount(const ReviewSearchFilter& filter);

}  // namespace quai
