// ErpKeeper: keeps the copy of the ERP's master data fresh while quai serves
// or works: every `interval` (and every `retry` while the ERP does not
// answer) it syncs (erp/erp_sync.h), then checks again the delivery notes and
// invoices awaiting review (review/erp_recheck.h), so that a document read
// while the ERP was down is judged when it answers. Several processes share
// one data directory: the one that claims the attempt in the store
// (MasterDataStore::ClaimErpSync) syncs, the others wait for the next round.
// A thread of its own; Stop() waits for a sync under way.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "pipeline/workspace_services.h"

namespace quai {

struct ErpKeeperOptions {
  std::chrono::seconds interval{15 * 60};  // 0: never sync on its own
  std::chrono::seconds retry{60};          // while the ERP does not answer
  std::chrono::seconds check_every{10};
};

class ErpKeeper {
 public:
  ErpKeeper(WorkspaceServices* services, ErpKeeperOptions options);
  ~ErpKeeper();
  void Start();
  void Stop();
  // One round: syncs when due and claimed; true when it synced (or tried).
  Result<bool> RunOnce();

 private:
  void Run();
  WorkspaceServices* services_;
  ErpKeeperOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace quai
