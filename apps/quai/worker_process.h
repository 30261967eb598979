// What `quai serve` and `quai worker` share as long-running processes: the
// stop signals (SIGTERM, SIGINT) taken by one watcher thread, the log of jobs
// done, and the options of the workers on the job queue.
#pragma once

#include <signal.h>

#include <CLI/CLI.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <thread>

#include "quai/options.h"
#include "quai/pipeline.h"
#include "quai/workspace.h"

namespace quai::cli {

// One line per document read, on stderr (the process's log), named `process`.
class ReaderLog final : public IngestObserver {
 public:
  explicit ReaderLog(const char* process) : process_(process) {}
  void OnFileDone(const IngestedFile& file, int done, int total) override;

 private:
  const char* process_;
};

// Blocks SIGTERM and SIGINT in this thread and every thread started after
// (call it first), ignores SIGPIPE, and runs `on_stop` on a watcher thread
// when one arrives. Stop() ends the watcher if no signal came.
class StopSignals {
 public:
  StopSignals(const char* process, std::function<void()> on_stop);
  ~StopSignals();  // Stop()
  void Stop();

 private:
  sigset_t signals_;
  std::thread watcher_;
  std::atomic<bool> stopped_{false};
};

// --lease-seconds, --poll-ms, --retrain-hours, --retrain-min-examples.
void AddWorkerOptions(CLI::App* command, Options* options, Workspace::WorkerSettings* settings);

}  // namespace quai::cli
