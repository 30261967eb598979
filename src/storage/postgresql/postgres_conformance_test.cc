// The PostgreSQL store against every store contract: each conformance suite
// (storage/*_conformance.h) instantiated with a store in a fresh schema of a
// throwaway PostgreSQL 15 server (tests/services/postgres.sh, one server for
// the binary), a second connection being a second PostgresRepository on that
// schema, as a second process (another machine) opens it.
#include <atomic>
#include <memory>
#include <string>

#include "services/postgres_server.h"
#include "storage/account_store_conformance.h"
#include "storage/document_store_conformance.h"
#include "storage/job_store_conformance.h"
#include "storage/learning_store_conformance.h"
#include "storage/master_data_store_conformance.h"
#include "storage/model_registry_conformance.h"
#include "storage/receiving_store_conformance.h"
#include "storage/postgresql/postgres_repository.h"
#include "storage/review_store_conformance.h"
#include "storage/source_store_conformance.h"

namespace quai {
namespace {

using quai::testing::PostgresServer;
using quai::testing::ServicesRequired;

PostgresServer* server = nullptr;

// Starts the server once for the binary; skips (or fails under
// QUAI_REQUIRE_SERVICES=1) every test when PostgreSQL 15 is not installed.
class PostgresEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    server = new PostgresServer();
    if (server->not_installed()) {
      if (ServicesRequired()) FAIL() << server->problem();
      GTEST_SKIP() << server->problem();
    }
    ASSERT_TRUE(server->running()) << server->problem();
  }
  void TearDown() override {
    delete server;
    server = nullptr;
  }
};

const ::testing::Environment* const environment =
    ::testing::AddGlobalTestEnvironment(new PostgresEnvironment());

class PostgresStore final : public StoreUnderTest {
 public:
  static std::unique_ptr<PostgresStore> Open(const std::string& schema, Clock* clock) {
    auto store = std::unique_ptr<PostgresStore>(new PostgresStore(schema, clock));
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
  std::unique_ptr<StoreUnderTest> Connect() override { return Open(schema_, clock_); }
  bool Reopen() override {
    repository_.reset();
    PostgresOptions options;
    options.conninfo = server->conninfo() + " options='-csearch_path=" + schema_ + "'";
    options.password = server->password();
    options.pool_size = 4;
    auto opened = PostgresRepository::Open(options, clock_);
    if (!opened.ok()) {
      ADD_FAILURE() << opened.status().ToString();
      return false;
    }
    repository_ = std::move(opened).value();
    return true;
  }

 private:
  PostgresStore(std::string schema, Clock* clock) : schema_(std::move(schema)), clock_(clock) {}

  std::string schema_;
  Clock* clock_;
  std::unique_ptr<PostgresRepository> repository_;
};

// A fresh schema per test: the database as a new installation sees it.
std::unique_ptr<StoreUnderTest> MakePostgresStore(Clock* clock) {
  static std::atomic<int> next{0};
  if (server == nullptr || !server->running()) return nullptr;
  std::string schema = "conformance_" + std::to_string(++next);
  std::string error = server->Execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE; CREATE SCHEMA " + schema);
  if (!error.empty()) {
    ADD_FAILURE() << error;
    return nullptr;
  }
  return PostgresStore::Open(schema, clock);
}

// What only the PostgreSQL store shows: its wake-ups, its errors, its schema versions.
class PostgresRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(server, nullptr);
    static std::atomic<int> next{0};
    schema_ = "repository_" + std::to_string(++next);
    ASSERT_EQ(server->Execute("CREATE SCHEMA " + schema_), "");
  }
  PostgresOptions Options(const std::string& password) const {
    PostgresOptions options;
    options.conninfo = server->conninfo() + " options='-csearch_path=" + schema_ + "'";
    options.password = password;
    return options;
  }
  std::string schema_;
};

TEST_F(PostgresRepositoryTest, AJobQueuedByAnotherProcessWakesAWaitingWorker) {
  auto worker = PostgresRepository::Open(Options(server->password()), nullptr);
  auto other = PostgresRepository::Open(Options(server->password()), nullptr);
  ASSERT_TRUE(worker.ok() && other.ok());
  auto nothing = (*worker)->WaitForJobs(std::chrono::milliseconds(0));  // starts listening
  ASSERT_TRUE(nothing.ok()) << nothing.status().ToString();
  EXPECT_FALSE(*nothing);
  NewJob job;
  job.kind = JobKind::kExport;
  job.dedupe_key = "wake me";
  ASSERT_TRUE((*other)->EnqueueJob(job).ok());
  auto woken = (*worker)->WaitForJobs(std::chrono::seconds(30));
  ASSERT_TRUE(woken.ok()) << woken.status().ToString();
  EXPECT_TRUE(*woken);
  // Consumed: the next wait sees nothing new.
  auto again = (*worker)->WaitForJobs(std::chrono::milliseconds(0));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

TEST_F(PostgresRepositoryTest, AWrongPasswordIsNamedByServerAndDatabaseWithoutThePassword) {
  const std::string wrong = "Wr0ngPassw0rdThatMustNotLeak";
  auto opened = PostgresRepository::Open(Options(wrong), nullptr);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(opened.status().message().find("127.0.0.1:" + server->port()), std::string::npos)
      << opened.status().message();
  EXPECT_NE(opened.status().message().find("database quai_test"), std::string::npos) << opened.status().message();
  EXPECT_EQ(opened.status().message().find(wrong), std::string::npos) << opened.status().message();
}

TEST_F(PostgresRepositoryTest, ADatabaseWrittenByANewerQuaiIsRefusedUntouched) {
  ASSERT_TRUE(PostgresRepository::Open(Options(server->password()), nullptr).ok());
  ASSERT_EQ(server->Execute("INSERT INTO " + schema_ +
                            ".schema_version VALUES ('core', 999, 'from the future', '2030-01-01T00:00:00Z')"),
            "");
  auto opened = PostgresRepository::Open(Options(server->password()), nullptr);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(opened.status().message().find("999"), std::string::npos) << opened.status().message();
}

TEST_F(PostgresRepositoryTest, AURIsPasswordIsKeptOutOfTheConnectionString) {
  auto options = ParsePostgresUri("postgresql://someone:s3cret@db.example:6543/quai");
  ASSERT_TRUE(options.ok()) << options.status().ToString();
  EXPECT_EQ(options->password, "s3cret");
  EXPECT_EQ(options->conninfo.find("s3cret"), std::string::npos) << options->conninfo;
  EXPECT_NE(options->conninfo.find("db.example"), std::string::npos);
  EXPECT_FALSE(ParsePostgresUri("postgresql://[broken").ok());
}

// The figures /metrics reads on PostgreSQL: each document once in received,
// then in the step it reached as the review desk takes it; the read window,
// the drift signals and the models in use (as SqliteRepositoryTest's).
TEST_F(PostgresRepositoryTest, MonitoringFiguresCountDocumentsByStepAsTheDeskSeesThem) {
  auto opened = PostgresRepository::Open(Options(server->password()), nullptr);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  PostgresRepository& store = **opened;
  auto add = [&](char last, const std::string& source) {
    DocumentRecord record;
    record.sha256 = std::string(63, 'a') + last;
    record.original_name = std::string(1, last) + ".pdf";
    record.source = source;
    record.media_type = MediaType::kPdf;
    auto id = store.AddDocument(record);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  };
  auto read = [&](int64_t id, bool review_required, double confidence) {
    Page page;
    page.number = 1;
    page.width = 595.28;
    page.height = 841.89;
    ASSERT_TRUE(store.SavePages(id, {page}).ok());
    StoredExtraction extraction;
    extraction.document_id = id;
    extraction.model_version = "v7";
    extraction.result_json = "{}";
    extraction.document_type = "invoice";
    extraction.review_required = review_required;
    extraction.mean_confidence = confidence;
    ASSERT_TRUE(store.SaveExtraction(extraction).ok());
  };
  const int64_t waiting = add('1', "cli");
  const int64_t accepted = add('2', "cli");
  const int64_t refused = add('3', "cli");
  add('4', "mail:compta");
  read(waiting, true, 0.5);
  read(accepted, false, 0.9);
  ASSERT_TRUE(store.MarkRefused(refused, "encrypted").ok());
  ASSERT_TRUE(store.AddDriftSignal({0, "", "new_supplier", std::nullopt, waiting, "{}"}).ok());
  ASSERT_TRUE(store.AddDriftSignal({0, "", "new_supplier", std::nullopt, accepted, "{}"}).ok());
  ModelVersionRecord model;
  model.kind = "extractor";
  model.document_type = "invoice";
  model.version = "m3";
  model.path = "models/m3.json";
  model.status = "retired";
  auto model_id = store.AddModelVersion(model);
  ASSERT_TRUE(model_id.ok()) << model_id.status().ToString();
  ASSERT_TRUE(store.ActivateModelVersion(*model_id).ok());

  auto figures = store.ReadMonitoringFigures(200);
  ASSERT_TRUE(figures.ok()) << figures.status().ToString();
  ASSERT_EQ(figures->documents.size(), 3u);  // cli/"", cli/invoice, mail:compta/""
  const DocumentStepCount& unread = figures->documents[0];
  EXPECT_EQ(unread.source, "cli");
  EXPECT_EQ(unread.type, "");
  EXPECT_EQ(unread.received, 1);  // the refused one
  EXPECT_EQ(unread.refused, 1);
  EXPECT_EQ(unread.read, 0);
  const DocumentStepCount& invoices = figures->documents[1];
  EXPECT_EQ(invoices.source, "cli");
  EXPECT_EQ(invoices.type, "invoice");
  EXPECT_EQ(invoices.received, 2);
  EXPECT_EQ(invoices.read, 2);
  EXPECT_EQ(invoices.auto_accepted, 1);
  EXPECT_EQ(invoices.needs_review, 1);
  EXPECT_EQ(figures->documents[2].source, "mail:compta");
  EXPECT_EQ(figures->documents[2].received, 1);
  EXPECT_EQ(figures->documents[2].read, 0);
  EXPECT_EQ(figures->window_read, 2);
  EXPECT_EQ(figures->window_review_required, 1);
  EXPECT_NEAR(figures->window_mean_confidence, 0.7, 1e-9);
  EXPECT_EQ(figures->window_validated, 0);
  EXPECT_EQ(figures->latest_model_version, "v7");
  EXPECT_EQ(figures->drift_signals, (std::vector<std::pair<std::string, int64_t>>{{"new_supplier", 2}}));
  ASSERT_EQ(figures->active_models.size(), 1u);
  EXPECT_EQ(figures->active_models[0].version, "m3");
  auto one = store.ReadMonitoringFigures(1);  // the window holds the newest extraction only
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_EQ(one->window_read, 1);
  EXPECT_EQ(one->window_review_required, 0);
  EXPECT_EQ(store.ReadMonitoringFigures(0).status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Postgres, DocumentStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, ReviewStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, AccountStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, LearningStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, ModelRegistryConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, JobStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, SourceStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, MasterDataStoreConformance, ::testing::Values(&MakePostgresStore));
INSTANTIATE_TEST_SUITE_P(Postgres, ReceivingStoreConformance, ::testing::Values(&MakePostgresStore));

}  // namespace
}  // namespace quai
