#include "intake/blob_store.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>

namespace quai {
namespace {
std::atomic<unsigned> temporary_counter{0};
constexpr const char* kTemporarySuffix = ".part";

// Whether the temporary `name` (<sha256>.<pid>.<counter>.part) was left by a
// process that is gone, or by this one before it opened the store. Another
// process sharing the data directory may be writing it right now (`quai
// ingest` beside a server started again after a kill): its rename would fail.
bool LeftBehind(const std::string& name) {
  const size_t first = name.find('.');
  const size_t second = first == std::string::npos ? std::string::npos : name.find('.', first + 1);
  if (second == std::string::npos) return true;
  const std::string digits = name.substr(first + 1, second - first - 1);
  char* end = nullptr;
  const long pid = std::strtol(digits.c_str(), &end, 10);
  if (digits.empty() || *end != '\0' || pid <= 0) return true;
  if (pid == static_cast<long>(::getpid())) return true;
  return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}
}  // namespace

BlobStore::BlobStore(FileSystem* file_system, std::string root)
    : file_system_(file_system), root_(std::move(root)) {}

Status BlobStore::Open() {
  QUAI_RETURN_IF_ERROR(file_system_->CreateDirectories(JoinPath(root_, "originals")));
  std::string tmp = JoinPath(root_, "tmp");
  QUAI_RETURN_IF_ERROR(file_system_->CreateDirectories(tmp));
  auto names = file_system_->ListDirectory(tmp);
  if (!names.ok()) return names.status();
  for (const auto& name : *names) {
    if (name.size() > 5 && name.ends_with(kTemporarySuffix) && LeftBehind(name))
      (void)file_system_->Remove(JoinPath(tmp, name));
  }
  return Status::Ok();
}

std::string BlobStore::PathFor(const std::string& sha256) const {
  return JoinPath(JoinPath(JoinPath(root_, "originals"), sha256.substr(0, 2)), sha256);
}

bool BlobStore::Contains(const std::string& sha256) { return file_system_->Exists(PathFor(sha256)); }

Status BlobStore::Put(const std::string& sha256, std::string_view bytes) {
  std::string final_path = PathFor(sha256);
  if (file_system_->Exists(final_path)) return Status::Ok();
  std::string dir = ParentDirectory(final_path);
  QUAI_RETURN_IF_ERROR(file_system_->CreateDirectories(dir));
  // Unique per process and call, so two workers storing the same bytes never share a temporary.
  std::string tmp_path = JoinPath(JoinPath(root_, "tmp"), sha256 + "." + std::to_string(::getpid()) + "." +
                                                             std::to_string(temporary_counter++) + kTemporarySuffix);
  auto file = file_system_->NewWritableFile(tmp_path);
  if (!file.ok()) return file.status();
  Status status = (*file)->Append(bytes);
  if (status.ok()) status = (*file)->Sync();
  Status closed = (*file)->Close();
  if (status.ok()) status = closed;
  if (status.ok()) status = file_system_->Rename(tmp_path, final_path);
  if (!status.ok()) {
    (void)file_system_->Remove(tmp_path);
    return status;
  }
  return file_system_->SyncDirectory(dir);
}

Status BlobStore::Remove(const std::string& sha256) {
  const std::string path = PathFor(sha256);
  if (!file_system_->Exists(path)) return Status::Ok();
  QUAI_RETURN_IF_ERROR(file_system_->Remove(path));
  return file_system_->SyncDirectory(ParentDirectory(path));
}

Result<std::string> BlobStore::Get(const std::string& sha256, int64_t max_bytes) {
  return file_system_->ReadFile(PathFor(sha256), max_bytes);
}

}  // namespace quai
