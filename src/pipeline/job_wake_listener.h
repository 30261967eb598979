// JobWakeListener: wakes a JobRunner when the store says another process
// queued a job (Stores::wait_for_jobs: PostgreSQL's LISTEN/NOTIFY), on top of
// the runner's polling, which stays the way work is found should a
// notification be lost. Debounced: a burst of notifications (a batch upload
// queues hundreds of jobs) makes one wake per `debounce`, not one each.
// Start in the constructor, Stop() (idempotent) joins the thread.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "quai/status.h"

namespace quai {

class JobWakeListener {
 public:
  using Wait = std::function<Result<bool>(std::chrono::milliseconds)>;
  JobWakeListener(Wait wait, std::function<void()> wake,
                  std::chrono::milliseconds debounce = std::chrono::milliseconds(20));
  ~JobWakeListener();  // Stop()
  JobWakeListener(const JobWakeListener&) = delete;
  JobWakeListener& operator=(const JobWakeListener&) = delete;

  void Stop();
  // Wakes sent so far (for tests and diagnostics).
  int64_t wakes() const { return wakes_.load(); }

 private:
  void Loop();

  Wait wait_;
  std::function<void()> wake_;
  std::chrono::milliseconds debounce_;
  std::atomic<bool> stopping_{false};
  std::atomic<int64_t> wakes_{0};
  std::thread thread_;
};

}  // namespace quai
