#include "pipeline/reading_estimate.h"

#include <algorithm>

namespace quai {

ReadingEstimate EstimateReading(int waiting, int reading, int readers,
                                const std::vector<std::chrono::milliseconds>& recent) {
  ReadingEstimate estimate;
  estimate.waiting = std::max(0, waiting);
  estimate.reading = std::max(0, reading);
  estimate.readers = std::max({1, readers, estimate.reading});
  if (!recent.empty()) {
    std::vector<std::chrono::milliseconds> sorted = recent;
    std::sort(sorted.begin(), sorted.end());
    estimate.per_document = sorted[(sorted.size() - 1) / 2];
  }
  if (estimate.waiting == 0 && estimate.reading == 0) {
    estimate.until_read = std::chrono::milliseconds(0);
  } else if (estimate.per_document) {
    const int64_t per = estimate.per_document->count();
    const int64_t rounds = (estimate.waiting + estimate.readers - 1) / estimate.readers;
    const int64_t in_hand = estimate.reading > 0 ? per / 2 : 0;
    estimate.until_read = std::chrono::milliseconds(rounds * per + in_hand);
  }
  return estimate;
}

}  // namespace quai
