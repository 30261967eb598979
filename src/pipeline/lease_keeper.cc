#include "pipeline/lease_keeper.h"
#include "core/log.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>

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
    : jobs_(jobs), lease_(lease), holder_(NewLeaseHolder()) {
  ReclaimFromDeadProcesses();
  thread_ = std::thread([this] { Run(); });
}

void LeaseKeeper::ReclaimFromDeadProcesses() {
  const std::string host = holder_.substr(0, holder_.find(':') + 1);
  auto holders = jobs_->ListLeaseHolders();
  if (!holders.ok()) return;
  for (const std::string& holder : *holders) {
    if (holder.rfind(host, 0) != 0 || holder == holder_) continue;
    const size_t end = holder.find(':', host.size());
    const std::string pid_text = holder.substr(host.size(), end == std::string::npos ? end : end - host.size());
    if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos)
      continue;
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    // Gone for sure only when the pid does not exist; a reused pid keeps the
    // lease, which then runs out by itself.
    if (pid <= 1 || ::kill(pid, 0) == 0 || errno != ESRCH) continue;
    auto expired = jobs_->ExpireLeases(holder);
    if (expired.ok() && *expired > 0)
      Logf(LogLevel::kWarning, {}, "quai: process %s is gone; its %d job(s) are due again\n", holder.c_str(), *expired);
  }
}

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
    ReclaimFromDeadProcesses();
    auto renewed = jobs_->RenewLeases(holder_, lease_);
    if (!renewed.ok())
      Logf(LogLevel::kWarning, {}, "quai: cannot renew the leases of %s: %s\n", holder_.c_str(),
                   renewed.status().message().c_str());
    lock.lock();
  }
}

}  // namespace quai
