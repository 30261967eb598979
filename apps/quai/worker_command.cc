// quai worker: runs the pipeline's jobs (read, learn, retrain) from the data
// directory's durable queue and nothing else; any number of workers and
// servers may share one data directory. SIGTERM or SIGINT: the jobs in hand
// are finished, the waiting ones stay queued, exit 0. --exit-when-idle ends
// once nothing is left to do (for scripts).
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "commands.h"
#include "core/log.h"
#include "pipeline/batch_runner.h"
#include "worker_process.h"

namespace quai::cli {

CommandRunner AddWorkerCommand(CLI::App* app, Options* options) {
  auto* command = app->add_subcommand("worker", "Read, learn and retrain from the data directory's job queue");
  auto settings = std::make_shared<Workspace::WorkerSettings>();
  auto exit_when_idle = std::make_shared<bool>(false);
  command->add_flag("--exit-when-idle", *exit_when_idle, "Exit once no job is due and none is in hand");
  AddWorkerOptions(command, options, settings.get());
  AddCommonOptions(command, options);
  return [=]() -> int {
    SetLogProcess("worker");
    std::mutex mutex;
    std::condition_variable stop;
    bool stopping = false;
    StopSignals signals("worker", [&] {
      std::lock_guard<std::mutex> lock(mutex);
      stopping = true;
      stop.notify_all();
    });
    auto workspace = Workspace::Open(*options);
    if (!workspace.ok()) {
      std::cerr << "quai: " << workspace.status().message() << "\n";
      return kExitStorage;
    }
    Workspace& opened = **workspace;
    ReaderLog log("worker");
    Status started = opened.StartWorkers(&log, *settings);
    if (!started.ok()) {
      std::cerr << "quai: " << started.message() << "\n";
      return kExitStorage;
    }
    Logf(LogLevel::kInfo, {}, "quai worker: working on %s (%d readers)\n", opened.data_dir().c_str(),
                 WorkerCount(options->jobs));
    {
      std::unique_lock<std::mutex> lock(mutex);
      // Idle twice in a row, a poll apart: nothing due, nothing in hand.
      int idle_looks = 0;
      while (!stopping) {
        stop.wait_for(lock, std::chrono::milliseconds(std::max(options->poll_milliseconds, 10)));
        if (!*exit_when_idle) continue;
        idle_looks = opened.workers_idle() ? idle_looks + 1 : 0;
        if (idle_looks >= 2) break;
      }
    }
    opened.StopWorkers();
    signals.Stop();
    Logf(LogLevel::kInfo, {}, "quai worker: stopped\n");
    return kExitOk;
  };
}

}  // namespace quai::cli
