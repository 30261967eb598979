#include "learn/line_pairing.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>

#include "learn/hungarian_assignment.h"
#include "learn/text_folding.h"
#include "learn/value_comparison.h"

namespace quai {

int CountMatchingFields(const LineValues& truth, const LineValues& predicted) {
  int matching = 0;
  for (const auto& [name, truth_value] : truth) {
    const auto found = predicted.find(name);
    if (found == predicted.end()) continue;
    if (NormalizeWhitespace(truth_value).empty() || NormalizeWhitespace(found->second).empty()) {
      continue;
    }
    if (ValuesMatch(name, truth_value, found->second)) ++matching;
  }
  return matching;
}

std::vector<int> PairLines(const std::vector<LineValues>& truth,
                           const std::vector<LineValues>& predicted) {
  const int64_t truth_count = static_cast<int64_t>(truth.size());
  const int64_t predicted_count = static_cast<int64_t>(predicted.size());
  if (truth_count == 0 || predicted_count == 0) return std::vector<int>(truth.size(), -1);

  // cost = -matches × scale + |i - j| for pairs with matches, 0 otherwise. The
  // scale exceeds any possible sum of |i - j| over a pairing, so the minimum
  // cost has the most matches first and the closest order second.
  const int64_t scale = std::min(truth_count, predicted_count) * std::max(truth_count, predicted_count) + 1;
  std::vector<std::vector<int>> matches(truth.size(), std::vector<int>(predicted.size(), 0));
  std::vector<std::vector<int64_t>> cost(truth.size(), std::vector<int64_t>(predicted.size(), 0));
  for (int64_t i = 0; i < truth_count; ++i) {
    for (int64_t j = 0; j < predicted_count; ++j) {
      matches[i][j] = CountMatchingFields(truth[i], predicted[j]);
      if (matches[i][j] > 0) cost[i][j] = -matches[i][j] * scale + std::llabs(i - j);
    }
  }
  std::vector<int> pairing = MinimumCostAssignment(cost);
  for (size_t i = 0; i < pairing.size(); ++i) {
    if (pairing[i] >= 0 && matches[i][pairing[i]] == 0) pairing[i] = -1;
  }
  return pairing;
}

}  // namespace quai
