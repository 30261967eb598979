// SnapshotDatabase: a consistent copy of a live quai.db (SQLite's online
// backup, in one step under one read transaction, so it is one committed
// state whatever other processes write meanwhile), made durable at `to`, with
// what the copy holds: its schema version and every document's original (by
// SHA-256), for `quai backup` (pipeline/data_directory_backup.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quai/status.h"
#include "storage/sqlite/sqlite_consistency_check.h"

namespace quai {

struct DatabaseSnapshot {
  int schema_version = 0;
  int64_t documents = 0;
  std::vector<StoredOriginal> originals;  // every document of the copy
};

// `from` must exist; `to` is replaced. IoError naming the file on failure.
Result<DatabaseSnapshot> SnapshotDatabase(const std::string& from, const std::string& to);
// What a copy made by SnapshotDatabase holds (a restore reads its backup with it).
Result<DatabaseSnapshot> DescribeDatabase(const std::string& path);

}  // namespace quai
