// The SQLite store against the JobStore contract, plus what only a shared
// file shows: two connections (two processes) never hold one job at once.
#include <cstdio>
#include <set>
#include <thread>

#include "fixtures/test_directory.h"
#include "storage/job_store_conformance.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

struct SqliteStore final : StoreUnderTest {
  TestDirectory directory;
  std::unique_ptr<SqliteRepository> repository;
  JobStore* jobs() override { return repository.get(); }
  DocumentStore* documents() override { return repository.get(); }
};

std::unique_ptr<StoreUnderTest> MakeSqliteStore(Clock* clock) {
  auto store = std::make_unique<SqliteStore>();
  auto opened = SqliteRepository::Open(store->directory.File("quai.db"), clock);
  if (!opened.ok()) return nullptr;
  store->repository = std::move(opened).value();
  return store;
}

INSTANTIATE_TEST_SUITE_P(Sqlite, JobStoreConformance, ::testing::Values(&MakeSqliteStore));

TEST(SqliteJobStoreTest, TwoConnectionsClaimingAtOnceNeverShareAJob) {
  TestDirectory directory;
  auto first = SqliteRepository::Open(directory.File("quai.db"), nullptr);
  auto second = SqliteRepository::Open(directory.File("quai.db"), nullptr);
  ASSERT_TRUE(first.ok() && second.ok());
  constexpr int kDocuments = 60;
  for (int i = 0; i < kDocuments; ++i) {
    DocumentRecord record;
    char sha[65];
    std::snprintf(sha, sizeof(sha), "%064x", i + 1);
    record.sha256 = sha;
    record.original_name = "d.pdf";
    ASSERT_TRUE((*first)->AddDocument(record).ok());
  }
  std::vector<int64_t> claimed[2];
  auto drain = [&](SqliteRepository* store, const std::string& holder, std::vector<int64_t>* ids) {
    while (true) {
      auto job = store->ClaimNextJob({JobKind::kRead}, holder, std::chrono::seconds(30));
      ASSERT_TRUE(job.ok()) << job.status().ToString();
      if (!job->has_value()) return;
      ids->push_back((*job)->id);
      ASSERT_TRUE(store->FinishJob((*job)->id, holder, "{}").ok());
    }
  };
  std::thread a(drain, first->get(), "a", &claimed[0]);
  std::thread b(drain, second->get(), "b", &claimed[1]);
  a.join();
  b.join();
  std::set<int64_t> all(claimed[0].begin(), claimed[0].end());
  all.insert(claimed[1].begin(), claimed[1].end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kDocuments));
  EXPECT_EQ(claimed[0].size() + claimed[1].size(), static_cast<size_t>(kDocuments));  // none twice
}

}  // namespace
}  // namespace quai
