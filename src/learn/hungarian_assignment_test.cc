#include "learn/hungarian_assignment.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <random>

#include <gtest/gtest.h>

namespace quai {
namespace {

using Matrix = std::vector<std::vector<int64_t>>;

int64_t TotalCost(const Matrix& cost, const std::vector<int>& assignment) {
  int64_t total = 0;
  for (size_t r = 0; r < assignment.size(); ++r) {
    if (assignment[r] >= 0) total += cost[r][assignment[r]];
  }
  return total;
}

// Smallest total over every way of pairing min(rows, columns) rows and columns.
int64_t BruteForceMinimum(const Matrix& cost) {
  const size_t rows = cost.size(), columns = cost[0].size();
  std::vector<int> slots(std::max(rows, columns));
  std::iota(slots.begin(), slots.end(), 0);
  int64_t best = std::numeric_limits<int64_t>::max();
  do {
    int64_t total = 0;
    if (rows <= columns) {
      for (size_t r = 0; r < rows; ++r) total += cost[r][slots[r]];
    } else {
      for (size_t c = 0; c < columns; ++c) total += cost[slots[c]][c];
    }
    best = std::min(best, total);
  } while (std::next_permutation(slots.begin(), slots.end()));
  return best;
}

void ExpectValidAssignment(const Matrix& cost, const std::vector<int>& assignment) {
  const size_t rows = cost.size(), columns = cost[0].size();
  ASSERT_EQ(assignment.size(), rows);
  std::vector<bool> used(columns, false);
  size_t paired = 0;
  for (int column : assignment) {
    if (column < 0) continue;
    ASSERT_LT(static_cast<size_t>(column), columns);
    ASSERT_FALSE(used[column]) << "column " << column << " used twice";
    used[column] = true;
    ++paired;
  }
  EXPECT_EQ(paired, std::min(rows, columns));
}

TEST(MinimumCostAssignment, FindsTheKnownOptimumOfASquareMatrix) {
  const Matrix cost = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
  const std::vector<int> assignment = MinimumCostAssignment(cost);
  EXPECT_EQ(assignment, (std::vector<int>{1, 0, 2}));
  EXPECT_EQ(TotalCost(cost, assignment), 5);
}

TEST(MinimumCostAssignment, LeavesOutRowsWhenThereAreFewerColumns) {
  const Matrix cost = {{5, 9}, {1, 8}, {7, 2}};
  const std::vector<int> assignment = MinimumCostAssignment(cost);
  EXPECT_EQ(assignment, (std::vector<int>{-1, 0, 1}));
}

TEST(MinimumCostAssignment, PairsEveryRowWhenThereAreMoreColumns) {
  const Matrix cost = {{5, 1, 9}, {1, 8, 9}};
  EXPECT_EQ(MinimumCostAssignment(cost), (std::vector<int>{1, 0}));
}

TEST(MinimumCostAssignment, HandlesEmptyAndNegativeMatrices) {
  EXPECT_TRUE(MinimumCostAssignment({}).empty());
  EXPECT_EQ(MinimumCostAssignment({{}, {}}), (std::vector<int>{-1, -1}));
  EXPECT_EQ(MinimumCostAssignment({{-5, -1}, {-1, -5}}), (std::vector<int>{0, 1}));
}

TEST(MinimumCostAssignment, MatchesBruteForceOnRandomMatrices) {
  std::mt19937 random(20240601);
  for (int trial = 0; trial < 300; ++trial) {
    const size_t rows = 1 + random() % 6, columns = 1 + random() % 6;
    Matrix cost(rows, std::vector<int64_t>(columns));
    for (auto& row : cost) {
      for (auto& value : row) value = static_cast<int64_t>(random() % 21) - 10;
    }
    const std::vector<int> assignment = MinimumCostAssignment(cost);
    ExpectValidAssignment(cost, assignment);
    EXPECT_EQ(TotalCost(cost, assignment), BruteForceMinimum(cost)) << "trial " << trial;
  }
}

}  // namespace
}  // namespace quai
