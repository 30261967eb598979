// The durable job queue of SqliteRepository (storage/job_store.h). Every call
// is one IMMEDIATE transaction, so a claim is atomic against every other
// process sharing the file: two workers never hold one job under live leases.
#include <algorithm>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

#define QUAI_JOB_COLUMNS                                                                                     \
  "SELECT id, kind, coalesce(document_id, 0), state, attempts, max_attempts, run_after_ms, lease_holder, " \
  "lease_expires_ms, last_error, payload, result, dedupe_key, created_ms, finished_ms FROM jobs "

const std::string kEmptyPayload = "{}";
constexpr char kInsertJob[] =
    "INSERT INTO jobs(kind, document_id, state, max_attempts, run_after_ms, payload, dedupe_key, created_ms) "
    "VALUES(?1, nullif(?2, 0), 'queued', ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING";
constexpr char kSelectLiveJobByKey[] = "SELECT id FROM jobs WHERE dedupe_key = ?1 AND state IN ('queued', 'running')";
constexpr char kSelectJobById[] = QUAI_JOB_COLUMNS "WHERE id = ?1";
// Due: running under a lease that ran out (its holder died: taken again first,
// before the jobs queued while it was held), else queued and its time has come.
// Learn and retrain jobs wait while another of their kind runs under a live lease.
#define QUAI_DUE_JOB(STATE_AND_ORDER)                                                                \
  "SELECT id, state, attempts, max_attempts FROM jobs j "                                           \
  "WHERE instr(?1, ',' || kind || ',') > 0 AND " STATE_AND_ORDER                                     \
  " AND NOT (kind IN ('learn', 'retrain') AND EXISTS (SELECT 1 FROM jobs r WHERE r.kind = j.kind "   \
  "AND r.state = 'running' AND r.lease_expires_ms > ?2 AND r.id <> j.id)) "
constexpr char kSelectExpiredJob[] =
    QUAI_DUE_JOB("state = 'running' AND lease_expires_ms <= ?2") "ORDER BY lease_expires_ms, id LIMIT 1";
constexpr char kSelectQueuedJob[] =
    QUAI_DUE_JOB("state = 'queued' AND run_after_ms <= ?2") "ORDER BY run_after_ms, id LIMIT 1";
#undef QUAI_DUE_JOB
constexpr char kSelectOtherRunning[] =
    "SELECT 1 FROM jobs WHERE kind = ?1 AND state = 'running' AND lease_expires_ms > ?2 AND id <> ?3 LIMIT 1";
constexpr char kTakeJob[] =
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_holder = ?2, lease_expires_ms = ?3, "
    "run_after_ms = ?4 WHERE id = ?1";
constexpr char kBuryJob[] =
    "UPDATE jobs SET state = 'dead', last_error = ?2, lease_holder = '', lease_expires_ms = 0, finished_ms = ?3 "
    "WHERE id = ?1";
constexpr char kRefuseDocumentOfDeadJob[] =
    "UPDATE documents SET status = 'refused', error = ?2, page_count = 0, updated_at = ?3 "
    "WHERE id = ?1 AND status = 'received'";
constexpr char kExportOfDeadJob[] =
    "UPDATE exports SET state = 'dead', last_error = ?2, updated_at = ?3 WHERE job_id = ?1 AND state = 'pending'";
constexpr char kRenewLeases[] =
    "UPDATE jobs SET lease_expires_ms = ?2 WHERE lease_holder = ?1 AND state = 'running' AND lease_expires_ms > ?3";
constexpr char kFinishJob[] =
    "UPDATE jobs SET state = 'done', result = ?3, lease_holder = '', lease_expires_ms = 0, finished_ms = ?4 "
    "WHERE id = ?1 AND state = 'running' AND lease_holder = ?2";
constexpr char kFinishDocumentJob[] =
    "UPDATE jobs SET state = 'done', result = ?3, lease_holder = '', lease_expires_ms = 0, finished_ms = ?4 "
    "WHERE document_id = ?1 AND kind = ?2 AND state IN ('queued', 'running')";
constexpr char kRequeueJob[] =
    "UPDATE jobs SET state = 'queued', last_error = ?3, run_after_ms = ?4, lease_holder = '', lease_expires_ms = 0 "
    "WHERE id = ?1 AND state = 'running' AND lease_holder = ?2";
constexpr char kRetryJob[] =
    "UPDATE jobs SET state = 'queued', attempts = 0, run_after_ms = ?2, finished_ms = 0 WHERE id = ?1 AND state = 'dead'";
constexpr char kSelectJobs[] =
    QUAI_JOB_COLUMNS
    "WHERE (?1 = '' OR state = ?1) AND (?2 = '' OR kind = ?2) AND (?3 = 0 OR document_id = ?3) "
    "ORDER BY id DESC LIMIT ?4 OFFSET ?5";
constexpr char kCountJobs[] =
    "SELECT kind, state, count(*), min(created_ms) FROM jobs WHERE state IN ('queued', 'running', 'dead') "
    "GROUP BY kind, state";
constexpr char kRecentRunTimes[] =
    "SELECT finished_ms - run_after_ms FROM jobs WHERE kind = ?1 AND state = 'done' AND run_after_ms > 0 "
    "AND finished_ms >= run_after_ms ORDER BY finished_ms DESC, id DESC LIMIT ?2";
constexpr char kPurgeJobs[] =
    "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'done' AND finished_ms < ?1 LIMIT ?2)";

Status ReadJobRow(const SqliteStatement& row, const std::string& path, JobRecord* job) {
  job->id = row.ColumnInt64(0);
  auto kind = ParseJobKind(row.ColumnText(1));
  auto state = ParseJobState(row.ColumnText(3));
  if (!kind || !state)
    return Status::IoError(path + ": job " + std::to_string(job->id) + " has an unknown kind or state");
  job->kind = *kind;
  job->document_id = row.ColumnInt64(2);
  job->state = *state;
  job->attempts = static_cast<int>(row.ColumnInt64(4));
  job->max_attempts = static_cast<int>(row.ColumnInt64(5));
  job->run_after_ms = row.ColumnInt64(6);
  job->lease_holder = row.ColumnText(7);
  job->lease_expires_ms = row.ColumnInt64(8);
  job->last_error = row.ColumnText(9);
  job->payload_json = row.ColumnText(10);
  job->result_json = row.ColumnText(11);
  job->dedupe_key = row.ColumnText(12);
  job->created_ms = row.ColumnInt64(13);
  job->finished_ms = row.ColumnInt64(14);
  return Status::Ok();
}

std::string KindList(const std::vector<JobKind>& kinds) {
  std::string list = ",";
  for (JobKind kind : kinds) list += std::string(JobKindName(kind)) + ",";
  return list;
}

std::string JobNotFound(const std::string& path, int64_t id) {
  return path + ": no job " + std::to_string(id);
}

}  // namespace

int64_t SqliteRepository::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(clock_->Now().time_since_epoch()).count();
}

Status SqliteRepository::InsertJob(const NewJob& job, int64_t now_ms, const std::string& context, int64_t* id) {
  const std::string key = job.dedupe_key.empty() ? JobKey(job.kind, job.document_id) : job.dedupe_key;
  {
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertJob);
    insert->BindText(1, JobKindName(job.kind));
    insert->BindInt64(2, job.document_id);
    insert->BindInt64(3, std::max(job.max_attempts, 1));
    insert->BindInt64(4, now_ms + job.delay.count());
    const std::string& payload = job.payload_json.empty() ? kEmptyPayload : job.payload_json;
    insert->BindText(5, payload);
    insert->BindText(6, key);
    insert->BindInt64(7, now_ms);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    if (connection_->ChangedRows() == 1) {
      *id = connection_->LastInsertRowId();
      return Status::Ok();
    }
  }
  QUAI_SQLITE_PREPARE(live, connection_, kSelectLiveJobByKey);
  live->BindText(1, key);
  Result<bool> row = live->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return Status::Internal(context + ": job " + key + " was neither added nor found");
  *id = live->ColumnInt64(0);
  return Status::Ok();
}

Status SqliteRepository::FinishDocumentJob(JobKind kind, int64_t document_id, const std::string& result_json,
                                           const std::string& context) {
  QUAI_SQLITE_PREPARE(finish, connection_, kFinishDocumentJob);
  finish->BindInt64(1, document_id);
  finish->BindText(2, JobKindName(kind));
  finish->BindText(3, result_json);
  finish->BindInt64(4, NowMs());
  return finish->Run(context);
}

Status SqliteRepository::TakeJob(int64_t id, const std::string& holder, int64_t now_ms, int64_t lease_expires_ms,
                                 const std::string& context) {
  QUAI_SQLITE_PREPARE(take, connection_, kTakeJob);
  take->BindInt64(1, id);
  take->BindText(2, holder);
  take->BindInt64(3, lease_expires_ms);
  take->BindInt64(4, now_ms);
  return take->Run(context);
}

Status SqliteRepository::BuryJob(int64_t id, const std::string& error, int64_t now_ms, const std::string& context) {
  {
    QUAI_SQLITE_PREPARE(bury, connection_, kBuryJob);
    bury->BindInt64(1, id);
    bury->BindText(2, error);
    bury->BindInt64(3, now_ms);
    QUAI_RETURN_IF_ERROR(bury->Run(context));
  }
  auto job = ReadJob(id, context);
  if (!job.ok()) return job.status();
  const std::string now = FormatUtcTimestamp(clock_->Now());
  if (job->has_value() && (*job)->kind == JobKind::kExport) {
    // Its export is dead with it (a person sends it again), never left
    // pending with no job to send it: the exporter records its own last
    // attempt, but not one a killed process left or an error of the store.
    QUAI_SQLITE_PREPARE(dead, connection_, kExportOfDeadJob);
    dead->BindInt64(1, id);
    dead->BindText(2, error);
    dead->BindText(3, now);
    return dead->Run(context);
  }
  if (!job->has_value() || (*job)->kind != JobKind::kRead || (*job)->document_id == 0) return Status::Ok();
  QUAI_SQLITE_PREPARE(refuse, connection_, kRefuseDocumentOfDeadJob);
  refuse->BindInt64(1, (*job)->document_id);
  refuse->BindText(2, error);
  refuse->BindText(3, now);
  return refuse->Run(context);
}

Result<std::optional<JobRecord>> SqliteRepository::ReadJob(int64_t id, const std::string& context) {
  QUAI_SQLITE_PREPARE(select, connection_, kSelectJobById);
  select->BindInt64(1, id);
  Result<bool> row = select->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<JobRecord>();
  JobRecord job;
  QUAI_RETURN_IF_ERROR(ReadJobRow(*select, connection_->path(), &job));
  return std::optional<JobRecord>(std::move(job));
}

Result<int64_t> SqliteRepository::EnqueueJob(const NewJob& job) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = std::string("queueing a ") + JobKindName(job.kind) + " job";
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    if (job.document_id != 0) QUAI_RETURN_IF_ERROR(CheckDocumentExists(job.document_id, context));
    return InsertJob(job, NowMs(), context, &id);
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<JobRecord>> SqliteRepository::ClaimNextJob(const std::vector<JobKind>& kinds,
                                                                const std::string& holder,
                                                                std::chrono::milliseconds lease) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "claiming a job for " + holder;
  std::optional<JobRecord> claimed;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    const int64_t now = NowMs();
    const std::string kind_list = KindList(kinds);
    // A few jobs whose attempts are spent may be buried on the way.
    for (int tries = 0; tries < 64; ++tries) {
      int64_t id = 0, attempts = 0, max_attempts = 0;
      bool expired = false;
      bool found = false;
      for (const char* query : {kSelectExpiredJob, kSelectQueuedJob}) {
        QUAI_SQLITE_PREPARE(due, connection_, query);
        due->BindText(1, kind_list);
        due->BindInt64(2, now);
        Result<bool> row = due->Step(context);
        if (!row.ok()) return row.status();
        if (!*row) continue;
        found = true;
        id = due->ColumnInt64(0);
        expired = due->ColumnText(1) == "running";
        attempts = due->ColumnInt64(2);
        max_attempts = due->ColumnInt64(3);
        break;
      }
      if (!found) return Status::Ok();
      if (expired && attempts >= max_attempts) {
        QUAI_RETURN_IF_ERROR(BuryJob(id,
                                     "the process working on it stopped " + std::to_string(attempts) +
                                         " times before finishing (killed, crashed or hung)",
                                     now, context));
        continue;
      }
      QUAI_RETURN_IF_ERROR(TakeJob(id, holder, now, now + lease.count(), context));
      auto job = ReadJob(id, context);
      if (!job.ok()) return job.status();
      claimed = std::move(job).value();
      return Status::Ok();
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<std::optional<JobRecord>> SqliteRepository::ClaimDocumentJob(JobKind kind, int64_t document_id,
                                                                    const std::string& holder,
                                                                    std::chrono::milliseconds lease) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context =
      std::string("claiming the ") + JobKindName(kind) + " job of document " + std::to_string(document_id);
  std::optional<JobRecord> claimed;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(document_id, context));
    const int64_t now = NowMs();
    NewJob job;
    job.kind = kind;
    job.document_id = document_id;
    int64_t id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(job, now, context, &id));
    auto live = ReadJob(id, context);
    if (!live.ok()) return live.status();
    if (!live->has_value()) return Status::Internal(context + ": the job vanished");
    const JobRecord& found = **live;
    if (found.state == JobState::kRunning && found.lease_expires_ms > now && found.lease_holder != holder)
      return Status::Ok();  // another holder works on it
    if (kind == JobKind::kLearn || kind == JobKind::kRetrain) {
      QUAI_SQLITE_PREPARE(other, connection_, kSelectOtherRunning);
      other->BindText(1, JobKindName(kind));
      other->BindInt64(2, now);
      other->BindInt64(3, id);
      Result<bool> busy = other->Step(context);
      if (!busy.ok()) return busy.status();
      if (*busy) return Status::Ok();  // one at a time across processes
    }
    QUAI_RETURN_IF_ERROR(TakeJob(id, holder, now, now + lease.count(), context));
    auto taken = ReadJob(id, context);
    if (!taken.ok()) return taken.status();
    claimed = std::move(taken).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<int> SqliteRepository::RenewLeases(const std::string& holder, std::chrono::milliseconds lease) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "renewing the leases of " + holder;
  int renewed = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    const int64_t now = NowMs();
    QUAI_SQLITE_PREPARE(renew, connection_, kRenewLeases);
    renew->BindText(1, holder);
    renew->BindInt64(2, now + lease.count());
    renew->BindInt64(3, now);  // a lease that already ran out may be someone else's job by now
    QUAI_RETURN_IF_ERROR(renew->Run(context));
    renewed = connection_->ChangedRows();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return renewed;
}

Result<std::vector<std::string>> SqliteRepository::ListLeaseHolders() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing the holders of running jobs";
  std::vector<std::string> holders;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_,
                        "SELECT DISTINCT lease_holder FROM jobs WHERE state = 'running' AND lease_expires_ms > ?1");
    select->BindInt64(1, NowMs());
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      holders.push_back(select->ColumnText(0));
    }
  });
  if (!status.ok()) return status;
  return holders;
}

Result<int> SqliteRepository::ExpireLeases(const std::string& holder) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "ending the leases of " + holder;
  int expired = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(expire, connection_,
                        "UPDATE jobs SET lease_expires_ms = ?2 WHERE lease_holder = ?1 AND state = 'running' "
                        "AND lease_expires_ms > ?2");
    expire->BindText(1, holder);
    expire->BindInt64(2, NowMs());
    QUAI_RETURN_IF_ERROR(expire->Run(context));
    expired = connection_->ChangedRows();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return expired;
}

Status SqliteRepository::FinishJob(int64_t id, const std::string& holder, const std::string& result_json) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finishing job " + std::to_string(id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(finish, connection_, kFinishJob);
    finish->BindInt64(1, id);
    finish->BindText(2, holder);
    finish->BindText(3, result_json);
    finish->BindInt64(4, NowMs());
    QUAI_RETURN_IF_ERROR(finish->Run(context));
    if (connection_->ChangedRows() == 1) return Status::Ok();
    auto job = ReadJob(id, context);
    if (!job.ok()) return job.status();
    if (!job->has_value()) return Status::NotFound(JobNotFound(connection_->path(), id));
    if ((*job)->state == JobState::kDone) return Status::Ok();  // finished with its document's change
    return Status::FailedPrecondition(context + ": " + holder + " no longer holds it");
  });
}

Result<JobState> SqliteRepository::FailJob(int64_t id, const std::string& holder, const std::string& error,
                                           std::chrono::milliseconds retry_after, bool permanent) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording the failure of job " + std::to_string(id);
  JobState state = JobState::kQueued;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    auto job = ReadJob(id, context);
    if (!job.ok()) return job.status();
    if (!job->has_value()) return Status::NotFound(JobNotFound(connection_->path(), id));
    if ((*job)->state != JobState::kRunning || (*job)->lease_holder != holder)
      return Status::FailedPrecondition(context + ": " + holder + " no longer holds it");
    const int64_t now = NowMs();
    if (permanent || (*job)->attempts >= (*job)->max_attempts) {
      state = JobState::kDead;
      return BuryJob(id, error, now, context);
    }
    QUAI_SQLITE_PREPARE(requeue, connection_, kRequeueJob);
    requeue->BindInt64(1, id);
    requeue->BindText(2, holder);
    requeue->BindText(3, error);
    requeue->BindInt64(4, now + retry_after.count());
    return requeue->Run(context);
  });
  if (!status.ok()) return status;
  return state;
}

Status SqliteRepository::RetryJob(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "sending job " + std::to_string(id) + " again";
  return connection_->InTransaction(context, [&]() -> Status {
    auto job = ReadJob(id, context);
    if (!job.ok()) return job.status();
    if (!job->has_value()) return Status::NotFound(JobNotFound(connection_->path(), id));
    if ((*job)->state != JobState::kDead)
      return Status::FailedPrecondition(context + ": it is " + JobStateName((*job)->state) + ", not dead");
    QUAI_SQLITE_PREPARE(retry, connection_, kRetryJob);
    retry->BindInt64(1, id);
    retry->BindInt64(2, NowMs());
    Status retried = retry->Run(context);
    if (!retried.ok() && retried.code() == StatusCode::kAlreadyExists)
      return Status::FailedPrecondition(context + ": another " + (*job)->dedupe_key + " job is already queued");
    return retried;
  });
}

Result<std::optional<JobRecord>> SqliteRepository::FindJob(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding job " + std::to_string(id);
  std::optional<JobRecord> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    auto job = ReadJob(id, context);
    if (!job.ok()) return job.status();
    found = std::move(job).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<JobRecord>> SqliteRepository::ListJobs(const JobFilter& filter) {
  if (filter.limit < 0 || filter.offset < 0) return Status::InvalidArgument("job list: negative limit or offset");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing jobs";
  std::vector<JobRecord> jobs;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectJobs);
    select->BindText(1, filter.state ? JobStateName(*filter.state) : "");
    select->BindText(2, filter.kind ? JobKindName(*filter.kind) : "");
    select->BindInt64(3, filter.document_id);
    select->BindInt64(4, filter.limit);
    select->BindInt64(5, filter.offset);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      JobRecord job;
      QUAI_RETURN_IF_ERROR(ReadJobRow(*select, connection_->path(), &job));
      jobs.push_back(std::move(job));
    }
  });
  if (!status.ok()) return status;
  return jobs;
}

Result<JobCounts> SqliteRepository::CountJobs() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "counting jobs";
  JobCounts counts;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kCountJobs);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      auto kind = ParseJobKind(select->ColumnText(0));
      auto state = ParseJobState(select->ColumnText(1));
      if (!kind || !state) continue;
      JobKindCounts& of = const_cast<JobKindCounts&>(counts.of(*kind));
      const int n = static_cast<int>(select->ColumnInt64(2));
      if (*state == JobState::kQueued) {
        of.queued = n;
        of.oldest_queued_ms = select->ColumnInt64(3);
      } else if (*state == JobState::kRunning) {
        of.running = n;
      } else {
        of.dead = n;
      }
    }
  });
  if (!status.ok()) return status;
  return counts;
}

Result<std::vector<std::chrono::milliseconds>> SqliteRepository::RecentRunTimes(JobKind kind, int limit) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = std::string("reading how long recent ") + JobKindName(kind) + " jobs ran";
  std::vector<std::chrono::milliseconds> times;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kRecentRunTimes);
    select->BindText(1, JobKindName(kind));
    select->BindInt64(2, std::max(0, limit));
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      times.emplace_back(select->ColumnInt64(0));
    }
  });
  if (!status.ok()) return status;
  return times;
}

Result<int> SqliteRepository::PurgeFinishedJobs(int64_t before_ms, int limit) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "deleting finished jobs";
  int deleted = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(purge, connection_, kPurgeJobs);
    purge->BindInt64(1, before_ms);
    purge->BindInt64(2, std::max(limit, 0));
    QUAI_RETURN_IF_ERROR(purge->Run(context));
    deleted = connection_->ChangedRows();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return deleted;
}

}  // namespace quai
