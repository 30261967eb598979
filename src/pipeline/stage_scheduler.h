// StageScheduler: moves DocumentJobs through an ordered stage list on a pool of
// worker threads. Document stages run once per job on whichever worker has it;
// a page stage fans out one task per page, and the worker that finishes the
// last page moves the job on. At most `max_in_flight` jobs are held at once
// (Submit blocks for a slot), which bounds memory. Shared by BatchRunner (one
// batch of files) and ReadingQueue (a long-lived queue of received documents).
// Thread-safe: Submit from any thread; workers call WorkerLoop. The jobs are
// owned by the caller and must outlive their processing; `on_finished` is
// called once per job, from a worker, after the job's last stage.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

#include "pipeline/stages.h"

namespace quai {

class StageScheduler {
 public:
  using Task = std::function<void(WorkerState&)>;

  StageScheduler(const PipelineContext& context, const std::vector<Stage>& stages, IngestObserver* observer,
                 bool keep_pages, int max_in_flight, std::function<void(DocumentJob*)> on_finished = nullptr);

  // Blocks until fewer than max_in_flight jobs are in flight, then queues `job` at its first stage.
  void Submit(DocumentJob* job);
  // Runs tasks until Shutdown() and the task queue is empty.
  void WorkerLoop(WorkerState& worker);
  // Blocks until no job is in flight.
  void WaitUntilIdle();
  // Lets WorkerLoop return once the queue is empty. Call after WaitUntilIdle.
  void Shutdown();
  bool HasFreeSlot();
  int in_flight();
  // For observer progress: the batch size (0 when unknown).
  void set_total(int total) { total_ = total; }

 private:
  struct PageFanOut;
  void Push(Task task);
  void Advance(DocumentJob* job, size_t stage_index, WorkerState& worker);
  void FanOutPages(DocumentJob* job, size_t stage_index, const Stage& stage);
  void RunGuarded(const Stage& stage, WorkerState& worker, DocumentJob& job, int page);
  void Finish(DocumentJob* job);

  const PipelineContext& context_;
  const std::vector<Stage>& stages_;
  IngestObserver* observer_;
  bool keep_pages_;
  int max_in_flight_;
  std::function<void(DocumentJob*)> on_finished_;
  int total_ = 0;
  int done_ = 0;  // guarded by observer_mutex_
  std::mutex observer_mutex_;

  std::mutex mutex_;
  std::condition_variable work_ready_;
  std::condition_variable job_slot_free_;
  std::deque<Task> tasks_;  // guarded by mutex_
  int in_flight_ = 0;       // guarded by mutex_
  bool stopping_ = false;   // guarded by mutex_
};

}  // namespace quai
