#include "pipeline/lease_keeper.h"

#include <unistd.h>

#include <cstdio>
#include <random>

namespace quai {

std::string NewLeaseHolder() {
  char host[256] = {};
  if (gethostname(host, sizeof(host) - 1) != 0) std::snprintf(host, sizeof(host), "host");
  std::random_device random;
  char suffix[16];
  std::snprintf(suffix, sizeof(suffix), "%04x", random() & 0xffff);
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + suffix;
}

LeaseKeeper::LeaseKeeper(JobStore* jobs, std::chrono::milliseconds lease)
    : jobs_(jobs), lease_(lease), holder_(NewLeaseHolder()), thread_([this] { Run(); }) {}

LeaseKeeper::~LeaseKeeper() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void LeaseKeeper::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!wake_.wait_for(lock, lease_ / 3, [this] { return stopping_; })) {
    lock.unlock();
    auto renewed = jobs_->RenewLeases(holder_, lease_);
    if (!renewed.ok())
      std::fprintf(stderr, "quai: cannot renew the leases of %s: %s\n", holder_.c_str(),
                   renewed.status().message().c_str());
    lock.lock();
  }
}

}  // namespace quai
