// JobRunner: the worker side of the durable job queue (storage/job_store.h),
// for `quai worker` and for `quai serve` (unless --no-workers). Reader threads
// claim read jobs and run them through ReadStages() (reopen → page text →
// extract → store); a service thread per other kind runs its handler (learn,
// retrain, export). Jobs are found by polling the store; Wake() is an
// in-process shortcut on top of the poll, never the only way work is found,
// so jobs queued by another process (an upload to another server, `quai
// ingest --queue-only`) are read too. A failed attempt is retried after an
// exponential backoff with jitter, then dead (storage/job_store.h).
// Stop() takes no new job, finishes the ones in hand and joins the threads;
// jobs not started stay queued. Thread-safe.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "pipeline/lease_keeper.h"
#include "pipeline/stage_scheduler.h"
#include "storage/job_store.h"

namespace quai {

// Runs one claimed job; its result (JSON text) is kept with the finished job.
// A failure is retried later unless the status is InvalidArgument or NotFound
// or the handler set `retry->permanent` (the job can never succeed: it is
// dead at once); `retry->after` replaces the backoff.
using JobHandler = std::function<Result<std::string>(const JobRecord& job, JobRetry* retry)>;

struct JobRunnerOptions {
  int readers = 1;  // read jobs in parallel, each reader with its own OCR engine
  std::chrono::milliseconds lease{30'000};
  std::chrono::milliseconds poll{1'000};
  std::chrono::milliseconds retry_base{5'000};  // first retry after about this; doubled per attempt
  std::chrono::milliseconds retry_cap{15 * 60'000};
  std::map<JobKind, JobHandler> handlers;  // the kinds besides read this runner works on
  // Threads per kind of `handlers` (1 when not given): exports wait on the
  // network, so several go out at once.
  std::map<JobKind, int> service_threads;
};

// The wait before retry `attempt` (from 1): base × 2^(attempt-1), at most
// `cap`, times a random factor in [0.5, 1.5) so failed jobs do not return in step.
std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap);

class JobRunner {
 public:
  // `context.repository` must also be the `jobs` store's documents.
  JobRunner(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer, JobStore* jobs,
            JobRunnerOptions options);
  ~JobRunner();  // Stop()
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Looks for work now rather than at the next poll: every kind, or only the
  // service threads of `kind` (an export queued: the learn threads must not
  // race the request that is about to run its learn job itself).
  void Wake();
  void Wake(JobKind kind);
  // True when the last look found nothing due and nothing is in hand.
  bool idle();
  const std::string& holder() const { return leases_.holder(); }
  // Idempotent.
  void Stop();

 private:
  void FeedLoop();
  void ServiceLoop(JobKind kind, JobHandler handler);
  void OnFinished(DocumentJob* job);
  // Records a failed attempt: retried after a backoff, or dead.
  void Fail(const JobRecord& job, const Status& error, const JobRetry& retry = {});

  PipelineContext context_;
  OcrEngineFactory engine_factory_;
  JobStore* jobs_;
  JobRunnerOptions options_;
  LeaseKeeper leases_;
  StageScheduler scheduler_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::list<std::unique_ptr<DocumentJob>> in_hand_;  // read jobs being worked; guarded by mutex_
  std::map<const DocumentJob*, JobRecord> records_;  // their queue records; guarded by mutex_
  int services_busy_ = 0;                            // guarded by mutex_
  bool feeder_found_nothing_ = false;                // guarded by mutex_
  int services_found_nothing_ = 0;                   // service loops whose last look was empty; guarded by mutex_
  uint64_t wakes_ = 0;                               // Wake() calls; guarded by mutex_
  std::map<JobKind, uint64_t> kind_wakes_;           // Wake(kind) calls; guarded by mutex_
  bool stopping_ = false;                            // guarded by mutex_
  bool stopped_ = false;                             // guarded by mutex_
  int next_sequence_ = 0;                            // guarded by mutex_
  std::chrono::steady_clock::time_point next_purge_;  // guarded by mutex_
  std::vector<std::thread> readers_;
  std::vector<std::thread> services_;
  std::thread feeder_;
};

}  // namespace quai
