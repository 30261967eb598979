#include "pipeline/job_runner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "fixtures/fixtures.h"
#include "pipeline/pipeline_store_test.h"
#include "pipeline/stages.h"

namespace quai {
namespace {

using testing::ReadFixture;

// An engine that takes its time, so a stop can arrive while a page is being read.
class SlowOcrEngine final : public OcrEngine {
 public:
  Result<PageOrientation> DetectOrientation(const PageImage&) override { return PageOrientation{}; }
  Result<std::vector<OcrWord>> Recognize(const PageImage&, int) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return std::vector<OcrWord>{OcrWord{"scanned", 10, 10, 90, 30, 0.9, 0, 0}};
  }
};

class JobRunnerTest : public PipelineStoreTest {
 protected:
  void SetUp() override {
    PipelineStoreTest::SetUp();
    context_.options.jobs = 1;
    context_.file_system = DefaultFileSystem();
    context_.blob_store = blob_store_.get();
    context_.repository = repository_.get();
  }

  // An upload: the intake stage alone, on this thread. Returns the new document's id.
  int64_t Receive(const std::string& fixture) {
    DocumentJob job;
    job.path = fixture;
    job.report.path = fixture;
    job.bytes = std::make_shared<const std::string>(ReadFixture(fixture));
    RunIntakeOnly(context_, job);
    EXPECT_EQ(job.report.outcome, IngestOutcome::kStored) << job.report.error;
    return job.report.document_id;
  }

  DocumentStatus StatusOf(int64_t id) {
    auto found = repository_->FindDocument(id);
    return found.ok() && found->has_value() ? (*found)->status : DocumentStatus::kRefused;
  }

  static OcrEngineFactory Slow() {
    return []() -> Result<std::unique_ptr<OcrEngine>> { return std::unique_ptr<OcrEngine>(new SlowOcrEngine); };
  }

  // The dead worker coming back: its finish is refused, changing nothing.
  StatusCode FailedPreconditionOfLateFinish() {
    JobFilter filter;
    filter.kind = JobKind::kRead;
    auto jobs = repository_->ListJobs(filter);
    if (!jobs.ok() || jobs->empty()) return StatusCode::kInternal;
    auto failed = repository_->FailJob(jobs->front().id, "dead-worker", "late", std::chrono::milliseconds(0), false);
    return failed.ok() ? StatusCode::kOk : failed.status().code();
  }

  PipelineContext context_;
};

JobRunnerOptions Fast(int readers) {
  JobRunnerOptions options;
  options.readers = readers;
  options.poll = std::chrono::milliseconds(20);
  options.lease = std::chrono::milliseconds(3000);
  return options;
}

TEST_F(JobRunnerTest, ReceivedDocumentsAreQueuedInTheStoreAndReadOnce) {
  int64_t text = Receive("text-layer.pdf");
  int64_t scan = Receive("two-pages-g4.tif");
  EXPECT_EQ(StatusOf(text), DocumentStatus::kReceived);
  auto counts = repository_->CountJobs();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->read.queued, 2);  // queued with the document, in its transaction
  JobRunner runner(context_, Slow(), nullptr, repository_.get(), Fast(2));
  for (int waited = 0; waited < 200 && !runner.idle(); ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  runner.Stop();
  EXPECT_EQ(StatusOf(text), DocumentStatus::kProcessed);
  EXPECT_EQ(StatusOf(scan), DocumentStatus::kProcessed);
  auto pages = repository_->LoadPages(scan);
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(pages->size(), 2u);
  JobFilter done;
  done.state = JobState::kDone;
  auto finished = repository_->ListJobs(done);
  ASSERT_TRUE(finished.ok());
  EXPECT_EQ(finished->size(), 2u);
  for (const JobRecord& job : *finished) EXPECT_EQ(job.attempts, 1) << job.document_id;
}

TEST_F(JobRunnerTest, StopFinishesTheDocumentBeingReadAndLeavesTheWaitingOnesQueued) {
  std::vector<int64_t> ids = {Receive("two-pages-g4.tif"), Receive("scan-200dpi.png"), Receive("upside-down.png")};
  JobRunner runner(context_, Slow(), nullptr, repository_.get(), Fast(1));
  for (int waited = 0; waited < 100; ++waited) {
    auto counts = repository_->CountJobs();
    if (counts.ok() && counts->read.running > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  runner.Stop();
  EXPECT_EQ(StatusOf(ids[0]), DocumentStatus::kProcessed);  // was being read: finished
  EXPECT_EQ(StatusOf(ids[1]), DocumentStatus::kReceived);   // waiting: left for any worker
  EXPECT_EQ(StatusOf(ids[2]), DocumentStatus::kReceived);
  auto counts = repository_->CountJobs();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->read.queued, 2);
  EXPECT_EQ(counts->read.running, 0);
}

TEST_F(JobRunnerTest, AJobOfAKilledWorkerIsTakenAgainWhenItsLeaseRunsOutAndReadOnce) {
  int64_t id = Receive("text-layer.pdf");
  // A worker claimed it, then died: nobody renews its lease.
  auto taken = repository_->ClaimNextJob({JobKind::kRead}, "dead-worker", std::chrono::milliseconds(300));
  ASSERT_TRUE(taken.ok() && taken->has_value());
  JobRunner runner(context_, Slow(), nullptr, repository_.get(), Fast(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(StatusOf(id), DocumentStatus::kReceived);  // the lease still holds
  for (int waited = 0; waited < 100 && StatusOf(id) != DocumentStatus::kProcessed; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  runner.Stop();
  EXPECT_EQ(StatusOf(id), DocumentStatus::kProcessed);
  auto job = repository_->FindJob((*taken)->id);
  ASSERT_TRUE(job.ok() && job->has_value());
  EXPECT_EQ((*job)->state, JobState::kDone);
  EXPECT_EQ((*job)->attempts, 2);
  EXPECT_EQ(FailedPreconditionOfLateFinish(), StatusCode::kFailedPrecondition);
}

TEST_F(JobRunnerTest, AnUploadOfStoredBytesIsADuplicateWhateverTheirState) {
  int64_t first = Receive("text-layer.pdf");
  context_.any_stored_is_duplicate = true;
  DocumentJob again;
  again.path = "again.pdf";
  again.bytes = std::make_shared<const std::string>(ReadFixture("text-layer.pdf"));
  RunIntakeOnly(context_, again);
  EXPECT_EQ(again.report.outcome, IngestOutcome::kDuplicate);
  EXPECT_EQ(again.report.document_id, first);
}

}  // namespace
}  // namespace quai
