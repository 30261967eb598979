// ReviewStore: what the review desk keeps — each document's review state (its
// current values), the audit trail of review events and the training examples
// made when a person validates. Values are JSON text. One of the stores by
// concern (document_store.h); it reads documents, pages and extractions, so a
// backend implements it beside DocumentStore over the same data.
// SqliteRepository implements it.
//
// Contracts (every backend passes storage/review_store_conformance.h):
// - Implementations are thread-safe, and several connections (processes) may
//   share one store.
// - Each method is one transaction, atomic against every other connection.
// - EditReview reads the document, runs its callback and writes what the
//   callback asks in one transaction, and edits of one document are
//   serialised across every connection: of two edits at once, the second
//   reads what the first wrote, so no event and no correction is lost. A
//   failing callback changes nothing.
// - A validation's training example and its learn job (job_store.h) are
//   written in the edit's transaction; a reopening removes the example, the
//   document's layout example and its pending learn job in the same one.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quai/document.h"
#include "quai/status.h"
#include "receive/accepted_version.h"
#include "storage/document_store.h"

namespace quai {

// Where a person stands on one document. Absent until the first review action:
// until then the current values are the latest extraction's.
struct ReviewState {
  int64_t document_id = 0;
  std::string status;  // "needs_review", "auto_accepted", "validated", "rejected"
  std::string document_type;
  std::string supplier;     // for search; "" when unknown
  std::string values_json;  // the extraction JSON with every correction applied
  // Written with the state, for search (not read back): its values now.
  std::vector<SearchValue> search_values;
  std::string rejected_reason;
  std::string validated_by;  // "" unless validated
  std::string validated_at;
  std::string updated_by;
  std::string updated_at;
};

// One entry of the audit trail; kept for good (documents with events cannot be deleted).
struct StoredReviewEvent {
  int64_t id = 0;  // set by the store, increasing
  int64_t document_id = 0;
  std::string user;  // the user's name at the time
  std::string at;
  std::string action;       // field_corrected, line_corrected, line_added, ...
  std::string field;        // "po_number", "lines[2].quantity", or ""
  std::string before_json;  // JSON text; "null" when none
  std::string after_json;
  std::optional<int> page;
  std::string box_json;  // "[x0,y0,x1,y1]" or "" when none
  std::string reason;
};

// What the learning loop trains on: one per validated document (the latest validation).
struct TrainingExample {
  int64_t id = 0;
  int64_t document_id = 0;
  std::string document_type;
  std::string canonical_json;  // learn/canonical_document.h's form
  std::string pointers_json;   // [{"field","page","box"}] where the person pointed
  std::string model_version;   // of the extraction that was corrected; "" when none
  std::string validated_by;
  std::string validated_at;
};

// A document with everything the desk shows, read in one transaction.
struct ReviewDocumentRecord {
  DocumentRecord document;
  std::optional<ReviewState> state;
  std::optional<StoredExtraction> extraction;         // the latest; only read when `state` is absent
  std::vector<std::pair<double, double>> page_sizes;  // (width, height) in points, page order
};

// What one edit writes, in the same transaction as its read.
struct ReviewUpdate {
  ReviewState state;                                // replaces the document's state whole
  std::vector<StoredReviewEvent> events;            // appended; document_id and id are set by the store
  std::optional<TrainingExample> training_example;  // replaces the document's example
  bool remove_training_example = false;
  // A validation: the version it accepts, written with its lot entries and
  // exports (storage/receiving_store.h).
  std::optional<AcceptedVersion> accepted;
};

// Reads `current` and fills `update`; a non-ok Status rolls everything back.
// Runs inside the store's transaction: it must not call the store.
using ReviewEdit = std::function<Status(const ReviewDocumentRecord& current, ReviewUpdate* update)>;

struct ReviewSearchFilter {
  std::string status;         // a review status name, or "" for any
  std::string document_type;  // "" for any
  // supplier and text match accent- and case-insensitively ("isere" finds "Isère"):
  // the store folds both sides with FoldForSearch (core/match_text.h).
  std::string supplier;       // substring; "" for any
  std::string text;           // substring of the file name or a current value
  bool oldest_first = false;  // the review queue; otherwise newest first (when sort is kReceived)
  // The order of the list; ties (and kReceived) go by id, in the same direction.
  enum class Sort { kReceived, kFile, kType, kSupplier, kStatus, kPoNumber, kDocumentNumber };
  Sort sort = Sort::kReceived;
  bool descending = true;  // with a sort other than kReceived; kReceived follows oldest_first
  int limit = 50;
  int offset = 0;
};

struct ReviewSummaryRecord {
  DocumentRecord document;
  std::string status;         // the review status, computed as for a single document
  std::string document_type;  // "" when not read
  std::string supplier;
  std::string values_json;  // the current values (state or latest extraction); "" when none
  std::string updated_at;
  std::string po_number;        // the current po_number value; "" when none
  std::string document_number;  // invoice_number, delivery_note_number or certificate_number; "" when none
};

struct ReviewSearchPage {
  std::vector<ReviewSummaryRecord> documents;
  int64_t total = 0;  // matches before limit and offset
};

class ReviewStore {
 public:
  virtual ~ReviewStore() = default;

  // The document, its state (or, while it has none, its latest extraction)
  // and its page sizes, read together. NotFound for an unknown document.
  virtual Result<ReviewDocumentRecord> LoadReviewDocument(int64_t document_id) = 0;
  // Runs `edit` on the document as it stands and writes its update, in one
  // transaction; the events get the store's ids. NotFound for an unknown
  // document; the callback's own error when it fails (nothing is written).
  virtual Status EditReview(int64_t document_id, const ReviewEdit& edit) = 0;
  // InvalidArgument for a limit outside 1..500 or a negative offset.
  virtual Result<ReviewSearchPage> SearchReviews(const ReviewSearchFilter& filter) = 0;
  // Oldest first. NotFound for an unknown document.
  virtual Result<std::vector<StoredReviewEvent>> ListReviewEvents(int64_t document_id) = 0;
  // Oldest validation first. InvalidArgument for a negative limit or offset.
  virtual Result<std::vector<TrainingExample>> ListTrainingExamples(int limit, int offset) = 0;
  // The document's example; nullopt when it is not validated.
  virtual Result<std::optional<TrainingExample>> FindTrainingExample(int64_t document_id) = 0;
};

}  // namespace quai
