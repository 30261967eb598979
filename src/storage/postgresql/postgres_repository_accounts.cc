// PostgresRepository as AccountStore: users, sessions (in the database, so API
// nodes keep no state: any node finds a session another opened), API tokens,
// the login rate limit, known devices and the security log. SQLite serialises
// every transaction; PostgreSQL at READ COMMITTED does not, so the two
// contracts that count on it take a transaction advisory lock: login attempts
// (counted and recorded one at a time across every node, so parallel guesses
// cannot all pass the limit) and the security log (each event chains the
// previous one's hash).
#include <utility>

#include "storage/postgresql/postgres_document_row.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

#define QUAI_PG_USER_COLUMNS "id, name, role, password_hash, created_at, coalesce(disabled_at, '')"

// The failures of a scope since $3 and the whole seconds from the latest to $4.
#define QUAI_PG_FAILURES_SINCE(where)                                                                       \
  "SELECT count(*), coalesce(floor(extract(epoch FROM ($4::timestamptz - max(at)::timestamptz)) + 0.5)::bigint, " \
  "-1) FROM login_failures WHERE " where " AND at >= $3"
constexpr char kNameFromClientFailures[] = QUAI_PG_FAILURES_SINCE("user_name = $1 AND client = $2");
constexpr char kNameFailures[] = QUAI_PG_FAILURES_SINCE("user_name = $1 AND $2::text = $2::text");
constexpr char kClientFailures[] = QUAI_PG_FAILURES_SINCE("client = $2 AND $1::text = $1::text");
#undef QUAI_PG_FAILURES_SINCE

constexpr char kLoginLock[] = "SELECT pg_advisory_xact_lock(hashtext('quai login attempts'))";
constexpr char kSecurityLogLock[] = "SELECT pg_advisory_xact_lock(hashtext('quai security log'))";

StoredUser ReadUser(const PostgresRows& rows, int row, int first) {
  StoredUser user;
  user.id = rows.Int(row, first);
  user.name = rows.Text(row, first + 1);
  user.role = rows.Text(row, first + 2);
  user.password_hash = rows.Text(row, first + 3);
  user.created_at = rows.Text(row, first + 4);
  user.disabled_at = rows.Text(row, first + 5);
  return user;
}

}  // namespace

Result<int64_t> PostgresRepository::AddUser(const StoredUser& user) {
  const std::string context = "adding user '" + user.name + "'";
  int64_t id = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    auto inserted = db.Query("INSERT INTO users(name, role, password_hash, created_at) VALUES($1, $2, $3, $4) "
                             "RETURNING id",
                             {user.name, user.role, user.password_hash, user.created_at}, context);
    if (inserted.status().code() == StatusCode::kAlreadyExists)
      return Status::AlreadyExists("a user named '" + user.name + "' already exists");
    if (!inserted.ok()) return inserted.status();
    id = inserted->Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<StoredUser>> PostgresRepository::FindUser(const std::string& name) {
  const std::string context = "finding user '" + name + "'";
  std::optional<StoredUser> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("SELECT " QUAI_PG_USER_COLUMNS " FROM users WHERE name = $1", {name}, context));
    if (!rows.empty()) found = ReadUser(rows, 0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<StoredUser>> PostgresRepository::ListUsers() {
  const std::string context = "listing users";
  std::vector<StoredUser> users;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    users.clear();
    QUAI_PG_ROWS(rows, db.Query("SELECT " QUAI_PG_USER_COLUMNS " FROM users ORDER BY name COLLATE \"C\"", {},
                                context));
    for (int row = 0; row < rows.size(); ++row) users.push_back(ReadUser(rows, row, 0));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return users;
}

Status PostgresRepository::SetPasswordHash(const std::string& name, const std::string& password_hash) {
  const std::string context = "setting the password of user '" + name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE users SET password_hash = $2 WHERE name = $1", {name, password_hash},
                                   context));
    if (updated.changed() == 0) return Status::NotFound("no user named '" + name + "'");
    // A new password ends the sessions opened with the old one.
    return db.Query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = $1)", {name}, context)
        .status();
  });
}

Status PostgresRepository::AddSession(const StoredSession& session) {
  const std::string context = "opening a session for user " + std::to_string(session.user_id);
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(
        db.Query("DELETE FROM sessions WHERE expires_at < $1", {session.created_at}, context).status());
    return db.Query("INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, expires_at) "
                    "VALUES($1, $2, $3, $4, $5)",
                    {session.id_hash, session.user_id, session.csrf_token, session.created_at, session.expires_at},
                    context)
        .status();
  });
}

Result<std::optional<std::pair<StoredSession, StoredUser>>> PostgresRepository::FindSession(
    const std::string& id_hash) {
  const std::string context = "finding a session";
  std::optional<std::pair<StoredSession, StoredUser>> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, "
                                "u.id, u.name, u.role, u.password_hash, u.created_at, coalesce(u.disabled_at, '') "
                                "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1 AND "
                                "u.disabled_at IS NULL",
                                {id_hash}, context));
    if (rows.empty()) return Status::Ok();
    StoredSession session;
    session.id_hash = rows.Text(0, 0);
    session.user_id = rows.Int(0, 1);
    session.csrf_token = rows.Text(0, 2);
    session.created_at = rows.Text(0, 3);
    session.expires_at = rows.Text(0, 4);
    found.emplace(std::move(session), ReadUser(rows, 0, 5));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::ExtendSession(const std::string& id_hash, const std::string& expires_at) {
  const std::string context = "extending a session";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    return db.Query("UPDATE sessions SET expires_at = $2 WHERE id_hash = $1", {id_hash, expires_at}, context)
        .status();
  });
}

Status PostgresRepository::RemoveSession(const std::string& id_hash) {
  const std::string context = "closing a session";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    return db.Query("DELETE FROM sessions WHERE id_hash = $1", {id_hash}, context).status();
  });
}

Status PostgresRepository::AddApiToken(const StoredApiToken& token) {
  const std::string context = "adding an API token for user " + std::to_string(token.user_id);
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    return db.Query("INSERT INTO api_tokens(token_hash, user_id, label, created_at, expires_at) "
                    "VALUES($1, $2, $3, $4, nullif($5, ''))",
                    {token.token_hash, token.user_id, token.label, token.created_at, token.expires_at}, context)
        .status();
  });
}

Result<std::vector<StoredApiToken>> PostgresRepository::ListApiTokens() {
  const std::string context = "listing API tokens";
  std::vector<StoredApiToken> tokens;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    tokens.clear();
    QUAI_PG_ROWS(rows, db.Query("SELECT t.id, t.user_id, u.name, t.label, t.created_at, coalesce(t.expires_at, ''), "
                                "coalesce(t.revoked_at, '') FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                "ORDER BY t.id",
                                {}, context));
    for (int row = 0; row < rows.size(); ++row) {
      StoredApiToken token;
      token.id = rows.Int(row, 0);
      token.user_id = rows.Int(row, 1);
      token.user_name = rows.Text(row, 2);
      token.label = rows.Text(row, 3);
      token.created_at = rows.Text(row, 4);
      token.expires_at = rows.Text(row, 5);
      token.revoked_at = rows.Text(row, 6);
      tokens.push_back(std::move(token));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return tokens;
}

Status PostgresRepository::RevokeApiToken(int64_t id, const std::string& at) {
  const std::string context = "revoking API token " + std::to_string(id);
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1",
                                   {id, at}, context));
    if (updated.changed() == 0) return Status::NotFound("no API token " + std::to_string(id));
    return Status::Ok();
  });
}

Status PostgresRepository::RevokeUserApiTokens(const std::string& user_name, const std::string& at) {
  const std::string context = "revoking the API tokens of '" + user_name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    return db.Query("UPDATE api_tokens SET revoked_at = $2 WHERE revoked_at IS NULL AND "
                    "user_id = (SELECT id FROM users WHERE name = $1)",
                    {user_name, at}, context)
        .status();
  });
}

Status PostgresRepository::SetUserDisabled(const std::string& name, const std::string& at) {
  const std::string context = (at.empty() ? "enabling user '" : "disabling user '") + name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE users SET disabled_at = nullif($2, '') WHERE name = $1", {name, at},
                                   context));
    if (updated.changed() == 0) return Status::NotFound("no user '" + name + "'");
    if (at.empty()) return Status::Ok();
    return db.Query("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = $1)", {name}, context)
        .status();
  });
}

Status PostgresRepository::SetUserRole(const std::string& name, const std::string& role) {
  const std::string context = "changing the role of user '" + name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE users SET role = $2 WHERE name = $1", {name, role}, context));
    if (updated.changed() == 0) return Status::NotFound("no user '" + name + "'");
    return Status::Ok();
  });
}

Result<std::optional<StoredUser>> PostgresRepository::FindApiTokenUser(const std::string& token_hash,
                                                                       const std::string& now) {
  const std::string context = "finding an API token";
  std::optional<StoredUser> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("SELECT u.id, u.name, u.role, u.password_hash, u.created_at, "
                                "coalesce(u.disabled_at, '') FROM api_tokens t JOIN users u ON u.id = t.user_id "
                                "WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND "
                                "(t.expires_at IS NULL OR t.expires_at > $2) AND u.disabled_at IS NULL",
                                {token_hash, now}, context));
    if (!rows.empty()) found = ReadUser(rows, 0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<LoginAdmission> PostgresRepository::BeginLoginAttempt(const LoginAttempt& attempt) {
  const std::string context = "counting failed logins";
  LoginAdmission admission;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    admission = LoginAdmission();
    // Counting and recording are one step across every node: without the lock,
    // parallel guesses would each count the failures before any of them.
    QUAI_RETURN_IF_ERROR(db.Query(kLoginLock, {}, context).status());
    QUAI_RETURN_IF_ERROR(
        db.Query("DELETE FROM login_failures WHERE at < $1", {attempt.since}, context).status());
    LoginFailures failures;
    const std::pair<const char*, LoginFailures::Scope*> scopes[] = {
        {kNameFromClientFailures, &failures.name_from_client},
        {kNameFailures, &failures.name},
        {kClientFailures, &failures.client}};
    for (const auto& [sql, scope] : scopes) {
      QUAI_PG_ROWS(rows, db.Query(sql, {attempt.user_name, attempt.client, attempt.since, attempt.at}, context));
      if (!rows.empty()) {
        scope->count = rows.Int(0, 0);
        scope->seconds_since_latest = rows.Int(0, 1);
      }
    }
    admission.retry_after_seconds = attempt.wait_seconds ? attempt.wait_seconds(failures) : 0;
    if (admission.retry_after_seconds > 0) return Status::Ok();
    QUAI_PG_ROWS(inserted, db.Query("INSERT INTO login_failures(user_name, client, at) VALUES($1, $2, $3) "
                                    "RETURNING id",
                                    {attempt.user_name, attempt.client, attempt.at}, context));
    admission.attempt_id = inserted.Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return admission;
}

Status PostgresRepository::AddKnownDevice(const std::string& id_hash, const std::string& user_name,
                                          const std::string& at) {
  const std::string context = "remembering a device of '" + user_name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    return db.Query("INSERT INTO known_devices(id_hash, user_id, created_at) SELECT $1, id, $3 FROM users "
                    "WHERE name = $2 ON CONFLICT DO NOTHING",
                    {id_hash, user_name, at}, context)
        .status();
  });
}

Result<bool> PostgresRepository::IsKnownDevice(const std::string& id_hash, const std::string& user_name) {
  const std::string context = "looking up a device of '" + user_name + "'";
  bool known = false;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("SELECT 1 FROM known_devices d JOIN users u ON u.id = d.user_id "
                                "WHERE d.id_hash = $1 AND u.name = $2",
                                {id_hash, user_name}, context));
    known = !rows.empty();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return known;
}

Result<SecurityEvent> PostgresRepository::AppendSecurityEvent(SecurityEvent event) {
  const std::string context = "recording a security event";
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(db.Query(kSecurityLogLock, {}, context).status());
    QUAI_PG_ROWS(last, db.Query("SELECT id, hash FROM security_events ORDER BY id DESC LIMIT 1", {}, context));
    event.id = last.empty() ? 1 : last.Int(0, 0) + 1;
    event.previous_hash = last.empty() ? FirstPreviousHash() : last.Text(0, 1);
    event.hash = SecurityEventHash(event);
    return db.Query("INSERT INTO security_events(id, at, kind, actor, client, detail, previous_hash, hash) "
                    "VALUES($1, $2, $3, $4, $5, $6, $7, $8)",
                    {event.id, event.at, event.kind, event.actor, event.client, event.detail, event.previous_hash,
                     event.hash},
                    context)
        .status();
  });
  if (!status.ok()) return status;
  return event;
}

Result<std::vector<SecurityEvent>> PostgresRepository::ListSecurityEvents(int64_t after_id, int limit) {
  const std::string context = "listing security events";
  std::vector<SecurityEvent> events;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    events.clear();
    QUAI_PG_ROWS(rows, db.Query("SELECT id, at, kind, actor, client, detail, previous_hash, hash FROM "
                                "security_events WHERE id > $1 ORDER BY id LIMIT $2",
                                {after_id, limit < 0 ? SqlValue(std::nullopt) : SqlValue(limit)}, context));
    for (int row = 0; row < rows.size(); ++row) {
      SecurityEvent event;
      event.id = rows.Int(row, 0);
      event.at = rows.Text(row, 1);
      event.kind = rows.Text(row, 2);
      event.actor = rows.Text(row, 3);
      event.client = rows.Text(row, 4);
      event.detail = rows.Text(row, 5);
      event.previous_hash = rows.Text(row, 6);
      event.hash = rows.Text(row, 7);
      events.push_back(std::move(event));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return events;
}

Status PostgresRepository::ClearLoginFailures(const std::string& user_name) {
  const std::string context = "clearing the failed logins of '" + user_name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    return db.Query("DELETE FROM login_failures WHERE user_name = $1", {user_name}, context).status();
  });
}

Status PostgresRepository::LoginSucceeded(int64_t attempt_id, const std::string& user_name) {
  const std::string context = "recording a successful login";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_RETURN_IF_ERROR(db.Query("DELETE FROM login_failures WHERE id = $1", {attempt_id}, context).status());
    return db.Query("DELETE FROM login_failures WHERE user_name = $1", {user_name}, context).status();
  });
}

}  // namespace quai
