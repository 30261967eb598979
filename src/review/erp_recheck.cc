#include "review/erp_recheck.h"

namespace quai {

Result<int> RecheckAwaitingReview(ReviewDesk& desk, ReviewStore& reviews) {
  constexpr int kPage = 200;
  std::vector<int64_t> ids;
  for (int offset = 0;; offset += kPage) {
    ReviewSearchFilter filter;
    filter.status = "needs_review";
    filter.limit = kPage;
    filter.offset = offset;
    auto page = reviews.SearchReviews(filter);
    if (!page.ok()) return page.status();
    for (const auto& summary : page->documents) {
      if (summary.document_type == "delivery_note" || summary.document_type == "invoice")
        ids.push_back(summary.document.id);
    }
    if (static_cast<int>(page->documents.size()) < kPage) break;
  }
  int checked = 0;
  for (int64_t id : ids) {
    auto rechecked = desk.Recheck(id);
    if (!rechecked.ok() && rechecked.status().code() != StatusCode::kNotFound) return rechecked.status();
    ++checked;
  }
  return checked;
}

}  // namespace quai
