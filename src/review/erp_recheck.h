// RecheckAwaitingReview: after an ERP sync, checks again the delivery notes
// and invoices awaiting a person, so that a delivery note read while the ERP was down, or
// before its order reached the copy, is judged on what the ERP says now; a
// document whose findings all clear goes straight through.
#pragma once

#include "review/review_desk.h"
#include "storage/review_store.h"

namespace quai {

// The number of documents checked again.
Result<int> RecheckAwaitingReview(ReviewDesk& desk, ReviewStore& reviews);

}  // namespace quai
