#include "pipeline/reading_queue.h"

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

class ReadingQueueTest : public PipelineStoreTest {
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

  PipelineContext context_;
};

TEST_F(ReadingQueueTest, ReceivedDocumentsAreStoredBeforeReadingAndThenRead) {
  int64_t text = Receive("text-layer.pdf");
  int64_t scan = Receive("two-pages-g4.tif");
  EXPECT_EQ(StatusOf(text), DocumentStatus::kReceived);
  ReadingQueue queue(context_, Slow(), nullptr, 2);
  queue.Add(text);
  queue.Add(scan);
  queue.Add(scan);  // already queued: read once
  for (int waited = 0; waited < 100 && (queue.counts().waiting + queue.counts().processing) > 0; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  queue.Stop();
  EXPECT_EQ(StatusOf(text), DocumentStatus::kProcessed);
  EXPECT_EQ(StatusOf(scan), DocumentStatus::kProcessed);
  auto pages = repository_->LoadPages(scan);
  ASSERT_TRUE(pages.ok());
  EXPECT_EQ(pages->size(), 2u);
}

TEST_F(ReadingQueueTest, StopFinishesTheDocumentBeingReadAndLeavesTheWaitingOnesReceived) {
  std::vector<int64_t> ids = {Receive("two-pages-g4.tif"), Receive("scan-200dpi.png"), Receive("upside-down.png")};
  ReadingQueue queue(context_, Slow(), nullptr, 1);
  for (int64_t id : ids) queue.Add(id);
  for (int waited = 0; waited < 100 && queue.counts().processing == 0; ++waited)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  queue.Stop();
  EXPECT_EQ(StatusOf(ids[0]), DocumentStatus::kProcessed);  // was being read: finished
  EXPECT_EQ(StatusOf(ids[1]), DocumentStatus::kReceived);   // waiting: left for the next start
  EXPECT_EQ(StatusOf(ids[2]), DocumentStatus::kReceived);
  queue.Add(ids[1]);  // after Stop: ignored
  EXPECT_EQ(queue.counts().waiting, 0);
}

TEST_F(ReadingQueueTest, AnUploadOfStoredBytesIsADuplicateWhateverTheirState) {
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
