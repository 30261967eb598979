#include "pipeline/reading_queue.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "pipeline/stages.h"

namespace quai {

ReadingQueue::ReadingQueue(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer,
                           int workers)
    : context_(std::move(context)),
      engine_factory_(std::move(engine_factory)),
      workers_(workers < 1 ? 1 : workers),
      // One document per worker in flight: a waiting document stays cheap (an id)
      // until a worker is about to be free, and a stop has less to finish.
      scheduler_(context_, ReadStages(), observer, /*keep_pages=*/false, workers_,
                 [this](DocumentJob* job) { OnFinished(job); }) {
  for (int i = 0; i < workers_; ++i) {
    threads_.emplace_back([this] {
      // Readers yield the CPU to whatever else the process does (the server's
      // request threads): a page read a little later costs nobody, a slow answer does.
      setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), 10);
      WorkerState worker;
      worker.page_reader =
          std::make_unique<PageReader>(engine_factory_, context_.options.preparation, context_.options.limits);
      scheduler_.WorkerLoop(worker);
    });
  }
  feeder_ = std::thread([this] { FeedLoop(); });
}

ReadingQueue::~ReadingQueue() { Stop(); }

void ReadingQueue::Add(int64_t document_id) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ || !queued_.insert(document_id).second) return;
    waiting_.push_back(document_id);
  }
  changed_.notify_all();
}

ReadingCounts ReadingQueue::counts() {
  std::lock_guard<std::mutex> lock(mutex_);
  return {static_cast<int>(waiting_.size()), static_cast<int>(jobs_.size())};
}

void ReadingQueue::FeedLoop() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] {
      return stopping_ || (!waiting_.empty() && static_cast<int>(jobs_.size()) < workers_);
    });
    if (stopping_) return;
    auto job = std::make_unique<DocumentJob>();
    job->sequence = next_sequence_++;
    job->report.document_id = waiting_.front();
    waiting_.pop_front();
    DocumentJob* raw = job.get();
    jobs_.push_back(std::move(job));
    lock.unlock();
    scheduler_.Submit(raw);  // a slot is free: jobs_ counts every job in flight
    lock.lock();
  }
}

void ReadingQueue::OnFinished(DocumentJob* job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    queued_.erase(job->report.document_id);
    for (auto it = jobs_.begin(); it != jobs_.end(); ++it) {
      if (it->get() == job) {
        jobs_.erase(it);
        break;
      }
    }
  }
  changed_.notify_all();
}

void ReadingQueue::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;
    stopped_ = true;
    stopping_ = true;
    waiting_.clear();  // still `received` in the store: the next start reads them
  }
  changed_.notify_all();
  if (feeder_.joinable()) feeder_.join();
  scheduler_.WaitUntilIdle();
  scheduler_.Shutdown();
  for (auto& thread : threads_) thread.join();
}

}  // namespace quai
