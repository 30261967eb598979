// DocumentJob: one input file on its way through the stages, and the context
// every stage may use. A job is touched by one thread at a time, except `pages`,
// whose slots are filled by different workers (each its own slot) during the
// page stage; the batch runner orders those writes before the next stage.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "check/erp_checks.h"
#include "extract/extractor.h"
#include "intake/blob_store.h"
#include "isolate/document_reader.h"
#include "isolate/reader_pool.h"
#include "quai/options.h"
#include "quai/pipeline.h"
#include "storage/job_store.h"
#include "storage/document_store.h"

namespace quai {

// The originals (by SHA-256) that a job of this process is working on, so the
// same bytes given twice at once become one document and one duplicate.
class DocumentsInProgress {
 public:
  // False when another job already holds `sha256`.
  bool Claim(const std::string& sha256) {
    std::lock_guard<std::mutex> lock(mutex_);
    return claimed_.insert(sha256).second;
  }

 private:
  std::mutex mutex_;
  std::set<std::string> claimed_;  // guarded by mutex_; kept for the batch's lifetime
};

// What the stages share: options and, when documents are stored, the store.
// In a dry run (`quai ocr`) blob_store and repository are null.
struct PipelineContext {
  Options options;
  FileSystem* file_system = nullptr;
  BlobStore* blob_store = nullptr;
  DocumentStore* repository = nullptr;
  // Reads document types, fields and line items; null when no models are loaded
  // (documents are then stored with their pages only, for people to read).
  const Extractor* extractor = nullptr;
  // When set, the models to read with now (they may be replaced while the
  // server runs); `extractor` otherwise.
  std::function<std::shared_ptr<const Extractor>()> current_extractor;
  // What the data directory's validated documents taught (suppliers, layout
  // memory); null to read without it.
  const SupplierKnowledge* knowledge = nullptr;
  // Told of every extraction stored (the learning loop counts the supplier's
  // documents and watches confidences); may be empty.
  std::function<void(int64_t document_id, const Extraction&)> on_extracted;
  // An upload: bytes already stored are a duplicate whatever the document's
  // state. (`quai ingest` instead reads again a document a crash left
  // `received` or that was refused under other limits; the server's readers
  // pick up `received` documents themselves.)
  bool any_stored_is_duplicate = false;
  // The job queue. With `read_holder` set (`quai ingest`, reading in this
  // process), intake claims each document's read job for that holder, whose
  // leases someone renews, so no worker reads the document at the same time.
  JobStore* jobs = nullptr;
  // The ERP cross-checks of the check stage (null: no ERP connected) and the
  // day they judge dates by (YYYY-MM-DD).
  const ErpChecks* erp = nullptr;
  std::function<std::string()> today;
  std::string read_holder;
  // Readers for the intake stage run alone (RunIntakeOnly: uploads), kept
  // between calls; null: a new reader each time.
  std::shared_ptr<ReaderPool> readers;
  std::chrono::milliseconds read_lease{30'000};
  std::shared_ptr<DocumentsInProgress> in_progress = std::make_shared<DocumentsInProgress>();
};

struct DocumentJob {
  int sequence = 0;            // position in the batch; also names the job in worker caches
  std::string path;
  std::string source;
  std::string origin_json;  // DocumentRecord::origin_json
  // The original, held while the job runs; shared with the worker caches whose
  // open documents read from it.
  std::shared_ptr<const std::string> bytes;
  int page_count = 0;
  std::vector<Page> pages;     // one slot per page
  std::vector<std::string> page_errors;
  // One slot per page, like page_errors: why the file holds the page in no
  // form the library can build. Such a page is stored empty, with a blocking
  // page_unreadable finding, while the other pages are read.
  std::vector<std::string> unreadable_pages;
  // The models this document is read with, taken by the classify stage so that
  // every later stage uses the same ones (the server may switch models
  // meanwhile); null when none are loaded. `models` keeps them alive when they
  // came from PipelineContext::current_extractor.
  const Extractor* extractor = nullptr;
  std::shared_ptr<const Extractor> models;
  std::optional<TypePrediction> type;
  std::optional<Extraction> extraction;
  bool finished = false;       // set by a stage that ends the job early (refused, duplicate)
  // The refusal is the store's or the file system's passing failure, not the
  // document's: its read job is tried again later rather than refusing it.
  bool retry_later = false;
  IngestedFile report;
};

// What a worker thread keeps between tasks: its document reader (with its OCR
// engine, in its child process when isolated) and which job's file it has
// open, so consecutive pages of one file parse it once.
struct WorkerState {
  std::unique_ptr<DocumentReader> reader;
  int open_sequence = -1;
};

}  // namespace quai
