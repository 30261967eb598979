// Users and API tokens (admin only): GET/POST /api/v1/users (a new user gets a
// one-time password), PUT /api/v1/users/{name} (role, disabled),
// GET/POST /api/v1/tokens (a new token is shown once), DELETE /api/v1/tokens/{id}.
// Every change is in the security log (Accounts records it).
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

nlohmann::json UserToJson(const User& user) {
  return {{"name", user.name}, {"role", RoleName(user.role)}, {"created_at", user.created_at},
          {"disabled", user.disabled}};
}

nlohmann::json TokenToJson(const ApiToken& token) {
  return {{"id", token.id},
          {"user", token.user_name},
          {"label", token.label},
          {"created_at", token.created_at},
          {"expires_at", token.expires_at},
          {"revoked_at", token.revoked_at}};
}

}  // namespace

void AddUserRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/users", Permission::kAdminister, [&context](Call& call) {
    auto users = context.accounts->ListUsers();
    if (!users.ok()) return SendStatus(call.response, users.status());
    nlohmann::json list = nlohmann::json::array();
    for (const User& user : *users) list.push_back(UserToJson(user));
    SendJson(call.response, 200, {{"users", list}});
  });

  router.Add(Method::kPost, "/api/v1/users", Permission::kAdminister, [&context](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("name") || !body["name"].is_string())
      return SendError(call.response, 400, "invalid_argument", "give the user's \"name\"");
    Role role = Role::kViewer;
    if (!body.contains("role") || !body["role"].is_string() || !ParseRole(body["role"].get<std::string>(), &role))
      return SendError(call.response, 400, "invalid_argument",
                       "give a \"role\": admin, reviewer, viewer or integration");
    std::string name = body["name"].get<std::string>();
    auto password = context.accounts->AddUser(name, role, call.caller->user.name);
    if (!password.ok()) return SendStatus(call.response, password.status());
    SendJson(call.response, 201, {{"name", name}, {"role", RoleName(role)}, {"password", *password}});
  });

  // Another role and/or disabled or enabled again. An administrator cannot
  // change or disable their own account here (they would lock themselves out).
  router.Add(Method::kPut, "/api/v1/users/{name}", Permission::kAdminister, [&context](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    const std::string& name = call.Param("name");
    std::optional<Role> role;
    if (body.contains("role")) {
      Role parsed = Role::kViewer;
      if (!body["role"].is_string() || !ParseRole(body["role"].get<std::string>(), &parsed))
        return SendError(call.response, 400, "invalid_argument",
                         "\"role\" is one of admin, reviewer, viewer, integration");
      role = parsed;
    }
    std::optional<bool> disabled;
    if (body.contains("disabled")) {
      if (!body["disabled"].is_boolean())
        return SendError(call.response, 400, "invalid_argument", "\"disabled\" is true or false");
      disabled = body["disabled"].get<bool>();
    }
    if (!role && !disabled) return SendError(call.response, 400, "invalid_argument", "give \"role\" or \"disabled\"");
    if (name == call.caller->user.name)
      return SendError(call.response, 409, "failed_precondition",
                       "you cannot change your own role or disable yourself; ask another administrator");
    auto user = context.accounts->FindUser(name);
    if (!user.ok()) return SendStatus(call.response, user.status());
    const std::string& actor = call.caller->user.name;
    if (role && *role != user->role) {
      Status changed = context.accounts->SetRole(name, *role, actor);
      if (!changed.ok()) return SendStatus(call.response, changed);
    }
    if (disabled && *disabled != user->disabled) {
      Status changed = *disabled ? context.accounts->DisableUser(name, actor) : context.accounts->EnableUser(name, actor);
      if (!changed.ok()) return SendStatus(call.response, changed);
    }
    auto updated = context.accounts->FindUser(name);
    if (!updated.ok()) return SendStatus(call.response, updated.status());
    SendJson(call.response, 200, UserToJson(*updated));
  });

  router.Add(Method::kGet, "/api/v1/tokens", Permission::kAdminister, [&context](Call& call) {
    auto tokens = context.accounts->ListApiTokens();
    if (!tokens.ok()) return SendStatus(call.response, tokens.status());
    nlohmann::json list = nlohmann::json::array();
    for (const ApiToken& token : *tokens) list.push_back(TokenToJson(token));
    SendJson(call.response, 200, {{"tokens", list}});
  });

  router.Add(Method::kPost, "/api/v1/tokens", Permission::kAdminister, [&context](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("user") || !body["user"].is_string())
      return SendError(call.response, 400, "invalid_argument", "give the token's \"user\"");
    std::string label;
    if (body.contains("label")) {
      if (!body["label"].is_string() || body["label"].get<std::string>().size() > 200)
        return SendError(call.response, 400, "invalid_argument", "\"label\" is a string of at most 200 bytes");
      label = body["label"].get<std::string>();
    }
    int days = 0;
    if (body.contains("expires_in_days") && !body["expires_in_days"].is_null()) {
      if (!body["expires_in_days"].is_number_integer() || body["expires_in_days"].get<int64_t>() < 0 ||
          body["expires_in_days"].get<int64_t>() > 3650)
        return SendError(call.response, 400, "invalid_argument",
                         "\"expires_in_days\" is a whole number of days, 0 (never) to 3650");
      days = static_cast<int>(body["expires_in_days"].get<int64_t>());
    }
    const std::string user = body["user"].get<std::string>();
    auto token = context.accounts->CreateApiToken(user, label, days, call.caller->user.name);
    if (!token.ok()) return SendStatus(call.response, token.status());
    // The newest token of the list is this one (ids grow).
    auto tokens = context.accounts->ListApiTokens();
    if (!tokens.ok()) return SendStatus(call.response, tokens.status());
    nlohmann::json created = {{"user", user}, {"label", label}};
    for (const ApiToken& listed : *tokens)
      if (listed.user_name == user && (!created.contains("id") || listed.id > created["id"].get<int64_t>()))
        created = TokenToJson(listed);
    created["token"] = *token;
    SendJson(call.response, 201, created);
  });

  router.Add(Method::kDelete, "/api/v1/tokens/{id}", Permission::kAdminister, [&context](Call& call) {
    Status revoked = context.accounts->RevokeApiToken(call.Number("id"), call.caller->user.name);
    if (!revoked.ok()) return SendStatus(call.response, revoked);
    SendJson(call.response, 200, {{"revoked", call.Number("id")}});
  });
}

}  // namespace quai::server
