// SyncErp: brings quai's copy of the ERP's master data up to date: asks the
// connected ERP (erp_connection.h) for what changed since the last sync (or
// everything, `full`), writes it (storage/master_data_store.h) and records
// the attempt in the sync state, so that `quai erp status`, the API and the
// ERP checks know when the ERP last answered and what went wrong. An ERP
// that does not answer leaves the copy as it was.
#pragma once

#include "core/clock.h"
#include "core/file_system.h"
#include "storage/master_data_store.h"

namespace quai {

struct ErpSyncReport {
  bool complete = false;         // the whole of the master data was read
  bool was_unavailable = false;  // the sync before this one did not reach the ERP
  MasterDataChange change;
  MasterDataCounts counts;
  double seconds = 0;
};

// kFailedPrecondition when no ERP is connected; the connector's error (most
// often kUnavailable) when it fails, recorded in the sync state.
Result<ErpSyncReport> SyncErp(MasterDataStore& store, FileSystem& file_system, Clock& clock, bool full);

}  // namespace quai
