// Browser sessions: POST /api/v1/session logs in (cookie + CSRF token),
// GET says who is logged in, DELETE logs out.
#include <algorithm>

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

// The browser's device cookie, for a year: it proves only "this user logged in
// from this browser before", which lets its logins skip the waits that other
// people's failures set (a __Host- cookie must have Path=/).
const char* DeviceCookieName(bool tls) { return tls ? "__Host-quai_device" : "quai_device"; }

std::string DeviceCookie(const std::string& value, bool secure) {
  std::string cookie = std::string(DeviceCookieName(secure)) + "=" + value +
                       "; Path=/; HttpOnly; SameSite=Strict; Max-Age=31536000";
  if (secure) cookie += "; Secure";
  return cookie;
}

}  // namespace

// The client's address: the peer's, or behind a trusted proxy the last address
// that proxy appended to X-Forwarded-For.
std::string ClientAddress(const HttpRequest& request, const ServerSettings& settings) {
  const auto& proxies = settings.trusted_proxies;
  if (std::find(proxies.begin(), proxies.end(), request.client_address) == proxies.end()) return request.client_address;
  std::string forwarded;
  for (const std::string& header : request.HeaderValues("X-Forwarded-For")) forwarded += "," + header;
  size_t comma = forwarded.find_last_of(',');
  std::string last = forwarded.substr(comma + 1);
  last.erase(0, last.find_first_not_of(' '));
  last.erase(last.find_last_not_of(' ') + 1);
  bool address = !last.empty() && last.size() <= 45 &&
                 last.find_first_not_of("0123456789abcdefABCDEF.:") == std::string::npos;
  return address ? last : request.client_address;
}


void AddSessionRoutes(Router& router, ServerContext& context) {
  RouteOptions login_options;
  login_options.max_body_bytes = 16 << 10;  // a name and a password, from anyone
  router.Add(Method::kPost, "/api/v1/session", std::nullopt, [&context](Call& call) {
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("username") || !body["username"].is_string() || !body.contains("password") ||
        !body["password"].is_string())
      return SendError(call.response, 400, "invalid_argument", "give \"username\" and \"password\" as strings");
    int64_t retry_after = 0;
    auto session = context.accounts->Login(body["username"].get<std::string>(), body["password"].get<std::string>(),
                                           ClientAddress(call.request, context.settings), &retry_after,
                                           CookieValue(call.request, DeviceCookieName(context.settings.tls())));
    if (!session.ok()) {
      switch (session.status().code()) {
        case StatusCode::kInvalidArgument:
        case StatusCode::kNotFound:
          return SendError(call.response, 401, "unauthenticated", "wrong user name or password");
        case StatusCode::kLimitExceeded:
          call.response.SetHeader("Retry-After", std::to_string(std::max<int64_t>(1, retry_after)));
          return SendError(call.response, 429, "rate_limited",
                           "too many failed logins; try again in " + std::to_string(std::max<int64_t>(1, retry_after)) +
                               " s (an administrator can unlock the name)");
        default:
          return SendStatus(call.response, session.status());
      }
    }
    call.response.AddHeader("Set-Cookie", SessionCookie(session->id, context.settings.tls(), false));
    call.response.AddHeader("Set-Cookie", DeviceCookie(session->device, context.settings.tls()));
    SendJson(call.response, 200, SessionBody(session->user, session->csrf_token));
  }, login_options);

  router.Add(Method::kGet, "/api/v1/session", Permission::kRead, [](Call& call) {
    SendJson(call.response, 200, SessionBody(call.caller->user, call.caller->csrf_token));
  });

  router.Add(Method::kDelete, "/api/v1/session", Permission::kRead, [&context](Call& call) {
    if (call.caller->by_session) {
      Status status = context.accounts->Logout(call.caller->session_id);
      if (!status.ok()) return SendStatus(call.response, status);
      context.accounts->security_log().Record("logout", call.caller->user.name,
                                              ClientAddress(call.request, context.settings), "");
      call.response.SetHeader("Set-Cookie", SessionCookie("", context.settings.tls(), true));
    }
    call.response.status = 204;
  });

  // The user's own password change: from a browser session, with the current
  // password; every session of the user ends (the browser logs in again).
  router.Add(Method::kPut, "/api/v1/session/password", Permission::kRead, [&context](Call& call) {
    if (!call.caller->by_session)
      return SendError(call.response, 403, "forbidden", "a password is changed from a logged-in browser session");
    nlohmann::json body;
    if (!ParseJsonObject(call.request, call.response, &body)) return;
    if (!body.contains("current_password") || !body["current_password"].is_string() ||
        !body.contains("new_password") || !body["new_password"].is_string())
      return SendError(call.response, 400, "invalid_argument",
                       "give \"current_password\" and \"new_password\" as strings");
    Status changed = context.accounts->ChangePassword(call.caller->user.name, body["current_password"],
                                                      body["new_password"],
                                                      ClientAddress(call.request, context.settings));
    if (!changed.ok()) return SendStatus(call.response, changed);
    call.response.SetHeader("Set-Cookie", SessionCookie("", context.settings.tls(), true));
    call.response.status = 204;
  });
}

}  // namespace quai::server
