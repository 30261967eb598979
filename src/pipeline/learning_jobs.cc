#include "pipeline/learning_jobs.h"

#include <thread>

#include "pipeline/lease_keeper.h"
#include "pipeline/workspace_services.h"

namespace quai {

Result<std::string> RunLearnJob(Learner& learner, int64_t document_id) {
  auto learned = learner.LearnFromValidation(document_id);
  if (learned.ok()) return LearnedDocumentJson(*learned);
  // Reopened since: the validation it was queued for is gone.
  if (learned.status().code() == StatusCode::kNotFound) return std::string("null");
  return learned.status();
}

Result<std::string> LearnNow(Workspace& workspace, int64_t document_id, std::chrono::milliseconds wait) {
  Learner* learner = workspace.services().learner();
  if (learner == nullptr) return Status::FailedPrecondition("no models are loaded: nothing can be learned now");
  JobStore* jobs = workspace.services().jobs();
  static const std::string holder = NewLeaseHolder();  // learning takes well under its lease: no renewal
  const auto lease = std::chrono::minutes(2);
  JobFilter filter;
  filter.kind = JobKind::kLearn;
  filter.document_id = document_id;
  filter.limit = 1;
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (true) {
    // Learning is one at a time across processes: the claim waits while another runs.
    auto claimed = jobs->ClaimDocumentJob(JobKind::kLearn, document_id, holder, lease);
    if (!claimed.ok()) return claimed.status();
    if (claimed->has_value()) {
      const int64_t id = (*claimed)->id;
      Result<std::string> result = Status::Internal("no answer");
      try {
        result = RunLearnJob(*learner, document_id);
      } catch (const std::exception& error) {
        result = Status::Internal(error.what());
      }
      if (!result.ok()) {
        (void)jobs->FailJob(id, holder, result.status().message(), std::chrono::seconds(30), false);
        return result.status();
      }
      QUAI_RETURN_IF_ERROR(jobs->FinishJob(id, holder, *result));
      return result;
    }
    // A worker of another process has it: its result, once finished.
    auto latest = jobs->ListJobs(filter);
    if (!latest.ok()) return latest.status();
    if (!latest->empty() && latest->front().state == JobState::kDone) return latest->front().result_json;
    if (std::chrono::steady_clock::now() >= deadline) return std::string("null");  // a worker learns it later
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace quai
