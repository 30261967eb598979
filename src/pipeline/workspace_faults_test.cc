// The store failing at every call a piece of work makes, one call at a time:
// files taken in (quai ingest), queued (--queue-only) and read by workers.
// Whatever call fails, every file is either refused with an error naming it
// or kept and, once the store works again, read: nothing accepted is lost,
// nothing is left unread, nothing is read twice.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fixtures/fixtures.h"
#include "core/memory_file_system.h"
#include "core/no_space.h"
#include "fixtures/test_directory.h"
#include "ocr/fake_ocr_engine.h"
#include "pipeline/data_directory_check.h"
#include "pipeline/environment.h"
#include "pipeline/workspace_services.h"
#include "quai/workspace.h"
#include "storage/failing_store.h"

namespace quai {
namespace {

const std::vector<std::string> kFixtures = {"text-layer.pdf", "two-pages-g4.tif", "scan-200dpi.png"};

std::vector<std::string> FixturePaths() {
  std::vector<std::string> paths;
  for (const std::string& name : kFixtures) paths.push_back(testing::FixturePath(name));
  return paths;
}

// The data directory's stores with documents and jobs behind a FailingStore.
Environment FailingAt(int call, std::shared_ptr<FailingStore>* failing) {
  Environment environment;
  environment.ocr_engines = [](const OcrOptions&) -> OcrEngineFactory {
    return []() -> Result<std::unique_ptr<OcrEngine>> {
      auto engine = std::make_unique<FakeOcrEngine>();
      engine->words = {OcrWord{"scanned", 10, 10, 90, 30, 0.9, 0, 0}};
      return std::unique_ptr<OcrEngine>(std::move(engine));
    };
  };
  environment.open_stores = [call, failing](const std::string& data_dir, Clock* clock) -> Result<Stores> {
    auto real = OpenSqliteStores(data_dir, clock);
    if (!real.ok()) return real.status();
    auto wrapper = std::make_shared<FailingStore>(real->documents, real->jobs, call);
    if (failing != nullptr) *failing = wrapper;
    Stores stores = *real;
    stores.documents = wrapper.get();
    stores.jobs = wrapper.get();
    stores.owner = std::make_shared<std::pair<std::shared_ptr<void>, std::shared_ptr<FailingStore>>>(real->owner,
                                                                                                     wrapper);
    return stores;
  };
  return environment;
}

Options FastOptions(const std::string& data_dir) {
  Options options;
  options.data_dir = data_dir;
  options.jobs = 1;
  options.poll_milliseconds = 20;
  options.retry_milliseconds = 1;
  options.lease_seconds = 2;
  return options;
}

// Runs workers (the store healthy, or failing at `call`) until nothing is due.
void RunWorkers(const std::string& data_dir, int call) {
  auto workspace = Workspace::Open(FastOptions(data_dir), FailingAt(call, nullptr));
  ASSERT_TRUE(workspace.ok()) << workspace.status().ToString();
  ASSERT_TRUE((*workspace)->StartWorkers(nullptr, Workspace::WorkerSettings{0, 0}).ok());
  for (int idle = 0, waited = 0; idle < 5 && waited < 1000; ++waited) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    auto counts = (*workspace)->reading_counts();
    idle = (*workspace)->workers_idle() && counts.waiting == 0 && counts.processing == 0 ? idle + 1 : 0;
  }
  (*workspace)->StopWorkers();
}

// Every file refused with its name, or stored and read once.
void ExpectNothingLost(const std::string& data_dir, const IngestReport& report, int call, const std::string& failed) {
  SCOPED_TRACE("store call " + std::to_string(call) + " (" + failed + ") failed");
  auto workspace = Workspace::Open(FastOptions(data_dir), FailingAt(0, nullptr));
  ASSERT_TRUE(workspace.ok());
  auto documents = (*workspace)->ListDocuments(DocumentQuery{});
  ASSERT_TRUE(documents.ok());
  for (const IngestedFile& file : report.files) {
    if (file.outcome == IngestOutcome::kRefused && file.document_id == 0) {
      EXPECT_NE(file.error.find(file.path), std::string::npos) << file.error;
      continue;
    }
    EXPECT_NE(file.document_id, 0) << file.path;
  }
  for (const DocumentRecord& document : *documents) {
    EXPECT_EQ(document.status, DocumentStatus::kProcessed) << document.original_name << ": " << document.error;
    auto extractions = (*workspace)->services().documents()->ListExtractions(document.id);
    ASSERT_TRUE(extractions.ok());
    EXPECT_LE(extractions->size(), 1u) << document.original_name;
  }
  auto counts = (*workspace)->services().jobs()->CountJobs();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->read.queued + counts->read.running + counts->read.dead, 0);
}

TEST(WorkspaceFaultsTest, IngestSurvivesTheStoreFailingAtAnyCall) {
  int calls = 0;
  {
    TestDirectory clean;
    std::shared_ptr<FailingStore> counter;
    auto workspace = Workspace::Open(FastOptions(clean.path()), FailingAt(0, &counter));
    ASSERT_TRUE(workspace.ok());
    auto report = (*workspace)->Ingest(FixturePaths(), "test", nullptr);
    ASSERT_TRUE(report.ok());
    ASSERT_EQ(report->stored(), 3);
    calls = counter->calls();
  }
  ASSERT_GT(calls, 5);
  for (int call = 1; call <= calls; ++call) {
    TestDirectory directory;
    std::shared_ptr<FailingStore> failing;
    IngestReport report;
    {
      auto workspace = Workspace::Open(FastOptions(directory.path()), FailingAt(call, &failing));
      ASSERT_TRUE(workspace.ok());
      auto ingested = (*workspace)->Ingest(FixturePaths(), "test", nullptr);
      ASSERT_TRUE(ingested.ok());
      report = std::move(ingested).value();
    }
    RunWorkers(directory.path(), 0);  // the store works again: the workers finish what is due
    ExpectNothingLost(directory.path(), report, call, failing->failed_call());
  }
}

// The disk of the originals full: every file is refused with an error that
// names the file and the full disk, nothing is half-stored (no document
// without its original, no read job for nothing), and once space is freed the
// same files are stored and read, and the data directory is consistent.
TEST(WorkspaceFaultsTest, IngestOnAFullDiskRefusesNamingItAndGoesOnOnceSpaceIsFreed) {
  TestDirectory directory;
  MemoryFileSystem disk;
  Environment environment = FailingAt(0, nullptr);
  environment.file_system = &disk;
  auto workspace = Workspace::Open(FastOptions(directory.path()), environment);
  ASSERT_TRUE(workspace.ok()) << workspace.status().ToString();
  // The files to take in are on the same disk, which they fill to its last byte.
  int64_t files = 0;
  for (const std::string& path : FixturePaths()) {
    auto bytes = DefaultFileSystem()->ReadFile(path, 1 << 30);
    ASSERT_TRUE(bytes.ok());
    ASSERT_TRUE(disk.CreateDirectories(path.substr(0, path.rfind('/'))).ok());
    disk.AddFile(path, *bytes);
    files += static_cast<int64_t>(bytes->size());
  }
  disk.SetCapacity(files);

  auto full = (*workspace)->Ingest(FixturePaths(), "test", nullptr);
  ASSERT_TRUE(full.ok()) << full.status().ToString();
  for (const IngestedFile& file : full->files) {
    EXPECT_EQ(file.outcome, IngestOutcome::kRefused) << file.path;
    EXPECT_NE(file.error.find(file.path), std::string::npos) << file.error;
    EXPECT_NE(file.error.find(kNoSpace), std::string::npos) << file.error;
  }
  auto documents = (*workspace)->ListDocuments(DocumentQuery{});
  ASSERT_TRUE(documents.ok());
  EXPECT_TRUE(documents->empty());

  disk.SetCapacity(-1);
  auto freed = (*workspace)->Ingest(FixturePaths(), "test", nullptr);
  ASSERT_TRUE(freed.ok());
  EXPECT_EQ(freed->stored(), static_cast<int>(kFixtures.size()));
  documents = (*workspace)->ListDocuments(DocumentQuery{});
  ASSERT_TRUE(documents.ok());
  ASSERT_EQ(documents->size(), kFixtures.size());
  for (const DocumentRecord& document : *documents)
    EXPECT_EQ(document.status, DocumentStatus::kProcessed) << document.original_name << ": " << document.error;
  WorkspaceServices& services = (*workspace)->services();
  DataDirectoryCheck check(directory.path(), &disk, services.accounts(), services.clock());
  auto report = check.Run();
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->problems.empty()) << ::testing::PrintToString(report->problems);
}

TEST(WorkspaceFaultsTest, WorkersSurviveTheStoreFailingAtAnyCall) {
  for (int call = 1; call <= 40; ++call) {
    TestDirectory directory;
    IngestReport report;
    {
      auto workspace = Workspace::Open(FastOptions(directory.path()), FailingAt(0, nullptr));
      ASSERT_TRUE(workspace.ok());
      auto queued = (*workspace)->Queue(FixturePaths(), "test", nullptr);
      ASSERT_TRUE(queued.ok());
      ASSERT_EQ(queued->stored(), 3);
      report = std::move(queued).value();
    }
    RunWorkers(directory.path(), call);  // one call of the workers fails
    RunWorkers(directory.path(), 0);
    ExpectNothingLost(directory.path(), report, call, "");
  }
}

}  // namespace
}  // namespace quai
