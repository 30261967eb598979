#include "server/api_server.h"

#include <httplib.h>

#include <cstdio>
#include <exception>
#include <fstream>

#include "server/api_response.h"
#include "server/routes.h"
#include "server/static_files.h"

namespace quai::server {
namespace {

bool Readable(const std::string& path) { return std::ifstream(path).good(); }

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

}  // namespace

ApiServer::ApiServer(ServerContext* context) : context_(context) {}
ApiServer::~ApiServer() = default;

Status ApiServer::Bind() {
  const ServerSettings& settings = context_->settings;
  if (settings.tls()) {
    if (!Readable(settings.tls_certificate) || !Readable(settings.tls_key))
      return Status::InvalidArgument("cannot read the TLS certificate " + settings.tls_certificate + " or key " +
                                     settings.tls_key);
    auto ssl = std::make_unique<httplib::SSLServer>(settings.tls_certificate.c_str(), settings.tls_key.c_str());
    if (!ssl->is_valid())
      return Status::InvalidArgument("the TLS certificate " + settings.tls_certificate + " and key " +
                                     settings.tls_key + " are not a usable PEM pair");
    http_ = std::move(ssl);
  } else {
    http_ = std::make_unique<httplib::Server>();
  }
  Configure();
  if (settings.port == 0) {
    port_ = http_->bind_to_any_port(settings.host);
    if (port_ < 0) port_ = 0;
  } else {
    port_ = http_->bind_to_port(settings.host, settings.port) ? settings.port : 0;
  }
  if (port_ == 0)
    return Status::IoError("cannot listen on " + settings.host + ":" + std::to_string(settings.port) +
                           " (address in use, or not an address of this machine)");
  return Status::Ok();
}

Status ApiServer::Serve() {
  if (!http_->listen_after_bind() && !context_->stopping)
    return Status::IoError("the server stopped accepting connections");
  return Status::Ok();
}

void ApiServer::Stop() {
  context_->stopping = true;
  if (http_) http_->stop();
}

void ApiServer::AddApiRoutes(Router& router, ServerContext& context) {
  AddHealthRoutes(router, context);
  AddSessionRoutes(router, context);
  AddUploadRoutes(router, context);
  AddDocumentRoutes(router, context);
  AddPageRoutes(router, context);
  AddCorrectionRoutes(router, context);
  AddUserRoutes(router, context);
  AddSchemaRoutes(router, context);
  AddSupplierRoutes(router, context);
}

std::vector<RouteInfo> ApiServer::ListRoutes() {
  httplib::Server unused;
  ServerContext context;
  Router router(&unused, nullptr);
  AddApiRoutes(router, context);
  return router.routes();
}

void ApiServer::Configure() {
  httplib::Server& http = *http_;
  const int threads = context_->settings.request_threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  // One file at the limit fits, with room for the multipart framing.
  http.set_payload_max_length(static_cast<size_t>(context_->settings.max_file_bytes) + (1 << 20));
  // httplib writes headers and body separately; with Nagle's algorithm and the
  // client's delayed ACK each answer would wait ~40 ms.
  http.set_tcp_nodelay(true);
  http.set_read_timeout(30);
  http.set_write_timeout(30);
  // Connections are recycled after 100 requests, so a client beyond the pool's
  // size waits for a turn, never for a busy client to go quiet.
  http.set_keep_alive_max_count(100);
  http.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                            {"X-Frame-Options", "DENY"},
                            {"Referrer-Policy", "no-referrer"}});

  http.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
    if (context_->stopping && IsApiPath(request.path) && request.path != "/api/v1/health") {
      SendError(response, 503, "unavailable", "the server is shutting down");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // httplib's own failures (no route, body too large, unreadable request) in the API's error shape.
  http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& request,
                                                                 httplib::Response& response) {
    if (response.get_header_value("Content-Type").rfind("application/json", 0) == 0 && !response.body.empty())
      return httplib::Server::HandlerResponse::Unhandled;
    std::string message;
    switch (response.status) {
      case 404: message = "no such resource: " + request.method + " " + request.path; break;
      case 413: message = "the request body is over the limit"; break;
      case 400: message = "the request could not be read"; break;
      default: message = "the request failed (HTTP " + std::to_string(response.status) + ")"; break;
    }
    SendError(response, response.status, ErrorCodeForHttpStatus(response.status), message);
    return httplib::Server::HandlerResponse::Handled;
  }));
  http.set_exception_handler([](const httplib::Request& request, httplib::Response& response, std::exception_ptr error) {
    std::string what = "unknown error";
    try {
      if (error) std::rethrow_exception(error);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "quai serve: %s %s failed: %s\n", request.method.c_str(), request.path.c_str(), what.c_str());
    SendError(response, 500, "internal", "the server failed on this request; see its log");
  });

  router_ = std::make_unique<Router>(http_.get(), context_->accounts);
  AddApiRoutes(*router_, *context_);

  // Everything outside /api is the UI.
  auto files = std::make_shared<StaticFiles>(context_->settings.web_dir);
  http.Get("^/(?!api(/|$)).*", [files](const httplib::Request& request, httplib::Response& response) {
    files->Serve(request, response);
  });
}

}  // namespace quai::server
