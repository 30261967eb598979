// WatchedSource::Wait's default (watched_source.h), here only until the
// lead's quai_source library (watched_source.cc) is merged beside
// quai_source_mail: remove this file then.
#include <thread>

#include "source/watched_source.h"

namespace quai {

bool WatchedSource::Wait(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!stop.load() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
        std::chrono::milliseconds(100), deadline - std::chrono::steady_clock::now()));
  }
  return false;
}

}  // namespace quai
