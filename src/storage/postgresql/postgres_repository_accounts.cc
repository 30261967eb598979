#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<int64_t> PostgresRepository::AddUser(const StoredUser& user) { return NotYet("AddUser"); }

Result<std::optional<StoredUser>> PostgresRepository::FindUser(const std::string& name) { return NotYet("FindUser"); }

Result<std::vector<StoredUser>> PostgresRepository::ListUsers() { return NotYet("ListUsers"); }

Status PostgresRepository::SetPasswordHash(const std::string& name, const std::string& password_hash) { return NotYet("SetPasswordHash"); }

Status PostgresRepository::AddSession(const StoredSession& session) { return NotYet("AddSession"); }

Result<std::optional<std::pair<StoredSession, StoredUser>>> PostgresRepository::FindSession(const std::string& id_hash) { return NotYet("FindSession"); }

Status PostgresRepository::ExtendSession(const std::string& id_hash, const std::string& expires_at) { return NotYet("ExtendSession"); }

Status PostgresRepository::RemoveSession(const std::string& id_hash) { return NotYet("RemoveSession"); }

Status PostgresRepository::AddApiToken(const StoredApiToken& token) { return NotYet("AddApiToken"); }

Result<std::optional<StoredUser>> PostgresRepository::FindApiTokenUser(const std::string& token_hash, const std::string& now) { return NotYet("FindApiTokenUser"); }

Result<std::vector<StoredApiToken>> PostgresRepository::ListApiTokens() { return NotYet("ListApiTokens"); }

Status PostgresRepository::RevokeApiToken(int64_t id, const std::string& at) { return NotYet("RevokeApiToken"); }

Status PostgresRepository::RevokeUserApiTokens(const std::string& user_name, const std::string& at) { return NotYet("RevokeUserApiTokens"); }

Status PostgresRepository::SetUserDisabled(const std::string& name, const std::string& at) { return NotYet("SetUserDisabled"); }

Status PostgresRepository::SetUserRole(const std::string& name, const std::string& role) { return NotYet("SetUserRole"); }

Result<LoginAdmission> PostgresRepository::BeginLoginAttempt(const LoginAttempt& attempt) { return NotYet("BeginLoginAttempt"); }

Status PostgresRepository::LoginSucceeded(int64_t attempt_id, const std::string& user_name) { return NotYet("LoginSucceeded"); }

Status PostgresRepository::ClearLoginFailures(const std::string& user_name) { return NotYet("ClearLoginFailures"); }

Status PostgresRepository::AddKnownDevice(const std::string& id_hash, const std::string& user_name, const std::string& at) { return NotYet("AddKnownDevice"); }

Result<bool> PostgresRepository::IsKnownDevice(const std::string& id_hash, const std::string& user_name) { return NotYet("IsKnownDevice"); }

Result<SecurityEvent> PostgresRepository::AppendSecurityEvent(SecurityEvent event) { return NotYet("AppendSecurityEvent"); }

Result<std::vector<SecurityEvent>> PostgresRepository::ListSecurityEvents(int64_t after_id, int limit) { return NotYet("ListSecurityEvents"); }

}  // namespace quai
