// MinimumCostAssignment: the Hungarian algorithm (Kuhn-Munkres with potentials,
// O(n² m) for n ≤ m). Given a rows × columns cost matrix, pairs rows with
// columns one to one so that the total cost of the pairs is smallest. Pure
// function, thread-safe, deterministic.
#pragma once

#include <cstdint>
#include <vector>

namespace quai {

// `cost[r][c]` is the cost of pairing row r with column c; every row has the same
// number of columns, and |cost| stays below 2^60 / (rows + columns). Returns, for
// each row, its column, or -1 when there are more rows than columns and the row
// was left out (exactly min(rows, columns) rows are paired).
std::vector<int> MinimumCostAssignment(const std::vector<std::vector<int64_t>>& cost);

}  // namespace quai
