// The security log (admin only): GET /api/v1/audit?after=ID&limit=N lists its
// entries oldest first with their hashes, and whether the chain holds.
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {

void AddAuditRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/audit", Permission::kAdminister, [&context](Call& call) {
    int after = 0, limit = 100;
    if (!ParseIntParam(call.request, call.response, "after", 0, 0, 999999999, &after)) return;
    if (!ParseIntParam(call.request, call.response, "limit", 100, 1, 1000, &limit)) return;
    SecurityLog& log = context.accounts->security_log();
    auto events = log.List(after, limit);
    if (!events.ok()) return SendStatus(call.response, events.status());
    auto verification = log.Verify();
    if (!verification.ok()) return SendStatus(call.response, verification.status());
    nlohmann::json list = nlohmann::json::array();
    for (const SecurityEvent& event : *events)
      list.push_back({{"id", event.id},
                      {"at", event.at},
                      {"kind", event.kind},
                      {"actor", event.actor},
                      {"client", event.client},
                      {"detail", event.detail},
                      {"previous_hash", event.previous_hash},
                      {"hash", event.hash}});
    nlohmann::json chain = {{"events", verification->events}, {"intact", verification->first_broken_id == 0}};
    if (verification->first_broken_id != 0) {
      chain["first_broken_id"] = verification->first_broken_id;
      chain["problem"] = verification->problem;
    } else {
      chain["last_hash"] = verification->last_hash;
    }
    SendJson(call.response, 200, {{"events", list}, {"chain", chain}});
  });
}

}  // namespace quai::server
