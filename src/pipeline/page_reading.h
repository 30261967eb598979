// Reads many files' pages at once with the ingest stages (intake, page text)
// spread over the worker threads, storing nothing. With a cache folder, pages
// already read are taken from <cache>/<sha256>.pages.json and new ones written
// there, so training and evaluation runs do not OCR the same scans again.
// The cache holds pages as the build that wrote it read them: clear it after a
// change to page preparation or OCR, or it will keep the old readings.
// Given models (`einvoice_extractor`), a document that carries its data (an XML
// e-invoice, a PDF with its invoice XML embedded) also gets the values the
// pipeline's einvoice stage gives it (pipeline/stages.h, PageReadingStages):
// not yet checked nor decided; not for pages taken from the cache.
// Blocking; thread-safe to call from one thread at a time.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "extract/extractor.h"
#include "quai/extraction.h"

#include "quai/options.h"
#include "quai/pipeline.h"
#include "quai/status.h"

namespace quai {

struct DocumentPages {
  std::string path;
  std::string sha256;
  MediaType media_type = MediaType::kUnknown;
  std::vector<Page> pages;
  std::string error;                 // non-empty when the file was refused
  std::vector<StageTiming> timings;  // empty when the pages came from the cache
  std::optional<Extraction> einvoice;  // the e-invoice's values (einvoice_extractor given)
};

std::vector<DocumentPages> ReadPagesOfFiles(const std::vector<std::string>& paths, const Options& options,
                                            const std::string& cache_dir, const Extractor* einvoice_extractor = nullptr,
                                            const SupplierKnowledge* knowledge = nullptr);

}  // namespace quai
