#include "storage/postgresql/postgres_migrations.h"

#include "core/clock.h"

namespace quai {
namespace {

constexpr char kCreateVersionTable[] =
    "CREATE TABLE IF NOT EXISTS schema_version("
    "component TEXT NOT NULL, version INTEGER NOT NULL, description TEXT NOT NULL, applied_at TEXT NOT NULL, "
    "PRIMARY KEY(component, version))";

// Held while migrating so two processes opening a new database take turns.
constexpr char kMigrationLock[] = "7173756169";  // any constant, "quai" in hex-ish

}  // namespace

Result<int> PostgresSchemaVersion(PostgresConnection* connection, const std::string& component) {
  QUAI_RETURN_IF_ERROR(connection->Execute(kCreateVersionTable, "creating schema_version"));
  auto rows = connection->Query("SELECT COALESCE(MAX(version), 0) FROM schema_version WHERE component = $1",
                                {component}, "reading the schema version");
  if (!rows.ok()) return rows.status();
  return static_cast<int>(rows.value().Int(0, 0));
}

Status ApplyPostgresMigrations(PostgresConnection* connection, const std::string& component,
                               const std::vector<PostgresMigration>& migrations, Clock* clock) {
  for (size_t i = 0; i < migrations.size(); ++i)
    if (migrations[i].version != static_cast<int>(i) + 1)
      return Status::InvalidArgument("PostgreSQL " + component + " migrations are not numbered 1, 2, 3...: step " +
                                     std::to_string(i + 1) + " says " + std::to_string(migrations[i].version));
  auto current = PostgresSchemaVersion(connection, component);
  if (!current.ok()) return current.status();
  int latest = static_cast<int>(migrations.size());
  if (current.value() > latest)
    return Status::InvalidArgument("the PostgreSQL database at " + connection->where() + " has " + component +
                                   " schema version " + std::to_string(current.value()) +
                                   ", newer than this quai knows (" + std::to_string(latest) +
                                   "): upgrade quai, it is left untouched");
  for (const PostgresMigration& step : migrations) {
    if (step.version <= current.value()) continue;
    std::string context = "applying " + component + " schema step " + std::to_string(step.version) + " (" +
                          step.description + ")";
    QUAI_RETURN_IF_ERROR(connection->Execute("BEGIN", context));
    auto run = [&]() -> Status {
      // Another process may have applied it while we waited for the lock.
      auto done = connection->Query("SELECT 1 FROM schema_version WHERE component = $1 AND version = $2",
                                    {component, step.version}, context);
      if (!done.ok()) return done.status();
      if (!done.value().empty()) return Status::Ok();
      if (!step.sql.empty()) QUAI_RETURN_IF_ERROR(connection->Execute(step.sql, context));
      auto recorded = connection->Query(
          "INSERT INTO schema_version(component, version, description, applied_at) VALUES ($1, $2, $3, $4)",
          {component, step.version, step.description, FormatUtcTimestamp(clock->Now())}, context);
      return recorded.status();
    };
    Status status = connection->Query(std::string("SELECT pg_advisory_xact_lock(") + kMigrationLock + ")", {},
                                      context).status();
    if (status.ok()) status = run();
    if (status.ok()) status = connection->Execute("COMMIT", context);
    if (!status.ok()) {
      (void)connection->Execute("ROLLBACK", context);
      return status;
    }
  }
  return Status::Ok();
}

Status ApplyAllPostgresMigrations(PostgresConnection* connection, Clock* clock) {
  {
    // Two processes creating schema_version at once may collide; serialise that too.
    QUAI_RETURN_IF_ERROR(connection->Execute("BEGIN", "creating schema_version"));
    Status status = connection->Query(std::string("SELECT pg_advisory_xact_lock(") + kMigrationLock + ")", {},
                                      "creating schema_version").status();
    if (status.ok()) status = connection->Execute(kCreateVersionTable, "creating schema_version");
    if (status.ok()) status = connection->Execute("COMMIT", "creating schema_version");
    if (!status.ok()) {
      (void)connection->Execute("ROLLBACK", "creating schema_version");
      return status;
    }
  }
  QUAI_RETURN_IF_ERROR(ApplyPostgresMigrations(connection, "core", PostgresCoreMigrations(), clock));
  return ApplyPostgresMigrations(connection, "stores", PostgresStoreMigrations(), clock);
}

}  // namespace quai
