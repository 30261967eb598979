// `quai backup` and `quai restore` for an installation whose database is
// PostgreSQL (--db postgresql://… or $QUAI_DATABASE).
//
// A backup folder then holds quai.pgdump (pg_dump's custom format, of quai's
// schema only: the schema the URL's search_path selects, public by default),
// originals/ and models/ as on SQLite (pipeline/backup_files.h: incremental,
// SHA-256-checked), originals.json (every document's original in the dump)
// and backup.json ("backend": "postgresql", the schema, its versions).
// pg_dump reads a snapshot quai exports from its own transaction, in which it
// also lists the documents' originals: the dump and the originals copied are
// the same committed state, whatever quai writes meanwhile. The dump goes to
// quai.pgdump.partial and is renamed only once every original it names is in
// the folder; backup.json comes last, so a failed backup leaves an earlier one
// whole and a first one without backup.json.
//
// A restore takes an empty data directory and an empty database or schema
// (its search_path's first schema; it may be named otherwise than the backed
// up one): the originals and models first, then the database with
// pg_restore | psql in one transaction, so an interrupted restore leaves no
// table behind and can be run again. The password reaches pg_dump, pg_restore
// and psql through PGPASSWORD, never their command line.
#pragma once

#include <string>

#include "core/clock.h"
#include "core/file_system.h"
#include "pipeline/backup_files.h"
#include "quai/status.h"

namespace quai {

// `database` is a postgresql:// URI (it may carry the password).
// NotFound when it holds no quai database; FailedPrecondition when pg_dump is
// missing or `destination` holds a backup of an embedded installation;
// IoError with pg_dump's own words when it fails.
Result<BackupReport> BackupPostgresInstallation(const std::string& database, const std::string& data_dir,
                                                const std::string& destination, FileSystem& file_system,
                                                Clock& clock);

// FailedPrecondition when `data_dir` holds a quai.db, the target schema holds
// quai's tables or is missing, or the backup's schema exists in the target
// database under another name than the target's; IoError with pg_restore's
// and psql's words when they fail (then nothing of the database is restored).
Result<BackupReport> RestorePostgresInstallation(const std::string& backup, const std::string& data_dir,
                                                 const std::string& database, FileSystem& file_system);

// "sqlite" or "postgresql": what backup.json in `backup` says (a backup made
// before quai ran on PostgreSQL says nothing: "sqlite"). NotFound when
// `backup` is not a quai backup.
Result<std::string> BackupBackend(const std::string& backup, FileSystem& file_system);

}  // namespace quai
