#include "pipeline/erp_keeper.h"
#include "core/log.h"

#include <cstdio>

#include "erp/erp_sync.h"
#include "review/erp_recheck.h"
#include "review/review_desk.h"

namespace quai {

ErpKeeper::ErpKeeper(WorkspaceServices* services, ErpKeeperOptions options)
    : services_(services), options_(options) {}

ErpKeeper::~ErpKeeper() { Stop(); }

void ErpKeeper::Start() {
  if (options_.interval.count() <= 0 || services_->master_data() == nullptr || thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void ErpKeeper::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ErpKeeper::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    auto ran = RunOnce();
    if (!ran.ok()) Logf(LogLevel::kWarning, {}, "quai: ERP sync: %s\n", ran.status().message().c_str());
    lock.lock();
    wake_.wait_for(lock, options_.check_every, [this] { return stopping_; });
  }
}

Result<bool> ErpKeeper::RunOnce() {
  MasterDataStore& store = *services_->master_data();
  auto connection = store.GetErpConnection();
  if (!connection.ok()) return connection.status();
  if (!connection->has_value()) return false;
  auto state = store.GetErpSyncState();
  if (!state.ok()) return state.status();
  const auto now = services_->clock()->Now();
  if (!state->last_attempt_at.empty()) {
    auto last = ParseUtcTimestamp(state->last_attempt_at);
    auto wait = state->available ? options_.interval : options_.retry;
    if (last && now - *last < wait) return false;
  }
  auto claimed = store.ClaimErpSync(state->last_attempt_at, FormatUtcTimestamp(now));
  if (!claimed.ok()) return claimed.status();
  if (!*claimed) return false;  // another process is at it
  auto report = SyncErp(store, *services_->file_system(), *services_->clock(), false);
  if (!report.ok()) {
    Logf(LogLevel::kWarning, {}, "quai: the ERP did not answer (%s); documents keep erp_unavailable, next try in %llds\n",
                 report.status().message().c_str(), static_cast<long long>(options_.retry.count()));
    return true;
  }
  if (report->change.orders_written + report->change.orders_deleted + report->change.suppliers_written +
          report->change.articles_written == 0 &&
      !report->was_unavailable)
    return true;  // nothing new to judge by
  ReviewDesk desk(services_->documents(), services_->reviews(), services_->clock());
  desk.set_erp_checks(services_->erp_checks(), [this] { return services_->Today(); });
  auto rechecked = RecheckAwaitingReview(desk, *services_->reviews());
  if (!rechecked.ok()) return rechecked.status();
  return true;
}

}  // namespace quai
