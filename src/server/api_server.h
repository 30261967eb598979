// ApiServer: `quai serve`'s HTTP side. Binds the address (HTTPS when a
// certificate and key are given), registers every route of docs/api.md
// through the Router, serves the built UI, and answers every failure —
// including the transport's own (unknown path 404, body over the limit 413,
// headers over the limits 431, unreadable request 400, too slow 408) and
// exceptions (500) — as {"error": {"code", "message"}}.
// The transport is HttpServer (http/http_server.h): slow clients cost a
// socket, not a thread, and a request is admitted (route, credentials, role,
// body limit) from its headers before its body is read. Handlers run on their
// own pool, separate from the readers that OCR documents, so the API stays
// responsive while documents are read.
// Bind, Serve and routes from one thread; Stop from any thread (a signal
// watcher): it stops accepting and returns Serve once requests in progress end.
#pragma once

#include <memory>
#include <vector>

#include "quai/status.h"
#include "server/http/http_server.h"
#include "server/router.h"
#include "server/server_context.h"

namespace quai::server {

class StaticFiles;

class ApiServer : public HttpApplication {
 public:
  explicit ApiServer(ServerContext* context);
  ~ApiServer() override;

  // IoError when the address cannot be bound; InvalidArgument for unusable TLS files.
  Status Bind();
  int port() const { return port_; }
  // Blocks until Stop().
  Status Serve();
  void Stop();
  const std::vector<RouteInfo>& routes() const { return router_->routes(); }
  // Every route the server registers, without binding anything (for tests and docs).
  static std::vector<RouteInfo> ListRoutes();

  // HttpApplication
  Admission Admit(const HttpRequest& request) override;
  HttpResponse ErrorResponse(int http_status, const std::string& message) override;
  void Finish(const HttpRequest* request, HttpResponse& response) override;

 private:
  static void AddApiRoutes(Router& router, ServerContext& context);

  ServerContext* context_;
  std::unique_ptr<Router> router_;
  std::unique_ptr<StaticFiles> files_;
  std::unique_ptr<HttpServer> http_;
  int port_ = 0;
};

}  // namespace quai::server
