// HttpClient: the few HTTP calls the ERP connectors make (a JSON-RPC POST to
// Tryton, GETs of a REST API's pages), behind an interface so that connectors
// are tested against fakes as well as real servers. CurlHttpClient is the real
// one, over libcurl. Every call is bounded in time and in response size; an
// answer of any HTTP status is a response, a server that cannot be reached or
// does not answer in time is kUnavailable naming the URL and the cause.
// Thread safety: CurlHttpClient may be called from several threads at once
// (each call has its own handle).
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "quai/status.h"

namespace quai {

// Request headers in the order they are sent: {"Content-Type", "application/json"}.
using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpResponse {
  int status = 0;  // 200, 404...
  std::string body;
  std::string retry_after;  // the Retry-After header ("" when absent): seconds or an HTTP date
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  virtual Result<HttpResponse> Get(const std::string& url, const HttpHeaders& headers,
                                   std::chrono::milliseconds timeout) = 0;
  virtual Result<HttpResponse> Post(const std::string& url, const HttpHeaders& headers, const std::string& body,
                                    std::chrono::milliseconds timeout) = 0;
};

class CurlHttpClient : public HttpClient {
 public:
  // A response body larger than this is refused (kLimitExceeded).
  static constexpr std::size_t kDefaultMaxResponseBytes = std::size_t{256} << 20;

  explicit CurlHttpClient(std::size_t max_response_bytes = kDefaultMaxResponseBytes);
  Result<HttpResponse> Get(const std::string& url, const HttpHeaders& headers,
                           std::chrono::milliseconds timeout) override;
  Result<HttpResponse> Post(const std::string& url, const HttpHeaders& headers, const std::string& body,
                            std::chrono::milliseconds timeout) override;

 private:
  Result<HttpResponse> Perform(const std::string& url, const HttpHeaders& headers, const std::string* body,
                               std::chrono::milliseconds timeout);
  std::size_t max_response_bytes_;
};

}  // namespace quai
