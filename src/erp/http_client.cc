#include "erp/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace quai {
namespace {

// curl_global_init is not thread-safe: run it once, before the first handle.
void InitializeCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct ResponseSink {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
};

size_t AppendToSink(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<ResponseSink*>(user);
  size_t bytes = size * count;
  if (sink->body.size() + bytes > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->body.append(data, bytes);
  return bytes;
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

CurlHttpClient::CurlHttpClient(std::size_t max_response_bytes) : max_response_bytes_(max_response_bytes) {
  InitializeCurlOnce();
}

Result<HttpResponse> CurlHttpClient::Get(const std::string& url, const HttpHeaders& headers,
                                         std::chrono::milliseconds timeout) {
  return Perform(url, headers, nullptr, timeout);
}

Result<HttpResponse> CurlHttpClient::Post(const std::string& url, const HttpHeaders& headers,
                                          const std::string& body, std::chrono::milliseconds timeout) {
  return Perform(url, headers, &body, timeout);
}

Result<HttpResponse> CurlHttpClient::Perform(const std::string& url, const HttpHeaders& headers,
                                             const std::string* body, std::chrono::milliseconds timeout) {
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Status::Internal("cannot make an HTTP request to " + url + ": curl_easy_init failed");
  std::unique_ptr<curl_slist, HeaderListDeleter> header_list;
  for (const auto& [name, value] : headers) {
    curl_slist* grown = curl_slist_append(header_list.get(), (name + ": " + value).c_str());
    if (grown == nullptr) return Status::Internal("cannot make an HTTP request to " + url + ": out of memory");
    header_list.release();
    header_list.reset(grown);
  }
  ResponseSink sink;
  sink.max_bytes = max_response_bytes_;
  char error[CURL_ERROR_SIZE] = {0};
  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  // Only the web: no file://, no ftp:// from a URL an administrator typed.
  curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM, safe in threads
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min<long long>(timeout.count(), 10000)));
  curl_easy_setopt(handle, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(max_response_bytes_));
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");  // whatever curl can decode
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, header_list.get());
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, AppendToSink);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error);
  if (body != nullptr) {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body->data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body->size()));
  }
  CURLcode code = curl_easy_perform(handle);
  if (sink.too_large || code == CURLE_FILESIZE_EXCEEDED)
    return Status::LimitExceeded(url + ": the response is larger than " +
                                 std::to_string(max_response_bytes_ >> 20) + " MiB");
  if (code != CURLE_OK) {
    std::string cause = error[0] != 0 ? error : curl_easy_strerror(code);
    return Status::Unavailable(url + ": " + cause);
  }
  long status = 0;
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  HttpResponse response{static_cast<int>(status), std::move(sink.body), ""};
  curl_header* retry_after = nullptr;
  if (curl_easy_header(handle, "Retry-After", 0, CURLH_HEADER, -1, &retry_after) == CURLHE_OK && retry_after)
    response.retry_after = retry_after->value;
  return response;
}

}  // namespace quai
