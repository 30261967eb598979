// ReadingQueue: a long-lived pool of workers that read documents already
// received (ReadStages: reopen → page text → extract → store), for the server,
// where uploads are stored at once and read in the background. Documents are
// read in the order queued; each is queued once however often it is added.
// Stop() finishes the documents being read and leaves the waiting ones
// `received` in the store, where the next start finds them again.
// Thread-safe: Add, counts and Stop may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "pipeline/stage_scheduler.h"

namespace quai {

struct ReadingCounts {
  int waiting = 0;     // queued, not started
  int processing = 0;  // being read now
};

class ReadingQueue {
 public:
  // `workers` threads, each with its own PageReader (and so OCR engine).
  ReadingQueue(PipelineContext context, OcrEngineFactory engine_factory, IngestObserver* observer, int workers);
  ~ReadingQueue();  // Stop()
  ReadingQueue(const ReadingQueue&) = delete;
  ReadingQueue& operator=(const ReadingQueue&) = delete;

  // Queues a received document. Ignored when it is already waiting or being
  // read, and after Stop. Never blocks on the readers.
  void Add(int64_t document_id);
  ReadingCounts counts();
  // Stops taking documents, waits for the ones being read, joins the workers.
  // Idempotent.
  void Stop();

 private:
  void FeedLoop();
  void OnFinished(DocumentJob* job);

  PipelineContext context_;
  OcrEngineFactory engine_factory_;
  int workers_;
  StageScheduler scheduler_;

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<int64_t> waiting_;                   // guarded by mutex_
  std::set<int64_t> queued_;                      // waiting or being read; guarded by mutex_
  std::list<std::unique_ptr<DocumentJob>> jobs_;  // being read; guarded by mutex_
  int next_sequence_ = 0;                         // guarded by mutex_
  bool stopping_ = false;                         // guarded by mutex_
  bool stopped_ = false;                          // guarded by mutex_
  std::vector<std::thread> threads_;
  std::thread feeder_;
};

}  // namespace quai
