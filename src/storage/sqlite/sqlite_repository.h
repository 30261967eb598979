// SqliteRepository: the Repository kept in one embedded SQLite file (WAL mode,
// synchronous FULL: a call that returned ok survives a power cut). Opening
// brings the schema up to date (migrations.h) and refuses a file written by a
// newer quai. Thread-safe: one connection behind a mutex, so calls from
// worker threads run one at a time, each as one IMMEDIATE transaction; other
// processes may share the file (they wait up to 10 s for the write lock).
// Timestamps come from the injected Clock, which must outlive the repository.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "quai/document.h"
#include "quai/status.h"
#include "storage/repository.h"

namespace quai {

class SqliteConnection;

class SqliteRepository final : public Repository {
 public:
  // Opens or creates the database at `database_path` (its folder must exist).
  // `clock` may be null for the system clock. IoError if the file cannot be
  // opened or is not a database; InvalidArgument if its schema is newer than
  // this code knows.
  static Result<std::unique_ptr<SqliteRepository>> Open(const std::string& database_path, Clock* clock);

  ~SqliteRepository() override;
  SqliteRepository(const SqliteRepository&) = delete;
  SqliteRepository& operator=(const SqliteRepository&) = delete;

  // `record.sha256` must be lowercase hex (InvalidArgument otherwise). The new
  // row is received, with no pages and no error, whatever `record` says.
  Result<int64_t> AddDocument(const DocumentRecord& record) override;
  Result<std::optional<DocumentRecord>> FindDocumentBySha256(const std::string& sha256) override;
  // The prefix is matched case-insensitively and must be non-empty hex.
  Result<std::vector<DocumentRecord>> FindDocumentsBySha256Prefix(const std::string& prefix, int limit) override;
  Result<std::optional<DocumentRecord>> FindDocument(int64_t id) override;
  // InvalidArgument for a negative limit or offset.
  Result<std::vector<DocumentRecord>> ListDocuments(const DocumentFilter& filter) override;

  // NotFound for an unknown document; InvalidArgument if page numbers are not
  // unique and >= 1 (nothing is changed then).
  Status SavePages(int64_t document_id, const std::vector<Page>& pages) override;
  // Also sets page_count to 0, so it always counts the stored pages.
  Status MarkRefused(int64_t document_id, const std::string& error) override;
  // NotFound for an unknown document; empty for one not yet processed.
  Result<std::vector<Page>> LoadPages(int64_t document_id) override;

  // InvalidArgument for an empty model_version; NotFound for an unknown
  // document (nothing is changed then). created_at comes from the clock;
  // extractions go with their document when it is deleted.
  Status SaveExtraction(const StoredExtraction& extraction) override;
  // NotFound for an unknown document; nullopt for one never extracted.
  Result<std::optional<StoredExtraction>> LatestExtraction(int64_t document_id) override;
  // NotFound for an unknown document; empty for one never extracted.
  Result<std::vector<StoredExtraction>> ListExtractions(int64_t document_id) override;

  // A connection setting as sqlite reports it, for diagnostics and tests:
  // one of journal_mode, synchronous, foreign_keys, busy_timeout.
  Result<std::string> ReadPragma(const std::string& name);

 private:
  SqliteRepository(std::unique_ptr<SqliteConnection> connection, Clock* clock);

  // Requires mutex_ held and a transaction open.
  Status InsertPage(int64_t document_id, const Page& page);
  // NotFound unless the document exists. Requires mutex_ held and a transaction open.
  Status CheckDocumentExists(int64_t document_id, const std::string& context);
  // Appends the document's extractions, newest first, at most `limit` of
  // them (all for a negative limit). NotFound for an unknown document.
  // Requires mutex_ held and a transaction open.
  Status ReadExtractions(int64_t document_id, int64_t limit, const std::string& context,
                         std::vector<StoredExtraction>* extractions);

  std::mutex mutex_;
  std::unique_ptr<SqliteConnection> connection_;  // guarded by mutex_
  Clock* const clock_;
};

}  // namespace quai
