// Versioned schema migrations for the PostgreSQL store. The schema comes in
// two components, each an ordered list of steps numbered 1, 2, 3, ...:
// "core" (documents, pages, extractions, review desk, accounts, jobs, sources:
// postgres_migrations.cc) and "stores" (learning, models, ERP master data,
// receiving, exports: postgres_migrations_stores.cc), applied in that order
// (the second references the first's tables). Table schema_version records
// the steps applied (component, version, description, applied_at). Each step
// runs in its own transaction with its record, under an advisory lock so two
// processes opening a new database do not both apply it. A database whose
// record names a version newer than the code knows is refused, never touched.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "quai/status.h"
#include "storage/postgresql/postgres_connection.h"

namespace quai {

struct PostgresMigration {
  int version;              // 1, 2, 3, ... in list order
  std::string description;  // what the step does
  std::string sql;          // one or more statements
};

// The steps of each component, oldest first; only ever appended.
const std::vector<PostgresMigration>& PostgresCoreMigrations();   // postgres_migrations.cc
const std::vector<PostgresMigration>& PostgresStoreMigrations();  // postgres_migrations_stores.cc

// The highest version recorded for `component`; 0 for a new database.
Result<int> PostgresSchemaVersion(PostgresConnection* connection, const std::string& component);

// Brings `component` up to the last of `migrations`. InvalidArgument if the
// list is not numbered 1, 2, 3, ... or the database is at a newer version.
Status ApplyPostgresMigrations(PostgresConnection* connection, const std::string& component,
                               const std::vector<PostgresMigration>& migrations, Clock* clock);

// Both components, in order.
Status ApplyAllPostgresMigrations(PostgresConnection* connection, Clock* clock);

}  // namespace quai
