#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

Status NotYet(const char* what) {
  return Status::Internal(std::string("PostgresRepository::") + what + " is not implemented on PostgreSQL yet");
}

}  // namespace

Result<int64_t> PostgresRepository::EnqueueJob(const NewJob& job) { return NotYet("EnqueueJob"); }

Result<std::optional<JobRecord>> PostgresRepository::ClaimNextJob(const std::vector<JobKind>& kinds, const std::string& holder, std::chrono::milliseconds lease) { return NotYet("ClaimNextJob"); }

Result<std::optional<JobRecord>> PostgresRepository::ClaimDocumentJob(JobKind kind, int64_t document_id, const std::string& holder, std::chrono::milliseconds lease) { return NotYet("ClaimDocumentJob"); }

Result<int> PostgresRepository::RenewLeases(const std::string& holder, std::chrono::milliseconds lease) { return NotYet("RenewLeases"); }

Result<std::vector<std::string>> PostgresRepository::ListLeaseHolders() { return NotYet("ListLeaseHolders"); }

Result<int> PostgresRepository::ExpireLeases(const std::string& holder) { return NotYet("ExpireLeases"); }

Status PostgresRepository::FinishJob(int64_t id, const std::string& holder, const std::string& result_json) { return NotYet("FinishJob"); }

Result<JobState> PostgresRepository::FailJob(int64_t id, const std::string& holder, const std::string& error, std::chrono::milliseconds retry_after, bool permanent) { return NotYet("FailJob"); }

Status PostgresRepository::RetryJob(int64_t id) { return NotYet("RetryJob"); }

Result<std::optional<JobRecord>> PostgresRepository::FindJob(int64_t id) { return NotYet("FindJob"); }

Result<std::vector<JobRecord>> PostgresRepository::ListJobs(const JobFilter& filter) { return NotYet("ListJobs"); }

Result<JobCounts> PostgresRepository::CountJobs() { return NotYet("CountJobs"); }

Result<int> PostgresRepository::PurgeFinishedJobs(int64_t before_ms, int limit) { return NotYet("PurgeFinishedJobs"); }

Result<bool> PostgresRepository::WaitForJobs(std::chrono::milliseconds timeout) { return NotYet("WaitForJobs"); }

}  // namespace quai
