// ModelKeeper: keeps a process (`quai serve`, `quai worker`) reading with the
// best models its data directory has. A background thread (at nice 19:
// reading and answering come first) queues a retraining job on a schedule —
// every `interval`, when at least `min_new_examples` were validated since the
// last model set — which one worker of any process runs (RunRetraining,
// through the Retrainer's promotion gate), and switches this process's readers
// to the registry's active set whenever it changes (a promotion, or `quai
// models activate|rollback`). Stop() ends it; idempotent.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

#include "learn/retrainer.h"
#include "quai/workspace.h"

namespace quai {

struct ModelKeeperOptions {
  std::chrono::seconds interval{24 * 3600};  // 0: never retrain (still follows the registry)
  int min_new_examples = 20;
  std::chrono::seconds check_every{60};
  RetrainingOptions retraining;
};

// The retrain job: trains, registers and promotes if not worse; the figures as JSON.
Result<std::string> RunRetraining(Workspace& workspace, const RetrainingOptions& options);

class ModelKeeper {
 public:
  ModelKeeper(Workspace* workspace, ModelKeeperOptions options);
  ~ModelKeeper();
  void Start();
  void Stop();

 private:
  void Run();
  void Check();
  void QueueRetrainingWhenDue();
  Workspace* workspace_;
  ModelKeeperOptions options_;
  int64_t active_id_ = 0;  // 0: shipped
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace quai
