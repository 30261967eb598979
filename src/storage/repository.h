// Repository: everything quai keeps about documents, behind one interface so
// the embedded SQLite store (sqlite/) and a PostgreSQL one can stand in for each
// other. Implementations are thread-safe: any method may be called from any
// worker thread. Each method is one transaction: it happens whole or not at all.
// Originals themselves live in the BlobStore, not here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quai/document.h"
#include "quai/status.h"

namespace quai {

struct DocumentFilter {
  std::optional<DocumentStatus> status;
  int limit = 100;   // at most this many, newest first
  int offset = 0;
};

class Repository {
 public:
  virtual ~Repository() = default;

  // Records a newly received original (status received, no pages). `record.id`
  // is ignored; the new id is returned. AlreadyExists if the SHA-256 is known.
  virtual Result<int64_t> AddDocument(const DocumentRecord& record) = 0;
  virtual Result<std::optional<DocumentRecord>> FindDocumentBySha256(const std::string& sha256) = 0;
  // Documents whose SHA-256 starts with `prefix` (at most `limit`).
  virtual Result<std::vector<DocumentRecord>> FindDocumentsBySha256Prefix(const std::string& prefix,
                                                                        int limit) = 0;
  virtual Result<std::optional<DocumentRecord>> FindDocument(int64_t id) = 0;
  virtual Result<std::vector<DocumentRecord>> ListDocuments(const DocumentFilter& filter) = 0;

  // Replaces the document's pages and words, sets page_count and status
  // processed, clears error — all in one transaction.
  virtual Status SavePages(int64_t document_id, const std::vector<Page>& pages) = 0;
  // Sets status refused with the cause; removes any pages.
  virtual Status MarkRefused(int64_t document_id, const std::string& error) = 0;
  // Pages in order, each with its words in reading order.
  virtual Result<std::vector<Page>> LoadPages(int64_t document_id) = 0;
};

}  // namespace quai
