#include "pipeline/data_directory_backup.h"

#include <nlohmann/json.hpp>

#include "core/sha256.h"
#include "storage/sqlite/sqlite_snapshot.h"

namespace quai {
namespace {

constexpr int64_t kMaxFileBytes = 4LL << 30;

std::string OriginalPath(const std::string& root, const std::string& sha256) {
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

// Copies every original of `originals` from `from` to `to` that `to` lacks,
// checking each against its name.
Status CopyOriginals(FileSystem& fs, const std::vector<StoredOriginal>& originals, const std::string& from,
                     const std::string& to, BackupReport* report) {
  for (const StoredOriginal& original : originals) {
    const std::string target = OriginalPath(to, original.sha256);
    if (fs.Exists(target)) {
      ++report->originals_kept;
      continue;
    }
    const std::string source = OriginalPath(from, original.sha256);
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

// Copies the files under from/relative to to/relative that are missing there or of another size.
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

Result<BackupReport> BackupDataDirectory(const std::string& data_dir, const std::string& destination,
                                         FileSystem& fs, Clock& clock) {
  const std::string database = JoinPath(data_dir, "quai.db");
  if (!fs.Exists(database)) return Status::NotFound("no data directory at " + data_dir + " (no quai.db)");
  QUAI_RETURN_IF_ERROR(fs.CreateDirectories(destination));
  // The snapshot first: the originals it names exist (an original is stored
  // before its document is recorded), whatever arrives meanwhile.
  Result<DatabaseSnapshot> snapshot = SnapshotDatabase(database, JoinPath(destination, "quai.db"));
  if (!snapshot.ok()) return snapshot.status();
  BackupReport report;
  report.schema_version = snapshot->schema_version;
  report.documents = snapshot->documents;
  QUAI_RETURN_IF_ERROR(CopyOriginals(fs, snapshot->originals, data_dir, destination, &report));
  QUAI_RETURN_IF_ERROR(CopyTree(fs, data_dir, destination, "models", &report));
  nlohmann::json manifest = {{"created_at", FormatUtcTimestamp(clock.Now())},
                             {"schema_version", report.schema_version},
                             {"documents", report.documents},
                             {"originals", report.originals_copied + report.originals_kept},
                             {"originals_copied", report.originals_copied},
                             {"bytes_copied", report.bytes_copied},
                             {"from", data_dir}};
  QUAI_RETURN_IF_ERROR(WriteDurably(fs, JoinPath(destination, "backup.json"), manifest.dump(2) + "\n"));
  return report;
}

Result<BackupReport> RestoreDataDirectory(const std::string& backup, const std::string& data_dir, FileSystem& fs) {
  const std::string database = JoinPath(backup, "quai.db");
  if (!fs.Exists(database) || !fs.Exists(JoinPath(backup, "backup.json")))
    return Status::NotFound(backup + " is not a quai backup (no quai.db and backup.json)");
  if (fs.Exists(JoinPath(data_dir, "quai.db")))
    return Status::FailedPrecondition(data_dir + " already holds a data directory (quai.db): restore into an empty one");
  Result<DatabaseSnapshot> snapshot = DescribeDatabase(database);
  if (!snapshot.ok()) return snapshot.status();
  QUAI_RETURN_IF_ERROR(fs.CreateDirectories(data_dir));
  BackupReport report;
  report.schema_version = snapshot->schema_version;
  report.documents = snapshot->documents;
  QUAI_RETURN_IF_ERROR(CopyOriginals(fs, snapshot->originals, backup, data_dir, &report));
  QUAI_RETURN_IF_ERROR(CopyTree(fs, backup, data_dir, "models", &report));
  Result<std::string> bytes = fs.ReadFile(database, kMaxFileBytes);
  if (!bytes.ok()) return bytes.status();
  QUAI_RETURN_IF_ERROR(WriteDurably(fs, JoinPath(data_dir, "quai.db"), *bytes));
  return report;
}

}  // namespace quai
