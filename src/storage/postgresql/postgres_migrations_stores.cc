// The "stores" component of the PostgreSQL schema (owned by the pg-stores
// work): learning (suppliers, identifiers, outcomes, layout examples, the
// learning generation, drift signals), the model registry, ERP master data,
// receiving (versions, lots, certificates) and exports. Applied after "core",
// whose tables (documents, jobs) it may reference.
#include "storage/postgresql/postgres_migrations.h"

namespace quai {

const std::vector<PostgresMigration>& PostgresStoreMigrations() {
  static const std::vector<PostgresMigration>* migrations = new std::vector<PostgresMigration>{};
  return *migrations;
}

}  // namespace quai
