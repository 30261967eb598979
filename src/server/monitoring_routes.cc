// GET /metrics, /health and /ready: for Prometheus, load balancers and
// orchestrators, outside /api/v1 as they expect.
// - /health: the process is alive and answering (no store access): 200.
// - /ready: the store answers and the models can be loaded: 200; else 503
//   with what is wrong (also while the server shuts down).
// - /metrics: the Prometheus text format; the store's counts (read at scrape
//   time, the same from every process sharing the store) and this process's
//   timings. Open to loopback clients; others must send the configured
//   metrics token (--metrics-token) as a bearer token, or are refused (403).
#include <chrono>

#include "monitor/metric_families.h"
#include "monitor/process_metrics.h"
#include "monitor/store_metrics.h"
#include "pipeline/workspace_services.h"
#include "review/secrets.h"
#include "server/api_response.h"
#include "server/routes.h"
#include "storage/monitoring_store.h"

namespace quai::server {
namespace {

bool IsLoopback(const std::string& address) {
  return address.rfind("127.", 0) == 0 || address == "::1" || address.rfind("::ffff:127.", 0) == 0;
}

// Who may scrape: a loopback client when no token is set; with a token, only
// a request bearing it.
bool MayScrape(const HttpRequest& request, const ServerSettings& settings) {
  if (settings.metrics_token.empty()) return IsLoopback(ClientAddress(request, settings));
  const std::string authorization = request.Header("Authorization");
  const std::string prefix = "Bearer ";
  return authorization.rfind(prefix, 0) == 0 && SecretEquals(authorization.substr(prefix.size()), settings.metrics_token);
}

// The store's families, or the reason it did not answer.
Status AddStoreFamilies(ServerContext& context, std::vector<prometheus::MetricFamily>& families) {
  WorkspaceServices& services = context.workspace->services();
  if (services.monitoring() == nullptr) return Status::Ok();
  auto figures = services.monitoring()->ReadMonitoringFigures(monitor::kDriftWindow);
  if (!figures.ok()) return figures.status();
  auto jobs = services.jobs()->CountJobs();
  if (!jobs.ok()) return jobs.status();
  const int64_t now_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(services.clock()->Now().time_since_epoch()).count();
  for (auto& family : monitor::StoreMetricFamilies(*figures, *jobs, now_ms)) families.push_back(std::move(family));
  return Status::Ok();
}

}  // namespace

void AddMonitoringRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/health", std::nullopt, [&context](Call& call) {
    SendJson(call.response, 200, {{"status", "alive"}, {"version", context.version}});
  });
  router.Add(Method::kGet, "/ready", std::nullopt, [&context](Call& call) {
    if (context.stopping) return SendError(call.response, 503, "unavailable", "the server is shutting down");
    WorkspaceServices& services = context.workspace->services();
    auto jobs = services.jobs()->CountJobs();
    if (!jobs.ok())
      return SendError(call.response, 503, "store_unavailable", "the store does not answer: " + jobs.status().message());
    if (services.extractor() == nullptr)
      return SendError(call.response, 503, "models_unavailable", "the models cannot be loaded: " + services.problem());
    SendJson(call.response, 200, {{"status", "ready"}, {"store", "ok"}, {"models", "ok"}});
  });
  router.Add(Method::kGet, "/metrics", std::nullopt, [&context](Call& call) {
    if (!MayScrape(call.request, context.settings))
      return SendError(call.response, 403, "forbidden",
                       context.settings.metrics_token.empty()
                           ? "/metrics answers loopback clients only; start quai serve with --metrics-token to let "
                             "others scrape with it"
                           : "send the metrics token as Authorization: Bearer <token>");
    std::vector<prometheus::MetricFamily> families;
    Status store = AddStoreFamilies(context, families);
    auto up = monitor::Family("quai_store_up", "1 when the store answered this scrape, 0 when it did not.",
                              prometheus::MetricType::Gauge);
    monitor::AddSample(up, {}, store.ok() ? 1 : 0);
    families.push_back(std::move(up));
    auto build = monitor::Family("quai_build_info", "The quai version this process runs (value 1).",
                                 prometheus::MetricType::Gauge);
    monitor::AddSample(build, {{"version", context.version}}, 1);
    families.push_back(std::move(build));
    for (auto& family : monitor::ProcessMetrics::Global().Collect()) families.push_back(std::move(family));
    call.response.status = 200;
    call.response.SetContent(monitor::MetricsText(families), monitor::kMetricsContentType);
  });
}

}  // namespace quai::server
