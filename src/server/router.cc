#include "server/router.h"


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

std::string CookieValue(const HttpRequest& request, const std::string& name) {
  for (const std::string& header : request.HeaderValues("Cookie")) {
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

const char* SessionCookieName(bool tls) { return tls ? "__Host-quai_session" : "quai_session"; }

Router::Router(Accounts* accounts, bool tls) : accounts_(accounts), cookie_name_(SessionCookieName(tls)) {}

void Router::Add(Method method, const std::string& path, std::optional<Permission> permission, RouteHandler handler,
                 RouteOptions options) {
  std::vector<std::string> names;
  std::string regex = TemplateToRegex(path, &names);
  routes_.push_back({method, path, permission});
  table_.push_back({routes_.back(), std::regex(regex), std::move(names), std::move(handler), std::move(options)});
}

std::optional<Caller> Router::Authenticate(const HttpRequest& request) {
  std::string authorization = request.Header("Authorization");
  if (!authorization.empty()) {
    const std::string prefix = "Bearer ";
    if (authorization.rfind(prefix, 0) != 0) return std::nullopt;
    auto user = accounts_->FindApiTokenUser(authorization.substr(prefix.size()));
    if (!user.ok()) return std::nullopt;
    Caller caller;
    caller.user = std::move(user).value();
    return caller;
  }
  std::string session_id = CookieValue(request, cookie_name_);
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

std::optional<Admission> Router::Admit(const HttpRequest& request) {
  const Route* route = nullptr;
  std::smatch match;
  std::string allowed;
  for (const Route& candidate : table_) {
    if (!std::regex_match(request.path, match, candidate.pattern)) continue;
    // HEAD is a GET without its body (the server leaves the body out).
    const std::string method = request.method == "HEAD" ? "GET" : request.method;
    if (method == MethodName(candidate.info.method)) {
      route = &candidate;
      break;
    }
    allowed += (allowed.empty() ? "" : ", ") + std::string(MethodName(candidate.info.method));
  }
  Admission admission;
  auto refuse = [&admission](int status, const std::string& code, const std::string& message) {
    admission.refusal.emplace();
    SendError(*admission.refusal, status, code, message);
    admission.refusal->SetHeader("Cache-Control", "no-store");
    return admission;
  };
  if (route == nullptr) {
    if (allowed.empty()) return std::nullopt;
    refuse(405, "method_not_allowed", request.method + " is not allowed on " + request.path + " (allowed: " + allowed + ")");
    admission.refusal->SetHeader("Allow", allowed);
    return admission;
  }
  admission.route = route->info.path;
  std::map<std::string, std::string> params;
  for (size_t k = 0; k < route->names.size() && k + 1 < match.size(); ++k) params[route->names[k]] = match[k + 1].str();
  std::optional<Caller> caller;
  if (route->info.permission) {
    // Refusals of credentials that were presented go to the security log
    // (anonymous requests do not: anyone could fill the log with them).
    auto record = [&](const std::string& actor, const std::string& why) {
      accounts_->security_log().Record("refused", actor, request.client_address,
                                       why + ": " + request.method + " " + request.path.substr(0, 200));
    };
    caller = Authenticate(request);
    if (!caller) {
      if (!request.Header("Authorization").empty() || !CookieValue(request, cookie_name_).empty())
        record("", "unknown, expired or revoked credentials");
      return refuse(401, "unauthenticated", "log in, or give an API token (Authorization: Bearer …)");
    }
    if (caller->by_session && ChangesSomething(route->info.method) &&
        !ConstantTimeEquals(request.Header("X-CSRF-Token"), caller->csrf_token)) {
      record(caller->user.name, "no or wrong CSRF token");
      return refuse(403, "csrf_failed", "missing or wrong X-CSRF-Token header (send the csrf_token of your session)");
    }
    if (!RoleAllows(caller->user.role, *route->info.permission)) {
      record(caller->user.name, std::string("the role ") + RoleName(caller->user.role) + " may not");
      return refuse(403, "forbidden", std::string("the role ") + RoleName(caller->user.role) + " may not do this");
    }
  }
  const RouteOptions& options = route->options;
  if (request.ContentLength() > options.max_body_bytes)
    return refuse(413, "too_large", "the request body is over " + std::to_string(options.max_body_bytes >> 20) + " MiB");
  admission.max_body_bytes = options.max_body_bytes;
  // A stranger's body (the login) may be dropped to make room for others.
  admission.evictable_while_reading = !route->info.permission.has_value();
  admission.heavy = !options.upload_folder.empty();
  if (!options.upload_folder.empty()) {
    if (!request.IsMultipartForm())
      return refuse(415, "unsupported_media_type", "send the files as multipart/form-data, each in a field named \"file\"");
    admission.body = Admission::Body::kFormFilesOnDisk;
    admission.upload_folder = options.upload_folder;
  }
  admission.handle = [route, params = std::move(params), caller = std::move(caller)](HttpRequest& http_request,
                                                                                     HttpResponse& response) {
    Call call{http_request, response, params, caller};
    response.SetHeader("Cache-Control", "no-store");
    route->handler(call);
  };
  return admission;
}

}  // namespace quai::server
