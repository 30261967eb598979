// BatchRunner: runs a batch of files through IngestStages() on a pool of worker
// threads. Document stages run once per file; page stages fan out so the pages
// of one file, and of several files, are read in parallel (`Options::jobs`).
// At most a few files are held in memory at once. Each worker owns its
// PageReader (and so its OCR engine). Run() blocks until the batch is done;
// observer calls are serialised.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "pipeline/document_job.h"

namespace quai {

struct Stage;

class BatchRunner {
 public:
  BatchRunner(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer);

  // Returns the jobs in input order. When `keep_pages` is false, each job's
  // bytes and pages are released as soon as it is finished. `stages`: null
  // for IngestStages(), else a list of pipeline/stages.h that outlives the call.
  std::vector<std::unique_ptr<DocumentJob>> Run(const std::vector<std::string>& paths, const std::string& source,
                                                bool keep_pages, const std::vector<Stage>* stages = nullptr);

 private:
  PipelineContext context_;
  OcrEngineFactory engine_factory_;
  IngestObserver* observer_;
};

// The number of worker threads for `jobs` (0 = one per core).
int WorkerCount(int jobs);

}  // namespace quai
