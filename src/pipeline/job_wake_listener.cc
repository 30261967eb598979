#include "pipeline/job_wake_listener.h"

#include <cstdio>

namespace quai {
namespace {
// How long one wait lasts: the most Stop() waits for the thread.
constexpr std::chrono::milliseconds kWaitSlice{250};
}  // namespace

JobWakeListener::JobWakeListener(Wait wait, std::function<void()> wake, std::chrono::milliseconds debounce)
    : wait_(std::move(wait)), wake_(std::move(wake)), debounce_(debounce) {
  thread_ = std::thread([this] { Loop(); });
}

JobWakeListener::~JobWakeListener() { Stop(); }

void JobWakeListener::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void JobWakeListener::Loop() {
  bool reported = false;
  while (!stopping_) {
    Result<bool> notified = wait_(kWaitSlice);
    if (!notified.ok()) {
      // The poll still finds the work; say so once, and try again a little later.
      if (!reported)
        std::fprintf(stderr, "quai: not listening for new jobs (workers poll instead): %s\n",
                     notified.status().message().c_str());
      reported = true;
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    reported = false;
    if (!*notified) continue;
    // Let the rest of a burst arrive, then one wake for all of it.
    std::this_thread::sleep_for(debounce_);
    (void)wait_(std::chrono::milliseconds(0));
    ++wakes_;
    wake_();
  }
}

}  // namespace quai
