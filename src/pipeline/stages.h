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

// intake → page_text → einvoice → classify → extract → check → decide → store (`quai
// ingest`: files read from paths). einvoice fills the values of a document
// that carries them (an XML e-invoice, a Factur-X PDF); classify and extract
// then skip it.
const std::vector<Stage>& IngestStages();
// intake → page_text → einvoice → store, without a repository (ReadPagesOfFiles:
// `quai extract`, eval, training): each file's pages and, given models, the
// values of a document that carries them, read by the very einvoice stage the
// pipeline runs, so `quai extract` and `quai ingest` agree on an e-invoice.
const std::vector<Stage>& PageReadingStages();
// reopen → page_text → einvoice → classify → extract → check → decide → store: reads documents already received
// (job.report.document_id set), their originals taken from the blob store.
const std::vector<Stage>& ReadStages();
// The intake stage alone, on the caller's thread (an upload; `job.bytes` may
// already hold the file): on return the original is stored and the document
// recorded `received` (outcome kStored, document_id set), or it is a duplicate,
// or it was refused. Refusals after storing mark the document refused.
void RunIntakeOnly(const PipelineContext& context, DocumentJob& job);

}  // namespace quai
