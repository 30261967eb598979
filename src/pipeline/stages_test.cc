#include "pipeline/stages.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/memory_file_system.h"
#include "pipeline/document_job.h"

namespace quai {
namespace {

std::vector<std::string> Names(const std::vector<Stage>& stages) {
  std::vector<std::string> names;
  for (const Stage& stage : stages) names.emplace_back(stage.name);
  return names;
}

TEST(Stages, ADocumentIsReadInOneOrderWhicheverDoorItCameInBy) {
  const std::vector<std::string> reading = {"page_text", "einvoice", "classify", "extract", "check", "decide", "store"};
  std::vector<std::string> ingest = {"intake"}, read = {"reopen"};
  ingest.insert(ingest.end(), reading.begin(), reading.end());
  read.insert(read.end(), reading.begin(), reading.end());
  EXPECT_EQ(Names(IngestStages()), ingest);
  EXPECT_EQ(Names(ReadStages()), read);
  EXPECT_EQ(Names(PageReadingStages()), (std::vector<std::string>{"intake", "page_text", "einvoice", "store"}));
  for (const Stage& stage : IngestStages())
    EXPECT_EQ(stage.scope, std::string(stage.name) == "page_text" ? StageScope::kPage : StageScope::kDocument)
        << stage.name;
}

// The intake stage alone on a file of the in-memory file system; nothing is stored (no repository).
IngestedFile IntakeOf(MemoryFileSystem* file_system, const std::string& path, IntakeLimits limits = {}) {
  PipelineContext context;
  context.file_system = file_system;
  context.options.limits = limits;
  DocumentJob job;
  job.path = path;
  job.report.path = path;
  RunIntakeOnly(context, job);
  return job.report;
}

TEST(Stages, IntakeNamesAFifoForWhatItIsNotAnEmptyFile) {
  MemoryFileSystem file_system;
  file_system.AddSpecialFile("/inbox/scanner.pipe", FileKind::kFifo);
  IngestedFile report = IntakeOf(&file_system, "/inbox/scanner.pipe");
  EXPECT_EQ(report.outcome, IngestOutcome::kRefused);
  EXPECT_EQ(report.error, "/inbox/scanner.pipe: not a regular file (a FIFO (named pipe))");
  file_system.AddSpecialFile("/inbox/tty", FileKind::kCharacterDevice);
  EXPECT_NE(IntakeOf(&file_system, "/inbox/tty").error.find("not a regular file (a character device)"),
            std::string::npos);
}

TEST(Stages, IntakeShowsHowFarAFileIsOverTheSizeLimit) {
  MemoryFileSystem file_system;
  IntakeLimits limits;
  limits.max_file_bytes = 10 * 1024 * 1024;
  file_system.AddFile("/inbox/big.pdf", std::string(10 * 1024 * 1024 + 512 * 1024, 'x'));
  EXPECT_EQ(IntakeOf(&file_system, "/inbox/big.pdf", limits).error,
            "/inbox/big.pdf: file is 10.5 MiB, over the limit of 10.0 MiB");
  // A few bytes over: both would read 10.0 MiB, so bytes are shown.
  file_system.AddFile("/inbox/just-over.pdf", std::string(10 * 1024 * 1024 + 3, 'x'));
  EXPECT_EQ(IntakeOf(&file_system, "/inbox/just-over.pdf", limits).error,
            "/inbox/just-over.pdf: file is 10485763 bytes, over the limit of 10485760 bytes");
}

}  // namespace
}  // namespace quai
