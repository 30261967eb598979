// The SQLite store against every store contract: each conformance suite
// (storage/*_conformance.h) instantiated with a store in a fresh file, a
// second connection being a second SqliteRepository on that file, as a
// second process opens it.
#include <memory>
#include <string>

#include "fixtures/test_directory.h"
#include "storage/account_store_conformance.h"
#include "storage/document_store_conformance.h"
#include "storage/job_store_conformance.h"
#include "storage/learning_store_conformance.h"
#include "storage/master_data_store_conformance.h"
#include "storage/model_registry_conformance.h"
#include "storage/receiving_store_conformance.h"
#include "storage/review_store_conformance.h"
#include "storage/source_store_conformance.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

class SqliteStore final : public StoreUnderTest {
 public:
  static std::unique_ptr<SqliteStore> Open(std::shared_ptr<TestDirectory> directory, Clock* clock) {
    auto store = std::unique_ptr<SqliteStore>(new SqliteStore(std::move(directory), clock));
    return store->Reopen() ? std::move(store) : nullptr;
  }

  DocumentStore* documents() override { return repository_.get(); }
  ReviewStore* reviews() override { return repository_.get(); }
  AccountStore* accounts() override { return repository_.get(); }
  LearningStore* learning() override { return repository_.get(); }
  ModelRegistry* models() override { return repository_.get(); }
  JobStore* jobs() override { return repository_.get(); }
  SourceStore* sources() override { return repository_.get(); }
  MasterDataStore* master_data() override { return repository_.get(); }
  ReceivingStore* receiving() override { return repository_.get(); }
  std::unique_ptr<StoreUnderTest> Connect() override { return Open(directory_, clock_); }
  bool Reopen() override {
    repository_.reset();
    auto opened = SqliteRepository::Open(directory_->File("quai.db"), clock_);
    if (!opened.ok()) {
      ADD_FAILURE() << opened.status().ToString();
      return false;
    }
    repository_ = std::move(opened).value();
    return true;
  }

 private:
  SqliteStore(std::shared_ptr<TestDirectory> directory, Clock* clock)
      : directory_(std::move(directory)), clock_(clock) {}

  std::shared_ptr<TestDirectory> directory_;  // shared by every connection; removed after the last
  Clock* clock_;
  std::unique_ptr<SqliteRepository> repository_;
};

std::unique_ptr<StoreUnderTest> MakeSqliteStore(Clock* clock) {
  auto directory = std::make_shared<TestDirectory>();
  if (!directory->ok()) return nullptr;
  return SqliteStore::Open(std::move(directory), clock);
}

INSTANTIATE_TEST_SUITE_P(Sqlite, DocumentStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, ReviewStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, AccountStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, LearningStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, ModelRegistryConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, JobStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, SourceStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, MasterDataStoreConformance, ::testing::Values(&MakeSqliteStore));
INSTANTIATE_TEST_SUITE_P(Sqlite, ReceivingStoreConformance, ::testing::Values(&MakeSqliteStore));

}  // namespace
}  // namespace quai
