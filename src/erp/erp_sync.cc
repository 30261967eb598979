#include "erp/erp_sync.h"

#include <chrono>

#include "erp/erp_connection.h"

namespace quai {

Result<ErpSyncReport> SyncErp(MasterDataStore& store, FileSystem& file_system, Clock& clock, bool full) {
  const auto started = std::chrono::steady_clock::now();
  auto connection = store.GetErpConnection();
  if (!connection.ok()) return connection.status();
  if (!connection->has_value())
    return Status::FailedPrecondition("no ERP is connected: quai erp connect KIND --set key=value ...");
  auto state = store.GetErpSyncState();
  if (!state.ok()) return state.status();
  ErpSyncState next = *state;
  next.last_attempt_at = FormatUtcTimestamp(clock.Now());
  ErpSyncReport report;
  report.was_unavailable = !state->available;
  auto fail = [&](const Status& status) -> Status {
    next.available = false;
    next.last_error = status.message();
    QUAI_RETURN_IF_ERROR(store.SaveErpSyncState(next));
    return status;
  };
  auto connector = MakeErpConnector(**connection, file_system);
  if (!connector.ok()) return fail(connector.status());
  auto batch = (*connector)->Fetch(full ? "" : state->cursor);
  if (!batch.ok()) return fail(batch.status());
  report.complete = batch->complete;
  auto change = store.ApplyMasterData(*batch);
  if (!change.ok()) return fail(change.status());
  report.change = *change;
  bool changed = change->orders_written + change->orders_deleted + change->suppliers_written +
                     change->articles_written > 0;
  next.cursor = batch->cursor;
  next.available = true;
  next.last_error.clear();
  next.last_success_at = next.last_attempt_at;
  if (changed || report.was_unavailable) ++next.generation;
  QUAI_RETURN_IF_ERROR(store.SaveErpSyncState(next));
  auto counts = store.CountMasterData();
  if (!counts.ok()) return counts.status();
  report.counts = *counts;
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace quai
