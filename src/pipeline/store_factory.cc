// Opening the stores a Workspace uses: the embedded SQLite file, or a shared
// PostgreSQL database (environment.h: OpenStores).
#include <cstdlib>

#include "pipeline/environment.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {

std::string ResolveDatabase(const std::string& requested) {
  if (!requested.empty()) return requested;
  if (const char* database = std::getenv("QUAI_DATABASE"); database != nullptr) return database;
  return "";
}

bool IsPostgresDatabase(const std::string& database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

namespace {

Result<Stores> OpenPostgresStores(const std::string& database, Clock* clock) {
  auto options = ParsePostgresUri(database);
  if (!options.ok()) return options.status().WithContext("--db");
  // Readers, exporters, the learn and retrain threads, the lease keeper and
  // the server's request threads share these; a caller waits when all are busy.
  options->pool_size = 12;
  auto repository = PostgresRepository::Open(*options, clock);
  if (!repository.ok()) return repository.status();
  std::shared_ptr<PostgresRepository> store = std::move(repository).value();
  Stores stores;
  stores.documents = store.get();
  stores.reviews = store.get();
  stores.accounts = store.get();
  stores.learning = store.get();
  stores.models = store.get();
  stores.jobs = store.get();
  stores.master_data = store.get();
  stores.receiving = store.get();
  stores.sources = store.get();
  stores.monitoring = store.get();  // /metrics reads the shared database's figures
  PostgresRepository* raw = store.get();
  stores.wait_for_jobs = [raw](std::chrono::milliseconds timeout) { return raw->WaitForJobs(timeout); };
  stores.owner = store;
  return stores;
}

}  // namespace

Result<Stores> OpenStores(const std::string& database, const std::string& data_dir, Clock* clock) {
  if (database.empty()) return OpenSqliteStores(data_dir, clock);
  if (IsPostgresDatabase(database)) return OpenPostgresStores(database, clock);
  return Status::InvalidArgument(
      "--db must be a postgresql:// URI (postgresql://user@host:5432/database), or be left out for the embedded "
      "SQLite store; got something else");
}

}  // namespace quai
