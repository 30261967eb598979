// AccountStore: who may use quai and how they proved it — users, browser
// sessions, API tokens, failed logins, known devices — and the hash-chained
// security log. Secrets arrive here already hashed: the store never sees a
// password, a session id or a token in clear. Times are given by the caller
// (Accounts reads its clock), never read here. One of the stores by concern
// (document_store.h); SqliteRepository implements it.
//
// Contracts (every backend passes storage/account_store_conformance.h):
// - Implementations are thread-safe, and several connections (processes) may
//   share one store: logins, sessions and the log are the same for all.
// - Each method is one transaction, atomic against every other connection.
// - BeginLoginAttempt counts, decides and records in one transaction, and
//   attempts are serialised: however many processes take guesses at once,
//   every failure is counted and no attempt is decided on a stale count.
// - AppendSecurityEvent reads the last entry and appends after it in one
//   transaction: appends are serialised, so ids have no gaps and the chain
//   never forks, whichever connection writes.
// - A user's password change or disabling ends its sessions in the same
//   transaction; a disabled user's sessions and tokens are never found.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quai/status.h"
#include "storage/security_event.h"

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
  // Called inside BeginLoginAttempt's transaction: it must not call the store.
  std::function<int64_t(const LoginFailures&)> wait_seconds;
};

struct LoginAdmission {
  int64_t attempt_id = 0;           // when admitted
  int64_t retry_after_seconds = 0;  // > 0: not admitted (and not counted)
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;

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
  // Gives the user another role ("admin", "reviewer", "viewer", "integration");
  // its sessions and tokens act with it from their next request. NotFound for
  // an unknown name.
  virtual Status SetUserRole(const std::string& name, const std::string& role) = 0;

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
};

}  // namespace quai
