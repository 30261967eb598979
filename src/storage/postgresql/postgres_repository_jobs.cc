// The durable job queue of PostgresRepository (storage/job_store.h). A claim
// locks the due job it takes with FOR UPDATE SKIP LOCKED, so workers on any
// machine claim different jobs at once instead of queueing on one lock; learn
// and retrain jobs, one at a time across processes, are claimed under a
// transaction advisory lock per kind. A job queued or given back NOTIFYs
// channel quai_jobs at commit (PostgreSQL folds a transaction's repeats into
// one), which WaitForJobs listens to; workers still poll, the notification
// only wakes them sooner.
#include <algorithm>

#include "storage/postgresql/postgres_document_row.h"
#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

#define QUAI_PG_JOB_COLUMNS                                                                                   \
  "SELECT id, kind, coalesce(document_id, 0), state, attempts, max_attempts, run_after_ms, lease_holder, " \
  "lease_expires_ms, last_error, payload, result, dedupe_key, created_ms, finished_ms FROM jobs "

const std::string kEmptyPayload = "{}";
constexpr char kNotify[] = "NOTIFY quai_jobs";

Status ReadJobRow(const PostgresRows& rows, int row, JobRecord* job) {
  job->id = rows.Int(row, 0);
  auto kind = ParseJobKind(rows.Text(row, 1));
  auto state = ParseJobState(rows.Text(row, 3));
  if (!kind || !state) return Status::IoError("job " + std::to_string(job->id) + " has an unknown kind or state");
  job->kind = *kind;
  job->document_id = rows.Int(row, 2);
  job->state = *state;
  job->attempts = static_cast<int>(rows.Int(row, 4));
  job->max_attempts = static_cast<int>(rows.Int(row, 5));
  job->run_after_ms = rows.Int(row, 6);
  job->lease_holder = rows.Text(row, 7);
  job->lease_expires_ms = rows.Int(row, 8);
  job->last_error = rows.Text(row, 9);
  job->payload_json = rows.Text(row, 10);
  job->result_json = rows.Text(row, 11);
  job->dedupe_key = rows.Text(row, 12);
  job->created_ms = rows.Int(row, 13);
  job->finished_ms = rows.Int(row, 14);
  return Status::Ok();
}

std::string JobNotFound(const std::string& where, int64_t id) {
  return "PostgreSQL at " + where + ": no job " + std::to_string(id);
}

bool OneAtATime(JobKind kind) { return kind == JobKind::kLearn || kind == JobKind::kRetrain; }

// Serialises the claims of one kind in this transaction (released at its end).
Status LockKind(PostgresConnection& db, JobKind kind, const std::string& context) {
  return db.Query("SELECT pg_advisory_xact_lock(hashtext('quai job kind ' || $1))", {JobKindName(kind)}, context)
      .status();
}

}  // namespace

Status PostgresRepository::InsertJob(PostgresConnection& db, const NewJob& job, int64_t now_ms,
                                     const std::string& context, int64_t* id) {
  const std::string key = job.dedupe_key.empty() ? JobKey(job.kind, job.document_id) : job.dedupe_key;
  const std::string& payload = job.payload_json.empty() ? kEmptyPayload : job.payload_json;
  // Several tries: a concurrent insert of the same key may commit or roll back between ours and the lookup.
  for (int tries = 0; tries < 5; ++tries) {
    QUAI_PG_ROWS(inserted,
                 db.Query("INSERT INTO jobs(kind, document_id, state, max_attempts, run_after_ms, payload, "
                          "dedupe_key, created_ms) VALUES($1, nullif($2::bigint, 0), 'queued', $3, $4, $5, $6, $7) "
                          "ON CONFLICT DO NOTHING RETURNING id",
                          {JobKindName(job.kind), job.document_id, std::max(job.max_attempts, 1),
                           now_ms + static_cast<int64_t>(job.delay.count()), payload, key, now_ms},
                          context));
    if (!inserted.empty()) {
      *id = inserted.Int(0, 0);
      return db.Execute(kNotify, context);
    }
    QUAI_PG_ROWS(live, db.Query("SELECT id FROM jobs WHERE dedupe_key = $1 AND state IN ('queued', 'running')",
                                {key}, context));
    if (!live.empty()) {
      *id = live.Int(0, 0);
      return Status::Ok();
    }
  }
  return Status::Internal(context + ": job " + key + " was neither added nor found");
}

Status PostgresRepository::FinishDocumentJob(PostgresConnection& db, JobKind kind, int64_t document_id,
                                             const std::string& result_json, const std::string& context) {
  return db.Query("UPDATE jobs SET state = 'done', result = $3, lease_holder = '', lease_expires_ms = 0, "
                  "finished_ms = $4 WHERE document_id = $1 AND kind = $2 AND state IN ('queued', 'running')",
                  {document_id, JobKindName(kind), result_json, NowMs()}, context)
      .status();
}

// A claimed job's run_after_ms becomes the claim time, so a finished job ran
// from run_after_ms to finished_ms (RecentRunTimes).
Status PostgresRepository::TakeJob(PostgresConnection& db, int64_t id, const std::string& holder, int64_t now_ms,
                                   int64_t lease_expires_ms, const std::string& context) {
  return db.Query("UPDATE jobs SET state = 'running', attempts = attempts + 1, lease_holder = $2, "
                  "lease_expires_ms = $3, run_after_ms = $4 WHERE id = $1",
                  {id, holder, lease_expires_ms, now_ms}, context)
      .status();
}

Status PostgresRepository::BuryJob(PostgresConnection& db, int64_t id, const std::string& error, int64_t now_ms,
                                   const std::string& context) {
  QUAI_RETURN_IF_ERROR(db.Query("UPDATE jobs SET state = 'dead', last_error = $2, lease_holder = '', "
                                "lease_expires_ms = 0, finished_ms = $3 WHERE id = $1",
                                {id, error, now_ms}, context)
                           .status());
  auto job = ReadJob(db, id, context);
  if (!job.ok()) return job.status();
  const std::string now = NowText();
  if (job->has_value() && (*job)->kind == JobKind::kExport) {
    // Its export is dead with it (a person sends it again), never left pending with no job to send it.
    return db.Query("UPDATE exports SET state = 'dead', last_error = $2, updated_at = $3 "
                    "WHERE job_id = $1 AND state = 'pending'",
                    {id, error, now}, context)
        .status();
  }
  if (!job->has_value() || (*job)->kind != JobKind::kRead || (*job)->document_id == 0) return Status::Ok();
  return db.Query("UPDATE documents SET status = 'refused', error = $2, page_count = 0, updated_at = $3 "
                  "WHERE id = $1 AND status = 'received'",
                  {(*job)->document_id, error, now}, context)
      .status();
}

Result<std::optional<JobRecord>> PostgresRepository::ReadJob(PostgresConnection& db, int64_t id,
                                                             const std::string& context) {
  QUAI_PG_ROWS(rows, db.Query(QUAI_PG_JOB_COLUMNS "WHERE id = $1", {id}, context));
  if (rows.empty()) return std::optional<JobRecord>();
  JobRecord job;
  QUAI_RETURN_IF_ERROR(ReadJobRow(rows, 0, &job));
  return std::optional<JobRecord>(std::move(job));
}

Result<int64_t> PostgresRepository::EnqueueJob(const NewJob& job) {
  const std::string context = std::string("queueing a ") + JobKindName(job.kind) + " job";
  int64_t id = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    if (job.document_id != 0) QUAI_RETURN_IF_ERROR(CheckDocumentExists(db, job.document_id, context));
    return InsertJob(db, job, NowMs(), context, &id);
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::optional<JobRecord>> PostgresRepository::ClaimNextJob(const std::vector<JobKind>& kinds,
                                                                  const std::string& holder,
                                                                  std::chrono::milliseconds lease) {
  const std::string context = "claiming a job for " + holder;
  std::optional<JobRecord> claimed;
  std::string kind_list = "{";
  bool one_at_a_time = false;
  for (JobKind kind : kinds) {
    kind_list += std::string(kind_list.size() > 1 ? "," : "") + JobKindName(kind);
    one_at_a_time = one_at_a_time || OneAtATime(kind);
  }
  kind_list += "}";
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    claimed.reset();
    if (kinds.empty()) return Status::Ok();
    if (one_at_a_time)
      for (JobKind kind : kinds)
        if (OneAtATime(kind)) QUAI_RETURN_IF_ERROR(LockKind(db, kind, context));
    const int64_t now = NowMs();
    // A few jobs whose attempts are spent may be buried on the way.
    for (int tries = 0; tries < 64; ++tries) {
      // Due: running under a lease that ran out (its holder died: taken again
      // first, before the jobs queued while it was held), else queued and its
      // time has come. Learn and retrain wait while another of their kind runs
      // under a live lease (checked under the kind's lock taken above).
#define QUAI_PG_DUE_JOB(STATE_AND_ORDER)                                                                     \
  QUAI_PG_JOB_COLUMNS "j WHERE kind = ANY($1::text[]) AND " STATE_AND_ORDER                                   \
                      " AND NOT (kind IN ('learn', 'retrain') AND EXISTS (SELECT 1 FROM jobs r "               \
                      "WHERE r.kind = j.kind AND r.state = 'running' AND r.lease_expires_ms > $2 "             \
                      "AND r.id <> j.id)) "
      QUAI_PG_ROWS(due, db.Query(QUAI_PG_DUE_JOB("state = 'running' AND lease_expires_ms <= $2")
                                 "ORDER BY lease_expires_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                                 {kind_list, now}, context));
      if (due.empty()) {
        QUAI_PG_ROWS(queued, db.Query(QUAI_PG_DUE_JOB("state = 'queued' AND run_after_ms <= $2")
                                      "ORDER BY run_after_ms, id LIMIT 1 FOR UPDATE SKIP LOCKED",
                                      {kind_list, now}, context));
        due = std::move(queued);
      }
#undef QUAI_PG_DUE_JOB
      if (due.empty()) return Status::Ok();
      JobRecord job;
      QUAI_RETURN_IF_ERROR(ReadJobRow(due, 0, &job));
      if (job.state == JobState::kRunning && job.attempts >= job.max_attempts) {
        QUAI_RETURN_IF_ERROR(BuryJob(db, job.id,
                                     "the process working on it stopped " + std::to_string(job.attempts) +
                                         " times before finishing (killed, crashed or hung)",
                                     now, context));
        continue;
      }
      QUAI_RETURN_IF_ERROR(TakeJob(db, job.id, holder, now, now + lease.count(), context));
      job.state = JobState::kRunning;
      job.attempts += 1;
      job.lease_holder = holder;
      job.lease_expires_ms = now + lease.count();
      job.run_after_ms = now;
      claimed = std::move(job);
      return Status::Ok();
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<std::optional<JobRecord>> PostgresRepository::ClaimDocumentJob(JobKind kind, int64_t document_id,
                                                                      const std::string& holder,
                                                                      std::chrono::milliseconds lease) {
  const std::string context =
      std::string("claiming the ") + JobKindName(kind) + " job of document " + std::to_string(document_id);
  std::optional<JobRecord> claimed;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    claimed.reset();
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(db, document_id, context));
    if (OneAtATime(kind)) QUAI_RETURN_IF_ERROR(LockKind(db, kind, context));
    const int64_t now = NowMs();
    NewJob job;
    job.kind = kind;
    job.document_id = document_id;
    int64_t id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(db, job, now, context, &id));
    // Locked, so a concurrent claim of the same job waits for this one and then sees it running.
    QUAI_PG_ROWS(rows, db.Query(QUAI_PG_JOB_COLUMNS "WHERE id = $1 FOR UPDATE", {id}, context));
    if (rows.empty()) return Status::Internal(context + ": the job vanished");
    JobRecord found;
    QUAI_RETURN_IF_ERROR(ReadJobRow(rows, 0, &found));
    if (found.state != JobState::kQueued && found.state != JobState::kRunning) return Status::Ok();
    if (found.state == JobState::kRunning && found.lease_expires_ms > now && found.lease_holder != holder)
      return Status::Ok();  // another holder works on it
    if (OneAtATime(kind)) {
      QUAI_PG_ROWS(busy, db.Query("SELECT 1 FROM jobs WHERE kind = $1 AND state = 'running' AND "
                                  "lease_expires_ms > $2 AND id <> $3 LIMIT 1",
                                  {JobKindName(kind), now, id}, context));
      if (!busy.empty()) return Status::Ok();  // one at a time across processes
    }
    QUAI_RETURN_IF_ERROR(TakeJob(db, id, holder, now, now + lease.count(), context));
    auto taken = ReadJob(db, id, context);
    if (!taken.ok()) return taken.status();
    claimed = std::move(taken).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return claimed;
}

Result<int> PostgresRepository::RenewLeases(const std::string& holder, std::chrono::milliseconds lease) {
  const std::string context = "renewing the leases of " + holder;
  int renewed = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    const int64_t now = NowMs();
    // A lease that already ran out may be someone else's job by now.
    QUAI_PG_ROWS(rows, db.Query("UPDATE jobs SET lease_expires_ms = $2 WHERE lease_holder = $1 AND "
                                "state = 'running' AND lease_expires_ms > $3",
                                {holder, now + static_cast<int64_t>(lease.count()), now}, context));
    renewed = rows.changed();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return renewed;
}

Result<std::vector<std::string>> PostgresRepository::ListLeaseHolders() {
  const std::string context = "listing the holders of running jobs";
  std::vector<std::string> holders;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    holders.clear();
    QUAI_PG_ROWS(rows, db.Query("SELECT DISTINCT lease_holder FROM jobs WHERE state = 'running' AND "
                                "lease_expires_ms > $1",
                                {NowMs()}, context));
    for (int row = 0; row < rows.size(); ++row) holders.push_back(rows.Text(row, 0));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return holders;
}

Result<int> PostgresRepository::ExpireLeases(const std::string& holder) {
  const std::string context = "ending the leases of " + holder;
  int expired = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("UPDATE jobs SET lease_expires_ms = $2 WHERE lease_holder = $1 AND "
                                "state = 'running' AND lease_expires_ms > $2",
                                {holder, NowMs()}, context));
    expired = rows.changed();
    if (expired > 0) return db.Execute(kNotify, context);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return expired;
}

Status PostgresRepository::FinishJob(int64_t id, const std::string& holder, const std::string& result_json) {
  const std::string context = "finishing job " + std::to_string(id);
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("UPDATE jobs SET state = 'done', result = $3, lease_holder = '', "
                                "lease_expires_ms = 0, finished_ms = $4 WHERE id = $1 AND state = 'running' "
                                "AND lease_holder = $2",
                                {id, holder, result_json, NowMs()}, context));
    if (rows.changed() == 1) return Status::Ok();
    auto job = ReadJob(db, id, context);
    if (!job.ok()) return job.status();
    if (!job->has_value()) return Status::NotFound(JobNotFound(where(), id));
    if ((*job)->state == JobState::kDone) return Status::Ok();  // finished with its document's change
    return Status::FailedPrecondition(context + ": " + holder + " no longer holds it");
  });
}

Result<JobState> PostgresRepository::FailJob(int64_t id, const std::string& holder, const std::string& error,
                                             std::chrono::milliseconds retry_after, bool permanent) {
  const std::string context = "recording the failure of job " + std::to_string(id);
  JobState state = JobState::kQueued;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    state = JobState::kQueued;
    QUAI_PG_ROWS(rows, db.Query(QUAI_PG_JOB_COLUMNS "WHERE id = $1 FOR UPDATE", {id}, context));
    if (rows.empty()) return Status::NotFound(JobNotFound(where(), id));
    JobRecord job;
    QUAI_RETURN_IF_ERROR(ReadJobRow(rows, 0, &job));
    if (job.state != JobState::kRunning || job.lease_holder != holder)
      return Status::FailedPrecondition(context + ": " + holder + " no longer holds it");
    const int64_t now = NowMs();
    if (permanent || job.attempts >= job.max_attempts) {
      state = JobState::kDead;
      return BuryJob(db, id, error, now, context);
    }
    QUAI_RETURN_IF_ERROR(db.Query("UPDATE jobs SET state = 'queued', last_error = $3, run_after_ms = $4, "
                                  "lease_holder = '', lease_expires_ms = 0 WHERE id = $1 AND state = 'running' "
                                  "AND lease_holder = $2",
                                  {id, holder, error, now + static_cast<int64_t>(retry_after.count())}, context)
                             .status());
    return retry_after.count() <= 0 ? db.Execute(kNotify, context) : Status::Ok();
  });
  if (!status.ok()) return status;
  return state;
}

Status PostgresRepository::RetryJob(int64_t id) {
  const std::string context = "sending job " + std::to_string(id) + " again";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    auto job = ReadJob(db, id, context);
    if (!job.ok()) return job.status();
    if (!job->has_value()) return Status::NotFound(JobNotFound(where(), id));
    if ((*job)->state != JobState::kDead)
      return Status::FailedPrecondition(context + ": it is " + JobStateName((*job)->state) + ", not dead");
    // A savepoint: a unique violation must not abort the whole transaction.
    Status retried = InTransaction(context, [&](PostgresConnection& inner) -> Status {
      return inner.Query("UPDATE jobs SET state = 'queued', attempts = 0, run_after_ms = $2, finished_ms = 0 "
                         "WHERE id = $1 AND state = 'dead'",
                         {id, NowMs()}, context)
          .status();
    });
    if (!retried.ok() && retried.code() == StatusCode::kAlreadyExists)
      return Status::FailedPrecondition(context + ": another " + (*job)->dedupe_key + " job is already queued");
    QUAI_RETURN_IF_ERROR(retried);
    return db.Execute(kNotify, context);
  });
}

Result<std::optional<JobRecord>> PostgresRepository::FindJob(int64_t id) {
  const std::string context = "finding job " + std::to_string(id);
  std::optional<JobRecord> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    auto job = ReadJob(db, id, context);
    if (!job.ok()) return job.status();
    found = std::move(job).value();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<JobRecord>> PostgresRepository::ListJobs(const JobFilter& filter) {
  if (filter.limit < 0 || filter.offset < 0) return Status::InvalidArgument("job list: negative limit or offset");
  const std::string context = "listing jobs";
  std::vector<JobRecord> jobs;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    jobs.clear();
    QUAI_PG_ROWS(rows, db.Query(QUAI_PG_JOB_COLUMNS
                                "WHERE ($1 = '' OR state = $1) AND ($2 = '' OR kind = $2) AND "
                                "($3::bigint = 0 OR document_id = $3) ORDER BY id DESC LIMIT $4 OFFSET $5",
                                {filter.state ? JobStateName(*filter.state) : "",
                                 filter.kind ? JobKindName(*filter.kind) : "", filter.document_id,
                                 static_cast<int64_t>(filter.limit), static_cast<int64_t>(filter.offset)},
                                context));
    for (int row = 0; row < rows.size(); ++row) {
      JobRecord job;
      QUAI_RETURN_IF_ERROR(ReadJobRow(rows, row, &job));
      jobs.push_back(std::move(job));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return jobs;
}

Result<JobCounts> PostgresRepository::CountJobs() {
  const std::string context = "counting jobs";
  JobCounts counts;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    counts = JobCounts();
    QUAI_PG_ROWS(rows, db.Query("SELECT kind, state, count(*), min(created_ms) FROM jobs WHERE state IN "
                                "('queued', 'running', 'dead') GROUP BY kind, state",
                                {}, context));
    for (int row = 0; row < rows.size(); ++row) {
      auto kind = ParseJobKind(rows.Text(row, 0));
      auto state = ParseJobState(rows.Text(row, 1));
      if (!kind || !state) continue;
      JobKindCounts& of = const_cast<JobKindCounts&>(counts.of(*kind));
      const int n = static_cast<int>(rows.Int(row, 2));
      if (*state == JobState::kQueued) {
        of.queued = n;
        of.oldest_queued_ms = rows.Int(row, 3);
      } else if (*state == JobState::kRunning) {
        of.running = n;
      } else {
        of.dead = n;
      }
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return counts;
}

Result<std::vector<std::chrono::milliseconds>> PostgresRepository::RecentRunTimes(JobKind kind, int limit) {
  const std::string context = std::string("reading how long recent ") + JobKindName(kind) + " jobs ran";
  std::vector<std::chrono::milliseconds> times;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    times.clear();
    QUAI_PG_ROWS(rows, db.Query("SELECT finished_ms - run_after_ms FROM jobs WHERE kind = $1 AND state = 'done' "
                                "AND run_after_ms > 0 AND finished_ms >= run_after_ms "
                                "ORDER BY finished_ms DESC, id DESC LIMIT $2",
                                {std::string(JobKindName(kind)), std::max(0, limit)}, context));
    for (int row = 0; row < rows.size(); ++row) times.emplace_back(rows.Int(row, 0));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return times;
}

Result<int> PostgresRepository::PurgeFinishedJobs(int64_t before_ms, int limit) {
  const std::string context = "deleting finished jobs";
  int deleted = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    // One batch: SKIP LOCKED leaves rows another transaction holds for the next one.
    QUAI_PG_ROWS(rows, db.Query("DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'done' AND "
                                "finished_ms < $1 ORDER BY finished_ms LIMIT $2 FOR UPDATE SKIP LOCKED)",
                                {before_ms, std::max(limit, 0)}, context));
    deleted = rows.changed();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return deleted;
}

Result<bool> PostgresRepository::WaitForJobs(std::chrono::milliseconds timeout) {
  std::lock_guard<std::mutex> lock(listen_mutex_);
  if (listener_ == nullptr || !listener_->healthy()) {
    listener_.reset();
    auto opened = pool_->OpenDedicated();
    if (!opened.ok()) return opened.status();
    QUAI_RETURN_IF_ERROR(opened.value()->Listen("quai_jobs"));
    listener_ = std::move(opened).value();
  }
  return listener_->WaitForNotification(timeout);
}

}  // namespace quai
