// Durability: `kill -9` of a real `quai ingest` at several moments leaves every
// document whole or not there, never half-stored; a second ingest completes
// the batch. Checks go through the same Workspace API the CLI uses.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "core/file_system.h"
#include "core/sha256.h"
#include "fixtures/fixtures.h"
#include "fixtures/test_directory.h"
#include "integration/quai_process.h"
#include "quai/workspace.h"

namespace quai::testing {
namespace {

namespace fs = std::filesystem;

const char* const kBatch[] = {"text-layer.pdf",   "scan-200dpi.png",         "three-pages.pdf",
                              "two-pages-g4.tif", "mixed-text-and-scan.pdf", "image-only.pdf",
                              "scan-200dpi.jpg",  "upside-down.png"};

// Every recorded document has its original, intact; a processed one has all
// its pages with words; one that is not processed has no pages at all.
void ExpectNothingHalfStored(const std::string& data_dir, int* processed) {
  Options options;
  options.data_dir = data_dir;
  auto workspace = Workspace::Open(options);
  ASSERT_TRUE(workspace.ok()) << workspace.status().message();
  auto documents = (*workspace)->ListDocuments(DocumentQuery{std::nullopt, 1000, 0});
  ASSERT_TRUE(documents.ok());
  *processed = 0;
  for (const DocumentRecord& record : *documents) {
    std::string blob = data_dir + "/originals/" + record.sha256.substr(0, 2) + "/" + record.sha256;
    auto bytes = DefaultFileSystem()->ReadFile(blob, 1 << 30);
    ASSERT_TRUE(bytes.ok()) << "original of " << record.original_name << " lost";
    EXPECT_EQ(Sha256Hex(*bytes), record.sha256) << record.original_name;
    auto pages = (*workspace)->LoadPages(record.id);
    ASSERT_TRUE(pages.ok());
    if (record.status == DocumentStatus::kProcessed) {
      ++*processed;
      EXPECT_EQ(static_cast<int>(pages->size()), record.page_count) << record.original_name;
      for (const Page& page : *pages) EXPECT_FALSE(page.words.empty()) << record.original_name;
    } else {
      EXPECT_TRUE(pages->empty()) << record.original_name << " is " << DocumentStatusName(record.status);
    }
  }
  // No original is stored under a name that is not its hash (a partial write).
  for (const auto& entry : fs::recursive_directory_iterator(data_dir + "/originals")) {
    if (!entry.is_regular_file()) continue;
    auto bytes = DefaultFileSystem()->ReadFile(entry.path().string(), 1 << 30);
    ASSERT_TRUE(bytes.ok());
    EXPECT_EQ(Sha256Hex(*bytes), entry.path().filename().string());
  }
}

TEST(KillDuringIngest, LeavesWholeDocumentsOrNothingAndResumes) {
  TestDirectory directory;
  std::string batch = directory.File("batch");
  fs::create_directories(batch);
  for (const char* name : kBatch) fs::copy_file(FixturePath(name), batch + "/" + name);
  std::string data = directory.File("data");
  std::string out = directory.File("out.txt"), err = directory.File("err.txt");

  // Kill at growing delays: during intake, during OCR, between documents.
  int processed_before = 0;
  for (int delay_ms : {150, 400, 900, 1500, 2500, 4000}) {
    pid_t pid = StartQuai({"ingest", batch, "--data", data, "--jobs", "2"}, out, err);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(pid, SIGKILL);
    ProcessResult killed = WaitForQuai(pid, out, err);
    int processed = 0;
    ExpectNothingHalfStored(data, &processed);
    if (HasFatalFailure()) return;
    EXPECT_GE(processed, processed_before) << "a processed document was lost";
    processed_before = processed;
  }
  ProcessResult finished = RunQuai({"ingest", batch, "--data", data, "--jobs", "2"}, directory.path());
  EXPECT_EQ(finished.exit_code, 0) << finished.out << finished.err;
  int processed = 0;
  ExpectNothingHalfStored(data, &processed);
  EXPECT_EQ(processed, static_cast<int>(std::size(kBatch)));
}

}  // namespace
}  // namespace quai::testing
