#include "pipeline/stage_scheduler.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>

#include "monitor/process_metrics.h"

namespace quai {
namespace {

using SteadyClock = std::chrono::steady_clock;

double MillisecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

}  // namespace

struct StageScheduler::PageFanOut {
  std::atomic<int> remaining{0};
  std::vector<double> milliseconds;
};

StageScheduler::StageScheduler(const PipelineContext& context, const std::vector<Stage>& stages,
                               IngestObserver* observer, bool keep_pages, int max_in_flight,
                               std::function<void(DocumentJob*)> on_finished)
    : context_(context),
      stages_(stages),
      observer_(observer),
      keep_pages_(keep_pages),
      max_in_flight_(max_in_flight),
      on_finished_(std::move(on_finished)) {}

void StageScheduler::Push(Task task) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
  }
  work_ready_.notify_one();
}

void StageScheduler::Submit(DocumentJob* job) {
  {
    std::unique_lock<std::mutex> lock(mutex_);
    // Bounded look-ahead: enough jobs in flight to keep every worker busy, few enough to bound memory.
    job_slot_free_.wait(lock, [&] { return in_flight_ < max_in_flight_; });
    ++in_flight_;
  }
  Push([this, job](WorkerState& worker) { Advance(job, 0, worker); });
}

bool StageScheduler::HasFreeSlot() {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_ < max_in_flight_;
}

int StageScheduler::in_flight() {
  std::lock_guard<std::mutex> lock(mutex_);
  return in_flight_;
}

void StageScheduler::WorkerLoop(WorkerState& worker) {
  while (true) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [&] { return stopping_ || !tasks_.empty(); });
      if (tasks_.empty()) return;
      task = std::move(tasks_.front());
      tasks_.pop_front();
    }
    task(worker);
  }
}

void StageScheduler::WaitUntilIdle() {
  std::unique_lock<std::mutex> lock(mutex_);
  job_slot_free_.wait(lock, [&] { return in_flight_ == 0; });
}

void StageScheduler::Shutdown() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_ready_.notify_all();
}

// Runs the stages of `job` from `stage_index` until it finishes or reaches a page stage.
void StageScheduler::Advance(DocumentJob* job, size_t stage_index, WorkerState& worker) {
  for (; stage_index < stages_.size() && !job->finished; ++stage_index) {
    const Stage& stage = stages_[stage_index];
    if (stage.scope == StageScope::kDocument) {
      auto start = SteadyClock::now();
      RunGuarded(stage, worker, *job, -1);
      const double milliseconds = MillisecondsSince(start);
      job->report.timings.push_back({stage.name, milliseconds});
      monitor::ProcessMetrics::Global().ObserveStage(stage.name, milliseconds / 1000);
      continue;
    }
    if (job->page_count == 0) continue;
    FanOutPages(job, stage_index, stage);
    return;
  }
  Finish(job);
}

void StageScheduler::FanOutPages(DocumentJob* job, size_t stage_index, const Stage& stage) {
  auto fan_out = std::make_shared<PageFanOut>();
  fan_out->remaining = job->page_count;
  fan_out->milliseconds.assign(job->page_count, 0);
  for (int page = 0; page < job->page_count; ++page) {
    Push([this, job, stage_index, &stage, fan_out, page](WorkerState& worker) {
      auto start = SteadyClock::now();
      RunGuarded(stage, worker, *job, page);
      fan_out->milliseconds[page] = MillisecondsSince(start);
      if (observer_ != nullptr) {
        std::lock_guard<std::mutex> lock(observer_mutex_);
        observer_->OnPageDone(job->path, page + 1, job->page_count);
      }
      // The last page to finish moves the job on; acq_rel orders every page's writes before it.
      if (fan_out->remaining.fetch_sub(1, std::memory_order_acq_rel) == 1) {
        double total = 0;
        for (double ms : fan_out->milliseconds) total += ms;
        job->report.timings.push_back({stage.name, total});
        monitor::ProcessMetrics::Global().ObserveStage(stage.name, total / 1000);
        Advance(job, stage_index + 1, worker);
      }
    });
  }
}

// Stages report through the job; an exception escaping an engine still only fails this document.
void StageScheduler::RunGuarded(const Stage& stage, WorkerState& worker, DocumentJob& job, int page) {
  try {
    stage.run(context_, worker, job, page);
  } catch (const std::exception& e) {
    std::string message = std::string(stage.name) + " failed: " + e.what();
    if (page >= 0) {
      job.page_errors[page] = "page " + std::to_string(page + 1) + ": " + message;
    } else {
      job.report.outcome = IngestOutcome::kRefused;
      job.report.error = job.path + ": " + message;
      job.finished = true;
    }
  }
}

void StageScheduler::Finish(DocumentJob* job) {
  if (!keep_pages_) {
    job->bytes.reset();
    std::vector<Page>().swap(job->pages);
  }
  if (observer_ != nullptr) {
    std::lock_guard<std::mutex> lock(observer_mutex_);
    observer_->OnFileDone(job->report, ++done_, total_);
  }
  if (on_finished_) on_finished_(job);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --in_flight_;
  }
  job_slot_free_.notify_all();
}

}  // namespace quai
