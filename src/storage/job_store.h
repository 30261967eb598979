// JobStore: the durable job queue. Work the pipeline owes a document (read it,
// learn from its validation, export it) and work for the whole installation
// (retrain) lives here, not in one process's memory, so any number of
// `quai worker` and `quai serve` processes on one data directory share it and
// nothing is lost or done twice when one of them is killed.
//
// Contracts (every backend passes storage/job_store_conformance.h):
// - Each method is one transaction, atomic against every other process.
// - A job is claimed by one holder at a time, for a lease; the holder renews it
//   while it works (RenewLeases). A lease that runs out (a killed or hung
//   process) makes the job claimable again; each claim counts an attempt. A job
//   claimed `max_attempts` times without finishing is dead, with its last
//   error; a dead read job refuses its document with that error, so only that
//   document suffers.
// - At most one live (queued or running) job per `dedupe_key`: enqueueing a
//   second returns the live one. Read jobs are keyed by document, learn jobs
//   by document, the retraining by one key: one of each at a time.
// - Learn and retrain jobs are serialised across processes: neither kind is
//   claimed while another job of the same kind is running under a live lease
//   (learning reads then writes the supplier table; retraining is heavy).
// - Times are the store clock's milliseconds since the epoch.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

enum class JobKind { kRead, kLearn, kExport, kRetrain };
enum class JobState { kQueued, kRunning, kDone, kDead };

const char* JobKindName(JobKind kind);        // "read", "learn", "export", "retrain"
const char* JobStateName(JobState state);     // "queued", "running", "done", "dead"
std::optional<JobKind> ParseJobKind(const std::string& name);
std::optional<JobState> ParseJobState(const std::string& name);

// The key that keeps one live job of `kind` for a document ("read:12"), or for
// the installation when document_id is 0 ("retrain").
std::string JobKey(JobKind kind, int64_t document_id);

struct JobRecord {
  int64_t id = 0;
  JobKind kind = JobKind::kRead;
  int64_t document_id = 0;  // 0 for installation-wide jobs
  JobState state = JobState::kQueued;
  int attempts = 0;         // claims so far
  int max_attempts = 10;
  int64_t run_after_ms = 0;       // not claimed before; once claimed, when the last claim began
  std::string lease_holder;       // while running
  int64_t lease_expires_ms = 0;   // while running
  std::string last_error;
  std::string payload_json = "{}";  // what the job needs beyond its document
  std::string result_json;          // what a finished job produced (learn: what was learned)
  std::string dedupe_key;
  int64_t created_ms = 0;
  int64_t finished_ms = 0;  // done or dead
};

struct NewJob {
  JobKind kind = JobKind::kRead;
  int64_t document_id = 0;
  std::string payload_json = "{}";
  // Claims before the job is dead: failures (retried with backoff) and
  // deaths of the process holding it (a document that crashes its reader
  // every time) count alike; ten, so that a few unlucky restarts do not
  // refuse a good document.
  int max_attempts = 10;
  std::chrono::milliseconds delay{0};  // first claim not before now + delay
  // One live job per key; empty: JobKey(kind, document_id). An export job is
  // keyed by its export ("export:e41"), several per document.
  std::string dedupe_key;
};

// What a failed attempt's handler asks of the retry: a wait the other side
// asked for (an HTTP 429's Retry-After) instead of the backoff, or none at all
// (the job can never succeed: it is dead at once).
struct JobRetry {
  std::optional<std::chrono::milliseconds> after;
  bool permanent = false;
};

struct JobFilter {
  std::optional<JobState> state;
  std::optional<JobKind> kind;
  int64_t document_id = 0;  // 0: any
  int limit = 100;          // newest first
  int offset = 0;
};

struct JobKindCounts {
  int queued = 0;   // waiting (including those waiting for a retry)
  int running = 0;  // claimed under a live lease
  int dead = 0;
  int64_t oldest_queued_ms = 0;  // creation time of the oldest waiting job; 0 when none
};

struct JobCounts {
  JobKindCounts read, learn, export_, retrain;
  const JobKindCounts& of(JobKind kind) const;
};

class JobStore {
 public:
  virtual ~JobStore() = default;

  // Queues a job (its dedupe_key from JobKey); returns the id of the live job
  // with that key when there is one, changing nothing.
  virtual Result<int64_t> EnqueueJob(const NewJob& job) = 0;
  // Claims the due job of one of `kinds` that waited longest (queued and due,
  // or running under an expired lease) for `holder`; nullopt when none.
  virtual Result<std::optional<JobRecord>> ClaimNextJob(const std::vector<JobKind>& kinds, const std::string& holder,
                                                        std::chrono::milliseconds lease) = 0;
  // Claims the live job of `kind` for one document, creating it when the
  // document has none live (a file given again, a validation learned at once).
  // Nullopt when another holder's lease on it is current.
  virtual Result<std::optional<JobRecord>> ClaimDocumentJob(JobKind kind, int64_t document_id,
                                                            const std::string& holder,
                                                            std::chrono::milliseconds lease) = 0;
  // The holders of running jobs under live leases (to find the ones whose
  // process is gone: LeaseKeeper).
  virtual Result<std::vector<std::string>> ListLeaseHolders() = 0;
  // Ends every lease of `holder` now (its process is known dead): its jobs
  // are due at once, each claim still counting an attempt. Returns how many.
  virtual Result<int> ExpireLeases(const std::string& holder) = 0;
  // Extends every lease `holder` has; returns how many.
  virtual Result<int> RenewLeases(const std::string& holder, std::chrono::milliseconds lease) = 0;
  // Done, with what it produced. FailedPrecondition when `holder` no longer
  // holds the job (its lease ran out and another took it): nothing changes.
  virtual Status FinishJob(int64_t id, const std::string& holder, const std::string& result_json) = 0;
  // A failed attempt: queued again after `retry_after`, or dead when its
  // attempts are spent (or `permanent`). Returns the job's new state.
  virtual Result<JobState> FailJob(int64_t id, const std::string& holder, const std::string& error,
                                   std::chrono::milliseconds retry_after, bool permanent) = 0;
  // A person sends a dead job again: queued, due now, attempts from zero.
  // FailedPrecondition unless it is dead; NotFound for an unknown id.
  virtual Status RetryJob(int64_t id) = 0;
  virtual Result<std::optional<JobRecord>> FindJob(int64_t id) = 0;
  virtual Result<std::vector<JobRecord>> ListJobs(const JobFilter& filter) = 0;
  virtual Result<JobCounts> CountJobs() = 0;
  // How long the newest `limit` finished (done) jobs of `kind` ran, from their
  // last claim to their end, newest first: what an estimate of the waiting
  // work is made from.
  virtual Result<std::vector<std::chrono::milliseconds>> RecentRunTimes(JobKind kind, int limit) = 0;
  // Deletes up to `limit` done jobs finished before `before_ms`; returns how many.
  virtual Result<int> PurgeFinishedJobs(int64_t before_ms, int limit) = 0;
};

}  // namespace quai
