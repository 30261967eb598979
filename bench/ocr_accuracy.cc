// ocr_accuracy DIR... : reads every document that has a docgen `<stem>.txt`
// beside it (storing nothing) and prints its character error rate against the
// printed text, then the total. Options mirror `quai`: --jobs, --dpi,
// --no-line-removal, --no-deskew, --no-orientation. The last line is JSON:
// {"documents": n, "characters": c, "errors": e, "cer": r, "pages": p, "seconds": s}.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/file_system.h"
#include "ocr/single_threaded_ocr.h"
#include "pipeline/batch_runner.h"
#include "quai/workspace.h"
#include "support/character_error_rate.h"

namespace {

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::string TruthPathFor(const std::string& path) {
  size_t dot = path.rfind('.');
  return (dot == std::string::npos ? path : path.substr(0, dot)) + ".txt";
}

}  // namespace

int main(int argc, char** argv) {
  quai::RequireSingleThreadedOcr(argv);
  quai::Options options;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--jobs" && i + 1 < argc) options.jobs = std::stoi(argv[++i]);
    else if (arg == "--dpi" && i + 1 < argc) options.preparation.render_dpi = std::stoi(argv[++i]);
    else if (arg == "--no-line-removal") options.preparation.remove_lines = false;
    else if (arg == "--no-deskew") options.preparation.deskew = false;
    else if (arg == "--no-orientation") options.preparation.detect_orientation = false;
    else inputs.push_back(arg);
  }
  auto files = quai::CollectInputFiles(inputs);
  if (!files.ok()) {
    std::fprintf(stderr, "ocr_accuracy: %s\n", files.status().message().c_str());
    return 2;
  }
  std::vector<std::string> documents;
  for (const auto& file : *files)
    if (quai::DefaultFileSystem()->Exists(TruthPathFor(file))) documents.push_back(file);

  quai::PipelineContext context;
  context.options = options;
  context.file_system = quai::DefaultFileSystem();
  quai::BatchRunner runner(context, [ocr = options.ocr] { return quai::NewTesseractEngine(ocr); }, nullptr);
  auto start = std::chrono::steady_clock::now();
  auto jobs = runner.Run(documents, "bench", /*keep_pages=*/true);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  quai::testing::ErrorCount total;
  int pages = 0, failed = 0;
  for (const auto& job : jobs) {
    if (job->report.outcome == quai::IngestOutcome::kRefused) {
      std::printf("%-40s refused: %s\n", job->path.c_str(), job->report.error.c_str());
      ++failed;
      continue;
    }
    std::vector<std::string> ocr_pages;
    for (const quai::Page& page : job->pages) {
      std::string text;
      for (const quai::Word& word : page.words) text += word.text + " ";
      ocr_pages.push_back(text);
    }
    pages += static_cast<int>(job->pages.size());
    auto printed = quai::testing::SplitPrintedText(ReadText(TruthPathFor(job->path)));
    auto count = quai::testing::CountCharacterErrors(printed, ocr_pages);
    total += count;
    std::printf("%-40s %5.2f%%  (%ld/%ld)\n", quai::BaseName(job->path).c_str(), 100 * count.rate(), count.errors,
                count.characters);
  }
  std::printf("TOTAL %d documents, %d pages: CER %.2f%% (%ld errors / %ld characters), %d refused, %.1f s\n",
              static_cast<int>(documents.size()), pages, 100 * total.rate(), total.errors, total.characters, failed,
              seconds);
  std::printf("{\"documents\": %zu, \"pages\": %d, \"characters\": %ld, \"errors\": %ld, \"cer\": %.5f, \"refused\": %d, "
              "\"seconds\": %.2f}\n",
              documents.size(), pages, total.characters, total.errors, total.rate(), failed, seconds);
  return failed > 0 ? 1 : 0;
}
