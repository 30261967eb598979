// ReadingEstimate: what the review queue says of the documents not read yet —
// how many wait, how many are being read, and when the waiting ones should be
// read, from how long recent documents took and how many readers work. Pure;
// the server fills it from the job store (queued vs claimed read jobs, their
// recent run times).
#pragma once

#include <chrono>
#include <optional>
#include <vector>

namespace quai {

struct ReadingEstimate {
  int waiting = 0;
  int reading = 0;
  int readers = 1;  // readers assumed at work (at least 1)
  // Median run time of the recent reads; nullopt when none is known.
  std::optional<std::chrono::milliseconds> per_document;
  // Until the last waiting document is read: the rounds of `readers` the
  // waiting ones make, each one median read, plus half a read for the ones in
  // hand. 0 when nothing waits or is read; nullopt without a known run time.
  std::optional<std::chrono::milliseconds> until_read;
};

// `recent` run times (any order); `readers`: this process's reader threads
// (0 when it runs none); the number being read now counts as a floor (other
// processes' workers read too).
ReadingEstimate EstimateReading(int waiting, int reading, int readers,
                                const std::vector<std::chrono::milliseconds>& recent);

}  // namespace quai
