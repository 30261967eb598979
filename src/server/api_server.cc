#include "server/api_server.h"

#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "core/log.h"
#include "monitor/process_metrics.h"
#include "server/api_response.h"
#include "server/routes.h"
#include "server/static_files.h"

namespace quai::server {
namespace {

bool Readable(const std::string& path) { return std::ifstream(path).good(); }

// The route labels of requests no API route took.
const std::string kUnmatchedRoute = "unmatched";
const std::string kUserInterfaceRoute = "ui";

bool IsApiPath(const std::string& path) { return path == "/api" || path.rfind("/api/", 0) == 0; }

// <data>/tmp/uploads, emptied of what a crash left there; private to the server's user.
Status PrepareUploadFolder(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) return Status::IoError("cannot create the upload folder " + folder + ": " + error.message());
  ::chmod(folder.c_str(), 0700);
  for (const auto& entry : fs::directory_iterator(folder, error))
    if (entry.path().filename().string().rfind("upload-", 0) == 0) fs::remove(entry.path(), error);
  return Status::Ok();
}

}  // namespace

ApiServer::ApiServer(ServerContext* context) : context_(context) {}
ApiServer::~ApiServer() = default;

Status ApiServer::Bind() {
  ServerSettings& settings = context_->settings;
  if (settings.tls() && (!Readable(settings.tls_certificate) || !Readable(settings.tls_key)))
    return Status::InvalidArgument("cannot read the TLS certificate " + settings.tls_certificate + " or key " +
                                   settings.tls_key);
  if (context_->workspace != nullptr && settings.upload_folder.empty())
    settings.upload_folder = context_->workspace->data_dir() + "/tmp/uploads";
  if (!settings.upload_folder.empty())
    if (Status prepared = PrepareUploadFolder(settings.upload_folder); !prepared.ok()) return prepared;
  router_ = std::make_unique<Router>(context_->accounts, settings.tls());
  AddApiRoutes(*router_, *context_);
  files_ = std::make_unique<StaticFiles>(settings.web_dir);
  HttpLimits limits;
  limits.handler_threads = settings.request_threads;
  limits.max_connections = settings.max_connections;
  limits.max_connections_per_client = settings.max_connections_per_client;
  http_ = std::make_unique<HttpServer>(this, limits);
  Status listening = http_->Listen(settings.host, settings.port, settings.tls_certificate, settings.tls_key);
  if (!listening.ok()) {
    if (listening.code() == StatusCode::kInvalidArgument) return listening;
    return Status::IoError("cannot listen on " + settings.host + ":" + std::to_string(settings.port) +
                           " (address in use, or not an address of this machine)");
  }
  port_ = http_->port();
  return Status::Ok();
}

Status ApiServer::Serve() {
  http_->Run();
  if (!context_->stopping) return Status::IoError("the server stopped accepting connections");
  return Status::Ok();
}

void ApiServer::Stop() {
  context_->stopping = true;
  if (http_) http_->Stop();
}

void ApiServer::AddApiRoutes(Router& router, ServerContext& context) {
  AddHealthRoutes(router, context);
  AddMonitoringRoutes(router, context);
  AddSessionRoutes(router, context);
  AddUploadRoutes(router, context);
  AddDocumentRoutes(router, context);
  AddPageRoutes(router, context);
  AddCorrectionRoutes(router, context);
  AddErpRoutes(router, context);
  AddExportRoutes(router, context);
  AddSourceRoutes(router, context);
  AddUserRoutes(router, context);
  AddSchemaRoutes(router, context);
  AddSupplierRoutes(router, context);
  AddAuditRoutes(router, context);
  AddRefusedRoutes(router, context);
  AddDashboardRoutes(router, context);
  AddJobRoutes(router, context);
}

std::vector<RouteInfo> ApiServer::ListRoutes() {
  ServerContext context;
  Router router(nullptr, false);
  AddApiRoutes(router, context);
  return router.routes();
}

Admission ApiServer::Admit(const HttpRequest& request) {
  Admission admission;
  if (context_->stopping && IsApiPath(request.path) && request.path != "/api/v1/health") {
    admission.refusal = ErrorResponse(503, "the server is shutting down");
    return admission;
  }
  if (std::optional<Admission> routed = router_->Admit(request)) {
    if (routed->route.empty()) routed->route = kUnmatchedRoute;  // a method the path does not take
    return std::move(*routed);
  }
  // Everything outside /api is the UI.
  if (!IsApiPath(request.path) && (request.method == "GET" || request.method == "HEAD")) {
    admission.handle = [this](HttpRequest& get, HttpResponse& response) { files_->Serve(get, response); };
    admission.route = kUserInterfaceRoute;
    return admission;
  }
  admission.refusal = ErrorResponse(404, "no such resource: " + request.method + " " + request.path);
  admission.route = kUnmatchedRoute;
  return admission;
}

HttpResponse ApiServer::ErrorResponse(int http_status, const std::string& message) {
  HttpResponse response;
  SendError(response, http_status, ErrorCodeForHttpStatus(http_status), message);
  response.SetHeader("Cache-Control", "no-store");
  return response;
}

void ApiServer::Finish(const HttpRequest* request, HttpResponse& response) {
  // Every answer is counted by its route's template, never its raw path.
  const std::string& route = request == nullptr || request->route.empty() ? kUnmatchedRoute : request->route;
  const double seconds =
      request == nullptr
          ? 0
          : std::chrono::duration<double>(std::chrono::steady_clock::now() - request->received_at).count();
  monitor::ProcessMetrics::Global().ObserveRequest(request == nullptr ? "other" : request->method, route,
                                                   response.status, seconds);
  if (response.status >= 500) {
    LogFields fields;
    fields.route = route;
    fields.status = response.status;
    LogError("quai serve: " + (request == nullptr ? std::string("a request") : request->method + " " + route) + " answered " +
                 std::to_string(response.status),
             fields);
  }
  response.SetHeader("Content-Security-Policy", files_->content_security_policy());
  if (context_->settings.tls()) response.SetHeader("Strict-Transport-Security", "max-age=31536000");
  response.SetHeader("X-Content-Type-Options", "nosniff");
  response.SetHeader("X-Frame-Options", "DENY");
  response.SetHeader("Referrer-Policy", "no-referrer");
}

}  // namespace quai::server
