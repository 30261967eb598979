#include "core/memory_file_system.h"

#include <algorithm>

#include "core/no_space.h"

namespace quai {

class MemoryWritableFile final : public WritableFile {
 public:
  MemoryWritableFile(MemoryFileSystem* fs, std::string path, std::shared_ptr<MemoryFileSystem::Node> node)
      : fs_(fs), path_(std::move(path)), node_(std::move(node)) {}
  Status Append(std::string_view data) override {
    std::lock_guard<std::mutex> lock(fs_->mutex_);
    QUAI_RETURN_IF_ERROR(fs_->CountOperation(path_));
    if (fs_->capacity_ >= 0 && fs_->UsedBytes() + static_cast<int64_t>(data.size()) > fs_->capacity_)
      return Status::IoError(path_ + ": cannot write: No space left on device (the " + kNoSpace + ")");
    node_->data.append(data);
    fs_->Touch(node_.get());
    return Status::Ok();
  }
  Status Sync() override {
    std::lock_guard<std::mutex> lock(fs_->mutex_);
    QUAI_RETURN_IF_ERROR(fs_->CountOperation(path_));
    node_->synced = node_->data;
    return Status::Ok();
  }
  Status Close() override { return Status::Ok(); }

 private:
  MemoryFileSystem* fs_;
  std::string path_;
  std::shared_ptr<MemoryFileSystem::Node> node_;
};

void MemoryFileSystem::SetClock(Clock* clock) {
  std::lock_guard<std::mutex> lock(mutex_);
  clock_ = clock;
}

void MemoryFileSystem::Touch(Node* node) {
  ++node->writes;
  node->modified_ns = clock_ == nullptr ? node->writes
                                        : std::chrono::duration_cast<std::chrono::nanoseconds>(
                                              clock_->Now().time_since_epoch()).count();
}

MemoryFileSystem::MemoryFileSystem() {
  auto root = std::make_shared<Node>();
  root->directory = true;
  live_["/"] = root;
  durable_["/"] = root;
  live_["."] = root;
  durable_["."] = root;
}

void MemoryFileSystem::FailAfter(int operations) {
  std::lock_guard<std::mutex> lock(mutex_);
  fail_after_ = operations;
  operations_ = 0;
}

void MemoryFileSystem::SetCapacity(int64_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  capacity_ = bytes;
}

int64_t MemoryFileSystem::UsedBytes() const {
  int64_t used = 0;
  for (const auto& [path, node] : live_) used += static_cast<int64_t>(node->data.size());
  return used;
}

int MemoryFileSystem::operations() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return operations_;
}

Status MemoryFileSystem::CountOperation(const std::string& path) {
  if (fail_after_ >= 0 && operations_ >= fail_after_) return Status::IoError(path + ": injected fault");
  ++operations_;
  return Status::Ok();
}

void MemoryFileSystem::SimulateCrash() {
  std::lock_guard<std::mutex> lock(mutex_);
  // An entry survives only if every directory above it survives too.
  Entries survivors;
  for (const auto& [path, node] : durable_) {
    bool parents_durable = true;
    for (std::string p = ParentDirectory(path); p != "/" && p != "."; p = ParentDirectory(p)) {
      if (durable_.count(p) == 0) {
        parents_durable = false;
        break;
      }
    }
    if (parents_durable) survivors[path] = node;
  }
  for (auto& [path, node] : survivors) node->data = node->synced;
  live_ = survivors;
  durable_ = survivors;
  fail_after_ = -1;
  operations_ = 0;
}

void MemoryFileSystem::AddFile(const std::string& path, const std::string& data) {
  std::lock_guard<std::mutex> lock(mutex_);
  (void)CreateDirectoriesLocked(ParentDirectory(path));
  auto node = std::make_shared<Node>();
  node->data = data;
  node->synced = data;
  auto previous = live_.find(path);
  node->writes = previous == live_.end() ? 0 : previous->second->writes;
  Touch(node.get());
  live_[path] = node;
  durable_[path] = node;
  for (std::string p = ParentDirectory(path); p != "/" && p != "."; p = ParentDirectory(p)) durable_[p] = live_[p];
}

void MemoryFileSystem::AddSpecialFile(const std::string& path, FileKind kind) {
  AddFile(path, "");
  std::lock_guard<std::mutex> lock(mutex_);
  live_[path]->special = kind;
}

Result<std::string> MemoryFileSystem::ReadFile(const std::string& path, int64_t max_bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  QUAI_RETURN_IF_ERROR(CountOperation(path));
  auto it = live_.find(path);
  if (it == live_.end()) return Status::NotFound(path + ": no such file");
  if (it->second->directory) return Status::InvalidArgument(path + ": is a directory");
  if (static_cast<int64_t>(it->second->data.size()) > max_bytes)
    return Status::LimitExceeded(path + ": file is " + std::to_string(it->second->data.size()) +
                                 " bytes, over the limit of " + std::to_string(max_bytes));
  return it->second->data;
}

Result<int64_t> MemoryFileSystem::FileSize(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = live_.find(path);
  if (it == live_.end()) return Status::NotFound(path + ": no such file");
  return static_cast<int64_t>(it->second->data.size());
}

Result<FileStamp> MemoryFileSystem::Stamp(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = live_.find(path);
  if (it == live_.end()) return Status::NotFound(path + ": no such file");
  return FileStamp{static_cast<int64_t>(it->second->data.size()), it->second->modified_ns};
}

bool MemoryFileSystem::Exists(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  return live_.count(path) > 0;
}

bool MemoryFileSystem::IsDirectory(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = live_.find(path);
  return it != live_.end() && it->second->directory;
}

FileKind MemoryFileSystem::KindOf(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = live_.find(path);
  if (it == live_.end()) return FileKind::kMissing;
  return it->second->directory ? FileKind::kDirectory : it->second->special;
}

Result<std::unique_ptr<WritableFile>> MemoryFileSystem::NewWritableFile(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  QUAI_RETURN_IF_ERROR(CountOperation(path));
  auto parent = live_.find(ParentDirectory(path));
  if (parent == live_.end() || !parent->second->directory) return Status::NotFound(path + ": no such directory");
  auto node = std::make_shared<Node>();
  live_[path] = node;
  return std::unique_ptr<WritableFile>(new MemoryWritableFile(this, path, node));
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard<std::mutex> lock(mutex_);
  QUAI_RETURN_IF_ERROR(CountOperation(from));
  auto it = live_.find(from);
  if (it == live_.end()) return Status::NotFound(from + ": no such file");
  if (live_.count(ParentDirectory(to)) == 0) return Status::NotFound(to + ": no such directory");
  auto node = it->second;
  live_.erase(it);
  live_[to] = node;
  return Status::Ok();
}

Status MemoryFileSystem::SyncDirectory(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mutex_);
  QUAI_RETURN_IF_ERROR(CountOperation(dir));
  if (live_.count(dir) == 0) return Status::NotFound(dir + ": no such directory");
  // The directory's own entries become what the disk has: additions, renames, removals.
  for (auto it = durable_.begin(); it != durable_.end();) {
    if (it->first != dir && ParentDirectory(it->first) == dir && live_.count(it->first) == 0)
      it = durable_.erase(it);
    else
      ++it;
  }
  for (const auto& [path, node] : live_)
    if (path != dir && ParentDirectory(path) == dir) durable_[path] = node;
  return Status::Ok();
}

Status MemoryFileSystem::CreateDirectoriesLocked(const std::string& dir) {
  if (dir.empty() || dir == "." || dir == "/") return Status::Ok();
  auto it = live_.find(dir);
  if (it != live_.end()) {
    return it->second->directory ? Status::Ok() : Status::IoError(dir + ": not a directory");
  }
  std::string parent = ParentDirectory(dir);
  QUAI_RETURN_IF_ERROR(CreateDirectoriesLocked(parent));
  QUAI_RETURN_IF_ERROR(CountOperation(dir));
  auto node = std::make_shared<Node>();
  node->directory = true;
  live_[dir] = node;
  // Like the POSIX version, the parent is synced so the new entry is durable.
  QUAI_RETURN_IF_ERROR(CountOperation(parent));
  durable_[dir] = node;
  return Status::Ok();
}

Status MemoryFileSystem::CreateDirectories(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mutex_);
  return CreateDirectoriesLocked(dir);
}

Status MemoryFileSystem::Remove(const std::string& path) {
  std::lock_guard<std::mutex> lock(mutex_);
  QUAI_RETURN_IF_ERROR(CountOperation(path));
  if (live_.erase(path) == 0) return Status::NotFound(path + ": no such file");
  return Status::Ok();
}

Result<std::vector<std::string>> MemoryFileSystem::ListDirectory(const std::string& dir) {
  std::lock_guard<std::mutex> lock(mutex_);
  QUAI_RETURN_IF_ERROR(CountOperation(dir));
  if (live_.count(dir) == 0) return Status::NotFound(dir + ": no such directory");
  std::vector<std::string> names;
  for (const auto& [path, node] : live_)
    if (path != dir && ParentDirectory(path) == dir) names.push_back(BaseName(path));
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace quai
