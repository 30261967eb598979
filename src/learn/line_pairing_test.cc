#include "learn/line_pairing.h"

#include <gtest/gtest.h>

namespace quai {
namespace {

const LineValues kBolts = {{"supplier_article_code", "B-8"}, {"description", "Bolt M8"}, {"quantity", "100"}};
const LineValues kNuts = {{"supplier_article_code", "N-8"}, {"description", "Nut M8"}, {"quantity", "200"}};
const LineValues kWashers = {{"supplier_article_code", "W-8"}, {"description", "Washer M8"}, {"quantity", "300"}};

TEST(CountMatchingFields, CountsFieldsPresentAndMatchingOnBothSides) {
  EXPECT_EQ(CountMatchingFields(kBolts, kBolts), 3);
  LineValues predicted = kBolts;
  predicted["quantity"] = "100.00";  // numeric: still a match
  predicted["description"] = "";     // blank: absent
  predicted["unit"] = "PCE";         // not in truth
  EXPECT_EQ(CountMatchingFields(kBolts, predicted), 2);
  EXPECT_EQ(CountMatchingFields(kBolts, kNuts), 0);
}

TEST(PairLines, PairsSwappedLinesCrosswise) {
  EXPECT_EQ(PairLines({kBolts, kNuts}, {kNuts, kBolts}), (std::vector<int>{1, 0}));
}

TEST(PairLines, PairsIdenticalLinesInPrintedOrder) {
  EXPECT_EQ(PairLines({kBolts, kBolts, kBolts}, {kBolts, kBolts, kBolts}), (std::vector<int>{0, 1, 2}));
  EXPECT_EQ(PairLines({kBolts, kBolts}, {kBolts}), (std::vector<int>{0, -1}));
  EXPECT_EQ(PairLines({kBolts}, {kBolts, kBolts}), (std::vector<int>{0}));
}

TEST(PairLines, SkipsAnExtraPredictedLine) {
  EXPECT_EQ(PairLines({kBolts, kNuts}, {kBolts, kWashers, kNuts}), (std::vector<int>{0, 2}));
}

TEST(PairLines, LeavesLinesWithNothingInCommonUnpaired) {
  EXPECT_EQ(PairLines({kBolts, kNuts}, {kWashers}), (std::vector<int>{-1, -1}));
  EXPECT_EQ(PairLines({kBolts}, {}), (std::vector<int>{-1}));
  EXPECT_TRUE(PairLines({}, {kBolts}).empty());
}

TEST(PairLines, MaximisesMatchingFieldsOverPrintedOrder) {
  // In printed order each pair shares 2 fields (4 in all); crosswise each pair
  // shares all 3 (6 in all).
  const LineValues truth0 = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
  const LineValues truth1 = {{"a", "1"}, {"b", "2"}, {"c", "9"}};
  const LineValues predicted0 = {{"a", "1"}, {"b", "2"}, {"c", "9"}};
  const LineValues predicted1 = {{"a", "1"}, {"b", "2"}, {"c", "3"}};
  EXPECT_EQ(PairLines({truth0, truth1}, {predicted0, predicted1}), (std::vector<int>{1, 0}));
}

}  // namespace
}  // namespace quai
