// SqliteConsistencyCheck: looks for states of quai.db that no sequence of
// whole transactions can produce, or that no process will ever move on from
// (a received document nobody will read, an export nobody will send, a job
// doubled, a correction or a supplier's count recorded twice). Reads only, in
// one read transaction, so it sees one committed state while other processes
// go on writing (WAL). Used by `quai verify` (pipeline/data_directory_check.h)
// and by the crash campaign (bench/crash_campaign.sh). Not thread-safe: one
// check runs on its own connection, which it owns.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quai/status.h"

namespace quai {

struct StoredOriginal {
  int64_t document_id = 0;
  std::string sha256;
  std::string name;
  int64_t size_bytes = 0;
};

struct ConsistencyFindings {
  std::vector<std::string> problems;     // one line each, naming the document, job or export
  std::vector<StoredOriginal> originals;  // every stored document, for the caller to check its file
};

class SqliteConsistencyCheck {
 public:
  struct Options {
    int64_t now_ms = 0;
    // A running job whose lease ended longer ago than this is reported: a
    // worker takes an expired lease over at its next poll, so one left this
    // long means no process will (the default is 10 minutes).
    int64_t stale_lease_ms = 10 * 60 * 1000;
  };

  // The database at `database_path` must exist; it is not created or migrated.
  static Result<ConsistencyFindings> Run(const std::string& database_path, const Options& options);
};

}  // namespace quai
