#include "pipeline/data_directory_backup.h"

#include <nlohmann/json.hpp>

#include "pipeline/backup_files.h"
#include "storage/sqlite/sqlite_snapshot.h"

namespace quai {
namespace {

constexpr int64_t kMaxFileBytes = 4LL << 30;

}  // namespace

Result<BackupReport> BackupDataDirectory(const std::string& data_dir, const std::string& destination,
                                         FileSystem& fs, Clock& clock) {
  const std::string database = JoinPath(data_dir, "quai.db");
  if (!fs.Exists(database)) return Status::NotFound("no data directory at " + data_dir + " (no quai.db)");
  if (fs.Exists(JoinPath(destination, "quai.pgdump")))
    return Status::FailedPrecondition(destination +
                                      " holds a backup of a PostgreSQL installation: back up to another folder");
  QUAI_RETURN_IF_ERROR(fs.CreateDirectories(destination));
  // The snapshot first: the originals it names exist (an original is stored
  // before its document is recorded), whatever arrives meanwhile.
  Result<DatabaseSnapshot> snapshot = SnapshotDatabase(database, JoinPath(destination, "quai.db"));
  if (!snapshot.ok()) return snapshot.status();
  BackupReport report;
  report.schema_version = snapshot->schema_version;
  report.documents = snapshot->documents;
  QUAI_RETURN_IF_ERROR(CopyOriginals(fs, snapshot->originals, data_dir, destination, &report));
  QUAI_RETURN_IF_ERROR(CopyModels(fs, data_dir, destination, &report));
  nlohmann::json manifest = {{"created_at", FormatUtcTimestamp(clock.Now())},
                             {"schema_version", report.schema_version},
                             {"documents", report.documents},
                             {"originals", report.originals_copied + report.originals_kept},
                             {"originals_copied", report.originals_copied},
                             {"bytes_copied", report.bytes_copied},
                             {"from", data_dir},
                             {"backend", "sqlite"}};
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
  QUAI_RETURN_IF_ERROR(CopyModels(fs, backup, data_dir, &report));
  Result<std::string> bytes = fs.ReadFile(database, kMaxFileBytes);
  if (!bytes.ok()) return bytes.status();
  QUAI_RETURN_IF_ERROR(WriteDurably(fs, JoinPath(data_dir, "quai.db"), *bytes));
  return report;
}

}  // namespace quai
