// SourceRunner: runs the watched folders and mailboxes of a data directory in
// a long-lived process (`quai serve`). It follows the SourceStore: a source
// added, changed, disabled or removed (by the API or `quai source`) is
// started, restarted or stopped within `reload`. Each source runs on its own
// thread, so a mailbox that hangs or refuses its login never delays another;
// each pass is recorded in the store (its status in the UI and the API). A
// source that must run in one process at a time (a mailbox) runs a pass only
// under the store's lease, so several `quai serve` processes on one data
// directory share it.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <set>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "source/open_watched_source.h"
#include "source/watched_source.h"

namespace quai {

struct SourceRunnerOptions {
  std::chrono::milliseconds reload{5000};  // how often the store's list of sources is read again
  // A mailbox's lease, renewed every `reload` while its pass runs; a killed
  // process's lease runs out after this (at once when it was this machine's).
  std::chrono::milliseconds lease{std::chrono::seconds(30)};
  // A pass that took nothing and changed nothing is recorded at most this often.
  std::chrono::milliseconds quiet_record{std::chrono::minutes(1)};
};

class SourceRunner {
 public:
  // `holder` names this process in leases ("host:pid": a lease held by a
  // process of this host that is gone is taken over at once).
  SourceRunner(SourceServices services, DocumentIntake& intake, std::string holder, SourceRunnerOptions options = {});
  ~SourceRunner();  // Stop()
  SourceRunner(const SourceRunner&) = delete;
  SourceRunner& operator=(const SourceRunner&) = delete;

  void Start();
  // Ends every source's pass at its next file or mail and joins the threads. Idempotent.
  void Stop();

 private:
  struct Running {
    std::string settings_json;
    std::string secret;
    std::shared_ptr<std::atomic<bool>> stop;
    std::thread thread;
  };
  void Supervise();
  void Reload();
  void Run(SourceRecord record, std::shared_ptr<std::atomic<bool>> stop);
  Result<bool> Claim(const SourceRecord& record);

  SourceServices services_;
  DocumentIntake& intake_;
  std::string holder_;
  SourceRunnerOptions options_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, Running> running_;  // by source name; touched by the supervisor only
  std::set<int64_t> in_pass_;               // sources whose pass holds the lease (mutex_)
  std::thread supervisor_;
};

}  // namespace quai
