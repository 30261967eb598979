// Versioned schema migrations for the SQLite store. The schema is an ordered
// list of steps, numbered 1, 2, 3, ...; table schema_migrations records the
// steps applied (version, applied_at). Each step runs in its own transaction
// with its record, so a database is always at a whole step. A database whose
// record names a version newer than the code knows is refused, never touched.
// Functions are not thread-safe; they use the caller's connection.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "quai/status.h"
#include "storage/sqlite/sqlite_connection.h"

namespace quai {

struct Migration {
  int version;              // 1, 2, 3, ... in list order
  std::string description;  // what the step does, for people reading the code and errors
  std::string sql;          // one or more statements
};

// The steps that build quai's schema, oldest first. Steps are only ever
// appended: a released step never changes.
const std::vector<Migration>& SchemaMigrations();

// The version a database reaches after SchemaMigrations().
int LatestSchemaVersion();

// The highest version recorded in schema_migrations; 0 for a new database.
Result<int> CurrentSchemaVersion(SqliteConnection* connection);

// Brings the database up to the last of `migrations`, applying only the steps
// not yet recorded, each in its own transaction stamped with `clock`'s time.
// InvalidArgument if the list is not numbered 1, 2, 3, ... or if the database
// is at a newer version than the list reaches.
Status ApplyMigrations(SqliteConnection* connection, const std::vector<Migration>& migrations, Clock* clock);

}  // namespace quai
