#include "pipeline/page_reading.h"

#include <fstream>
#include <sstream>

#include "core/file_system.h"
#include "core/sha256.h"
#include "intake/type_sniffer.h"
#include "pipeline/batch_runner.h"
#include "pipeline/page_json.h"
#include "pipeline/stages.h"

namespace quai {

std::vector<DocumentPages> ReadPagesOfFiles(const std::vector<std::string>& paths, const Options& options,
                                            const std::string& cache_dir, const Extractor* einvoice_extractor,
                                            const SupplierKnowledge* knowledge) {
  std::vector<DocumentPages> results(paths.size());
  std::vector<std::string> to_read;
  std::vector<size_t> to_read_index;
  FileSystem* fs = DefaultFileSystem();
  for (size_t i = 0; i < paths.size(); ++i) {
    results[i].path = paths[i];
    if (!cache_dir.empty()) {
      auto bytes = fs->ReadFile(paths[i], options.limits.max_file_bytes);
      if (bytes.ok()) {
        results[i].sha256 = Sha256Hex(*bytes);
        results[i].media_type = SniffMediaType(*bytes);
        std::ifstream in(JoinPath(cache_dir, results[i].sha256 + ".pages.json"));
        if (in) {
          nlohmann::json cached = nlohmann::json::parse(in, nullptr, false);
          if (!cached.is_discarded() && PagesFromJson(cached, &results[i].pages)) continue;
        }
      }
    }
    to_read.push_back(paths[i]);
    to_read_index.push_back(i);
  }
  if (to_read.empty()) return results;
  PipelineContext context;
  context.options = options;
  context.file_system = fs;
  context.extractor = einvoice_extractor;  // only the einvoice stage uses it here
  context.knowledge = knowledge;
  OcrOptions ocr = options.ocr;
  BatchRunner runner(context, [ocr] { return NewTesseractEngine(ocr); }, nullptr);
  auto jobs = runner.Run(to_read, "read", /*keep_pages=*/true, &PageReadingStages());
  if (!cache_dir.empty()) (void)fs->CreateDirectories(cache_dir);
  for (size_t k = 0; k < jobs.size(); ++k) {
    DocumentPages& result = results[to_read_index[k]];
    result.sha256 = jobs[k]->report.sha256;
    result.timings = jobs[k]->report.timings;
    result.media_type = jobs[k]->report.media_type;
    if (jobs[k]->report.outcome == IngestOutcome::kRefused) {
      result.error = jobs[k]->report.error;
      continue;
    }
    result.pages = std::move(jobs[k]->pages);
    result.einvoice = std::move(jobs[k]->extraction);
    if (!cache_dir.empty() && !result.sha256.empty()) {
      std::ofstream out(JoinPath(cache_dir, result.sha256 + ".pages.json"));
      out << PagesToJson(result.pages).dump();
    }
  }
  return results;
}

}  // namespace quai
