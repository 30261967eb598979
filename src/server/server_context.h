// What the route handlers share: the opened workspace (store, originals,
// background readers), accounts, the review desk and the page image cache, and
// the server's settings. Owned by ApiServer's creator; every member is
// thread-safe, so handlers use them from the server's handler threads directly.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

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
  // Threads that run admission and handlers (store calls, page rendering).
  // Connections never hold one while they wait for a client, so this bounds
  // concurrent work, not concurrent clients.
  int request_threads = 16;
  // Per client address; at the cap, the connection idle longest is closed.
  int max_connections_per_client = 256;
  int max_connections = 4000;
  // Where uploads are streamed while they arrive (set by ApiServer::Bind to
  // <data>/tmp/uploads).
  std::string upload_folder;
  // Reverse proxies whose X-Forwarded-For names the real client (--trusted-proxy).
  std::vector<std::string> trusted_proxies;
  // The dashboard's manual baseline: minutes a document takes without quai (--manual-minutes).
  double manual_minutes_per_document = 5;
  // The bearer token /metrics asks of clients not on loopback (--metrics-token
  // or QUAI_METRICS_TOKEN); empty: /metrics answers loopback clients only.
  std::string metrics_token;
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
