// Workspace: one opened data directory (database plus stored originals) and the
// pipeline that fills it. This is the entry point for the CLI and the server.
// Thread safety: Ingest and the other CLI calls from one thread at a time
// (Ingest runs its own worker threads). The server's calls — Receive,
// QueueForReading, reading_counts, FindDocument, LoadPages, LoadPage, ReadOriginal, OriginalPath — may
// be made from any thread once StartReading has returned. The Workspace owns
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

struct DocumentQuery {
  std::optional<DocumentStatus> status;
  int limit = 100;
  int offset = 0;
};

class Workspace {
 public:
  // Opens (creating if needed) the data directory named by options.data_dir.
  static Result<std::unique_ptr<Workspace>> Open(const Options& options);
  ~Workspace();
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

  // Stores each file's original durably, then reads its pages. A refused file
  // does not stop the others. `source` records where the files came from.
  Result<IngestReport> Ingest(const std::vector<std::string>& paths, const std::string& source,
                              IngestObserver* observer);

  // The server's two halves of Ingest. Receive takes in one file given as
  // bytes (an upload) with the intake stage alone: type sniffed, original
  // stored durably, document recorded `received` and checked to open within
  // the limits, all before it returns (outcome kStored), or a duplicate, or
  // refused with a cause naming `name`. Its pages are read later by the
  // background readers, to which a stored document is handed at once.
  Result<IngestedFile> Receive(const std::string& name, std::string bytes, const std::string& source);
  // Starts Options::jobs background readers (0 = one per core) and queues every
  // document still `received` in the store, oldest first: nothing accepted
  // before a stop or a crash is lost. Loads the models.
  Status StartReading(IngestObserver* observer);
  // Queues a received document for the readers (no-op if already queued).
  void QueueForReading(int64_t document_id);
  // Documents waiting for a reader and being read now.
  struct ReadingCounts {
    int waiting = 0;
    int processing = 0;
  };
  ReadingCounts reading_counts() const;
  // Stops the readers: documents being read are finished and stored; the
  // waiting ones stay `received` for the next StartReading. Idempotent.
  void StopReading();
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

 private:
  friend struct WorkspaceInternals;  // src/pipeline/workspace_internals.h: the store, for in-process services
  struct Impl;
  explicit Workspace(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads one file's pages and words with the same intake and page-text stages
// as Ingest, storing nothing (`quai ocr`).
Result<DocumentText> ReadDocumentText(const std::string& path, const Options& options);

// Expands files and directories (recursively, sorted, hidden entries skipped)
// into the list of files to ingest.
Result<std::vector<std::string>> CollectInputFiles(const std::vector<std::string>& paths);

}  // namespace quai
