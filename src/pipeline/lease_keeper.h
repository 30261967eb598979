// LeaseKeeper: this process's name on the jobs it claims, and a thread that
// renews all of its leases every third of the lease time, so a job stays ours
// while we live and returns to the queue within one lease time after a
// `kill -9`, a crash or a hang. On the same machine it does better: at start
// and with every renewal it ends at once the leases of holders on this host
// whose process is gone (their jobs need not wait for the lease to run out).
// Thread-safe; the store must outlive it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "storage/job_store.h"

namespace quai {

// "<host>:<pid>:<random>": unique per process, readable in `quai jobs list`.
std::string NewLeaseHolder();

class LeaseKeeper {
 public:
  LeaseKeeper(JobStore* jobs, std::chrono::milliseconds lease);
  ~LeaseKeeper();  // stops renewing (the leases then run out by themselves)
  LeaseKeeper(const LeaseKeeper&) = delete;
  LeaseKeeper& operator=(const LeaseKeeper&) = delete;

  const std::string& holder() const { return holder_; }
  std::chrono::milliseconds lease() const { return lease_; }

 private:
  void Run();
  void ReclaimFromDeadProcesses();
  JobStore* jobs_;
  const std::chrono::milliseconds lease_;
  const std::string holder_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

}  // namespace quai
