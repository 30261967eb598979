#include "pipeline/batch_runner.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <thread>

#include "pipeline/stages.h"

namespace quai {
namespace {

using Task = std::function<void(WorkerState&)>;
using SteadyClock = std::chrono::steady_clock;

double MillisecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

// The queue shared by the workers, and the batch's bookkeeping.
class Scheduler {
 public:
  Scheduler(const PipelineContext& context, IngestObserver* observer, bool keep_pages, int total)
      : context_(context), observer_(observer), keep_pages_(keep_pages), total_(total) {}

  void Push(Task task) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    work_ready_.notify_one();
  }

  void WorkerLoop(WorkerState& worker) {
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

  // Runs the stages of `job` from `stage_index` until it finishes or reaches a page stage.
  void Advance(DocumentJob* job, size_t stage_index, WorkerState& worker) {
    const auto& stages = IngestStages();
    for (; stage_index < stages.size() && !job->finished; ++stage_index) {
      const Stage& stage = stages[stage_index];
      if (stage.scope == StageScope::kDocument) {
        auto start = SteadyClock::now();
        RunGuarded(stage, worker, *job, -1);
        job->report.timings.push_back({stage.name, MillisecondsSince(start)});
        continue;
      }
      if (job->page_count == 0) continue;
      FanOutPages(job, stage_index, stage);
      return;
    }
    Finish(job);
  }

  void BeginJob() {
    std::unique_lock<std::mutex> lock(mutex_);
    // Bounded look-ahead: enough files in flight to keep every worker busy, few enough to bound memory.
    job_slot_free_.wait(lock, [&] { return in_flight_ < max_in_flight_; });
    ++in_flight_;
  }

  void WaitUntilDone() {
    std::unique_lock<std::mutex> lock(mutex_);
    job_slot_free_.wait(lock, [&] { return in_flight_ == 0; });
    stopping_ = true;
    work_ready_.notify_all();
  }

  void set_max_in_flight(int n) { max_in_flight_ = n; }

 private:
  struct PageFanOut {
    std::atomic<int> remaining{0};
    std::vector<double> milliseconds;
  };

  void FanOutPages(DocumentJob* job, size_t stage_index, const Stage& stage) {
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
          Advance(job, stage_index + 1, worker);
        }
      });
    }
  }

  // Stages report through the job; an exception escaping an engine still only fails this document.
  void RunGuarded(const Stage& stage, WorkerState& worker, DocumentJob& job, int page) {
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

  void Finish(DocumentJob* job) {
    if (!keep_pages_) {
      job->bytes.reset();
      std::vector<Page>().swap(job->pages);
    }
    if (observer_ != nullptr) {
      std::lock_guard<std::mutex> lock(observer_mutex_);
      observer_->OnFileDone(job->report, ++done_, total_);
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --in_flight_;
    }
    job_slot_free_.notify_all();
  }

  const PipelineContext& context_;
  IngestObserver* observer_;
  bool keep_pages_;
  int total_;
  int done_ = 0;  // guarded by observer_mutex_
  std::mutex observer_mutex_;

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable job_slot_free_;
  std::deque<Task> tasks_;  // guarded by mutex_
  int in_flight_ = 0;       // guarded by mutex_
  int max_in_flight_ = 4;
  bool stopping_ = false;   // guarded by mutex_
};

}  // namespace

int WorkerCount(int jobs) {
  if (jobs > 0) return jobs;
  unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : static_cast<int>(cores);
}

BatchRunner::BatchRunner(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer)
    : context_(std::move(context)), engine_factory_(std::move(engine_factory)), observer_(observer) {}

std::vector<std::unique_ptr<DocumentJob>> BatchRunner::Run(const std::vector<std::string>& paths,
                                                           const std::string& source, bool keep_pages) {
  std::vector<std::unique_ptr<DocumentJob>> jobs;
  for (size_t i = 0; i < paths.size(); ++i) {
    auto job = std::make_unique<DocumentJob>();
    job->sequence = static_cast<int>(i);
    job->path = paths[i];
    job->source = source;
    job->report.path = paths[i];
    jobs.push_back(std::move(job));
  }
  const int workers = WorkerCount(context_.options.jobs);
  Scheduler scheduler(context_, observer_, keep_pages, static_cast<int>(jobs.size()));
  scheduler.set_max_in_flight(2 * workers + 2);

  std::vector<std::thread> threads;
  for (int i = 0; i < workers; ++i) {
    threads.emplace_back([&] {
      WorkerState worker;
      worker.page_reader =
          std::make_unique<PageReader>(engine_factory_, context_.options.preparation, context_.options.limits);
      scheduler.WorkerLoop(worker);
    });
  }
  for (auto& job : jobs) {
    scheduler.BeginJob();
    DocumentJob* raw = job.get();
    scheduler.Push([&scheduler, raw](WorkerState& worker) { scheduler.Advance(raw, 0, worker); });
  }
  scheduler.WaitUntilDone();
  for (auto& thread : threads) thread.join();
  return jobs;
}

}  // namespace quai
