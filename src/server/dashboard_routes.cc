// The managers' dashboard (read-only, any logged-in user): documents of a
// window of days with their review events, the oldest document waiting, the
// drift signals, computed by ComputeDashboard (review/desk_dashboard.h).
#include "core/clock.h"
#include "pipeline/workspace_services.h"
#include "review/desk_dashboard.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {

void AddDashboardRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kGet, "/api/v1/dashboard", Permission::kRead, [&context](Call& call) {
    int days = 30;
    if (!ParseIntParam(call.request, call.response, "days", 30, 1, 366, &days)) return;
    WorkspaceServices& services = context.workspace->services();
    DashboardInput input;
    input.now = services.clock()->Now();
    input.days = days;
    input.manual_minutes_per_document = context.settings.manual_minutes_per_document;
    const std::string from = FormatUtcTimestamp(input.now - std::chrono::hours(24) * days);
    // Newest first, page by page, until a document arrived before the window.
    ReviewSearchFilter filter;
    filter.limit = 500;
    for (bool more = true; more;) {
      auto page = services.reviews()->SearchReviews(filter);
      if (!page.ok()) return SendStatus(call.response, page.status());
      for (ReviewSummaryRecord& summary : page->documents) {
        if (summary.document.created_at < from) { more = false; break; }
        DashboardDocument& doc = input.documents.emplace_back();
        auto events = services.reviews()->ListReviewEvents(summary.document.id);
        if (!events.ok()) return SendStatus(call.response, events.status());
        doc.events = std::move(events).value();
        doc.summary = std::move(summary);
      }
      filter.offset += filter.limit;
      if (page->documents.size() < static_cast<size_t>(filter.limit)) more = false;
    }
    ReviewSearchFilter waiting;
    waiting.status = "needs_review";
    waiting.oldest_first = true;
    waiting.limit = 1;
    auto oldest = services.reviews()->SearchReviews(waiting);
    if (!oldest.ok()) return SendStatus(call.response, oldest.status());
    if (!oldest->documents.empty()) input.oldest_waiting = oldest->documents.front();
    auto drift = services.learning()->ListDriftSignals(20, 0);
    if (!drift.ok()) return SendStatus(call.response, drift.status());
    input.drift = std::move(drift).value();
    SendJson(call.response, 200, ComputeDashboard(input));
  });
}

}  // namespace quai::server
