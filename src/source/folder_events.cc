#include "source/folder_events.h"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace quai {

Result<std::unique_ptr<FolderEvents>> FolderEvents::Open() {
  const int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return Status::Unavailable(std::string("file events are not available: ") + std::strerror(errno));
  return std::unique_ptr<FolderEvents>(new FolderEvents(fd));
}

FolderEvents::~FolderEvents() { ::close(fd_); }

Status FolderEvents::Watch(const std::string& folder) {
  if (watched_.count(folder)) return Status::Ok();
  const uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_MODIFY | IN_ATTRIB;
  if (inotify_add_watch(fd_, folder.c_str(), mask) < 0)
    return Status::Unavailable(folder + ": cannot watch for file events: " + std::strerror(errno));
  watched_.insert(folder);
  return Status::Ok();
}

bool FolderEvents::Drain() {
  alignas(inotify_event) char buffer[16384];
  bool any = false;
  for (;;) {
    const ssize_t got = ::read(fd_, buffer, sizeof buffer);
    if (got <= 0) break;
    any = true;
  }
  return any;
}

bool FolderEvents::Wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle,
                        const std::atomic<bool>& stop) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  bool any = false;
  while (!stop.load()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd entry{fd_, POLLIN, 0};
    // Short steps so that a stop is seen promptly.
    const int ready = ::poll(&entry, 1, static_cast<int>(std::min<int64_t>(left.count(), 200)));
    if (ready > 0 && Drain()) {
      any = true;
      break;
    }
  }
  if (!any) return false;
  const auto settled = std::chrono::steady_clock::now() + settle;
  while (!stop.load() && std::chrono::steady_clock::now() < settled) {
    pollfd entry{fd_, POLLIN, 0};
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(settled - std::chrono::steady_clock::now());
    if (::poll(&entry, 1, static_cast<int>(std::max<int64_t>(left.count(), 1))) > 0) Drain();
  }
  return true;
}

}  // namespace quai
