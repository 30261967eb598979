// The ingest flow as one ordered list of stages. A document stage runs once per
// file; a page stage runs once per page, pages spread over the worker threads.
// Each stage is timed by the runner. A stage that ends a job early (a refusal,
// a duplicate) sets job->finished; later stages are skipped.
#pragma once

#include <vector>

#include "pipeline/document_job.h"

namespace quai {

enum class StageScope { kDocument, kPage };

struct Stage {
  const char* name;
  StageScope scope;
  // For page stages `page` is the page index; -1 for document stages.
  void (*run)(const PipelineContext& context, WorkerState& worker, DocumentJob& job, int page);
};

// intake → page_text → extract → store
const std::vector<Stage>& IngestStages();

}  // namespace quai
