// The job queue (admin only): GET /api/v1/jobs?state=&kind=&document=&limit=&offset=
// lists jobs newest first with the counts per kind; POST /api/v1/jobs/{id}/retry
// sends a dead job again (attempts from zero). A retry is recorded in the
// security log with the administrator's name.
#include "core/clock.h"
#include "pipeline/workspace_services.h"
#include "server/api_response.h"
#include "server/routes.h"

namespace quai::server {
namespace {

std::string IsoMs(int64_t ms) {
  if (ms <= 0) return "";
  return FormatUtcTimestamp(std::chrono::system_clock::time_point(std::chrono::milliseconds(ms)));
}

nlohmann::json JobJson(const JobRecord& job) {
  nlohmann::json result = nullptr;
  if (!job.result_json.empty()) {
    result = nlohmann::json::parse(job.result_json, nullptr, false);
    if (result.is_discarded()) result = job.result_json;
  }
  nlohmann::json json = {{"id", job.id},
                         {"kind", JobKindName(job.kind)},
                         {"state", JobStateName(job.state)},
                         {"document_id", job.document_id == 0 ? nlohmann::json(nullptr) : nlohmann::json(job.document_id)},
                         {"attempts", job.attempts},
                         {"max_attempts", job.max_attempts},
                         {"run_after", IsoMs(job.run_after_ms)},
                         {"created_at", IsoMs(job.created_ms)},
                         {"finished_at", IsoMs(job.finished_ms)},
                         {"last_error", job.last_error},
                         {"result", result}};
  if (job.state == JobState::kRunning) {
    json["lease_holder"] = job.lease_holder;
    json["lease_expires_at"] = IsoMs(job.lease_expires_ms);
  }
  return json;
}

nlohmann::json CountsJson(const JobCounts& counts) {
  nlohmann::json json = nlohmann::json::object();
  for (JobKind kind : {JobKind::kRead, JobKind::kLearn, JobKind::kExport, JobKind::kRetrain}) {
    const JobKindCounts& of = counts.of(kind);
    json[JobKindName(kind)] = {{"queued", of.queued},
                               {"running", of.running},
                               {"dead", of.dead},
                               {"oldest_queued_at", IsoMs(of.oldest_queued_ms)}};
  }
  return json;
}

}  // namespace

void AddJobRoutes(Router& router, ServerContext& context) {
  // The store is looked up per call: routes are also registered without a
  // workspace, only to be listed (ApiServer::ListRoutes).
  router.Add(Method::kGet, "/api/v1/jobs", Permission::kAdminister, [&context](Call& call) {
    JobStore* jobs = context.workspace->services().jobs();
    JobFilter filter;
    const std::string state = call.request.Query("state"), kind = call.request.Query("kind");
    if (!state.empty()) {
      filter.state = ParseJobState(state);
      if (!filter.state)
        return SendError(call.response, 400, "invalid_argument", "state must be queued, running, done or dead");
    }
    if (!kind.empty()) {
      filter.kind = ParseJobKind(kind);
      if (!filter.kind)
        return SendError(call.response, 400, "invalid_argument", "kind must be read, learn, export or retrain");
    }
    int document = 0;
    if (!ParseIntParam(call.request, call.response, "document", 0, 0, 2'000'000'000, &document)) return;
    if (!ParseIntParam(call.request, call.response, "limit", 100, 1, 1000, &filter.limit)) return;
    if (!ParseIntParam(call.request, call.response, "offset", 0, 0, 2'000'000'000, &filter.offset)) return;
    filter.document_id = document;
    auto listed = jobs->ListJobs(filter);
    if (!listed.ok()) return SendStatus(call.response, listed.status());
    auto counts = jobs->CountJobs();
    if (!counts.ok()) return SendStatus(call.response, counts.status());
    nlohmann::json list = nlohmann::json::array();
    for (const JobRecord& job : *listed) list.push_back(JobJson(job));
    SendJson(call.response, 200, {{"jobs", list}, {"counts", CountsJson(*counts)}});
  });

  router.Add(Method::kPost, "/api/v1/jobs/{id}/retry", Permission::kAdminister, [&context](Call& call) {
    JobStore* jobs = context.workspace->services().jobs();
    const int64_t id = call.Number("id");
    Status retried = jobs->RetryJob(id);
    if (!retried.ok()) return SendStatus(call.response, retried);
    context.accounts->security_log().Record("job_retried", call.caller->user.name,
                                            ClientAddress(call.request, context.settings), "job " + std::to_string(id));
    auto job = jobs->FindJob(id);
    if (!job.ok()) return SendStatus(call.response, job.status());
    if (!job->has_value()) return SendError(call.response, 404, "not_found", "no job " + std::to_string(id));
    SendJson(call.response, 200, JobJson(**job));
  });
}

}  // namespace quai::server
