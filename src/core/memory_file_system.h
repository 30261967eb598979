// MemoryFileSystem: an in-memory FileSystem for tests that models what a power
// cut keeps. File data survives SimulateCrash() only up to its last Sync, and a
// directory entry (file, rename, new directory) only if its parent directory was
// synced after the change. It can also fail every operation after the Nth
// (FailAfter), the way a dying process or full disk stops mid-way.
// Thread-safe: every method takes one internal lock.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/file_system.h"

namespace quai {

class MemoryFileSystem final : public FileSystem {
 public:
  MemoryFileSystem();

  // Operations after the first `operations` ones fail with IoError ("injected
  // fault"). Negative: never fail (the default).
  void FailAfter(int operations);
  int operations() const;
  // The disk holds at most `bytes` of file data: an Append past it fails as
  // a full disk does (ENOSPC's words, core/no_space.h), until files are
  // removed or the capacity raised. Negative: no limit (the default).
  void SetCapacity(int64_t bytes);
  // Forgets everything not made durable, as after a power cut, and clears FailAfter.
  void SimulateCrash();
  // Modification times come from `clock` (outliving this) from now on;
  // without one a file's modification time is its count of writes.
  void SetClock(Clock* clock);
  // Test helper: writes a file durably in one step.
  void AddFile(const std::string& path, const std::string& data);
  // Test helper: an entry of another kind (a FIFO, a device), empty, durable.
  void AddSpecialFile(const std::string& path, FileKind kind);

  Result<std::string> ReadFile(const std::string& path, int64_t max_bytes) override;
  Result<int64_t> FileSize(const std::string& path) override;
  Result<FileStamp> Stamp(const std::string& path) override;
  bool Exists(const std::string& path) override;
  bool IsDirectory(const std::string& path) override;
  FileKind KindOf(const std::string& path) override;
  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status SyncDirectory(const std::string& dir) override;
  Status CreateDirectories(const std::string& dir) override;
  Status Remove(const std::string& path) override;
  Result<std::vector<std::string>> ListDirectory(const std::string& dir) override;

 private:
  friend class MemoryWritableFile;
  struct Node {
    bool directory = false;
    FileKind special = FileKind::kRegular;  // AddSpecialFile's kind, else a regular file
    std::string data;    // what a reader sees now
    std::string synced;  // what survives a crash
    int64_t writes = 0;  // appends so far
    int64_t modified_ns = 0;  // the clock's time at the last write, else `writes`
  };
  using Entries = std::map<std::string, std::shared_ptr<Node>>;

  Status CountOperation(const std::string& path);  // requires mutex_
  void Touch(Node* node);                           // a write: requires mutex_
  int64_t UsedBytes() const;                        // requires mutex_
  Status CreateDirectoriesLocked(const std::string& dir);

  mutable std::mutex mutex_;
  Entries live_;     // the namespace as processes see it
  Entries durable_;  // the namespace as the disk has it
  int operations_ = 0;
  int fail_after_ = -1;
  int64_t capacity_ = -1;
  Clock* clock_ = nullptr;
};

}  // namespace quai
