// What the route handlers share: the opened workspace (store, originals,
// background readers), accounts, the review desk and the page image cache, and
// the server's settings. Owned by ApiServer's creator; every member is
// thread-safe, so handlers use them from httplib's request threads directly.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "quai/workspace.h"
#include "review/accounts.h"
#include "review/review_desk.h"

namespace quai::server {

class PageImageCache;

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;                 // 0: any free port (printed on start)
  std::string tls_certificate;     // PEM files; both set → HTTPS
  std::string tls_key;
  std::string web_dir;             // the built UI (index.html and assets); empty: none
  int64_t max_file_bytes = 100LL * 1024 * 1024;  // per uploaded file (--max-file-mb)
  // httplib's pool. A keep-alive connection holds a thread while it lasts, so
  // this bounds concurrent clients, not CPU use: 64 serve 50 busy API clients
  // plus browsers (6 connections each) without one waiting for another.
  int request_threads = 64;
  bool tls() const { return !tls_certificate.empty(); }
};

struct ServerContext {
  Workspace* workspace = nullptr;
  Accounts* accounts = nullptr;
  ReviewDesk* review_desk = nullptr;
  PageImageCache* page_images = nullptr;
  ServerSettings settings;
  std::string version;
  std::atomic<bool> stopping{false};
};

}  // namespace quai::server
