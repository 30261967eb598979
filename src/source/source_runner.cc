#include "source/source_runner.h"

#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <set>

namespace quai {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

SourceRunner::SourceRunner(SourceServices services, DocumentIntake& intake, std::string holder,
                           SourceRunnerOptions options)
    : services_(services), intake_(intake), holder_(std::move(holder)), options_(options) {}

SourceRunner::~SourceRunner() { Stop(); }

void SourceRunner::Start() {
  if (supervisor_.joinable()) return;
  supervisor_ = std::thread([this] { Supervise(); });
}

void SourceRunner::Stop() {
  stop_ = true;
  wake_.notify_all();
  if (supervisor_.joinable()) supervisor_.join();
}

namespace {

// True when `holder` ("host:pid") is a process of this host (`mine`'s) that is gone.
bool DeadHere(const std::string& holder, const std::string& mine) {
  const size_t colon = holder.rfind(':');
  const size_t my_colon = mine.rfind(':');
  if (colon == std::string::npos || my_colon == std::string::npos || holder == mine) return false;
  if (holder.compare(0, colon, mine, 0, my_colon) != 0 || colon != my_colon) return false;
  const std::string pid = holder.substr(colon + 1);
  if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return false;
  return ::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH;
}

}  // namespace

Result<bool> SourceRunner::Claim(const SourceRecord& record) {
  Result<bool> claimed = services_.store->ClaimSource(record.id, holder_, options_.lease);
  if (!claimed.ok() || *claimed) return claimed;
  auto found = services_.store->FindSource(record.name);
  if (!found.ok() || !found->has_value() || !DeadHere((*found)->lease_holder, holder_)) return claimed;
  return services_.store->ClaimSource(record.id, holder_, options_.lease, (*found)->lease_holder);
}

void SourceRunner::Supervise() {
  while (!stop_.load()) {
    Reload();
    std::set<int64_t> renew;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      renew = in_pass_;
    }
    for (int64_t id : renew) (void)services_.store->ClaimSource(id, holder_, options_.lease);
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, options_.reload, [this] { return stop_.load(); });
  }
  for (auto& [name, running] : running_) running.stop->store(true);
  for (auto& [name, running] : running_)
    if (running.thread.joinable()) running.thread.join();
  running_.clear();
}

void SourceRunner::Reload() {
  Result<std::vector<SourceRecord>> sources = services_.store->ListSources();
  if (!sources.ok()) return;  // the store is busy or down: keep what runs, try again
  std::set<std::string> wanted;
  for (const SourceRecord& source : *sources) {
    if (!source.enabled) continue;
    wanted.insert(source.name);
    auto it = running_.find(source.name);
    if (it != running_.end() && it->second.settings_json == source.settings_json && it->second.secret == source.secret)
      continue;
    if (it != running_.end()) {  // changed: restart with the new settings
      it->second.stop->store(true);
      if (it->second.thread.joinable()) it->second.thread.join();
      running_.erase(it);
    }
    Running running;
    running.settings_json = source.settings_json;
    running.secret = source.secret;
    running.stop = std::make_shared<std::atomic<bool>>(false);
    running.thread = std::thread([this, source, stop = running.stop] { Run(source, stop); });
    running_.emplace(source.name, std::move(running));
  }
  for (auto it = running_.begin(); it != running_.end();) {
    if (wanted.count(it->first)) {
      ++it;
      continue;
    }
    it->second.stop->store(true);
    if (it->second.thread.joinable()) it->second.thread.join();
    it = running_.erase(it);
  }
}

void SourceRunner::Run(SourceRecord record, std::shared_ptr<std::atomic<bool>> stop) {
  const std::atomic<bool>& stopping = *stop;
  Result<std::unique_ptr<WatchedSource>> opened = OpenWatchedSource(record, services_);
  if (!opened.ok()) {
    // Settings the source cannot run with: say so in its status until they change.
    while (!stopping.load()) {
      (void)services_.store->FinishSourceRun(record.id, holder_, SourceRun{0, opened.status().message()});
      WatchedSource::SleepUnlessStopped(milliseconds(60000), stopping);
    }
    return;
  }
  WatchedSource& source = **opened;
  std::string last_error;
  auto last_record = steady_clock::now() - options_.quiet_record;
  while (!stopping.load()) {
    if (source.needs_lease()) {
      Result<bool> claimed = Claim(record);
      if (!claimed.ok() || !*claimed) {  // another process runs it
        source.Wait(milliseconds(5000), stopping);
        continue;
      }
      std::lock_guard<std::mutex> lock(mutex_);
      in_pass_.insert(record.id);
    }
    SourcePass pass = source.Pass(intake_, stopping);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      in_pass_.erase(record.id);
    }
    std::string error = pass.error;
    if (error.empty() && pass.failed > 0)
      error = std::to_string(pass.failed) + " item(s) left in place to try again";
    const bool eventful = pass.stored + pass.duplicates + pass.refused + pass.failed > 0 || error != last_error;
    if (source.needs_lease() || eventful || steady_clock::now() - last_record >= options_.quiet_record) {
      (void)services_.store->FinishSourceRun(record.id, holder_, SourceRun{pass.stored, error});
      last_record = steady_clock::now();
    }
    last_error = error;
    if (pass.next_pass.count() > 0) source.Wait(pass.next_pass, stopping);
  }
}

}  // namespace quai
