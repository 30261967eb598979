// Refused and waiting documents: POST /api/v1/documents/{id}/read-again reads a
// refused document again (after a new model or new settings; reviewer);
// DELETE /api/v1/documents/{id} deletes a refused document and, when no other
// document holds the same bytes, its original (admin; in the security log);
// GET /api/v1/reading says how many documents wait, how many are being read
// and when the waiting ones should be read (read permission).
#include <cstdio>

#include "intake/blob_store.h"
#include "pipeline/batch_runner.h"
#include "pipeline/reading_estimate.h"
#include "pipeline/workspace_services.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

constexpr int kRecentReads = 20;  // the run times an estimate is made from

// 409 not_refused for a document in any other state; the store's answer otherwise.
void SendRefusedOnly(HttpResponse& response, const Status& status) {
  if (status.code() == StatusCode::kFailedPrecondition)
    return SendError(response, 409, "not_refused", status.message());
  SendStatus(response, status);
}

nlohmann::json Millis(const std::optional<std::chrono::milliseconds>& ms) {
  return ms ? nlohmann::json(ms->count()) : nlohmann::json(nullptr);
}

}  // namespace

void AddRefusedRoutes(Router& router, ServerContext& context) {
  router.Add(Method::kPost, "/api/v1/documents/{id}/read-again", Permission::kReview, [&context](Call& call) {
    auto record = FindDocumentById(context, call);
    if (!record.ok()) return SendStatus(call.response, record.status());
    WorkspaceServices& services = context.workspace->services();
    Status again = services.documents()->ReadAgain(record->id);
    if (!again.ok()) return SendRefusedOnly(call.response, again);
    SendJson(call.response, 202, {{"id", record->id}, {"status", "received"}});
  });

  router.Add(Method::kDelete, "/api/v1/documents/{id}", Permission::kAdminister, [&context](Call& call) {
    auto record = FindDocumentById(context, call);
    if (!record.ok()) return SendStatus(call.response, record.status());
    WorkspaceServices& services = context.workspace->services();
    auto others = services.documents()->DeleteRefused(record->id);
    if (!others.ok()) return SendRefusedOnly(call.response, others.status());
    // The original is content-addressed: it goes only when no other document holds the same bytes.
    bool original_removed = false;
    if (*others == 0) {
      BlobStore blobs(services.file_system(), services.data_dir());
      Status removed = blobs.Remove(record->sha256);
      original_removed = removed.ok();
      if (!removed.ok())
        std::fprintf(stderr, "quai: document %lld deleted, its original not: %s\n",
                     static_cast<long long>(record->id), removed.message().c_str());
    }
    context.accounts->security_log().Record(
        "document_deleted", call.caller->user.name, ClientAddress(call.request, context.settings),
        "refused document " + std::to_string(record->id) + " (" + record->original_name + ", SHA-256 " +
            record->sha256 + ", " + record->error + ")" + (original_removed ? "; original removed" : "; original kept"));
    SendJson(call.response, 200, {{"deleted", record->id}, {"original_removed", original_removed}});
  });

  router.Add(Method::kGet, "/api/v1/reading", Permission::kRead, [&context](Call& call) {
    WorkspaceServices& services = context.workspace->services();
    auto counts = services.jobs()->CountJobs();
    if (!counts.ok()) return SendStatus(call.response, counts.status());
    auto recent = services.jobs()->RecentRunTimes(JobKind::kRead, kRecentReads);
    if (!recent.ok()) return SendStatus(call.response, recent.status());
    const ReadingEstimate estimate =
        EstimateReading(counts->read.queued, counts->read.running, WorkerCount(services.options().jobs), *recent);
    SendJson(call.response, 200,
             {{"waiting", estimate.waiting},
              {"reading", estimate.reading},
              {"readers", estimate.readers},
              {"per_document_ms", Millis(estimate.per_document)},
              {"until_read_ms", Millis(estimate.until_read)}});
  });
}

}  // namespace quai::server
