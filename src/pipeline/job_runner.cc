#include "pipeline/job_runner.h"
#include "core/log.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cstdio>
#include <random>

#include "pipeline/stages.h"

namespace quai {

std::chrono::milliseconds RetryDelay(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
  double delay = static_cast<double>(base.count());
  for (int i = 1; i < attempt && delay < static_cast<double>(cap.count()); ++i) delay *= 2;
  delay = std::min(delay, static_cast<double>(cap.count()));
  thread_local std::mt19937 random{std::random_device{}()};
  delay *= std::uniform_real_distribution<double>(0.5, 1.5)(random);
  return std::chrono::milliseconds(static_cast<int64_t>(delay));
}

JobRunner::JobRunner(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer,
                     JobStore* jobs, JobRunnerOptions options)
    : context_(std::move(context)),
      engine_factory_(std::move(engine_factory)),
      jobs_(jobs),
      options_(std::move(options)),
      leases_(jobs, options_.lease),
      // One document per reader in flight: a waiting document stays in the
      // queue (where another process may take it) until a reader is free.
      scheduler_(context_, ReadStages(), observer, /*keep_pages=*/false, std::max(options_.readers, 1),
                 [this](DocumentJob* job) { OnFinished(job); }) {
  const int readers = std::max(options_.readers, 1);
  for (int i = 0; i < readers; ++i) {
    readers_.emplace_back([this] {
      // Readers yield the CPU to whatever else the process does (the server's
      // request threads): a page read a little later costs nobody, a slow answer does.
      setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
      WorkerState worker;
      worker.reader = NewDocumentReader(context_.options, engine_factory_);
      scheduler_.WorkerLoop(worker);
    });
  }
  for (const auto& [kind, handler] : options_.handlers) {
    auto threads = options_.service_threads.find(kind);
    const int count = threads == options_.service_threads.end() ? 1 : std::max(threads->second, 1);
    for (int i = 0; i < count; ++i)
      services_.emplace_back([this, kind = kind, handler = handler] { ServiceLoop(kind, handler); });
  }
  feeder_ = std::thread([this] { FeedLoop(); });
}

JobRunner::~JobRunner() { Stop(); }

void JobRunner::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++wakes_;
  }
  changed_.notify_all();
}

void JobRunner::Wake(JobKind kind) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++kind_wakes_[kind];
  }
  changed_.notify_all();
}

bool JobRunner::idle() {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_hand_.empty() && services_busy_ == 0 && feeder_found_nothing_ &&
         services_found_nothing_ == static_cast<int>(services_.size());
}

void JobRunner::FeedLoop() {
  const int readers = std::max(options_.readers, 1);
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    if (static_cast<int>(in_hand_.size()) >= readers) {
      changed_.wait(lock, [&] { return stopping_ || static_cast<int>(in_hand_.size()) < readers; });
      continue;
    }
    const uint64_t wakes = wakes_;
    lock.unlock();
    auto claimed = jobs_->ClaimNextJob({JobKind::kRead}, leases_.holder(), leases_.lease());
    lock.lock();
    if (!claimed.ok())
      Logf(LogLevel::kError, {}, "quai: cannot look for documents to read: %s\n", claimed.status().message().c_str());
    if (!claimed.ok() || !claimed->has_value()) {
      feeder_found_nothing_ = true;
      if (std::chrono::steady_clock::now() >= next_purge_) {
        // Finished jobs are kept a week (what happened to a document), then
        // deleted in batches so the table does not grow without end.
        next_purge_ = std::chrono::steady_clock::now() + std::chrono::minutes(10);
        lock.unlock();
        const auto week_ago = std::chrono::system_clock::now() - std::chrono::hours(24 * 7);
        (void)jobs_->PurgeFinishedJobs(
            std::chrono::duration_cast<std::chrono::milliseconds>(week_ago.time_since_epoch()).count(), 1000);
        lock.lock();
      }
      changed_.wait_for(lock, options_.poll, [&] { return stopping_ || wakes_ != wakes; });
      continue;
    }
    feeder_found_nothing_ = false;
    auto job = std::make_unique<DocumentJob>();
    job->sequence = next_sequence_++;
    job->report.document_id = (*claimed)->document_id;
    DocumentJob* raw = job.get();
    records_[raw] = **claimed;
    in_hand_.push_back(std::move(job));
    lock.unlock();
    scheduler_.Submit(raw);  // a slot is free: in_hand_ counts every job in flight
    lock.lock();
  }
}

void JobRunner::Fail(const JobRecord& job, const Status& error, const JobRetry& retry) {
  const bool permanent =
      retry.permanent || error.code() == StatusCode::kInvalidArgument || error.code() == StatusCode::kNotFound;
  const auto delay = retry.after ? std::min(*retry.after, options_.retry_cap)
                                 : RetryDelay(job.attempts, options_.retry_base, options_.retry_cap);
  auto state = jobs_->FailJob(job.id, leases_.holder(), error.message(), delay, permanent);
  if (!state.ok())
    Logf(LogLevel::kError, {}, "quai: cannot record the failure of %s job %lld: %s\n", JobKindName(job.kind),
                 static_cast<long long>(job.id), state.status().message().c_str());
  else if (*state == JobState::kDead)
    Logf(LogLevel::kError, {}, "quai: %s job %lld failed for good: %s\n", JobKindName(job.kind),
                 static_cast<long long>(job.id), error.message().c_str());
}

void JobRunner::OnFinished(DocumentJob* job) {
  JobRecord record;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    record = records_[job];
  }
  if (job->retry_later) {
    Fail(record, Status::IoError(job->report.error));
  } else {
    // Stored and refused documents finished their job with their own change;
    // this covers the rest (read meanwhile by another process, gone).
    Status finished = jobs_->FinishJob(record.id, leases_.holder(), "{}");
    if (!finished.ok() && finished.code() != StatusCode::kFailedPrecondition)
      Logf(LogLevel::kError, {}, "quai: cannot finish read job %lld: %s\n", static_cast<long long>(record.id),
                   finished.message().c_str());
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++kind_wakes_[JobKind::kExport];  // a document read straight through queued its exports: sent now
    records_.erase(job);
    for (auto it = in_hand_.begin(); it != in_hand_.end(); ++it) {
      if (it->get() == job) {
        in_hand_.erase(it);
        break;
      }
    }
  }
  changed_.notify_all();
}

void JobRunner::ServiceLoop(JobKind kind, JobHandler handler) {
  bool found_nothing = false;
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    const uint64_t wakes = wakes_, kind_wakes = kind_wakes_[kind];
    lock.unlock();
    auto claimed = jobs_->ClaimNextJob({kind}, leases_.holder(), leases_.lease());
    if (claimed.ok() && claimed->has_value()) {
      {
        std::lock_guard<std::mutex> busy(mutex_);
        ++services_busy_;
        if (found_nothing) --services_found_nothing_;
        found_nothing = false;
      }
      const JobRecord& job = **claimed;
      Result<std::string> result = Status::Internal("no answer");
      JobRetry retry;
      try {
        result = handler(job, &retry);
      } catch (const std::exception& error) {
        result = Status::Internal(error.what());
      }
      if (result.ok()) {
        Status finished = jobs_->FinishJob(job.id, leases_.holder(), *result);
        if (!finished.ok())
          Logf(LogLevel::kError, {}, "quai: cannot finish %s job %lld: %s\n", JobKindName(kind),
                       static_cast<long long>(job.id), finished.message().c_str());
      } else {
        Fail(job, result.status(), retry);
      }
      lock.lock();
      --services_busy_;
      continue;
    }
    if (!claimed.ok())
      Logf(LogLevel::kError, {}, "quai: cannot look for %s jobs: %s\n", JobKindName(kind),
                   claimed.status().message().c_str());
    lock.lock();
    if (!found_nothing) ++services_found_nothing_;
    found_nothing = true;
    changed_.wait_for(lock, options_.poll,
                      [&] { return stopping_ || wakes_ != wakes || kind_wakes_[kind] != kind_wakes; });
  }
}

void JobRunner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    stopping_ = true;
  }
  changed_.notify_all();
  if (feeder_.joinable()) feeder_.join();
  for (auto& service : services_) service.join();
  scheduler_.WaitUntilIdle();  // documents in hand are finished and stored
  scheduler_.Shutdown();
  for (auto& reader : readers_) reader.join();
}

}  // namespace quai
