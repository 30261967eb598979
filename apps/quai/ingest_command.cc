// quai ingest FILE|DIR...: store originals and read their pages (or, with
// --queue-only, queue them for the workers).
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "commands.h"
#include "quai/workspace.h"

namespace quai::cli {
namespace {

// One line per file on stdout; a progress line on stderr when it is a terminal.
class ConsoleProgress final : public IngestObserver {
 public:
  explicit ConsoleProgress(bool quiet) : quiet_(quiet), terminal_(isatty(STDERR_FILENO) == 1) {}

  void OnPageDone(const std::string& path, int page, int page_count) override {
    if (!terminal_) return;
    ++pages_;
    std::fprintf(stderr, "\r\033[K%d files, %d pages read... %s page %d/%d", files_, pages_, path.c_str(), page,
                 page_count);
    std::fflush(stderr);
  }

  void OnFileDone(const IngestedFile& file, int done, int total) override {
    files_ = done;
    if (terminal_) std::fprintf(stderr, "\r\033[K");
    if (!quiet_ || file.outcome == IngestOutcome::kRefused) {
      switch (file.outcome) {
        case IngestOutcome::kStored:
          std::printf("[%d/%d] stored     #%lld %s: %d page%s (%d text layer, %d OCR)%s%s%s\n", done, total,
                      static_cast<long long>(file.document_id), file.path.c_str(),
                      file.pages_from_text_layer + file.pages_from_ocr,
                      file.pages_from_text_layer + file.pages_from_ocr == 1 ? "" : "s", file.pages_from_text_layer,
                      file.pages_from_ocr, file.document_type.empty() ? "" : ", read as ",
                      file.document_type.c_str(),
                      file.document_type.empty() ? "" : (file.review_required ? " (review)" : " (auto-accepted)"));
          break;
        case IngestOutcome::kDuplicate:
          std::printf("[%d/%d] duplicate  #%lld %s: already stored (same content)\n", done, total,
                      static_cast<long long>(file.document_id), file.path.c_str());
          break;
        case IngestOutcome::kRefused:
          std::printf("[%d/%d] refused    %s\n", done, total, file.error.c_str());
          break;
      }
    }
    std::fflush(stdout);
  }

 private:
  bool quiet_;
  bool terminal_;
  int files_ = 0;
  int pages_ = 0;
};

void PrintSummary(const IngestReport& report) {
  std::printf("\nSummary: %zu files: %d stored, %d duplicates, %d refused; pages read: %d from text layer, %d by OCR\n",
              report.files.size(), report.stored(), report.duplicates(), report.refused(),
              report.pages_from_text_layer(), report.pages_from_ocr());
  if (report.refused() > 0) {
    std::printf("Refused:\n");
    for (const auto& file : report.files)
      if (file.outcome == IngestOutcome::kRefused) std::printf("  %s\n", file.error.c_str());
  }
}

}  // namespace

CommandRunner AddIngestCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("ingest", "Store documents and read their pages (text layer or OCR)");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto source = std::make_shared<std::string>("cli");
  auto quiet = std::make_shared<bool>(false);
  command->add_option("paths", *paths, "Files or directories (searched recursively)")->required();
  command->add_option("--source", *source, "Where the documents came from, recorded with each (default: cli)");
  command->add_flag("--quiet,-q", *quiet, "Print only refusals and the summary");
  auto queue_only = std::make_shared<bool>(false);
  command->add_flag("--queue-only", *queue_only,
                    "Store the originals and queue them for `quai worker` (or `quai serve`) to read; read nothing here");
  AddCommonOptions(command, options);
  return [=]() -> int {
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    auto files = CollectInputFiles(*paths);
    if (!files.ok()) {
      std::cerr << "quai: " << files.status().message() << "\n";
      return kExitRefused;
    }
    ConsoleProgress progress(*quiet);
    auto report = *queue_only ? (*workspace)->Queue(*files, *source, &progress)
                              : (*workspace)->Ingest(*files, *source, &progress);
    if (!report.ok()) {
      std::cerr << "quai: " << report.status().message() << "\n";
      return kExitStorage;
    }
    PrintSummary(*report);
    if (!(*workspace)->extraction_problem().empty())
      std::fprintf(stderr, "quai: documents were stored without extraction: %s\n",
                   (*workspace)->extraction_problem().c_str());
    return report->refused() > 0 ? kExitRefused : kExitOk;
  };
}

}  // namespace quai::cli
