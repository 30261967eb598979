// ReviewRepository: what the review desk keeps — users, browser sessions, API
// tokens, failed logins, each document's review state (its current values),
// the audit trail of review events and the training examples made when a
// person validates. Secrets arrive here already hashed: the store never sees a
// password, a session id or a token in clear. Values are opaque JSON text, as
// in Repository. Implementations are thread-safe and each method is one
// transaction; EditReview runs its callback inside that transaction, so two
// edits of one document run one after the other and neither is lost.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quai/document.h"
#include "quai/status.h"
#include "storage/security_event.h"
#include "storage/repository.h"

namespace quai {

struct StoredUser {
  int64_t id = 0;
  std::string name;
  std::string role;           // "admin", "reviewer", "viewer", "integration"
  std::string password_hash;  // an Argon2id string as crypto_pwhash_str writes it
  std::string created_at;     // set by the caller (the store never reads a clock here)
  std::string disabled_at;    // empty while the user may log in
};

struct StoredSession {
  std::string id_hash;  // SHA-256 hex of the cookie value
  int64_t user_id = 0;
  std::string csrf_token;  // in clear: useless without the cookie, and shown to its owner
  std::string created_at;
  std::string expires_at;  // fixed-width UTC text; compares as time
};

struct StoredApiToken {
  int64_t id = 0;
  std::string token_hash;  // SHA-256 hex of the token
  int64_t user_id = 0;
  std::string user_name;   // when listed
  std::string label;
  std::string created_at;
  std::string expires_at;  // empty: never
  std::string revoked_at;  // empty: not revoked
};

// The failed logins since the window's start that bear on one attempt, in
// three scopes, each with the seconds since its latest failure (-1: none).
struct LoginFailures {
  struct Scope {
    int64_t count = 0;
    int64_t seconds_since_latest = -1;
  };
  Scope name_from_client;  // this name from this client
  Scope name;              // this name from anywhere
  Scope client;            // this client, any name
};

// A login attempt, counted as a failure until it succeeds.
struct LoginAttempt {
  std::string user_name;  // at most 64 bytes (longer names cannot exist)
  std::string client;     // the client's address as the server saw it
  std::string at;
  std::string since;  // failures at or after this time count
  // Seconds the attempt must still wait, given the failures (0: it goes on).
  std::function<int64_t(const LoginFailures&)> wait_seconds;
};

struct LoginAdmission {
  int64_t attempt_id = 0;           // when admitted
  int64_t retry_after_seconds = 0;  // > 0: not admitted (and not counted)
};

// Where a person stands on one document. Absent until the first review action:
// until then the current values are the latest extraction's.
struct ReviewState {
  int64_t document_id = 0;
  std::string status;  // "needs_review", "auto_accepted", "validated", "rejected"
  std::string document_type;
  std::string supplier;     // for search; "" when unknown
  std::string values_json;  // the extraction JSON with every correction applied
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
};

// Reads `current` and fills `update`; a non-ok Status rolls everything back.
// Runs under the store's lock: it must not call the repository.
using ReviewEdit = std::function<Status(const ReviewDocumentRecord& current, ReviewUpdate* update)>;

struct ReviewSearchFilter {
  std::string status;         // a review status name, or "" for any
  std::string document_type;  // "" for any
  std::string supplier;       // case-insensitive substring; "" for any
  std::string text;           // case-insensitive substring of the file name or a current value
  bool oldest_first = false;  // the review queue; otherwise newest first
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
};

struct ReviewSearchPage {
  std::vector<ReviewSummaryRecord> documents;
  int64_t total = 0;  // matches before limit and offset
};

class ReviewRepository {
 public:
  virtual ~ReviewRepository() = default;

  // Users. AddUser: AlreadyExists when the name is taken; returns the new id.
  virtual Result<int64_t> AddUser(const StoredUser& user) = 0;
  virtual Result<std::optional<StoredUser>> FindUser(const std::string& name) = 0;
  virtual Result<std::vector<StoredUser>> ListUsers() = 0;  // by name
  // Replaces the hash and ends every session of the user. NotFound for an unknown name.
  virtual Status SetPasswordHash(const std::string& name, const std::string& password_hash) = 0;

  // Sessions. AddSession also forgets sessions that expired before its created_at.
  virtual Status AddSession(const StoredSession& session) = 0;
  // The session and its user; nullopt when unknown (expiry is the caller's to check).
  virtual Result<std::optional<std::pair<StoredSession, StoredUser>>> FindSession(const std::string& id_hash) = 0;
  virtual Status ExtendSession(const std::string& id_hash, const std::string& expires_at) = 0;
  virtual Status RemoveSession(const std::string& id_hash) = 0;

  // API tokens. FindApiTokenUser: nullopt when unknown, revoked, expired at
  // `now`, or its user disabled. RevokeApiToken: NotFound for an unknown id;
  // revoking twice keeps the first time.
  virtual Status AddApiToken(const StoredApiToken& token) = 0;
  virtual Result<std::optional<StoredUser>> FindApiTokenUser(const std::string& token_hash, const std::string& now) = 0;
  virtual Result<std::vector<StoredApiToken>> ListApiTokens() = 0;  // oldest first, without hashes
  virtual Status RevokeApiToken(int64_t id, const std::string& at) = 0;
  // Revokes every token of the user not revoked yet.
  virtual Status RevokeUserApiTokens(const std::string& user_name, const std::string& at) = 0;
  // Disables a user (at = when) and ends its sessions, or enables it again
  // (at empty). NotFound for an unknown name.
  virtual Status SetUserDisabled(const std::string& name, const std::string& at) = 0;

  // Login throttling. BeginLoginAttempt counts the failures since
  // `attempt.since` in each scope and asks `attempt.wait_seconds`; when it says
  // wait, the attempt is refused uncounted, else recorded as a failure, all in
  // one transaction (parallel guesses cannot slip past the count).
  // LoginSucceeded forgets that attempt and the name's earlier failures;
  // ClearLoginFailures the name's failures (an unlock, a password reset).
  virtual Result<LoginAdmission> BeginLoginAttempt(const LoginAttempt& attempt) = 0;
  virtual Status LoginSucceeded(int64_t attempt_id, const std::string& user_name) = 0;
  virtual Status ClearLoginFailures(const std::string& user_name) = 0;
  // Known devices: a browser's device cookie (kept as its hash) for a user.
  virtual Status AddKnownDevice(const std::string& id_hash, const std::string& user_name, const std::string& at) = 0;
  virtual Result<bool> IsKnownDevice(const std::string& id_hash, const std::string& user_name) = 0;
  // The security log. Append gives the event the next id, the last entry's
  // hash as previous_hash and its own hash, in one transaction (so two
  // writers never fork the chain), and returns it as stored. List: oldest
  // first, ids over `after_id`, as stored (a verifier recomputes the hashes).
  virtual Result<SecurityEvent> AppendSecurityEvent(SecurityEvent event) = 0;
  virtual Result<std::vector<SecurityEvent>> ListSecurityEvents(int64_t after_id, int limit) = 0;

  // Review. NotFound for an unknown document.
  virtual Result<ReviewDocumentRecord> LoadReviewDocument(int64_t document_id) = 0;
  virtual Status EditReview(int64_t document_id, const ReviewEdit& edit) = 0;
  virtual Result<ReviewSearchPage> SearchReviews(const ReviewSearchFilter& filter) = 0;
  // Oldest first. NotFound for an unknown document.
  virtual Result<std::vector<StoredReviewEvent>> ListReviewEvents(int64_t document_id) = 0;
  // Oldest validation first.
  virtual Result<std::vector<TrainingExample>> ListTrainingExamples(int limit, int offset) = 0;
  // The document's example; nullopt when it is not validated.
  virtual Result<std::optional<TrainingExample>> FindTrainingExample(int64_t document_id) = 0;
};

}  // namespace quai
