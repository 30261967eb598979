// The files a backup holds besides its database, shared by `quai backup` on
// SQLite (data_directory_backup.h) and on PostgreSQL (postgres_backup.h):
// originals content-addressed (originals/ab/abcd…, the name is the SHA-256),
// copied only when the other side lacks them and checked against their name
// on the way; the trained models (models/) copied when missing or of another
// size; every file written durably (temporary file, fsync, rename).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/file_system.h"
#include "quai/status.h"
#include "storage/sqlite/sqlite_consistency_check.h"

namespace quai {

struct BackupReport {
  int schema_version = 0;
  int64_t documents = 0;
  int64_t originals_copied = 0;  // new in this backup
  int64_t originals_kept = 0;    // already in the backup folder
  int64_t bytes_copied = 0;
  int64_t model_files_copied = 0;
};

// <root>/originals/<first two hex digits>/<sha256>.
std::string BackupOriginalPath(const std::string& root, const std::string& sha256);

// Writes `bytes` to `path` through `path`.partial, synced, renamed, directory synced.
Status WriteDurably(FileSystem& fs, const std::string& path, const std::string& bytes);

// Copies every original of `originals` from the data directory or backup
// `from` to `to` that `to` lacks, each checked against its SHA-256: one
// missing or damaged is named (document id and file name) and fails the copy.
Status CopyOriginals(FileSystem& fs, const std::vector<StoredOriginal>& originals, const std::string& from,
                     const std::string& to, BackupReport* report);

// Copies the files under from/models to to/models missing there or of another size.
Status CopyModels(FileSystem& fs, const std::string& from, const std::string& to, BackupReport* report);

}  // namespace quai
