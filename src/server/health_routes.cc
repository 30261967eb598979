// GET /api/v1/health and GET /api/v1/openapi.json: public.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {

void AddHealthRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/health", std::nullopt, [&context](Call& call) {
    if (context.stopping) return SendError(call.response, 503, "unavailable", "the server is shutting down");
    auto counts = context.workspace->reading_counts();
    SendJson(call.response, 200,
             {{"status", "ok"},
              {"version", context.version},
              {"queue", {{"waiting", counts.waiting}, {"processing", counts.processing}}}});
  });
  router.Add(Method::kGet, "/api/v1/openapi.json", std::nullopt, [](Call& call) {
    call.response.status = 200;
    call.response.SetContent(OpenApiDocument(), "application/json");
  });
}

}  // namespace quai::server
