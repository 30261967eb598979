#include "pipeline/batch_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/memory_file_system.h"
#include "core/sha256.h"
#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "ocr/fake_ocr_engine.h"
#include "pipeline/pipeline_store_test.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using testing::FixturePath;

// A batch over real fixture files, a real SQLite store, originals in memory
// (so faults can be injected), and a fake OCR engine.
class BatchRunnerTest : public PipelineStoreTest {
 protected:

  std::vector<std::unique_ptr<DocumentJob>> Run(const std::vector<std::string>& names, int jobs = 2,
                                                Status ocr_status = Status::Ok()) {
    std::vector<std::string> paths;
    for (const auto& name : names) paths.push_back(FixturePath(name));
    PipelineContext context;
    context.options.jobs = jobs;
    context.file_system = DefaultFileSystem();
    context.blob_store = blob_store_.get();
    context.repository = repository_.get();
    BatchRunner runner(context,
                       [ocr_status]() -> Result<std::unique_ptr<OcrEngine>> {
                         auto engine = std::make_unique<FakeOcrEngine>();
                         engine->words = {OcrWord{"scanned", 10, 10, 90, 30, 0.9, 0, 0}};
                         engine->recognize_status = ocr_status;
                         return std::unique_ptr<OcrEngine>(std::move(engine));
                       },
                       nullptr);
    return runner.Run(paths, "test", false);
  }

};

TEST_F(BatchRunnerTest, StoresGoodFilesAndRefusesBadOnesEachWithItsCause) {
  auto jobs = Run({"text-layer.pdf", "empty.pdf", "not-a-pdf.pdf", "password-is-test.pdf", "two-pages-g4.tif",
                   "truncated.pdf", "bomb-30000x30000.png", "no-such-file.pdf"});
  ASSERT_EQ(jobs.size(), 8u);
  EXPECT_EQ(jobs[0]->report.outcome, IngestOutcome::kStored);
  EXPECT_EQ(jobs[0]->report.pages_from_text_layer, 1);
  EXPECT_EQ(jobs[4]->report.outcome, IngestOutcome::kStored);
  EXPECT_EQ(jobs[4]->report.pages_from_ocr, 2);
  const std::pair<int, const char*> refusals[] = {
      {1, "empty file"}, {2, "unsupported file type"}, {3, "password-protected"},
      {5, "truncated"},  {6, "megapixels"},            {7, "cannot be read"}};
  for (const auto& [index, cause] : refusals) {
    const IngestedFile& report = jobs[index]->report;
    EXPECT_EQ(report.outcome, IngestOutcome::kRefused) << report.path;
    EXPECT_NE(report.error.find(report.path), std::string::npos) << report.error;
    EXPECT_NE(report.error.find(cause), std::string::npos) << report.error;
  }
  // Stored documents have their pages; the encrypted one is kept as refused, with no pages.
  auto stored = repository_->LoadPages(jobs[4]->report.document_id);
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 2u);
  EXPECT_EQ((*stored)[1].words[0].text, "scanned");
  auto refused = repository_->FindDocument(jobs[3]->report.document_id);
  ASSERT_TRUE(refused.ok() && refused->has_value());
  EXPECT_EQ((*refused)->status, DocumentStatus::kRefused);
  EXPECT_TRUE(blob_store_->Contains((*refused)->sha256));
  // Cheap refusals store nothing.
  auto all = repository_->ListDocuments(DocumentFilter{});
  EXPECT_EQ(all->size(), 5u);  // text-layer, tif, password, truncated, bomb
}

TEST_F(BatchRunnerTest, SameFileTwiceIsOneDocument) {
  auto first = Run({"text-layer.pdf", "text-layer.pdf"});
  int stored = 0, duplicates = 0;
  for (auto& job : first) {
    stored += job->report.outcome == IngestOutcome::kStored;
    duplicates += job->report.outcome == IngestOutcome::kDuplicate;
  }
  EXPECT_EQ(stored, 1);
  EXPECT_EQ(duplicates, 1);
  auto again = Run({"text-layer.pdf"});
  EXPECT_EQ(again[0]->report.outcome, IngestOutcome::kDuplicate);
  EXPECT_EQ(again[0]->report.document_id, first[0]->report.document_id + first[1]->report.document_id -
                                              (first[0]->report.outcome == IngestOutcome::kDuplicate
                                                   ? first[0]->report.document_id
                                                   : first[1]->report.document_id));
  EXPECT_EQ(repository_->ListDocuments(DocumentFilter{})->size(), 1u);
}

TEST_F(BatchRunnerTest, PageFailureRefusesWholeDocumentAndKeepsOriginal) {
  auto jobs = Run({"two-pages-g4.tif"}, 2, Status::LimitExceeded("OCR took longer than 120 s"));
  const IngestedFile& report = jobs[0]->report;
  EXPECT_EQ(report.outcome, IngestOutcome::kRefused);
  EXPECT_NE(report.error.find("OCR took longer"), std::string::npos) << report.error;
  auto record = repository_->FindDocument(report.document_id);
  EXPECT_EQ((*record)->status, DocumentStatus::kRefused);
  EXPECT_TRUE(repository_->LoadPages(report.document_id)->empty());
  EXPECT_TRUE(blob_store_->Contains(report.sha256));
}

TEST_F(BatchRunnerTest, FailedOriginalWriteStoresNothing) {
  blob_fs_.FailAfter(0);
  auto jobs = Run({"text-layer.pdf"});
  EXPECT_EQ(jobs[0]->report.outcome, IngestOutcome::kRefused);
  EXPECT_NE(jobs[0]->report.error.find("cannot store the original"), std::string::npos);
  EXPECT_TRUE(repository_->ListDocuments(DocumentFilter{})->empty());
}

TEST_F(BatchRunnerTest, InterruptedDocumentIsCompletedByNextIngest) {
  // As after a crash between storing the original and storing its pages.
  std::string bytes = testing::ReadFixture("three-pages.pdf");
  DocumentRecord record;
  record.sha256 = Sha256Hex(bytes);
  record.original_name = "three-pages.pdf";
  record.source = "test";
  record.media_type = MediaType::kPdf;
  record.size_bytes = static_cast<int64_t>(bytes.size());
  auto id = repository_->AddDocument(record);
  ASSERT_TRUE(id.ok());
  auto jobs = Run({"three-pages.pdf"}, 1);
  EXPECT_EQ(jobs[0]->report.outcome, IngestOutcome::kStored);
  EXPECT_EQ(jobs[0]->report.document_id, *id);
  EXPECT_EQ(repository_->LoadPages(*id)->size(), 3u);
}

TEST_F(BatchRunnerTest, ManyPagesOverManyWorkersKeepTheirOrder) {
  auto jobs = Run({"three-pages.pdf", "two-pages-g4.tif", "mixed-text-and-scan.pdf"}, 4);
  for (auto& job : jobs) {
    ASSERT_EQ(job->report.outcome, IngestOutcome::kStored) << job->report.error;
    auto pages = repository_->LoadPages(job->report.document_id);
    for (size_t i = 0; i < pages->size(); ++i) EXPECT_EQ((*pages)[i].number, static_cast<int>(i + 1));
  }
  auto pages = repository_->LoadPages(jobs[0]->report.document_id);
  ASSERT_EQ(pages->size(), 3u);
  std::string last_word = (*pages)[2].words.back().text;
  EXPECT_EQ(last_word, "3");  // "... page 3" on the third page
}

}  // namespace
}  // namespace quai
