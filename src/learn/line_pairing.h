// PairLines: decides which predicted line item stands for which ground-truth
// line item, so line fields can be scored pair by pair whatever order the
// extractor returned the lines in. Pure function, thread-safe.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace quai {

using LineValues = std::map<std::string, std::string>;

// The number of fields present (not blank) in both lines whose values match
// (ValuesMatch under the field's name).
int CountMatchingFields(const LineValues& truth, const LineValues& predicted);

// For each truth line, the index of the predicted line paired with it, or -1.
// The pairing is an optimal assignment (Hungarian algorithm) that
//  1. maximises the total number of matching fields over all pairs, and
//  2. among those, keeps closest to the printed order: smallest sum of
//     |truth index - predicted index| over the pairs (identical lines pair in
//     order: truth 0 with predicted 0, truth 1 with predicted 1).
// Lines with no matching field are never paired: they count as a missed truth
// line and an extra predicted line, which scores the same fields as a pair would.
// Cost is O(t·p·fields) comparisons plus O(max(t,p)·t·p) for the assignment.
std::vector<int> PairLines(const std::vector<LineValues>& truth,
                           const std::vector<LineValues>& predicted);

}  // namespace quai
