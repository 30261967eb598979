// Router: the one place where every API request is authenticated and checked
// before its handler runs. A route is a method, a path template as written in
// docs/api.md and the OpenAPI file ("/api/v1/documents/{id}"), the permission
// it needs (none for the few public routes) and a handler. For a protected
// route the caller is found from the `quai_session` cookie or an
// `Authorization: Bearer` token (401 otherwise); a change made with a cookie
// must carry the session's X-CSRF-Token (403 csrf_failed); the caller's role
// must allow the permission (403 forbidden). JSON bodies over 1 MiB get 413.
// Routes are added before the server starts; dispatch is thread-safe.
#pragma once

#include <httplib.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "review/accounts.h"
#include "review/roles.h"

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
  const httplib::Request& request;
  httplib::Response& response;
  std::map<std::string, std::string> params;  // the path template's {names}
  std::optional<Caller> caller;               // absent on public routes

  // A {name} that the template declares numeric (id, n, i).
  int64_t Number(const std::string& name) const;
  const std::string& Param(const std::string& name) const { return params.at(name); }
};

using RouteHandler = std::function<void(Call&)>;

struct RouteOptions {
  // Largest body accepted; 1 MiB for JSON. The upload route raises it.
  size_t max_body_bytes = 1 << 20;
};

struct RouteInfo {
  Method method;
  std::string path;  // the template, as in the OpenAPI document
  std::optional<Permission> permission;
};

class Router {
 public:
  Router(httplib::Server* server, Accounts* accounts);

  // `permission` nullopt: public (no credentials looked at).
  void Add(Method method, const std::string& path, std::optional<Permission> permission, RouteHandler handler,
           RouteOptions options = {});
  const std::vector<RouteInfo>& routes() const { return routes_; }

  // The caller of a request, from its cookie or bearer token (no role check).
  std::optional<Caller> Authenticate(const httplib::Request& request);

 private:
  void Dispatch(const RouteInfo& route, const std::vector<std::string>& names, const RouteHandler& handler,
                const RouteOptions& options, const httplib::Request& request, httplib::Response& response);

  httplib::Server* server_;
  Accounts* accounts_;
  std::vector<RouteInfo> routes_;
};

// The value of cookie `name` in the request's Cookie headers; empty when absent.
std::string CookieValue(const httplib::Request& request, const std::string& name);

}  // namespace quai::server
