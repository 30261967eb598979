#include "server/api_response.h"
#include "core/log.h"

#include <cstdio>

#include "core/no_space.h"

namespace quai::server {

void SendJson(HttpResponse& response, int http_status, const nlohmann::json& body) {
  response.status = http_status;
  // Invalid UTF-8 from a scan is replaced rather than failing the whole answer.
  response.SetContent(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void SendError(HttpResponse& response, int http_status, const std::string& code, const std::string& message) {
  SendJson(response, http_status, {{"error", {{"code", code}, {"message", message}}}});
}

void SendStatus(HttpResponse& response, const Status& status) {
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return SendError(response, 400, "invalid_argument", status.message());
    case StatusCode::kLimitExceeded:
      return SendError(response, 413, "too_large", status.message());
    case StatusCode::kNotFound:
      return SendError(response, 404, "not_found", status.message());
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return SendError(response, 409, "conflict", status.message());
    case StatusCode::kUnavailable:
      return SendError(response, 503, "unavailable", status.message());
    case StatusCode::kIoError:
      if (IsNoSpace(status)) {
        // Said to the client (without paths): nothing was stored or changed, and why.
        Logf(LogLevel::kError, {}, "quai serve: a request failed: %s\n", status.message().c_str());
        return SendError(response, 507, "insufficient_storage",
                         "the server's disk is full: nothing was stored or changed; try again once space is freed");
      }
      [[fallthrough]];
    default:
      // The cause (file paths, SQL) goes to the server's log, not to the client.
      Logf(LogLevel::kError, {}, "quai serve: a request failed: %s\n", status.message().c_str());
      return SendError(response, 500, "internal", "the server failed on this request; see its log");
  }
}

const char* ErrorCodeForHttpStatus(int http_status) {
  switch (http_status) {
    case 400: return "invalid_argument";
    case 401: return "unauthenticated";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "timeout";
    case 414: return "too_large";
    case 431: return "too_large";
    case 501: return "not_implemented";
    case 409: return "conflict";
    case 413: return "too_large";
    case 415: return "unsupported_media_type";
    case 416: return "invalid_argument";
    case 429: return "rate_limited";
    case 503: return "unavailable";
    case 507: return "insufficient_storage";
    default: return http_status >= 500 ? "internal" : "invalid_argument";
  }
}

bool ParseJsonObject(const HttpRequest& request, HttpResponse& response, nlohmann::json* body) {
  // Always the JSON type: a form another web site posts (text/plain needs no
  // preflight) can then reach no route, the public login included.
  std::string type = request.Header("Content-Type");
  if (type.rfind("application/json", 0) != 0) {
    SendError(response, 415, "unsupported_media_type", "the body must be JSON (Content-Type: application/json)");
    return false;
  }
  *body = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body->is_discarded() || !body->is_object()) {
    SendError(response, 400, "invalid_argument", "the body is not a JSON object");
    return false;
  }
  return true;
}

bool ParseIntParam(const HttpRequest& request, HttpResponse& response, const std::string& name,
                   int fallback, int min, int max, int* value) {
  *value = fallback;
  if (!request.HasQuery(name)) return true;
  const std::string text = request.Query(name);
  bool digits = !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoi(text) < min || std::stoi(text) > max) {
    SendError(response, 400, "invalid_argument",
              name + " must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return false;
  }
  *value = std::stoi(text);
  return true;
}

}  // namespace quai::server
