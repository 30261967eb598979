// Router: the one place where every API request is authenticated and checked
// before its handler runs. A route is a method, a path template as written in
// docs/api.md and the OpenAPI file ("/api/v1/documents/{id}"), the permission
// it needs (none for the few public routes) and a handler. For a protected
// route the caller is found from the session cookie (`quai_session`; under
// TLS `__Host-quai_session`, bound to this host and HTTPS) or an
// `Authorization: Bearer` token (401 otherwise); a change made with a cookie
// must carry the session's X-CSRF-Token (403 csrf_failed); the caller's role
// must allow the permission (403 forbidden). All of this is decided from the
// request's headers alone (Admit), before any of its body is read; the route
// then says how much body it takes (JSON: 1 MiB; uploads: streamed to disk).
// Routes are added before the server starts; Admit is thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "review/accounts.h"
#include "review/roles.h"
#include "server/http/http_server.h"

namespace quai::server {

enum class Method { kGet, kPost, kPut, kDelete };
const char* MethodName(Method method);  // "GET", ...

// Who made a request.
struct Caller {
  User user;
  bool by_session = false;  // cookie session (CSRF checked) rather than a token
  std::string session_id;   // when by_session
  std::string csrf_token;   // when by_session
};

// One request as a handler sees it.
struct Call {
  HttpRequest& request;
  HttpResponse& response;
  std::map<std::string, std::string> params;  // the path template's {names}
  std::optional<Caller> caller;               // absent on public routes

  // A {name} that the template declares numeric (id, n, i).
  int64_t Number(const std::string& name) const;
  const std::string& Param(const std::string& name) const { return params.at(name); }
};

using RouteHandler = std::function<void(Call&)>;

struct RouteOptions {
  // Largest body accepted; 1 MiB for JSON. The upload route raises it.
  int64_t max_body_bytes = 1 << 20;
  // Multipart form files go to this folder as they arrive (uploads); empty: the
  // body is read into memory.
  std::string upload_folder;
};

struct RouteInfo {
  Method method;
  std::string path;  // the template, as in the OpenAPI document
  std::optional<Permission> permission;
};

class Router {
 public:
  // `tls`: the session cookie is the __Host- one.
  Router(Accounts* accounts, bool tls);

  // `permission` nullopt: public (no credentials looked at).
  void Add(Method method, const std::string& path, std::optional<Permission> permission, RouteHandler handler,
           RouteOptions options = {});
  const std::vector<RouteInfo>& routes() const { return routes_; }

  // The caller of a request, from its cookie or bearer token (no role check).
  std::optional<Caller> Authenticate(const HttpRequest& request);

  // What to do with a request, from its headers: nullopt when no route has its
  // path; a refusal (401, 403, 405) or the handler to run with its body limit.
  std::optional<Admission> Admit(const HttpRequest& request);

 private:
  struct Route {
    RouteInfo info;
    std::regex pattern;
    std::vector<std::string> names;
    RouteHandler handler;
    RouteOptions options;
  };

  Accounts* accounts_;
  std::string cookie_name_;
  std::vector<RouteInfo> routes_;
  std::vector<Route> table_;
};

// The session cookie's name: "__Host-quai_session" under TLS, else "quai_session".
const char* SessionCookieName(bool tls);

// The value of cookie `name` in the request's Cookie headers; empty when absent.
std::string CookieValue(const HttpRequest& request, const std::string& name);

}  // namespace quai::server
