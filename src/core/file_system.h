// FileSystem: the only way quai touches files, so tests can swap in an
// in-memory, fault-injecting one (memory_file_system.h). Paths are plain
// strings. Implementations must be safe to call from several threads at once.
// Durability is explicit: data is only on disk after WritableFile::Sync, and a
// created or renamed entry only after SyncDirectory on its parent.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"

namespace quai {

class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;  // data and size reach the disk
  virtual Status Close() = 0;
};

// What a path names. Intake reads regular files only: reading a FIFO or a
// device blocks or never ends, and their size says nothing.
enum class FileKind { kMissing, kRegular, kDirectory, kFifo, kSocket, kCharacterDevice, kBlockDevice, kOther };

// "a FIFO (named pipe)", "a socket", ... for messages.
const char* DescribeFileKind(FileKind kind);

// What changes when a file is written: its size and its modification time.
struct FileStamp {
  int64_t size = 0;
  int64_t modified_ns = 0;  // since the epoch; in MemoryFileSystem a count of writes
  bool operator==(const FileStamp&) const = default;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  // Reads a whole file; refuses files over `max_bytes` (LimitExceeded).
  virtual Result<std::string> ReadFile(const std::string& path, int64_t max_bytes) = 0;
  virtual Result<int64_t> FileSize(const std::string& path) = 0;
  // NotFound when `path` does not exist.
  virtual Result<FileStamp> Stamp(const std::string& path) = 0;
  virtual bool Exists(const std::string& path) = 0;
  virtual bool IsDirectory(const std::string& path) = 0;
  // What `path` is, following symbolic links; kMissing when it cannot be examined.
  virtual FileKind KindOf(const std::string& path) = 0;
  // Whether `path` itself is a symbolic link (not followed). The in-memory file system has none.
  virtual bool IsSymbolicLink(const std::string& path) { return false; }
  // Creates or truncates `path`.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path) = 0;
  // Atomically replaces `to` with `from`.
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status SyncDirectory(const std::string& dir) = 0;
  // Creates `dir` and its missing parents, syncing each parent it changed.
  virtual Status CreateDirectories(const std::string& dir) = 0;
  virtual Status Remove(const std::string& path) = 0;
  // Entry names (not paths) in `dir`, sorted.
  virtual Result<std::vector<std::string>> ListDirectory(const std::string& dir) = 0;
};

// The real POSIX file system. Never deleted.
FileSystem* DefaultFileSystem();

// "a/b/c" -> "a/b"; "c" -> ".".
std::string ParentDirectory(const std::string& path);
std::string BaseName(const std::string& path);
std::string JoinPath(const std::string& dir, const std::string& name);

}  // namespace quai
