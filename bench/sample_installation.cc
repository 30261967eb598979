// Writes a generated embedded installation (storage/migrate/sample_installation.h)
// for bench/migrate_scale.sh:  sample_installation PATH/quai.db DOCUMENTS
#include <cstdio>
#include <cstdlib>

#include "storage/migrate/sample_installation.h"
#include "storage/sqlite/sqlite_repository.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sample_installation PATH/quai.db DOCUMENTS\n");
    return 2;
  }
  auto store = quai::SqliteRepository::Open(argv[1], nullptr);
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.status().ToString().c_str());
    return 2;
  }
  quai::SqliteRepository* repository = store->get();
  quai::Status filled = quai::FillSampleInstallation(repository, repository, repository, std::atoi(argv[2]));
  if (!filled.ok()) {
    std::fprintf(stderr, "%s\n", filled.ToString().c_str());
    return 2;
  }
  return 0;
}
