// FolderEvents: the kernel's file events (inotify) on a folder and, when asked,
// its subfolders, used only to look sooner: a watched folder is still scanned
// on a timer, since events can be missed (a full queue) and network shares
// send none.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <set>
#include <string>

#include "quai/status.h"

namespace quai {

class FolderEvents {
 public:
  // Unavailable when the kernel refuses (no inotify, too many watches).
  static Result<std::unique_ptr<FolderEvents>> Open();
  ~FolderEvents();
  FolderEvents(const FolderEvents&) = delete;
  FolderEvents& operator=(const FolderEvents&) = delete;

  // Watches `folder` (not its subfolders); watching it again does nothing.
  Status Watch(const std::string& folder);
  // Blocks up to `timeout` for an event, then gathers what follows within
  // `settle` (a writer's burst) so one look serves them: true when any came.
  // Returns early, false, once `stop` is set.
  bool Wait(std::chrono::milliseconds timeout, std::chrono::milliseconds settle, const std::atomic<bool>& stop);

 private:
  explicit FolderEvents(int fd) : fd_(fd) {}
  bool Drain();  // reads what is queued: true when there was anything
  int fd_;
  std::set<std::string> watched_;
};

}  // namespace quai
