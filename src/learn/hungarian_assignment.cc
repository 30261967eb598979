#include "learn/hungarian_assignment.h"

#include <cstddef>
#include <limits>

namespace quai {
namespace {

// The classic formulation for rows ≤ columns, 1-based with a virtual column 0:
// u and v are the row and column potentials, match[c] the row paired with
// column c, way[c] the previous column on the augmenting path.
std::vector<int> AssignRowsToColumns(const std::vector<std::vector<int64_t>>& cost, size_t rows,
                                     size_t columns) {
  constexpr int64_t kInfinity = std::numeric_limits<int64_t>::max() / 4;
  std::vector<int64_t> u(rows + 1, 0), v(columns + 1, 0);
  std::vector<size_t> match(columns + 1, 0), way(columns + 1, 0);
  for (size_t row = 1; row <= rows; ++row) {
    match[0] = row;
    size_t column0 = 0;
    std::vector<int64_t> min_slack(columns + 1, kInfinity);
    std::vector<bool> used(columns + 1, false);
    do {
      used[column0] = true;
      const size_t row0 = match[column0];
      int64_t delta = kInfinity;
      size_t column1 = 0;
      for (size_t column = 1; column <= columns; ++column) {
        if (used[column]) continue;
        const int64_t slack = cost[row0 - 1][column - 1] - u[row0] - v[column];
        if (slack < min_slack[column]) {
          min_slack[column] = slack;
          way[column] = column0;
        }
        if (min_slack[column] < delta) {
          delta = min_slack[column];
          column1 = column;
        }
      }
      for (size_t column = 0; column <= columns; ++column) {
        if (used[column]) {
          u[match[column]] += delta;
          v[column] -= delta;
        } else {
          min_slack[column] -= delta;
        }
      }
      column0 = column1;
    } while (match[column0] != 0);
    do {
      const size_t column1 = way[column0];
      match[column0] = match[column1];
      column0 = column1;
    } while (column0 != 0);
  }
  std::vector<int> assignment(rows, -1);
  for (size_t column = 1; column <= columns; ++column) {
    if (match[column] != 0) assignment[match[column] - 1] = static_cast<int>(column - 1);
  }
  return assignment;
}

}  // namespace

std::vector<int> MinimumCostAssignment(const std::vector<std::vector<int64_t>>& cost) {
  const size_t rows = cost.size();
  const size_t columns = rows == 0 ? 0 : cost[0].size();
  if (rows == 0 || columns == 0) return std::vector<int>(rows, -1);
  if (rows <= columns) return AssignRowsToColumns(cost, rows, columns);
  // More rows than columns: solve the transposed problem and invert it.
  std::vector<std::vector<int64_t>> transposed(columns, std::vector<int64_t>(rows));
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < columns; ++c) transposed[c][r] = cost[r][c];
  }
  const std::vector<int> column_to_row = AssignRowsToColumns(transposed, columns, rows);
  std::vector<int> assignment(rows, -1);
  for (size_t c = 0; c < columns; ++c) assignment[column_to_row[c]] = static_cast<int>(c);
  return assignment;
}

}  // namespace quai
