// Accounts: users, their passwords (Argon2id, libsodium), browser sessions with
// their CSRF token, API tokens for scripts, and the login rate limit.
// Thread-safe: the server calls it from its request threads. Secrets (passwords,
// session ids, API tokens) are never stored in clear: passwords as Argon2id
// strings, session ids and tokens as their SHA-256. Times come from the Clock.
// Borrows the account store and the clock, which must outlive it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "quai/status.h"
#include "review/roles.h"
#include "review/security_log.h"
#include "review/secrets.h"

namespace quai {

class Clock;
class AccountStore;

struct User {
  int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  std::string created_at;  // ISO 8601 UTC
  bool disabled = false;   // a disabled user cannot log in; its sessions and tokens stop working
};

// An API token as listed (never its secret, which is kept only as a hash).
struct ApiToken {
  int64_t id = 0;
  std::string user_name;
  std::string label;
  std::string created_at;
  std::string expires_at;  // empty: never
  std::string revoked_at;  // empty: not revoked
};

struct Session {
  std::string id;          // the cookie value (random, 32 bytes base64url); only its hash is stored
  std::string csrf_token;  // sent back by the browser in X-CSRF-Token on every change
  User user;
  std::string expires_at;
  // The browser's device cookie for this user (the one it presented when
  // known, else a new one): its next logins are not slowed by failures made
  // from elsewhere.
  std::string device;
};

struct AccountOptions {
  // 12 h: a working day; a session idle past it must log in again. A session in
  // use is extended when less than half of this remains (a write at most every
  // 6 h per session, not one per request).
  int session_hours = 12;
  // However much it is used, a session ends this long after its login.
  int session_max_hours = 24;
  // Failed logins slow further attempts down; they never lock a name. Past a
  // scope's free failures (within the window), each further failure doubles
  // the wait before the next attempt (1 s, 2 s, 4 s, ...) up to the scope's
  // cap. Someone guessing one name from one address soon waits minutes. A
  // browser the user has logged in from before (its device cookie) is judged
  // by its own address's failures for that name only, so guesses from
  // elsewhere, or from behind the same NAT or proxy, never keep the person
  // out; a new browser waits at most the per-name cap (30 s) for them.
  struct Throttle {
    int free_failures;
    int max_wait_seconds;
  };
  Throttle per_name_from_client{5, 900};
  Throttle per_client{20, 900};
  Throttle per_name{10, 30};
  int failure_window_minutes = 15;
  // Argon2id at libsodium's INTERACTIVE cost (2 passes over 64 MiB, ~0.1 s):
  // a login stays quick for a person while each guess costs an attacker as
  // much. Tests pass MinimumPasswordCost() to stay fast; hashes made at another
  // cost still verify and are re-hashed at this one on the next good login.
  PasswordCost password_cost;
  // Password hashings and checks running at once; the others wait their turn.
  // Each holds the cost's memory (64 MiB), so without a bound every request
  // thread of the server could hold it at once for anyone who posts logins.
  int max_concurrent_password_checks = 4;
};

class Accounts {
 public:
  Accounts(AccountStore* store, Clock* clock, AccountOptions options = {});

  // Creates a user with a random one-time password (returned, never stored in
  // clear). InvalidArgument for a bad name (1-64 of [A-Za-z0-9._@-]);
  // AlreadyExists when taken.
  // `actor`: who does it, for the security log ("cli": the local administrator).
  Result<std::string> AddUser(const std::string& name, Role role, const std::string& actor = "cli");
  Result<std::vector<User>> ListUsers();
  // NotFound for an unknown name.
  Result<User> FindUser(const std::string& name);
  // Sets a new random password, ends the user's sessions, revokes its API
  // tokens (a reset is what follows a suspected leak), forgets the name's
  // failed logins and returns the password (admin reset). NotFound for an
  // unknown name.
  Result<std::string> ResetPassword(const std::string& name, const std::string& actor = "cli");
  // Forgets the name's failed logins (`quai user unlock`). NotFound for an unknown name.
  Status Unlock(const std::string& name, const std::string& actor = "cli");
  // The user's own change: needs the current password (InvalidArgument when
  // wrong); the new one has 12 to 256 characters and is neither the name nor
  // the current one. Ends the user's sessions (log in again); tokens stay.
  Status ChangePassword(const std::string& name, const std::string& current, const std::string& replacement,
                        const std::string& client);
  // A disabled user cannot log in, and its sessions and API tokens stop working
  // at once; enabling it again brings the tokens back (not the sessions). NotFound
  // for an unknown name.
  Status DisableUser(const std::string& name, const std::string& actor = "cli");
  Status EnableUser(const std::string& name, const std::string& actor = "cli");
  // Gives the user another role, from its next request on. NotFound for an
  // unknown name.
  Status SetRole(const std::string& name, Role role, const std::string& actor = "cli");

  // Checks the password and opens a session. A wrong name or password is
  // InvalidArgument("wrong user name or password") whichever was wrong (an
  // unknown name costs the same time as a known one); LimitExceeded when the
  // attempt comes before the wait its earlier failures set (see Throttle),
  // even with the right password, with the seconds left in *retry_after.
  // `client` is the client's address (the proxy's client behind a trusted proxy).
  // `device`: the browser's device cookie, if any.
  Result<Session> Login(const std::string& name, const std::string& password, const std::string& client,
                        int64_t* retry_after = nullptr, const std::string& device = "");
  Status Logout(const std::string& session_id);
  // NotFound when unknown or expired.
  Result<Session> FindSession(const std::string& session_id);
  // True when `presented` (the X-CSRF-Token header) is the session's token,
  // compared in constant time.
  static bool CsrfTokenMatches(const Session& session, const std::string& presented);

  // A new API token ("quai_" + 43 base64url chars) for the user; only its hash
  // is kept. `expires_in_days` 0: it does not expire. NotFound for an unknown user.
  Result<std::string> CreateApiToken(const std::string& user_name, const std::string& label,
                                     int expires_in_days = 0, const std::string& actor = "cli");
  // NotFound when unknown, revoked, expired, or its user disabled.
  Result<User> FindApiTokenUser(const std::string& token);
  Result<std::vector<ApiToken>> ListApiTokens();
  // NotFound for an unknown id.
  Status RevokeApiToken(int64_t id, const std::string& actor = "cli");

  // Every login, failure, logout, account and token change, chained by hash.
  SecurityLog& security_log();

 private:
  Result<Session> AttemptLogin(const std::string& name, const std::string& password, const std::string& client,
                               int64_t* retry_after, const std::string& device);

  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace quai
