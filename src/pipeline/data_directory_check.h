// DataDirectoryCheck: what `quai verify` runs over a data directory. It
// reports, one line each, every stored original that is missing, unreadable
// or not the SHA-256 it is filed under; every state of the database no
// sequence of whole transactions produces or no process will move on from
// (storage/sqlite/sqlite_consistency_check.h: documents, jobs, exports,
// events, training examples, suppliers); and a broken security log chain
// (review/security_log.h, as `quai audit verify`). Reads only. Thread-compatible;
// borrows the file system, account store and clock, which must outlive it.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/file_system.h"
#include "quai/status.h"
#include "storage/account_store.h"
#include "storage/sqlite/sqlite_consistency_check.h"

namespace quai {

class DataDirectoryCheck {
 public:
  DataDirectoryCheck(std::string data_dir, FileSystem* file_system, AccountStore* accounts, Clock* clock);

  // See SqliteConsistencyCheck::Options (default 10 minutes).
  void set_stale_lease_ms(int64_t ms) { stale_lease_ms_ = ms; }

  struct Report {
    int64_t documents = 0;
    int64_t originals_checked = 0;
    int64_t security_events = 0;
    std::vector<std::string> problems;  // empty when the data directory is consistent
  };
  // An error only when the check itself cannot run (no database, unreadable).
  Result<Report> Run();

 private:
  void CheckOriginals(const std::vector<StoredOriginal>& originals, Report* report);

  std::string data_dir_;
  FileSystem* file_system_;
  AccountStore* accounts_;
  Clock* clock_;
  int64_t stale_lease_ms_ = 10 * 60 * 1000;
};

}  // namespace quai
