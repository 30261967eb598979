// SecurityLog: records who did what to accounts and credentials, and what was
// refused, in the store's hash-chained security log, and verifies the chain.
// Recording never fails the action it records: a store error is reported on
// stderr. Thread-safe (the store serialises appends); borrows store and clock.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "quai/status.h"
#include "storage/account_store.h"

namespace quai {

class Clock;

class SecurityLog {
 public:
  SecurityLog(AccountStore* store, Clock* clock);

  void Record(const std::string& kind, const std::string& actor, const std::string& client,
              const std::string& detail);

  struct Verification {
    int64_t events = 0;
    int64_t first_broken_id = 0;  // 0 when the whole chain holds
    std::string problem;          // why it breaks there
    std::string last_hash;        // keep it elsewhere: a later truncation shows against it
  };
  // Recomputes every hash from the first entry on.
  Result<Verification> Verify();
  // Oldest first, ids over `after_id`.
  Result<std::vector<SecurityEvent>> List(int64_t after_id, int limit);

 private:
  AccountStore* store_;
  Clock* clock_;
};

}  // namespace quai
