// HttpRequest and HttpResponse: one request and its answer as the API's
// handlers see them, independent of the HTTP library that carries them
// (http_server.h). A request's body is either in `body` (JSON routes, bounded
// by the route) or, for multipart uploads, streamed to files on disk
// (`uploads`), which are deleted when the request is destroyed. Header names
// compare case-insensitively. Plain values: one thread at a time.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace quai::server {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

// A file part of a multipart/form-data body, already on disk.
struct UploadedFile {
  std::string field;         // the form field's name ("file")
  std::string file_name;     // as the client gave it (unsanitised)
  std::string content_type;  // as the client gave it
  std::string path;          // the temporary file holding its bytes
  int64_t size = 0;
};

class HttpRequest {
 public:
  HttpRequest() = default;
  ~HttpRequest();
  HttpRequest(HttpRequest&&) = default;
  HttpRequest& operator=(HttpRequest&&) = default;
  HttpRequest(const HttpRequest&) = delete;
  HttpRequest& operator=(const HttpRequest&) = delete;

  std::string method;  // "GET", "POST", ...
  std::string path;    // percent-decoded, without the query
  std::string query;   // raw, after '?'
  HeaderList headers;
  std::string client_address;  // the peer's IP address
  std::string body;            // in-memory bodies only
  std::vector<UploadedFile> uploads;
  // When the request's headers were read, and the route template that
  // admitted it ("" before admission or when none did): what the metrics and
  // the log name a request by, never its raw path.
  std::chrono::steady_clock::time_point received_at = std::chrono::steady_clock::now();
  std::string route;

  // The first value of header `name`; empty when absent.
  std::string Header(std::string_view name) const;
  std::vector<std::string> HeaderValues(std::string_view name) const;
  bool HasQuery(std::string_view name) const;
  // The first value of query parameter `name`, decoded; empty when absent.
  std::string Query(std::string_view name) const;
  // The declared Content-Length, or -1 when there is none.
  int64_t ContentLength() const;
  bool IsMultipartForm() const;
  // Deletes the uploads' files (also done when the request is destroyed).
  void DeleteUploads();
};

class HttpResponse {
 public:
  int status = 200;
  HeaderList headers;
  std::string body;
  // When set, the body is this file, read from disk as it is sent (large
  // originals are never held in memory whole); `body` is then unused.
  std::string file_path;

  // Replaces every header `name` with one of `value`.
  void SetHeader(std::string_view name, std::string value);
  // Adds one more header `name` (Set-Cookie may repeat).
  void AddHeader(std::string_view name, std::string value);
  void RemoveHeader(std::string_view name);
  std::string Header(std::string_view name) const;
  void SetContent(std::string content, std::string content_type);
  void SetFile(std::string path, std::string content_type);
};

bool HeaderNameEquals(std::string_view a, std::string_view b);
// Decodes %XX (and '+' as space when `plus_is_space`); false on a malformed
// escape or a decoded NUL.
bool PercentDecode(std::string_view text, bool plus_is_space, std::string* decoded);

}  // namespace quai::server
