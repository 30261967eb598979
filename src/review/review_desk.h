// ReviewDesk: what a person does to a document after extraction — correct a
// field or a line, add or remove a line, change the type, validate, reject —
// each recorded as an event (user, time, action, field, before, after, page,
// box) kept for good. The document's current values are the stored extraction
// with every correction applied; once validated they are the document's values.
// Validated documents are kept as training examples (canonical values plus where
// the person pointed) for the learning loop.
// Every edit that changes values (a field or line corrected, a line added or
// removed, the type changed) runs the check and decide stages again on the
// corrected values in the same transaction, so the stored findings, reasons
// and status (needs_review or auto_accepted, until a person validates or
// rejects) are always those of the current values, and the answer carries them.
// Thread-safe: each call is one transaction; two reviewers correcting the same
// document at once both get their event recorded and the last write wins.
// Borrows the repositories and the clock, which must outlive it; owns its
// schemas. A correction of a validated or rejected document reopens it
// (needs_review, its training example withdrawn until it is validated again).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "check/erp_checks.h"
#include "extract/schema.h"
#include "quai/document.h"
#include "quai/status.h"
#include "storage/review_store.h"

namespace quai {

class Clock;
struct ExtractorCalibration;
class DocumentStore;
class ReviewStore;
struct ReviewDocumentRecord;
struct ReviewUpdate;

// Where a document stands for the people at the desk (the API's `status`).
//   received:      stored, not yet read (queued or being read)
//   refused:       could not be read; `error` says why
//   needs_review:  read; a person must look (a reason is given)
//   auto_accepted: read; every required field confident, no blocking finding
//   validated:     a person validated it
//   rejected:      a person rejected it (with a reason)
enum class ReviewStatus { kReceived, kRefused, kNeedsReview, kAutoAccepted, kValidated, kRejected };
const char* ReviewStatusName(ReviewStatus status);
bool ParseReviewStatus(const std::string& name, ReviewStatus* status);

struct Correction {
  // As the person typed or picked it (normalised by the desk); nullopt removes
  // the value (the API's "value": null).
  std::optional<std::string> value;
  std::optional<int> page;  // where they pointed, if they did
  std::optional<Box> box;
};

struct DocumentSearch {
  std::optional<ReviewStatus> status;
  std::string document_type;  // empty: any
  std::string supplier;       // substring, case- and accent-insensitive; empty: any
  std::string text;           // substring of file name or any current value, likewise; empty: any
  ReviewSearchFilter::Sort sort = ReviewSearchFilter::Sort::kReceived;
  bool descending = true;     // newest first by default
  int limit = 50;             // 1..500
  int offset = 0;
};

struct ReviewEvent {
  int64_t id = 0;  // 0 for received/refused/extracted, which come from the document's records
  int64_t document_id = 0;
  std::string user;       // "system" for the pipeline
  std::string at;         // ISO 8601 UTC
  std::string action;     // received, refused, extracted, field_corrected, line_corrected,
                          // line_added, line_removed, type_changed, validated, rejected
  std::string field;      // "po_number", "lines[2].quantity", "" when none
  nlohmann::json before;  // null when none
  nlohmann::json after;
  std::optional<int> page;
  std::optional<Box> box;
  std::string reason;  // rejected: why; type_changed: the values dropped; refused: the error
};

// {"id", "user", "at", "action", "field", "before", "after", "page", "box", "reason"}
// as GET /api/v1/documents/{id}/events lists them (page and box null when none).
nlohmann::json ReviewEventToJson(const ReviewEvent& event);

class ReviewDesk {
 public:
  // With the shipped schemas (DefaultSchemaDirectory()). If they cannot be
  // loaded every call that needs them returns that error.
  ReviewDesk(DocumentStore* documents, ReviewStore* reviews, Clock* clock);
  // With the given schemas (tests, a company's own types).
  ReviewDesk(DocumentStore* documents, ReviewStore* reviews, SchemaSet schemas, Clock* clock);
  ~ReviewDesk();
  ReviewDesk(const ReviewDesk&) = delete;
  ReviewDesk& operator=(const ReviewDesk&) = delete;

  // The calibrated thresholds a decision is taken again with after an edit:
  // those of the models reading now (the pointer must stay valid while the
  // desk lives). Unset, or giving null: the schemas' thresholds. Set before the
  // desk is shared between threads; `source` must be thread-safe.
  using CalibrationSource = std::function<const ExtractorCalibration*()>;
  void set_calibration_source(CalibrationSource source) { calibration_source_ = std::move(source); }
  // The ERP cross-checks run again with every edit (null: none) and the day
  // dates are judged by. Set before the desk is shared between threads.
  void set_erp_checks(const ErpChecks* erp, std::function<std::string()> today) {
    erp_ = erp;
    today_ = std::move(today);
  }

  // The document as the API shows it: the `quai extract --json` object with
  // corrections applied, plus id, file, sha256, pages, status, error, reasons,
  // page_sizes [{width,height}], created_at, updated_at, validated_by/at,
  // rejected_reason (null when not set). NotFound for an unknown id. One
  // transaction of keyed reads.
  Result<nlohmann::json> Document(int64_t id);
  // {"documents": [...summaries], "total", "limit", "offset"}, newest first.
  // InvalidArgument for a limit outside 1..500 or a negative offset.
  Result<nlohmann::json> Search(const DocumentSearch& search);
  // Documents needing a person, oldest first, each with "reasons"; the same
  // shape as Search.
  Result<nlohmann::json> ReviewQueue(int limit, int offset);

  // Each returns the updated document (as Document). A correction that
  // changes nothing (the same value, and no new page or box) records nothing:
  // no event, no write; the document is answered as it stands. NotFound for an unknown
  // document, field (not in the type's schema) or line; InvalidArgument for a
  // value the field's type cannot hold (e.g. "31/02/2026" for a date), a page
  // or box off the document, a document that is not read yet or was refused,
  // an unknown document type (ChangeType), a line on a type without lines
  // (AddLine), an empty reason (Reject) or an empty user.
  Result<nlohmann::json> CorrectField(int64_t id, const std::string& field, const Correction& correction,
                                      const std::string& user);
  Result<nlohmann::json> CorrectLineField(int64_t id, int line, const std::string& field, const Correction& correction,
                                          const std::string& user);
  Result<nlohmann::json> AddLine(int64_t id, const std::map<std::string, std::string>& values, const std::string& user);
  Result<nlohmann::json> RemoveLine(int64_t id, int line, const std::string& user);
  Result<nlohmann::json> ChangeType(int64_t id, const std::string& document_type, const std::string& user);
  // Validation is refused (FailedPrecondition, `*blockers` filled when given:
  // [{"code", "field", "message"}]) while a blocking finding stands (a
  // required field missing among them) or a required field's value is not
  // one its type can hold (code "invalid_value"), unless `override_reason`
  // is given: then it validates and records a "validation_overridden" event
  // with that reason and the blockers (after: [{code, field}]) first.
  Result<nlohmann::json> Validate(int64_t id, const std::string& user, const std::string& override_reason = "",
                                  nlohmann::json* blockers = nullptr);
  Result<nlohmann::json> Reject(int64_t id, const std::string& reason, const std::string& user);
  // Lets a blocking finding (code and field, as the document lists it) pass,
  // with the person's reason: an event, kept with the values so that it holds
  // when the checks run again. NotFound when the document has no such
  // blocking finding; InvalidArgument for an empty reason.
  Result<nlohmann::json> OverrideFinding(int64_t id, const std::string& code, const std::string& field,
                                         const std::string& reason, const std::string& user);
  // Checks and decides again on the current values (after an ERP sync), as
  // user "quai"; validated and rejected documents keep their status.
  Result<nlohmann::json> Recheck(int64_t id);

  // Oldest first. NotFound for an unknown document.
  Result<std::vector<ReviewEvent>> Events(int64_t id);

 private:
  struct Edit;
  // Runs `change` on the document's current values in one transaction of the
  // store and writes the result; returns the document as Document would.
  Result<nlohmann::json> Apply(int64_t id, const std::string& user, const std::function<Status(Edit*)>& change);
  // check → decide on the edit's current values: findings, review_required,
  // review_reasons and, unless a person validated or rejected it before, the status.
  Status CheckAndDecideAgain(Edit* edit) const;

  DocumentStore* const documents_;
  ReviewStore* const reviews_;
  Clock* const clock_;
  SchemaSet schemas_;
  Status schemas_status_;  // why the shipped schemas could not be loaded
  CalibrationSource calibration_source_;
  const ErpChecks* erp_ = nullptr;
  std::function<std::string()> today_;
};

}  // namespace quai
