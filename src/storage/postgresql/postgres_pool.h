// PostgresPool: the connections a PostgresRepository shares between its
// callers' threads (up to PostgresOptions::pool_size; a caller waits when all
// are in use) and the transactions run on them. A transaction runs on one
// connection held by the calling thread; a store call made inside another's
// transaction on the same thread (the ERP checks reading master data inside a
// review edit) joins it as a savepoint, as SqliteRepository's nested calls do.
// A transaction failing with a serialization failure or a deadlock is run
// again from the start (a few times), so a body must only touch the database
// and its own locals. A connection found broken is dropped and replaced.
#pragma once

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgresql/postgres_connection.h"

namespace quai {

enum class PostgresIsolation { kReadCommitted, kRepeatableRead, kSerializable };

class PostgresPool {
 public:
  // Opens the first connection (so a wrong address fails here).
  static Result<std::unique_ptr<PostgresPool>> Open(const PostgresOptions& options);
  ~PostgresPool();
  PostgresPool(const PostgresPool&) = delete;
  PostgresPool& operator=(const PostgresPool&) = delete;

  // Runs `body` in BEGIN ... COMMIT (rolled back when it or COMMIT fails).
  Status InTransaction(const std::string& context, const std::function<Status(PostgresConnection&)>& body,
                       PostgresIsolation isolation = PostgresIsolation::kReadCommitted);

  // A new connection outside the pool (for LISTEN), or the error.
  Result<std::unique_ptr<PostgresConnection>> OpenDedicated() const;

  const PostgresOptions& options() const { return options_; }
  const std::string& where() const { return where_; }

 private:
  explicit PostgresPool(PostgresOptions options) : options_(std::move(options)) {}
  Result<std::unique_ptr<PostgresConnection>> Acquire();
  void Release(std::unique_ptr<PostgresConnection> connection);
  Status RunOnce(PostgresConnection& connection, const std::string& context,
                 const std::function<Status(PostgresConnection&)>& body, PostgresIsolation isolation);

  const PostgresOptions options_;
  std::string where_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<PostgresConnection>> idle_;  // guarded by mutex_
  int open_ = 0;                                           // connections out or idle; guarded by mutex_
};

}  // namespace quai
