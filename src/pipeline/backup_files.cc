#include "pipeline/backup_files.h"

#include "core/sha256.h"

namespace quai {

namespace {
constexpr int64_t kMaxFileBytes = 4LL << 30;
}  // namespace

std::string BackupOriginalPath(const std::string& root, const std::string& sha256) {
  return JoinPath(JoinPath(JoinPath(root, "originals"), sha256.substr(0, 2)), sha256);
}

Status WriteDurably(FileSystem& fs, const std::string& path, const std::string& bytes) {
  QUAI_RETURN_IF_ERROR(fs.CreateDirectories(ParentDirectory(path)));
  const std::string partial = path + ".partial";
  Result<std::unique_ptr<WritableFile>> file = fs.NewWritableFile(partial);
  if (!file.ok()) return file.status();
  QUAI_RETURN_IF_ERROR((*file)->Append(bytes));
  QUAI_RETURN_IF_ERROR((*file)->Sync());
  QUAI_RETURN_IF_ERROR((*file)->Close());
  QUAI_RETURN_IF_ERROR(fs.Rename(partial, path));
  return fs.SyncDirectory(ParentDirectory(path));
}

Status CopyOriginals(FileSystem& fs, const std::vector<StoredOriginal>& originals, const std::string& from,
                     const std::string& to, BackupReport* report) {
  for (const StoredOriginal& original : originals) {
    const std::string target = BackupOriginalPath(to, original.sha256);
    if (fs.Exists(target)) {
      ++report->originals_kept;
      continue;
    }
    const std::string source = BackupOriginalPath(from, original.sha256);
    Result<std::string> bytes = fs.ReadFile(source, kMaxFileBytes);
    if (!bytes.ok())
      return Status::IoError("the original of document " + std::to_string(original.document_id) + " (" +
                             original.name + ") cannot be read: " + bytes.status().message());
    if (Sha256Hex(*bytes) != original.sha256)
      return Status::IoError("the original of document " + std::to_string(original.document_id) + " (" +
                             original.name + ") is damaged: " + source + " is not the SHA-256 it is filed under");
    QUAI_RETURN_IF_ERROR(WriteDurably(fs, target, *bytes));
    ++report->originals_copied;
    report->bytes_copied += static_cast<int64_t>(bytes->size());
  }
  return Status::Ok();
}

namespace {

Status CopyTree(FileSystem& fs, const std::string& from, const std::string& to, const std::string& relative,
                BackupReport* report) {
  const std::string dir = JoinPath(from, relative);
  if (!fs.IsDirectory(dir)) return Status::Ok();
  Result<std::vector<std::string>> names = fs.ListDirectory(dir);
  if (!names.ok()) return names.status();
  for (const std::string& name : *names) {
    const std::string path = JoinPath(relative, name);
    if (fs.IsDirectory(JoinPath(from, path))) {
      QUAI_RETURN_IF_ERROR(CopyTree(fs, from, to, path, report));
      continue;
    }
    if (name.size() > 8 && name.compare(name.size() - 8, 8, ".partial") == 0) continue;
    Result<int64_t> size = fs.FileSize(JoinPath(from, path));
    Result<int64_t> there = fs.FileSize(JoinPath(to, path));
    if (there.ok() && size.ok() && *there == *size) continue;
    Result<std::string> bytes = fs.ReadFile(JoinPath(from, path), kMaxFileBytes);
    if (!bytes.ok()) return bytes.status();
    QUAI_RETURN_IF_ERROR(WriteDurably(fs, JoinPath(to, path), *bytes));
    ++report->model_files_copied;
    report->bytes_copied += static_cast<int64_t>(bytes->size());
  }
  return Status::Ok();
}

}  // namespace

Status CopyModels(FileSystem& fs, const std::string& from, const std::string& to, BackupReport* report) {
  return CopyTree(fs, from, to, "models", report);
}

}  // namespace quai
