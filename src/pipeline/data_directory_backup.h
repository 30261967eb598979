// `quai backup` and `quai restore`: a data directory copied whole while quai
// runs, and put back into an empty directory.
//
// A backup folder holds quai.db (a consistent snapshot: one committed state,
// sqlite_snapshot.h), originals/ (content-addressed as in the data directory;
// incremental: an original already in the backup is not copied again, since
// its name is its SHA-256), models/ (the trained models the registry names),
// and backup.json (what it holds and when). Every original copied is checked
// against its SHA-256 on the way; one missing or damaged in the data
// directory is named and fails the backup, which never records a copy it does
// not have. Files are written durably (temporary file, fsync, rename).
// backup.json says "backend": "sqlite"; an installation on PostgreSQL is
// backed up by pipeline/postgres_backup.h instead.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"
#include "core/file_system.h"
#include "pipeline/backup_files.h"
#include "quai/status.h"

namespace quai {

Result<BackupReport> BackupDataDirectory(const std::string& data_dir, const std::string& destination,
                                         FileSystem& file_system, Clock& clock);

// Restores `backup` into `data_dir`, which must hold no quai.db (created when
// missing). The database goes in last, so an interrupted restore leaves no
// data directory that looks whole; running it again finishes it.
Result<BackupReport> RestoreDataDirectory(const std::string& backup, const std::string& data_dir,
                                          FileSystem& file_system);

}  // namespace quai
