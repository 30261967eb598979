// ReceivingStore: what happens to a document once accepted — its accepted
// versions (receive/accepted_version.h), the lot book (lots, the delivery
// notes and certificates linked to each, their holds and releases), the
// export targets and the exports themselves (the transactional outbox).
//
// Contracts (held by SQLite in src/receive/lot_book_test.cc and
// src/export/exports_test.cc; a second backend turns them into a conformance suite):
// - Each method is one transaction.
// - An acceptance (ReviewStore::EditReview with `update.accepted`, or
//   DocumentStore::SaveExtraction of a straight-through extraction with
//   `accepted`) writes, in its own transaction: the new version (none when its
//   digest equals the latest version's), the lot entries of that version in
//   place of the document's earlier ones, and one export per enabled target
//   that takes the document, each with its export job (job_store.h). The
//   same values validated by a person after they went straight through are
//   the same version, now validated: it goes to the targets that take
//   validated documents only (the others have it already). Earlier
//   versions' exports not yet delivered are superseded (the target never saw
//   them: the new version is sent instead, not as a correction).
// - Lot linking: a delivery's lot entry joins the lot of the same supplier,
//   article and lot number (created when new); a certificate's entry links to
//   the lot with the same supplier and lot number whose article matches the
//   certificate's when the certificate names one (internal or supplier code)
//   and that was delivered on the certificate's PO when it names one; two
//   candidate lots and no article to choose: not linked (never a guess); a
//   lot that no delivery names any more (its note corrected) is no candidate. A
//   certificate that arrives first waits and is linked when its delivery
//   comes; the link does not depend on the order: one made while a lot was
//   the only one with its number is undone when another article's lot with
//   that number comes and the certificate names nothing to choose. A lot
//   whose article requires a certificate is held until one is linked, then
//   released (held again should its certificate be unlinked); each change is
//   a lot event.
// - An export's key (document, version, target) is unique: at most one export
//   and one live job per key, whatever is retried or replayed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "export/export_target.h"
#include "quai/status.h"
#include "receive/accepted_version.h"

namespace quai {

enum class ExportState { kPending, kDelivered, kDead, kSuperseded };
const char* ExportStateName(ExportState state);  // "pending", "delivered", "dead", "superseded"
bool ParseExportState(const std::string& name, ExportState* state);

struct ExportRecord {
  int64_t id = 0;
  int64_t document_id = 0;
  int64_t version_id = 0;
  int version = 0;
  int64_t target_id = 0;
  std::string target_name;
  std::string target_kind;
  std::string key;  // "quai-doc12-v2-t3"
  ExportState state = ExportState::kPending;
  int attempts = 0;
  std::string last_error;   // of the last failed attempt
  std::string answer;       // the target's answer to the last attempt
  std::string external_id;  // the target's id for it
  int64_t job_id = 0;       // the export job that sends it
  std::string created_at;
  std::string updated_at;
  std::string delivered_at;
};

struct ExportFilter {
  int64_t document_id = 0;  // 0: any
  int64_t target_id = 0;    // 0: any
  std::optional<ExportState> state;
  int limit = 100;  // newest first
  int offset = 0;
};

// One attempt's result, as the exporter records it.
struct ExportAttempt {
  ExportState state = ExportState::kPending;  // delivered, still pending (will retry) or dead
  std::string error;
  std::string answer;
  std::string external_id;
  bool disable_target = false;  // the target answered that it is gone
  std::string disable_reason;
};

struct LotLink {
  int64_t document_id = 0;
  std::string original_name;
  std::string document_type;
  std::string role;  // "delivery", "certificate"
  int version = 0;
  int line = -1;
  std::string po_number;
  std::string quantity;
  std::string unit;
  std::string expiry_date;
  std::string linked_at;
};

struct LotEvent {
  std::string at;
  std::string action;  // received, certificate_linked, certificate_unlinked, held, released, withdrawn
  int64_t document_id = 0;
  std::string detail;
};

struct Lot {
  int64_t id = 0;
  std::string supplier_key;
  std::string supplier_name;
  std::string article_key;
  std::string supplier_article_key;
  std::string article_code;
  std::string description;
  std::string lot_number;
  std::string expiry_date;
  std::string state;        // "released", "held" (certificate_missing), "awaiting_delivery" (a certificate only)
  std::string hold_reason;  // "certificate_missing" while held
  int deliveries = 0;
  int certificates = 0;
  std::string updated_at;
};

struct LotPage {
  Lot lot;
  std::vector<LotLink> links;
  std::vector<LotEvent> events;  // oldest first
};

struct LotSearch {
  std::string text;      // lot number, article code or description, PO number or supplier name (substring, any case)
  std::string state;     // "" for any
  int64_t document_id = 0;  // the lots a document delivers or certifies; 0: any
  int limit = 50;        // 1..500, most recently changed first
  int offset = 0;
};

// A certificate entry of a validated document that links to no lot.
struct UnlinkedCertificate {
  int64_t document_id = 0;
  std::string lot_number;
  std::string article_code;
  std::string po_number;
  std::string reason;  // "no delivery of this lot yet", "several lots match"
};

class ReceivingStore {
 public:
  virtual ~ReceivingStore() = default;

  // Oldest first.
  virtual Result<std::vector<DocumentVersion>> ListDocumentVersions(int64_t document_id) = 0;
  virtual Result<std::optional<DocumentVersion>> FindDocumentVersion(int64_t version_id) = 0;

  virtual Result<std::vector<Lot>> SearchLots(const LotSearch& search) = 0;
  virtual Result<std::optional<LotPage>> FindLot(int64_t lot_id) = 0;
  // The certificates of accepted documents that link to no lot (with why).
  virtual Result<std::vector<UnlinkedCertificate>> UnlinkedCertificates(int64_t document_id) = 0;
  // Whether a certificate's entry would link to one lot now: "" when it
  // would, else why not (the check stage's certificate_unmatched).
  virtual Result<std::string> CertificateMatch(const LotEntry& entry) = 0;

  // Adds (id 0) or replaces a target; AlreadyExists for a name taken. Returns its id.
  virtual Result<int64_t> SaveExportTarget(const ExportTarget& target) = 0;
  virtual Result<std::vector<ExportTarget>> ListExportTargets() = 0;
  virtual Result<std::optional<ExportTarget>> FindExportTarget(int64_t id) = 0;
  // NotFound for an unknown id; its exports stay (the history of what was sent).
  virtual Status RemoveExportTarget(int64_t id) = 0;

  virtual Result<std::optional<ExportRecord>> FindExport(int64_t id) = 0;
  virtual Result<std::vector<ExportRecord>> ListExports(const ExportFilter& filter) = 0;
  // Records an attempt (its job stays the job store's). FailedPrecondition
  // when the export was superseded meanwhile.
  virtual Status RecordExportAttempt(int64_t id, const ExportAttempt& attempt) = 0;
  // A person sends a dead export again: pending, attempts from zero, a new job
  // due now. FailedPrecondition unless it is dead; NotFound for an unknown id.
  virtual Status RetryExport(int64_t id) = 0;
  // The ERP booked what `document_id` delivers: its received quantities stop
  // counting once the ERP's copy has been synced after `at`.
  virtual Status MarkReceiptBooked(int64_t document_id, const std::string& at) = 0;
};

}  // namespace quai
