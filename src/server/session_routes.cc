// Browser sessions: POST /api/v1/session logs in (cookie + CSRF token),
// GET says who is logged in, DELETE logs out.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

nlohmann::json SessionBody(const User& user, const std::string& csrf_token) {
  nlohmann::json body = {{"user", {{"name", user.name}, {"role", RoleName(user.role)}}}};
  if (!csrf_token.empty()) body["csrf_token"] = csrf_token;
  return body;
}

// Under TLS the __Host- prefix binds the cookie to this host, Path=/ and HTTPS.
std::string SessionCookie(const std::string& value, bool secure, bool clear) {
  std::string cookie = std::string(SessionCookieName(secure)) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) cookie += "; Secure";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

}  // namespace

void AddSessionRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kPost, "/api/v1/session", std::nullopt, [&context](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("username") || !body["username"].is_string() || !body.contains("password") ||
        !body["password"].is_string())
      return SendError(call.response, 400, "invalid_argument", "give \"username\" and \"password\" as strings");
    auto session = context.accounts->Login(body["username"].get<std::string>(), body["password"].get<std::string>(),
                                           call.request.client_address);
    if (!session.ok()) {
      switch (session.status().code()) {
        case StatusCode::kInvalidArgument:
        case StatusCode::kNotFound:
          return SendError(call.response, 401, "unauthenticated", "wrong user name or password");
        case StatusCode::kLimitExceeded:
          call.response.SetHeader("Retry-After", "900");
          return SendError(call.response, 429, "rate_limited",
                           "too many failed logins; wait 15 minutes or ask an administrator");
        default:
          return SendStatus(call.response, session.status());
      }
    }
    call.response.SetHeader("Set-Cookie", SessionCookie(session->id, context.settings.tls(), false));
    SendJson(call.response, 200, SessionBody(session->user, session->csrf_token));
  });

  router.Add(Method::kGet, "/api/v1/session", Permission::kRead, [](Call& call) {
    SendJson(call.response, 200, SessionBody(call.caller->user, call.caller->csrf_token));
  });

  router.Add(Method::kDelete, "/api/v1/session", Permission::kRead, [&context](Call& call) {
    if (call.caller->by_session) {
      Status status = context.accounts->Logout(call.caller->session_id);
      if (!status.ok()) return SendStatus(call.response, status);
      call.response.SetHeader("Set-Cookie", SessionCookie("", context.settings.tls(), true));
    }
    call.response.status = 204;
  });
}

}  // namespace quai::server
