#include "review/accounts.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/clock.h"
#include "core/sha256.h"
#include "storage/account_store.h"

namespace quai {

namespace {

constexpr char kWrongCredentials[] = "wrong user name or password";
constexpr char kApiTokenPrefix[] = "quai_";
// 18 random bytes: 24 characters, 144 bits — beyond guessing, short enough to type once.
constexpr size_t kPasswordBytes = 18;
constexpr size_t kSecretBytes = 32;  // session ids, CSRF tokens, API tokens: 256 bits

bool IsValidUserName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<User> ToUser(const StoredUser& stored) {
  User user;
  user.id = stored.id;
  user.name = stored.name;
  user.created_at = stored.created_at;
  user.disabled = !stored.disabled_at.empty();
  if (!ParseRole(stored.role, &user.role)) {
    return Status::Internal("user '" + stored.name + "' has unknown role '" + stored.role + "'");
  }
  return user;
}

}  // namespace

struct Accounts::Impl {
  AccountStore* store;
  Clock* clock;
  AccountOptions options;
  // Verified against when the name is unknown, so that answer takes as long
  // as a wrong password and does not reveal which names exist.
  std::string decoy_hash;
  std::unique_ptr<SecurityLog> log;

  // Bounds the Argon2 runs in flight to options.max_concurrent_password_checks.
  std::mutex password_mutex;
  std::condition_variable password_turn;
  int password_checks = 0;  // guarded by password_mutex

  template <typename Work>
  auto WithPasswordTurn(Work work) {
    {
      std::unique_lock<std::mutex> lock(password_mutex);
      const int limit = std::max(1, options.max_concurrent_password_checks);
      password_turn.wait(lock, [&] { return password_checks < limit; });
      ++password_checks;
    }
    struct Release {
      Impl* impl;
      ~Release() {
        {
          std::lock_guard<std::mutex> lock(impl->password_mutex);
          --impl->password_checks;
        }
        impl->password_turn.notify_one();
      }
    } release{this};
    return work();
  }
  Result<std::string> Hash(const std::string& password) {
    return WithPasswordTurn([&] { return HashPassword(password, options.password_cost); });
  }
  bool Verify(const std::string& hash, const std::string& password) {
    return WithPasswordTurn([&] { return VerifyPassword(hash, password); });
  }

  std::string Now() const { return FormatUtcTimestamp(clock->Now()); }
  std::string In(std::chrono::minutes minutes) const { return FormatUtcTimestamp(clock->Now() + minutes); }

  Result<std::string> SetNewPassword(const std::string& name) {
    std::string password = RandomBase64Url(kPasswordBytes);
    Result<std::string> hash = Hash(password);
    if (!hash.ok()) return hash.status();
    QUAI_RETURN_IF_ERROR(store->SetPasswordHash(name, *hash));
    return password;
  }
};

Accounts::Accounts(AccountStore* store, Clock* clock, AccountOptions options)
    : impl_(std::make_shared<Impl>()) {
  impl_->store = store;
  impl_->clock = clock != nullptr ? clock : SystemClock();
  impl_->options = options;
  impl_->log = std::make_unique<SecurityLog>(store, impl_->clock);
  Result<std::string> decoy = HashPassword(RandomBase64Url(kPasswordBytes), options.password_cost);
  if (decoy.ok()) impl_->decoy_hash = *decoy;
}

SecurityLog& Accounts::security_log() { return *impl_->log; }

Result<std::string> Accounts::AddUser(const std::string& name, Role role, const std::string& actor) {
  if (!IsValidUserName(name)) {
    return Status::InvalidArgument("user name '" + name +
                                   "' must be 1 to 64 letters, digits or the characters . _ @ -");
  }
  std::string password = RandomBase64Url(kPasswordBytes);
  Result<std::string> hash = impl_->Hash(password);
  if (!hash.ok()) return hash.status();
  StoredUser user;
  user.name = name;
  user.role = RoleName(role);
  user.password_hash = *hash;
  user.created_at = impl_->Now();
  Result<int64_t> added = impl_->store->AddUser(user);
  if (!added.ok()) return added.status();
  impl_->log->Record("user_added", actor, "", name + " as " + RoleName(role));
  return password;
}

Result<std::vector<User>> Accounts::ListUsers() {
  Result<std::vector<StoredUser>> stored = impl_->store->ListUsers();
  if (!stored.ok()) return stored.status();
  std::vector<User> users;
  for (const StoredUser& row : *stored) {
    Result<User> user = ToUser(row);
    if (!user.ok()) return user.status();
    users.push_back(std::move(user).value());
  }
  return users;
}

Result<User> Accounts::FindUser(const std::string& name) {
  Result<std::optional<StoredUser>> stored = impl_->store->FindUser(name);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return Status::NotFound("no user named '" + name + "'");
  return ToUser(**stored);
}

Result<std::string> Accounts::ResetPassword(const std::string& name, const std::string& actor) {
  Result<std::string> password = impl_->SetNewPassword(name);
  if (!password.ok()) return password;
  QUAI_RETURN_IF_ERROR(impl_->store->ClearLoginFailures(name));
  QUAI_RETURN_IF_ERROR(impl_->store->RevokeUserApiTokens(name, impl_->Now()));
  impl_->log->Record("password_reset", actor, "", name + " (its sessions ended, its API tokens revoked)");
  return password;
}

Status Accounts::ChangePassword(const std::string& name, const std::string& current, const std::string& replacement,
                                const std::string& client) {
  if (replacement.size() < 12 || replacement.size() > 256)
    return Status::InvalidArgument("the new password must have 12 to 256 characters");
  if (replacement == name || replacement == current)
    return Status::InvalidArgument("the new password must differ from the user name and the current password");
  Result<std::optional<StoredUser>> stored = impl_->store->FindUser(name);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return Status::NotFound("no user '" + name + "'");
  if (!impl_->Verify((*stored)->password_hash, current)) {
    impl_->log->Record("password_change_failed", name, client, "wrong current password");
    return Status::InvalidArgument("the current password is wrong");
  }
  Result<std::string> hash = impl_->Hash(replacement);
  if (!hash.ok()) return hash.status();
  QUAI_RETURN_IF_ERROR(impl_->store->SetPasswordHash(name, *hash));
  impl_->log->Record("password_changed", name, client, "");
  return Status::Ok();
}

Status Accounts::Unlock(const std::string& name, const std::string& actor) {
  Result<std::optional<StoredUser>> stored = impl_->store->FindUser(name);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) return Status::NotFound("no user '" + name + "'");
  QUAI_RETURN_IF_ERROR(impl_->store->ClearLoginFailures(name));
  impl_->log->Record("user_unlocked", actor, "", name);
  return Status::Ok();
}

namespace {

// Seconds still to wait in one scope: 2^(failures past the free ones - 1), capped,
// counted from the scope's latest failure.
int64_t ScopeWait(const LoginFailures::Scope& scope, const AccountOptions::Throttle& throttle) {
  if (scope.count < throttle.free_failures || scope.seconds_since_latest < 0) return 0;
  const int64_t past = scope.count - throttle.free_failures;
  const int64_t wait = past >= 20 ? throttle.max_wait_seconds
                                  : std::min<int64_t>(int64_t{1} << past, throttle.max_wait_seconds);
  return std::max<int64_t>(0, wait - scope.seconds_since_latest);
}

}  // namespace

Result<Session> Accounts::Login(const std::string& name, const std::string& password, const std::string& client,
                                int64_t* retry_after, const std::string& device) {
  Result<Session> session = AttemptLogin(name, password, client, retry_after, device);
  const char* kind = session.ok()                                          ? "login"
                     : session.status().code() == StatusCode::kLimitExceeded ? "login_throttled"
                     : session.status().code() == StatusCode::kInvalidArgument ? "login_failed"
                                                                               : "login_error";
  impl_->log->Record(kind, name, client, session.ok() ? "" : session.status().message());
  return session;
}

Result<Session> Accounts::AttemptLogin(const std::string& name, const std::string& password,
                                       const std::string& client, int64_t* retry_after, const std::string& device) {
  const AccountOptions& options = impl_->options;
  bool known_device = false;
  if (!device.empty() && device.size() <= 64) {
    Result<bool> known = impl_->store->IsKnownDevice(Sha256Hex(device), name.substr(0, 64));
    if (!known.ok()) return known.status();
    known_device = *known;
  }
  LoginAttempt attempt;
  // No user name is longer (AddUser); a megabyte of name is not stored.
  attempt.user_name = name.substr(0, 64);
  attempt.client = client.substr(0, 64);
  attempt.at = impl_->Now();
  attempt.since = FormatUtcTimestamp(impl_->clock->Now() - std::chrono::minutes(options.failure_window_minutes));
  attempt.wait_seconds = [&options, known_device](const LoginFailures& failures) {
    const int64_t own = ScopeWait(failures.name_from_client, options.per_name_from_client);
    if (known_device) return own;
    return std::max({own, ScopeWait(failures.client, options.per_client), ScopeWait(failures.name, options.per_name)});
  };
  // Counted as a failure before the password is checked, so parallel guesses
  // cannot all pass the count; forgotten again when the password is right.
  Result<LoginAdmission> admission = impl_->store->BeginLoginAttempt(attempt);
  if (!admission.ok()) return admission.status();
  if (admission->retry_after_seconds > 0) {
    if (retry_after != nullptr) *retry_after = admission->retry_after_seconds;
    return Status::LimitExceeded("too many failed logins; try again in " +
                                 std::to_string(admission->retry_after_seconds) + " s");
  }
  const int64_t attempt_id = admission->attempt_id;
  if (name.size() > 64) {
    (void)impl_->Verify(impl_->decoy_hash, password);
    return Status::InvalidArgument(kWrongCredentials);
  }

  Result<std::optional<StoredUser>> stored = impl_->store->FindUser(name);
  if (!stored.ok()) return stored.status();
  if (!stored->has_value()) {
    (void)impl_->Verify(impl_->decoy_hash, password);
    return Status::InvalidArgument(kWrongCredentials);
  }
  const StoredUser& row = **stored;
  if (!impl_->Verify(row.password_hash, password)) return Status::InvalidArgument(kWrongCredentials);
  // The same answer as a wrong password: a disabled name is not confirmed to anyone.
  if (!row.disabled_at.empty()) return Status::InvalidArgument(kWrongCredentials);
  Result<User> user = ToUser(row);
  if (!user.ok()) return user.status();
  QUAI_RETURN_IF_ERROR(impl_->store->LoginSucceeded(attempt_id, name));
  if (PasswordNeedsRehash(row.password_hash, options.password_cost)) {
    // Best effort: the old hash still works if this fails. Like any new hash
    // it ends the user's other sessions; it happens once after a cost change.
    Result<std::string> rehashed = impl_->Hash(password);
    if (rehashed.ok()) (void)impl_->store->SetPasswordHash(name, *rehashed);
  }

  Session session;
  session.device = known_device ? device : RandomBase64Url(kSecretBytes);
  if (!known_device) QUAI_RETURN_IF_ERROR(impl_->store->AddKnownDevice(Sha256Hex(session.device), name, attempt.at));
  session.id = RandomBase64Url(kSecretBytes);
  session.csrf_token = RandomBase64Url(kSecretBytes);
  session.user = std::move(user).value();
  session.expires_at = impl_->In(std::chrono::hours(options.session_hours));
  StoredSession stored_session;
  stored_session.id_hash = Sha256Hex(session.id);
  stored_session.user_id = session.user.id;
  stored_session.csrf_token = session.csrf_token;
  stored_session.created_at = attempt.at;
  stored_session.expires_at = session.expires_at;
  QUAI_RETURN_IF_ERROR(impl_->store->AddSession(stored_session));
  return session;
}

Status Accounts::Logout(const std::string& session_id) {
  return impl_->store->RemoveSession(Sha256Hex(session_id));
}

Result<Session> Accounts::FindSession(const std::string& session_id) {
  const std::string id_hash = Sha256Hex(session_id);
  Result<std::optional<std::pair<StoredSession, StoredUser>>> found = impl_->store->FindSession(id_hash);
  if (!found.ok()) return found.status();
  // The lookup was by hash; comparing again in constant time costs nothing and
  // keeps the check independent of how the store compares keys.
  if (!found->has_value() || !SecretEquals((*found)->first.id_hash, id_hash)) {
    return Status::NotFound("no such session");
  }
  const auto& [stored, stored_user] = **found;
  const std::string now = impl_->Now();
  if (stored.expires_at <= now) return Status::NotFound("the session has expired");
  // The absolute lifetime, from the login (created_at), whatever the use since.
  std::optional<std::chrono::system_clock::time_point> created = ParseUtcTimestamp(stored.created_at);
  const auto absolute_end =
      created ? *created + std::chrono::hours(impl_->options.session_max_hours) : impl_->clock->Now();
  if (absolute_end <= impl_->clock->Now()) {
    (void)impl_->store->RemoveSession(id_hash);
    return Status::NotFound("the session has reached its lifetime; log in again");
  }
  Result<User> user = ToUser(stored_user);
  if (!user.ok()) return user.status();
  Session session;
  session.id = session_id;
  session.csrf_token = stored.csrf_token;
  session.user = std::move(user).value();
  session.expires_at = stored.expires_at;
  const int half_minutes = impl_->options.session_hours * 30;
  if (stored.expires_at < impl_->In(std::chrono::minutes(half_minutes))) {
    session.expires_at = std::min(impl_->In(std::chrono::hours(impl_->options.session_hours)),
                                  FormatUtcTimestamp(absolute_end));
    QUAI_RETURN_IF_ERROR(impl_->store->ExtendSession(id_hash, session.expires_at));
  }
  return session;
}

bool Accounts::CsrfTokenMatches(const Session& session, const std::string& presented) {
  return !session.csrf_token.empty() && SecretEquals(session.csrf_token, presented);
}

Result<std::string> Accounts::CreateApiToken(const std::string& user_name, const std::string& label,
                                             int expires_in_days, const std::string& actor) {
  if (expires_in_days < 0) return Status::InvalidArgument("a token's lifetime must be a positive number of days");
  Result<std::optional<StoredUser>> user = impl_->store->FindUser(user_name);
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("no user named '" + user_name + "'");
  std::string token = kApiTokenPrefix + RandomBase64Url(kSecretBytes);
  StoredApiToken stored;
  stored.token_hash = Sha256Hex(token);
  stored.user_id = (*user)->id;
  stored.label = label;
  stored.created_at = impl_->Now();
  if (expires_in_days > 0) stored.expires_at = impl_->In(std::chrono::hours(24 * expires_in_days));
  QUAI_RETURN_IF_ERROR(impl_->store->AddApiToken(stored));
  impl_->log->Record("token_created", actor, "",
                     "for " + user_name + (label.empty() ? "" : " (" + label + ")") +
                         (stored.expires_at.empty() ? "" : ", expires " + stored.expires_at));
  return token;
}

Result<std::vector<ApiToken>> Accounts::ListApiTokens() {
  Result<std::vector<StoredApiToken>> stored = impl_->store->ListApiTokens();
  if (!stored.ok()) return stored.status();
  std::vector<ApiToken> tokens;
  for (const StoredApiToken& row : *stored)
    tokens.push_back({row.id, row.user_name, row.label, row.created_at, row.expires_at, row.revoked_at});
  return tokens;
}

Status Accounts::RevokeApiToken(int64_t id, const std::string& actor) {
  QUAI_RETURN_IF_ERROR(impl_->store->RevokeApiToken(id, impl_->Now()));
  impl_->log->Record("token_revoked", actor, "", "token " + std::to_string(id));
  return Status::Ok();
}

Status Accounts::DisableUser(const std::string& name, const std::string& actor) {
  QUAI_RETURN_IF_ERROR(impl_->store->SetUserDisabled(name, impl_->Now()));
  impl_->log->Record("user_disabled", actor, "", name);
  return Status::Ok();
}

Status Accounts::EnableUser(const std::string& name, const std::string& actor) {
  QUAI_RETURN_IF_ERROR(impl_->store->SetUserDisabled(name, ""));
  impl_->log->Record("user_enabled", actor, "", name);
  return Status::Ok();
}

Status Accounts::SetRole(const std::string& name, Role role, const std::string& actor) {
  Result<std::optional<StoredUser>> user = impl_->store->FindUser(name);
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("no user named '" + name + "'");
  const std::string before = (*user)->role;
  QUAI_RETURN_IF_ERROR(impl_->store->SetUserRole(name, RoleName(role)));
  impl_->log->Record("user_role_changed", actor, "", name + ": " + before + " -> " + RoleName(role));
  return Status::Ok();
}

Result<User> Accounts::FindApiTokenUser(const std::string& token) {
  if (token.rfind(kApiTokenPrefix, 0) != 0) return Status::NotFound("not a quai API token");
  Result<std::optional<StoredUser>> user = impl_->store->FindApiTokenUser(Sha256Hex(token), impl_->Now());
  if (!user.ok()) return user.status();
  if (!user->has_value()) return Status::NotFound("unknown, revoked or expired API token");
  return ToUser(**user);
}

}  // namespace quai
