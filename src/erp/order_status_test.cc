#include "erp/order_status.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

TEST(NormalisedOrderStatus, ErpWordsForOrdersStillExpectingGoodsAreOpen) {
  for (const char* word : {"open", "Confirmed", "PROCESSING", "partially received", "Partially_Received",
                           "partially-received", "  in  progress "})
    EXPECT_EQ(NormalisedOrderStatus(word), "open") << word;
}

TEST(NormalisedOrderStatus, ErpWordsForFinishedOrdersAreClosed) {
  for (const char* word : {"done", "Closed", "RECEIVED", "completed"})
    EXPECT_EQ(NormalisedOrderStatus(word), "closed") << word;
}

TEST(NormalisedOrderStatus, CancelAndItsSpellingsAreCancelled) {
  for (const char* word : {"cancel", "Cancelled", "canceled"})
    EXPECT_EQ(NormalisedOrderStatus(word), "cancelled") << word;
}

TEST(NormalisedOrderStatus, UnknownWordIsKeptLowerCasedSoItIsNotTakenForOpen) {
  EXPECT_EQ(NormalisedOrderStatus(" Draft "), "draft");
  EXPECT_EQ(NormalisedOrderStatus(""), "");
}

}  // namespace
}  // namespace quai
