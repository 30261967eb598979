#include "source/watched_source.h"

#include <algorithm>
#include <thread>

namespace quai {

void WatchedSource::SleepUnlessStopped(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!stop.load() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(100), deadline - std::chrono::steady_clock::now()));
}

bool WatchedSource::Wait(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  SleepUnlessStopped(timeout, stop);
  return false;
}

}  // namespace quai
