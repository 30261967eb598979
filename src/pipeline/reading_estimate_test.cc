#include "pipeline/reading_estimate.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

using std::chrono::milliseconds;

TEST(ReadingEstimate, RoundsOfReadersTimesTheMedianReadPlusHalfOfTheOnesInHand) {
  // 5 waiting, 2 readers busy: 3 rounds of the median (4 s), plus 2 s for the two in hand.
  ReadingEstimate e = EstimateReading(5, 2, 2, {milliseconds(9000), milliseconds(4000), milliseconds(1000)});
  EXPECT_EQ(e.waiting, 5);
  EXPECT_EQ(e.reading, 2);
  EXPECT_EQ(e.readers, 2);
  ASSERT_TRUE(e.per_document.has_value());
  EXPECT_EQ(e.per_document->count(), 4000);
  ASSERT_TRUE(e.until_read.has_value());
  EXPECT_EQ(e.until_read->count(), 3 * 4000 + 2000);
}

TEST(ReadingEstimate, MoreReadersReadSooner) {
  const std::vector<milliseconds> recent = {milliseconds(2000), milliseconds(2000)};
  EXPECT_LT(*EstimateReading(8, 0, 4, recent).until_read, *EstimateReading(8, 0, 1, recent).until_read);
}

TEST(ReadingEstimate, ReadsInOtherProcessesCountAsReaders) {
  // This process runs no reader (serve --no-workers) but 3 documents are being read elsewhere.
  ReadingEstimate e = EstimateReading(3, 3, 0, {milliseconds(1000)});
  EXPECT_EQ(e.readers, 3);
  EXPECT_EQ(e.until_read->count(), 1000 + 500);
}

TEST(ReadingEstimate, NothingWaitingIsZeroAndNoHistoryIsUnknown) {
  EXPECT_EQ(EstimateReading(0, 0, 2, {}).until_read->count(), 0);
  ReadingEstimate unknown = EstimateReading(4, 1, 2, {});
  EXPECT_FALSE(unknown.per_document.has_value());
  EXPECT_FALSE(unknown.until_read.has_value());
}

}  // namespace
}  // namespace quai
