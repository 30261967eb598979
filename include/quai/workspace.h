// Workspace: one opened data directory (database plus stored originals) and the
// pipeline that fills it. This is the entry point for the CLI and the server.
// Thread safety: Ingest and the other CLI calls from one thread at a time
// (Ingest runs its own worker threads). The server's calls — Receive,
// reading_counts, FindDocument, LoadPages, LoadPage, ReadOriginal, OriginalPath — may
// be made from any thread once StartWorkers has returned. The Workspace owns
// its store and engines; results are returned by value.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quai/document.h"
#include "quai/options.h"
#include "quai/pipeline.h"
#include "quai/status.h"

namespace quai {

class WorkspaceServices;  // src/pipeline/workspace_services.h (internal)
struct Environment;       // src/pipeline/environment.h (internal)

struct DocumentQuery {
  std::optional<DocumentStatus> status;
  int limit = 100;
  int offset = 0;
};

class Workspace {
 public:
  // Opens (creating if needed) the data directory named by options.data_dir.
  static Result<std::unique_ptr<Workspace>> Open(const Options& options);
  // The same with what it gets from the world injected (file system, clock,
  // stores, OCR engines: src/pipeline/environment.h), for tests.
  static Result<std::unique_ptr<Workspace>> Open(const Options& options, const Environment& environment);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // Stores each file's original durably, then reads its pages. A refused file
  // does not stop the others. `source` records where the files came from.
  Result<IngestReport> Ingest(const std::vector<std::string>& paths, const std::string& source,
                              IngestObserver* observer);

  // `quai ingest --queue-only`: stores each file's original durably and
  // queues its read job, reading nothing (workers read them). Refusals and
  // duplicates as in Ingest; the report's stored files have no pages yet.
  Result<IngestReport> Queue(const std::vector<std::string>& paths, const std::string& source,
                             IngestObserver* observer);
  // Receive takes in one file given as bytes (an upload, a queued ingest)
  // with the intake stage alone: type sniffed, original stored durably,
  // document recorded `received` with its read job queued, and checked to
  // open within the limits, all before it returns (outcome kStored), or a
  // duplicate, or refused with a cause naming `name`. Its pages are read by
  // whichever worker claims the job (this process's, or another's).
  // `origin_json`: what a watched source knows of the file (DocumentRecord::origin_json).
  Result<IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source,
                               const std::string& origin_json = "");
  // Starts this process's workers on the durable job queue: Options::jobs
  // readers (0 = one per core) and one thread each for learning and
  // retraining, plus the model keeper (follows the registry's active models,
  // queues retraining every `retrain_every` when `retrain_min_examples` new
  // validations wait; zero interval: never). Everything queued before — by
  // this or another process, before a stop, a crash or a kill — is found in
  // the store. Loads the models.
  struct WorkerSettings {
    double retrain_hours = 24;
    int retrain_min_examples = 20;
    double erp_sync_minutes = 15;  // how often the ERP's master data is synced (0: only on demand)
  };
  Status StartWorkers(IngestObserver* observer, const WorkerSettings& settings);
  // Read jobs waiting and being worked, across every process.
  struct ReadingCounts {
    int waiting = 0;
    int processing = 0;
  };
  ReadingCounts reading_counts() const;
  // True when this process's workers last found nothing to do and hold no job.
  bool workers_idle() const;
  // Tells this process's export threads to look for exports now rather than
  // at their next poll (the ones a validation just queued).
  void WakeExporters();
  // Stops the workers: jobs in hand are finished and stored; the waiting ones
  // stay queued for any worker. Idempotent.
  void StopWorkers();
  // A stored original's bytes.
  Result<std::string> ReadOriginal(const DocumentRecord& document);
  // The file holding a stored original, for a server that streams it rather
  // than holding it in memory. NotFound when it is missing.
  Result<std::string> OriginalPath(const DocumentRecord& document);

  Result<std::vector<DocumentRecord>> ListDocuments(const DocumentQuery& query);
  // `reference` is a numeric id or a prefix (at least 6 hex digits) of the SHA-256.
  Result<DocumentRecord> FindDocument(const std::string& reference);
  Result<std::vector<Page>> LoadPages(int64_t document_id);
  // One page with its words; nullopt when there is no such page (yet).
  Result<std::optional<Page>> LoadPage(int64_t document_id, int number);
  const std::string& data_dir() const;
  // Why the last ingest stored documents without extraction (models missing or
  // broken); empty when they loaded.
  const std::string& extraction_problem() const;
  // The newest stored extraction of a document as JSON (the `quai extract` object), if any.
  Result<std::optional<std::string>> LatestExtractionJson(int64_t document_id);
  // What the data directory holds for services in the same process (stores
  // by concern, models, the learning loop): src/pipeline/workspace_services.h.
  WorkspaceServices& services() const;

 private:
  explicit Workspace(std::unique_ptr<WorkspaceServices> impl);
  std::unique_ptr<WorkspaceServices> impl_;
};

// Reads one file's pages and words with the same intake and page-text stages
// as Ingest, storing nothing (`quai ocr`).
Result<DocumentText> ReadDocumentText(const std::string& path, const Options& options);

// Expands files and directories (recursively, sorted, hidden entries skipped)
// into the list of files to ingest.
Result<std::vector<std::string>> CollectInputFiles(const std::vector<std::string>& paths);

}  // namespace quai
