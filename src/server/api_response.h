// Writing API answers: JSON bodies, and errors in the one shape the API uses,
// {"error": {"code", "message"}}, with the HTTP status that fits the code.
// Stateless functions; safe from any request thread.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "quai/status.h"
#include "server/http/http_message.h"

namespace quai::server {

void SendJson(HttpResponse& response, int http_status, const nlohmann::json& body);
// `code` is one of the API's error codes (docs/api.md): invalid_argument,
// unauthenticated, forbidden, csrf_failed, not_found, conflict, too_large,
// unsupported_media_type, rate_limited, internal, unavailable.
void SendError(HttpResponse& response, int http_status, const std::string& code, const std::string& message);
// A Status from the modules below: InvalidArgument 400, LimitExceeded 413,
// NotFound 404, AlreadyExists 409, anything else 500.
void SendStatus(HttpResponse& response, const Status& status);
// The API error code for an HTTP status (for errors raised by the HTTP server itself).
const char* ErrorCodeForHttpStatus(int http_status);

// Parses a JSON object body; false (and the 400/415 answer sent) otherwise.
bool ParseJsonObject(const HttpRequest& request, HttpResponse& response, nlohmann::json* body);

// Query parameter `name` as an integer in [min, max], `fallback` when absent;
// false (and the 400 answer sent) when it is not.
bool ParseIntParam(const HttpRequest& request, HttpResponse& response, const std::string& name,
                   int fallback, int min, int max, int* value);

}  // namespace quai::server
