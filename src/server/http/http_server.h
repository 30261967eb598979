// HttpServer: the HTTP/1.1 transport of `quai serve` (Boost.Beast over Asio),
// built so that no client can hold more than a socket and a few kilobytes
// until it has sent a complete, admitted request:
// - one I/O thread reads and writes every connection asynchronously, so a slow
//   or silent client costs a socket, never a thread;
// - a request's headers are bounded (bytes, fields, target length) and must
//   arrive within a deadline; Content-Encoding and unusual Transfer-Encodings
//   are refused;
// - the application admits a request from its headers alone (route,
//   credentials, role, body limit) before any of its body is read, and a
//   refused request is answered at once and its connection closed;
// - an admitted body is read against its limit whatever its framing (length
//   or chunked) and within a deadline set by a minimum rate, into memory or,
//   for multipart uploads, straight to files on disk;
// - connections are capped in total and per client address; when a cap is
//   reached the connection that has waited longest without a request (or in
//   the body of an unauthenticated one) is closed to make room, so idle and
//   slow connections cannot lock users out; IPv6 clients count per /64.
// Admission and handlers run on a separate pool of threads (they may use the
// store). Listen, then Run from one thread; Stop from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "quai/status.h"
#include "server/http/http_message.h"

namespace quai::server {

struct HttpLimits {
  size_t max_header_bytes = 32 << 10;  // request line and header fields together
  size_t max_target_bytes = 8 << 10;
  int max_header_fields = 100;
  // A request's header (or an idle keep-alive connection's next one) must be
  // complete this long after the server starts waiting for it.
  std::chrono::milliseconds header_timeout{15000};
  // A body must keep arriving (no gap longer than this) ...
  std::chrono::milliseconds body_idle_timeout{30000};
  // ... and be complete within body_base_time + its size at this rate.
  std::chrono::milliseconds body_base_time{60000};
  int64_t min_body_bytes_per_second = 16 << 10;
  // A response must keep leaving (no gap longer than this) ...
  std::chrono::milliseconds write_idle_timeout{30000};
  int max_connections = 4000;
  int max_connections_per_client = 256;
  int listen_backlog = 4096;
  int handler_threads = 16;
  int admission_threads = 4;  // admission never waits behind handlers
  int heavy_threads = 2;      // handlers marked heavy (intake of uploads)
};

// What the server does with a request once its headers are read.
struct Admission {
  enum class Body { kInMemory, kFormFilesOnDisk };
  // Answered at once; the body is never read and the connection is closed.
  std::optional<HttpResponse> refusal;
  Body body = Body::kInMemory;
  int64_t max_body_bytes = 0;
  std::string upload_folder;  // for kFormFilesOnDisk
  // A caller not authenticated (a public route): while its body is read the
  // connection may be closed to make room, like an idle one.
  bool evictable_while_reading = false;
  // Runs on the small heavy pool (uploads' intake), so that it never holds the
  // threads other requests need.
  bool heavy = false;
  std::function<void(HttpRequest&, HttpResponse&)> handle;
  // The route template that took the request (copied to HttpRequest::route).
  std::string route;
};

// The API on top of the transport. Both calls run on the handler threads.
class HttpApplication {
 public:
  virtual ~HttpApplication() = default;
  // `request` has everything but its body.
  virtual Admission Admit(const HttpRequest& request) = 0;
  // The answer to a request the server itself refuses (400, 408, 413, 415,
  // 431, 500, 501, 503), in the application's error shape.
  virtual HttpResponse ErrorResponse(int http_status, const std::string& message) = 0;
  // Headers every answer carries (security headers). Called once per answer,
  // just before it is sent (`request` null when it could not be read).
  virtual void Finish(const HttpRequest* request, HttpResponse& response) = 0;
};

class HttpServer {
 public:
  HttpServer(HttpApplication* application, HttpLimits limits);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `host`:`port` (0: any free port); HTTPS when certificate and key
  // (PEM files) are given. IoError when the address cannot be bound,
  // InvalidArgument for unusable TLS files.
  Status Listen(const std::string& host, int port, const std::string& tls_certificate, const std::string& tls_key);
  int port() const;
  // Serves until Stop(): then stops accepting, closes idle connections, lets
  // requests in progress finish (at most `drain_time`), and returns.
  void Run();
  void Stop(std::chrono::milliseconds drain_time = std::chrono::milliseconds(30000));

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace quai::server
