#include "server/router.h"

#include <regex>

#include "review/secrets.h"
#include "server/api_response.h"

namespace quai::server {
namespace {

bool IsNumericParam(const std::string& name) { return name == "id" || name == "n" || name == "i"; }

// "/api/v1/documents/{id}/pages/{n}.png" → ^/api/v1/documents/(\d{1,18})/pages/(\d{1,18})\.png$, names id, n.
std::string TemplateToRegex(const std::string& path, std::vector<std::string>* names) {
  std::string regex;
  for (size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '{') {
      size_t end = path.find('}', i);
      std::string name = path.substr(i + 1, end - i - 1);
      names->push_back(name);
      regex += IsNumericParam(name) ? "(\\d{1,18})" : "([A-Za-z0-9_.@-]{1,64})";
      i = end;
    } else if (std::string(".+*?()[]^$|\\").find(c) != std::string::npos) {
      regex += '\\';
      regex += c;
    } else {
      regex += c;
    }
  }
  return regex;
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) { return !a.empty() && SecretEquals(a, b); }

bool ChangesSomething(Method method) { return method != Method::kGet; }

}  // namespace

const char* MethodName(Method method) {
  switch (method) {
    case Method::kGet: return "GET";
    case Method::kPost: return "POST";
    case Method::kPut: return "PUT";
    case Method::kDelete: return "DELETE";
  }
  return "GET";
}

int64_t Call::Number(const std::string& name) const { return std::stoll(params.at(name)); }

std::string CookieValue(const httplib::Request& request, const std::string& name) {
  size_t count = request.get_header_value_count("Cookie");
  for (size_t k = 0; k < count; ++k) {
    std::string header = request.get_header_value("Cookie", k);
    size_t start = 0;
    while (start < header.size()) {
      size_t end = header.find(';', start);
      if (end == std::string::npos) end = header.size();
      std::string pair = header.substr(start, end - start);
      size_t first = pair.find_first_not_of(' ');
      size_t equals = pair.find('=');
      if (first != std::string::npos && equals != std::string::npos && pair.substr(first, equals - first) == name)
        return pair.substr(equals + 1);
      start = end + 1;
    }
  }
  return "";
}

Router::Router(httplib::Server* server, Accounts* accounts) : server_(server), accounts_(accounts) {}

void Router::Add(Method method, const std::string& path, std::optional<Permission> permission, RouteHandler handler,
                 RouteOptions options) {
  std::vector<std::string> names;
  std::string regex = TemplateToRegex(path, &names);
  routes_.push_back({method, path, permission});
  RouteInfo route = routes_.back();
  auto dispatch = [this, route, names, handler = std::move(handler), options](const httplib::Request& request,
                                                                             httplib::Response& response) {
    Dispatch(route, names, handler, options, request, response);
  };
  switch (method) {
    case Method::kGet: server_->Get(regex, dispatch); break;
    case Method::kPost: server_->Post(regex, dispatch); break;
    case Method::kPut: server_->Put(regex, dispatch); break;
    case Method::kDelete: server_->Delete(regex, dispatch); break;
  }
}

std::optional<Caller> Router::Authenticate(const httplib::Request& request) {
  std::string authorization = request.get_header_value("Authorization");
  if (!authorization.empty()) {
    const std::string prefix = "Bearer ";
    if (authorization.rfind(prefix, 0) != 0) return std::nullopt;
    auto user = accounts_->FindApiTokenUser(authorization.substr(prefix.size()));
    if (!user.ok()) return std::nullopt;
    Caller caller;
    caller.user = std::move(user).value();
    return caller;
  }
  std::string session_id = CookieValue(request, "quai_session");
  if (session_id.empty()) return std::nullopt;
  auto session = accounts_->FindSession(session_id);
  if (!session.ok()) return std::nullopt;
  Caller caller;
  caller.user = session->user;
  caller.by_session = true;
  caller.session_id = session_id;
  caller.csrf_token = session->csrf_token;
  return caller;
}

void Router::Dispatch(const RouteInfo& route, const std::vector<std::string>& names, const RouteHandler& handler,
                      const RouteOptions& options, const httplib::Request& request, httplib::Response& response) {
  Call call{request, response, {}, std::nullopt};
  for (size_t k = 0; k < names.size() && k + 1 < request.matches.size(); ++k)
    call.params[names[k]] = request.matches[k + 1].str();
  response.set_header("Cache-Control", "no-store");
  if (route.permission) {
    call.caller = Authenticate(request);
    if (!call.caller)
      return SendError(response, 401, "unauthenticated", "log in, or give an API token (Authorization: Bearer …)");
    if (call.caller->by_session && ChangesSomething(route.method) &&
        !ConstantTimeEquals(request.get_header_value("X-CSRF-Token"), call.caller->csrf_token))
      return SendError(response, 403, "csrf_failed",
                       "missing or wrong X-CSRF-Token header (send the csrf_token of your session)");
    if (!RoleAllows(call.caller->user.role, *route.permission))
      return SendError(response, 403, "forbidden",
                       std::string("the role ") + RoleName(call.caller->user.role) + " may not do this");
  }
  if (request.body.size() > options.max_body_bytes)
    return SendError(response, 413, "too_large",
                     "the request body is over " + std::to_string(options.max_body_bytes >> 20) + " MiB");
  handler(call);
}

}  // namespace quai::server
