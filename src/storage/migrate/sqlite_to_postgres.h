// Copying an embedded installation's database (the SQLite file quai.db) into
// an empty PostgreSQL database, for `quai migrate --to postgresql://...`.
// Every table of the PostgreSQL schema is filled from the SQLite table of the
// same name, column by column, ids kept (identity sequences moved past them),
// in foreign-key order, with the tables' own triggers off while copying (the
// rows already carry what they would compute). Nothing is lost or changed:
// the copy is read back in the same transaction and each table's row count
// and checksum (SHA-256 over its rows, order-free, values in one canonical
// text form) compared with the source's; on any difference, or a SQLite
// column or non-empty table the PostgreSQL schema lacks, nothing is committed.
// The source is read in one transaction (a consistent snapshot); quai should
// be stopped meanwhile, or documents taken in after the snapshot stay behind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "quai/status.h"
#include "storage/postgresql/postgres_connection.h"

namespace quai {

struct TableCopyReport {
  std::string table;
  int64_t source_rows = 0;
  int64_t target_rows = 0;
  std::string source_checksum;  // hex
  std::string target_checksum;
  bool same() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

struct MigrationReport {
  std::vector<TableCopyReport> tables;
  bool all_same() const;
};

// Copies `sqlite_path` (brought to the current schema first) into `target`,
// which must hold no rows yet (its schema is created if need be).
// FailedPrecondition for a target with rows; DataLoss-like Internal naming the
// table when the read-back differs; the report either way when it got that far.
Result<MigrationReport> MigrateSqliteToPostgres(const std::string& sqlite_path, const PostgresOptions& target,
                                                Clock* clock, MigrationReport* partial = nullptr);

}  // namespace quai
