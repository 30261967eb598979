// Users (admin only): GET /api/v1/users, POST /api/v1/users → one-time password.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {

void AddUserRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/users", Permission::kAdminister, [&context](Call& call) {
    auto users = context.accounts->ListUsers();
    if (!users.ok()) return SendStatus(call.response, users.status());
    nlohmann::json list = nlohmann::json::array();
    for (const User& user : *users)
      list.push_back({{"name", user.name}, {"role", RoleName(user.role)}, {"created_at", user.created_at}});
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
}

}  // namespace quai::server
