// Workspace: one opened data directory (database plus stored originals) and the
// pipeline that fills it. This is the entry point for the CLI and the server.
// Thread safety: one Workspace may be used from one thread at a time; Ingest
// runs its own worker threads internally. The Workspace owns its store and
// engines; results are returned by value.
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

  Result<std::vector<DocumentRecord>> ListDocuments(const DocumentQuery& query);
  // `reference` is a numeric id or a prefix (at least 6 hex digits) of the SHA-256.
  Result<DocumentRecord> FindDocument(const std::string& reference);
  Result<std::vector<Page>> LoadPages(int64_t document_id);
  const std::string& data_dir() const;
  // Why the last ingest stored documents without extraction (models missing or
  // broken); empty when they loaded.
  const std::string& extraction_problem() const;
  // The newest stored extraction of a document as JSON (the `quai extract` object), if any.
  Result<std::optional<std::string>> LatestExtractionJson(int64_t document_id);

 private:
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
