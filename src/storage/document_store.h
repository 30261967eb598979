// DocumentStore: the documents quai received, their pages with words and
// boxes, and their extractions by model version. Originals themselves live in
// the BlobStore, not here. One of the stores by concern (documents, reviews,
// accounts, learning, models, jobs); one backend may implement several over
// one connection (SqliteRepository implements all).
//
// Contracts (every backend passes storage/document_store_conformance.h):
// - Implementations are thread-safe, and several connections (processes) may
//   share one store: what one commits the others see at their next call.
// - Each method is one transaction, atomic against every other connection: it
//   happens whole or not at all (a failed SavePages leaves the old pages).
// - A document's changes are serialised: SavePages, MarkRefused and
//   SaveExtraction of one document never interleave, and the last one wins.
//   A SHA-256 is added once: of two AddDocument calls for one file, however
//   close, one gets AlreadyExists.
// - Work owed to a document goes with it (job_store.h): AddDocument queues the
//   document's read job, SavePages and MarkRefused finish it, each in its own
//   transaction.
// - Times are the store clock's, as fixed-width UTC text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quai/document.h"
#include "quai/status.h"
#include "receive/accepted_version.h"

namespace quai {

struct DocumentFilter {
  std::optional<DocumentStatus> status;
  int limit = 100;   // at most this many, newest first
  int offset = 0;
};

// A value a user searches documents by ("4500012345" of po_number, a lot of
// lines[2].lot), kept as rows beside the extraction and the review state.
struct SearchValue {
  std::string field;  // "po_number", "lines[2].lot"
  std::string value;
};

// One extraction of a document by one model version. The store keeps at most
// one per (document, model_version); what it filters and counts on is given
// beside `result_json` (type, supplier, mean confidence); review_store.h's
// text search still reads the values out of `result_json`.
struct StoredExtraction {
  int64_t document_id = 0;
  std::string model_version;   // e.g. "classifier-ab12+field-scorer-cd34"
  std::string result_json;     // the extraction as JSON text
  std::string document_type;   // copied out of the result for filtering
  bool review_required = true;
  std::string supplier;        // the supplier's name as read, for searching
  std::optional<double> mean_confidence;  // of its fields, for drift; none without fields
  // Its values, for search; they stand for the document until a person edits it.
  std::vector<SearchValue> search_values;
  // A straight-through reading: the version it accepts, written with it
  // (storage/receiving_store.h) unless a person has edited the document.
  std::optional<AcceptedVersion> accepted;
  std::string created_at;      // set by the store when saved
};

// The mean field confidence of a recently read document.
struct ReadConfidence {
  int64_t document_id = 0;
  double mean_confidence = 0;
};

class DocumentStore {
 public:
  virtual ~DocumentStore() = default;

  // Records a newly received original: status received, no pages, no error,
  // whatever `record` says; `record.id` is ignored and the new id returned.
  // InvalidArgument unless the SHA-256 is lowercase hex; AlreadyExists if it
  // is known.
  virtual Result<int64_t> AddDocument(const DocumentRecord& record) = 0;
  virtual Result<std::optional<DocumentRecord>> FindDocumentBySha256(const std::string& sha256) = 0;
  // Documents whose SHA-256 starts with `prefix` (matched case-insensitively;
  // InvalidArgument unless non-empty hex), at most `limit`.
  virtual Result<std::vector<DocumentRecord>> FindDocumentsBySha256Prefix(const std::string& prefix,
                                                                        int limit) = 0;
  virtual Result<std::optional<DocumentRecord>> FindDocument(int64_t id) = 0;
  // InvalidArgument for a negative limit or offset.
  virtual Result<std::vector<DocumentRecord>> ListDocuments(const DocumentFilter& filter) = 0;

  // Replaces the document's pages and words, sets page_count and status
  // processed, clears error. NotFound for an unknown document;
  // InvalidArgument unless page numbers are unique and >= 1 (nothing changes).
  virtual Status SavePages(int64_t document_id, const std::vector<Page>& pages) = 0;
  // Sets status refused with the cause; removes any pages (page_count 0).
  // NotFound for an unknown document.
  virtual Status MarkRefused(int64_t document_id, const std::string& error) = 0;
  // A refused document is read again (after a new model or new settings):
  // status received, error cleared, its read job queued, in one transaction.
  // FailedPrecondition unless it is refused; NotFound for an unknown document.
  virtual Status ReadAgain(int64_t document_id) = 0;
  // Deletes a refused document and what hangs off it (its jobs, events and
  // review state); returns how many other documents still hold its SHA-256
  // (0: its original may go). FailedPrecondition unless it is refused (an
  // accepted document is never deleted); NotFound for an unknown document.
  virtual Result<int> DeleteRefused(int64_t document_id) = 0;
  // Pages in order, each with its words in reading order. NotFound for an
  // unknown document; empty for one not read yet.
  virtual Result<std::vector<Page>> LoadPages(int64_t document_id) = 0;
  // Page `number` (from 1) with its words, or nullopt when the document has no
  // such page (or is not read yet). NotFound for an unknown document.
  virtual Result<std::optional<Page>> LoadPage(int64_t document_id, int number) = 0;

  // Records the extraction of a document by one model version; a second call
  // for the same (document, model_version) replaces it, and the replacement
  // counts as the newest. `extraction.created_at` is ignored: the store stamps
  // the time of saving. NotFound for an unknown document (naming it);
  // InvalidArgument for an empty model_version.
  virtual Status SaveExtraction(const StoredExtraction& extraction) = 0;
  // The newest extraction of the document (by created_at, then by saving
  // order), or nullopt if it has none. NotFound for an unknown document.
  virtual Result<std::optional<StoredExtraction>> LatestExtraction(int64_t document_id) = 0;
  // Every extraction of the document, newest first (same order as
  // LatestExtraction). NotFound for an unknown document.
  virtual Result<std::vector<StoredExtraction>> ListExtractions(int64_t document_id) = 0;
  // The mean confidences of the latest `limit` extractions that have one,
  // newest first, whichever process read them (drift watching).
  virtual Result<std::vector<ReadConfidence>> RecentConfidences(int limit) = 0;
};

}  // namespace quai
