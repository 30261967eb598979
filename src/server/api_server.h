// ApiServer: `quai serve`'s HTTP side. Binds the address (HTTPS when a
// certificate and key are given), registers every route of docs/api.md
// through the Router, serves the built UI, and answers every failure —
// including httplib's own (unknown path 404, body over the limit 413, bad
// request 400) and exceptions (500) — as {"error": {"code", "message"}}.
// Requests run on httplib's own thread pool, separate from the readers that
// OCR documents, so the API stays responsive while documents are read.
// Bind, Serve and routes from one thread; Stop from any thread (a signal
// watcher): it stops accepting and returns Serve once requests in progress end.
#pragma once

#include <memory>
#include <vector>

#include "quai/status.h"
#include "server/router.h"
#include "server/server_context.h"

namespace httplib {
class Server;
}

namespace quai::server {

class ApiServer {
 public:
  explicit ApiServer(ServerContext* context);
  ~ApiServer();

  // IoError when the address cannot be bound; InvalidArgument for unusable TLS files.
  Status Bind();
  int port() const { return port_; }
  // Blocks until Stop().
  Status Serve();
  void Stop();
  const std::vector<RouteInfo>& routes() const { return router_->routes(); }
  // Every route the server registers, without binding anything (for tests and docs).
  static std::vector<RouteInfo> ListRoutes();

 private:
  void Configure();
  static void AddApiRoutes(Router& router, ServerContext& context);

  ServerContext* context_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<Router> router_;
  int port_ = 0;
};

}  // namespace quai::server
