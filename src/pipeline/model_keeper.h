// ModelKeeper: keeps `quai serve` reading with the best models its data
// directory has. A background thread (at nice 19: reading and answering come
// first) retrains from the training examples on a schedule — every `interval`,
// when at least `min_new_examples` were validated since the last model set —
// through the Retrainer's promotion gate, and switches the readers to the
// registry's active set whenever it changes (a promotion, or `quai models
// activate|rollback` run beside the server). Stop() ends it; idempotent.
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

class ModelKeeper {
 public:
  ModelKeeper(Workspace* workspace, ModelKeeperOptions options);
  ~ModelKeeper();
  void Start();
  void Stop();

 private:
  void Run();
  void Check();
  Workspace* workspace_;
  ModelKeeperOptions options_;
  int64_t active_id_ = 0;  // 0: shipped
  std::chrono::steady_clock::time_point last_training_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace quai
