#include "storage/review_search.h"

#include <algorithm>

namespace quai {

std::string ReviewSortKey(const ReviewSearchFilter& filter) {
  using Sort = ReviewSearchFilter::Sort;
  switch (filter.sort) {
    case Sort::kFile: return "s.name_key";
    case Sort::kType: return "s.document_type";
    case Sort::kSupplier: return "s.supplier_key";
    case Sort::kStatus: return "s.review_status";
    case Sort::kPoNumber: return "s.po_number_key";
    case Sort::kDocumentNumber: return "s.document_number_key";
    case Sort::kReceived: return "";
  }
  return "";
}

std::string ReviewSearchOrder(const ReviewSearchFilter& filter) {
  const std::string key = ReviewSortKey(filter);
  if (key.empty()) return filter.oldest_first ? " ORDER BY s.document_id ASC" : " ORDER BY s.document_id DESC";
  const std::string direction = filter.descending ? " DESC" : " ASC";
  return " ORDER BY (" + key + " = '')," + " " + key + direction + ", s.document_id" + direction;
}

bool ReviewPageNeedsNonEmptyCount(const ReviewSearchFilter& filter) {
  return !ReviewSortKey(filter).empty() && !filter.descending;
}

std::vector<ReviewIdRange> ReviewPageRanges(const ReviewSearchFilter& filter, const std::string& where,
                                            int64_t non_empty) {
  const std::string key = ReviewSortKey(filter);
  const std::string join = where.empty() ? " WHERE " : " AND ";
  if (!ReviewPageNeedsNonEmptyCount(filter)) {
    const std::string order =
        key.empty() ? ReviewSearchOrder(filter) : " ORDER BY " + key + " DESC, s.document_id DESC";
    return {{"", order, filter.offset, filter.limit}};
  }
  std::vector<ReviewIdRange> ranges;
  int64_t offset = filter.offset, limit = filter.limit;
  if (offset < non_empty) {
    const int64_t take = std::min<int64_t>(limit, non_empty - offset);
    ranges.push_back({join + key + " <> ''", " ORDER BY " + key + " ASC, s.document_id ASC", offset, take});
    limit -= take;
    offset = 0;
  } else {
    offset -= non_empty;
  }
  if (limit > 0) ranges.push_back({join + key + " = ''", " ORDER BY s.document_id ASC", offset, limit});
  return ranges;
}

}  // namespace quai
