// SqliteRepository as AccountStore: users, sessions, API tokens, the login
// rate limit (migration 3's tables), known devices (6) and the security log (7).
#include <utility>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {

namespace {

constexpr char kInsertUser[] = "INSERT INTO users(name, role, password_hash, created_at) VALUES(?1, ?2, ?3, ?4)";
#define QUAI_USER_COLUMNS "id, name, role, password_hash, created_at, coalesce(disabled_at, '')"
constexpr char kSelectUserByName[] = "SELECT " QUAI_USER_COLUMNS " FROM users WHERE name = ?1";
constexpr char kSelectUsers[] = "SELECT " QUAI_USER_COLUMNS " FROM users ORDER BY name";
#undef QUAI_USER_COLUMNS
constexpr char kUpdatePasswordHash[] = "UPDATE users SET password_hash = ?2 WHERE name = ?1";
constexpr char kDeleteUserSessions[] = "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE name = ?1)";
constexpr char kDeleteExpiredSessions[] = "DELETE FROM sessions WHERE expires_at < ?1";
constexpr char kInsertSession[] =
    "INSERT INTO sessions(id_hash, user_id, csrf_token, created_at, expires_at) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char kSelectSession[] =
    "SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, "
    "u.id, u.name, u.role, u.password_hash, u.created_at, coalesce(u.disabled_at, '') "
    "FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?1 AND u.disabled_at IS NULL";
constexpr char kExtendSession[] = "UPDATE sessions SET expires_at = ?2 WHERE id_hash = ?1";
constexpr char kDeleteSession[] = "DELETE FROM sessions WHERE id_hash = ?1";
constexpr char kInsertApiToken[] =
    "INSERT INTO api_tokens(token_hash, user_id, label, created_at, expires_at) VALUES(?1, ?2, ?3, ?4, nullif(?5, ''))";
constexpr char kSelectApiTokenUser[] =
    "SELECT u.id, u.name, u.role, u.password_hash, u.created_at, coalesce(u.disabled_at, '') "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1 AND t.revoked_at IS NULL "
    "AND (t.expires_at IS NULL OR t.expires_at > ?2) AND u.disabled_at IS NULL";
constexpr char kSelectApiTokens[] =
    "SELECT t.id, t.user_id, u.name, t.label, t.created_at, coalesce(t.expires_at, ''), coalesce(t.revoked_at, '') "
    "FROM api_tokens t JOIN users u ON u.id = t.user_id ORDER BY t.id";
constexpr char kRevokeApiToken[] = "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, ?2) WHERE id = ?1";
constexpr char kRevokeUserApiTokens[] =
    "UPDATE api_tokens SET revoked_at = ?2 WHERE revoked_at IS NULL AND user_id = (SELECT id FROM users WHERE name = ?1)";
constexpr char kSetUserDisabled[] = "UPDATE users SET disabled_at = nullif(?2, '') WHERE name = ?1";
constexpr char kSetUserRole[] = "UPDATE users SET role = ?2 WHERE name = ?1";
// The failures of a scope since ?3 and the whole seconds from the latest to ?4.
#define QUAI_FAILURES_SINCE(where)                                                                         \
  "SELECT count(*), coalesce(CAST((julianday(?4) - julianday(max(at))) * 86400 + 0.5 AS INTEGER), -1) " \
  "FROM login_failures WHERE " where " AND at >= ?3"
constexpr char kNameFromClientFailures[] = QUAI_FAILURES_SINCE("user_name = ?1 AND client = ?2");
constexpr char kNameFailures[] = QUAI_FAILURES_SINCE("user_name = ?1 AND ?2 = ?2");
constexpr char kClientFailures[] = QUAI_FAILURES_SINCE("client = ?2 AND ?1 = ?1");
#undef QUAI_FAILURES_SINCE
// Failures older than the window can no longer lock anyone.
constexpr char kDeleteOldFailures[] = "DELETE FROM login_failures WHERE at < ?1";
constexpr char kInsertFailure[] = "INSERT INTO login_failures(user_name, client, at) VALUES(?1, ?2, ?3)";
constexpr char kDeleteAttempt[] = "DELETE FROM login_failures WHERE id = ?1";
constexpr char kDeleteUserFailures[] = "DELETE FROM login_failures WHERE user_name = ?1";
constexpr char kSelectLastSecurityEvent[] = "SELECT id, hash FROM security_events ORDER BY id DESC LIMIT 1";
constexpr char kInsertSecurityEvent[] =
    "INSERT INTO security_events(id, at, kind, actor, client, detail, previous_hash, hash) "
    "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kSelectSecurityEvents[] =
    "SELECT id, at, kind, actor, client, detail, previous_hash, hash FROM security_events WHERE id > ?1 "
    "ORDER BY id LIMIT ?2";
constexpr char kInsertKnownDevice[] =
    "INSERT OR IGNORE INTO known_devices(id_hash, user_id, created_at) "
    "SELECT ?1, id, ?3 FROM users WHERE name = ?2";
constexpr char kSelectKnownDevice[] =
    "SELECT 1 FROM known_devices d JOIN users u ON u.id = d.user_id WHERE d.id_hash = ?1 AND u.name = ?2";

// Reads the user columns id, name, role, password_hash, created_at, disabled_at from `first` on.
StoredUser ReadUser(const SqliteStatement& row, int first) {
  StoredUser user;
  user.id = row.ColumnInt64(first);
  user.name = row.ColumnText(first + 1);
  user.role = row.ColumnText(first + 2);
  user.password_hash = row.ColumnText(first + 3);
  user.created_at = row.ColumnText(first + 4);
  user.disabled_at = row.ColumnText(first + 5);
  return user;
}

}  // namespace

Result<int64_t> SqliteRepository::AddUser(const StoredUser& user) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "adding user '" + user.name + "'";
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertUser);
    insert->BindText(1, user.name);
    insert->BindText(2, user.role);
    insert->BindText(3, user.password_hash);
    insert->BindText(4, user.created_at);
    Status inserted = insert->Run(context);
    if (inserted.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("a user named '" + user.name + "' already exists");
    }
    QUAI_RETURN_IF_ERROR(inserted);
    id = connection_->LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<StoredUser>> SqliteRepository::FindUser(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding user '" + name + "'";
  std::optional<StoredUser> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectUserByName);
    select->BindText(1, name);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (*row) found = ReadUser(*select, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<StoredUser>> SqliteRepository::ListUsers() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing users";
  std::vector<StoredUser> users;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectUsers);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      users.push_back(ReadUser(*select, 0));
    }
  });
  if (!status.ok()) return status;
  return users;
}

Status SqliteRepository::SetPasswordHash(const std::string& name, const std::string& password_hash) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "setting the password of user '" + name + "'";
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(update, connection_, kUpdatePasswordHash);
      update->BindText(1, name);
      update->BindText(2, password_hash);
      QUAI_RETURN_IF_ERROR(update->Run(context));
      if (connection_->ChangedRows() == 0) return Status::NotFound("no user named '" + name + "'");
    }
    // A new password ends the sessions opened with the old one.
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteUserSessions);
    remove->BindText(1, name);
    return remove->Run(context);
  });
}

Status SqliteRepository::AddSession(const StoredSession& session) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "opening a session for user " + std::to_string(session.user_id);
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(expired, connection_, kDeleteExpiredSessions);
      expired->BindText(1, session.created_at);
      QUAI_RETURN_IF_ERROR(expired->Run(context));
    }
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertSession);
    insert->BindText(1, session.id_hash);
    insert->BindInt64(2, session.user_id);
    insert->BindText(3, session.csrf_token);
    insert->BindText(4, session.created_at);
    insert->BindText(5, session.expires_at);
    return insert->Run(context);
  });
}

Result<std::optional<std::pair<StoredSession, StoredUser>>> SqliteRepository::FindSession(const std::string& id_hash) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding a session";
  std::optional<std::pair<StoredSession, StoredUser>> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectSession);
    select->BindText(1, id_hash);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    StoredSession session;
    session.id_hash = select->ColumnText(0);
    session.user_id = select->ColumnInt64(1);
    session.csrf_token = select->ColumnText(2);
    session.created_at = select->ColumnText(3);
    session.expires_at = select->ColumnText(4);
    found.emplace(std::move(session), ReadUser(*select, 5));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status SqliteRepository::ExtendSession(const std::string& id_hash, const std::string& expires_at) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "extending a session";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_, kExtendSession);
    update->BindText(1, id_hash);
    update->BindText(2, expires_at);
    return update->Run(context);
  });
}

Status SqliteRepository::RemoveSession(const std::string& id_hash) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "closing a session";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteSession);
    remove->BindText(1, id_hash);
    return remove->Run(context);
  });
}

Status SqliteRepository::AddApiToken(const StoredApiToken& token) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "adding an API token for user " + std::to_string(token.user_id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertApiToken);
    insert->BindText(1, token.token_hash);
    insert->BindInt64(2, token.user_id);
    insert->BindText(3, token.label);
    insert->BindText(4, token.created_at);
    insert->BindText(5, token.expires_at);
    return insert->Run(context);
  });
}

Result<std::vector<StoredApiToken>> SqliteRepository::ListApiTokens() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing API tokens";
  std::vector<StoredApiToken> tokens;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectApiTokens);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      StoredApiToken token;
      token.id = select->ColumnInt64(0);
      token.user_id = select->ColumnInt64(1);
      token.user_name = select->ColumnText(2);
      token.label = select->ColumnText(3);
      token.created_at = select->ColumnText(4);
      token.expires_at = select->ColumnText(5);
      token.revoked_at = select->ColumnText(6);
      tokens.push_back(std::move(token));
    }
  });
  if (!status.ok()) return status;
  return tokens;
}

Status SqliteRepository::RevokeApiToken(int64_t id, const std::string& at) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "revoking API token " + std::to_string(id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_, kRevokeApiToken);
    update->BindInt64(1, id);
    update->BindText(2, at);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() == 0) return Status::NotFound("no API token " + std::to_string(id));
    return Status::Ok();
  });
}

Status SqliteRepository::RevokeUserApiTokens(const std::string& user_name, const std::string& at) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "revoking the API tokens of '" + user_name + "'";
  QUAI_SQLITE_PREPARE(update, connection_, kRevokeUserApiTokens);
  update->BindText(1, user_name);
  update->BindText(2, at);
  return update->Run(context);
}

Status SqliteRepository::SetUserDisabled(const std::string& name, const std::string& at) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = (at.empty() ? "enabling user '" : "disabling user '") + name + "'";
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(update, connection_, kSetUserDisabled);
      update->BindText(1, name);
      update->BindText(2, at);
      QUAI_RETURN_IF_ERROR(update->Run(context));
      if (connection_->ChangedRows() == 0) return Status::NotFound("no user '" + name + "'");
    }
    if (at.empty()) return Status::Ok();
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteUserSessions);
    remove->BindText(1, name);
    return remove->Run(context);
  });
}

Status SqliteRepository::SetUserRole(const std::string& name, const std::string& role) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "changing the role of user '" + name + "'";
  QUAI_SQLITE_PREPARE(update, connection_, kSetUserRole);
  update->BindText(1, name);
  update->BindText(2, role);
  QUAI_RETURN_IF_ERROR(update->Run(context));
  if (connection_->ChangedRows() == 0) return Status::NotFound("no user '" + name + "'");
  return Status::Ok();
}

Result<std::optional<StoredUser>> SqliteRepository::FindApiTokenUser(const std::string& token_hash,
                                                                     const std::string& now) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding an API token";
  std::optional<StoredUser> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectApiTokenUser);
    select->BindText(1, token_hash);
    select->BindText(2, now);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (*row) found = ReadUser(*select, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<LoginAdmission> SqliteRepository::BeginLoginAttempt(const LoginAttempt& attempt) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "counting failed logins";
  LoginAdmission admission;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(prune, connection_, kDeleteOldFailures);
      prune->BindText(1, attempt.since);
      QUAI_RETURN_IF_ERROR(prune->Run(context));
    }
    LoginFailures failures;
    const std::pair<const char*, LoginFailures::Scope*> scopes[] = {
        {kNameFromClientFailures, &failures.name_from_client},
        {kNameFailures, &failures.name},
        {kClientFailures, &failures.client}};
    for (const auto& [sql, scope] : scopes) {
      QUAI_SQLITE_PREPARE(count, connection_, sql);
      count->BindText(1, attempt.user_name);
      count->BindText(2, attempt.client);
      count->BindText(3, attempt.since);
      count->BindText(4, attempt.at);
      Result<bool> row = count->Step(context);
      if (!row.ok()) return row.status();
      if (*row) {
        scope->count = count->ColumnInt64(0);
        scope->seconds_since_latest = count->ColumnInt64(1);
      }
    }
    admission.retry_after_seconds = attempt.wait_seconds ? attempt.wait_seconds(failures) : 0;
    if (admission.retry_after_seconds > 0) return Status::Ok();
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertFailure);
    insert->BindText(1, attempt.user_name);
    insert->BindText(2, attempt.client);
    insert->BindText(3, attempt.at);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    admission.attempt_id = connection_->LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return admission;
}

Status SqliteRepository::AddKnownDevice(const std::string& id_hash, const std::string& user_name,
                                        const std::string& at) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "remembering a device of '" + user_name + "'";
  QUAI_SQLITE_PREPARE(insert, connection_, kInsertKnownDevice);
  insert->BindText(1, id_hash);
  insert->BindText(2, user_name);
  insert->BindText(3, at);
  return insert->Run(context);
}

Result<bool> SqliteRepository::IsKnownDevice(const std::string& id_hash, const std::string& user_name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "looking up a device of '" + user_name + "'";
  QUAI_SQLITE_PREPARE(select, connection_, kSelectKnownDevice);
  select->BindText(1, id_hash);
  select->BindText(2, user_name);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  return *row;
}

Result<SecurityEvent> SqliteRepository::AppendSecurityEvent(SecurityEvent event) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording a security event";
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(last, connection_, kSelectLastSecurityEvent);
      Result<bool> row = last->Step(context);
      if (!row.ok()) return row.status();
      event.id = *row ? last->ColumnInt64(0) + 1 : 1;
      event.previous_hash = *row ? last->ColumnText(1) : FirstPreviousHash();
    }
    event.hash = SecurityEventHash(event);
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertSecurityEvent);
    insert->BindInt64(1, event.id);
    insert->BindText(2, event.at);
    insert->BindText(3, event.kind);
    insert->BindText(4, event.actor);
    insert->BindText(5, event.client);
    insert->BindText(6, event.detail);
    insert->BindText(7, event.previous_hash);
    insert->BindText(8, event.hash);
    return insert->Run(context);
  });
  if (!status.ok()) return status;
  return event;
}

Result<std::vector<SecurityEvent>> SqliteRepository::ListSecurityEvents(int64_t after_id, int limit) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing security events";
  std::vector<SecurityEvent> events;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectSecurityEvents);
    select->BindInt64(1, after_id);
    select->BindInt64(2, limit);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      SecurityEvent event;
      event.id = select->ColumnInt64(0);
      event.at = select->ColumnText(1);
      event.kind = select->ColumnText(2);
      event.actor = select->ColumnText(3);
      event.client = select->ColumnText(4);
      event.detail = select->ColumnText(5);
      event.previous_hash = select->ColumnText(6);
      event.hash = select->ColumnText(7);
      events.push_back(std::move(event));
    }
  });
  if (!status.ok()) return status;
  return events;
}

Status SqliteRepository::ClearLoginFailures(const std::string& user_name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "clearing the failed logins of '" + user_name + "'";
  QUAI_SQLITE_PREPARE(remove, connection_, kDeleteUserFailures);
  remove->BindText(1, user_name);
  return remove->Run(context);
}

Status SqliteRepository::LoginSucceeded(int64_t attempt_id, const std::string& user_name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording a successful login";
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(remove, connection_, kDeleteAttempt);
      remove->BindInt64(1, attempt_id);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteUserFailures);
    remove->BindText(1, user_name);
    return remove->Run(context);
  });
}

}  // namespace quai
