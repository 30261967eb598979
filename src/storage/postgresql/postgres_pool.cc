#include "storage/postgresql/postgres_pool.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace quai {
namespace {

// The connection the calling thread holds in a transaction, per pool.
struct HeldConnection {
  const PostgresPool* pool;
  PostgresConnection* connection;
  int depth;
};
thread_local std::vector<HeldConnection> held;

HeldConnection* HeldBy(const PostgresPool* pool) {
  for (HeldConnection& entry : held)
    if (entry.pool == pool) return &entry;
  return nullptr;
}

constexpr int kAttempts = 8;

}  // namespace

Result<std::unique_ptr<PostgresPool>> PostgresPool::Open(const PostgresOptions& options) {
  std::unique_ptr<PostgresPool> pool(new PostgresPool(options));
  auto first = PostgresConnection::Open(options);
  if (!first.ok()) return first.status();
  pool->where_ = first.value()->where();
  pool->open_ = 1;
  pool->idle_.push_back(std::move(first).value());
  return pool;
}

PostgresPool::~PostgresPool() = default;

Result<std::unique_ptr<PostgresConnection>> PostgresPool::OpenDedicated() const {
  return PostgresConnection::Open(options_);
}

Result<std::unique_ptr<PostgresConnection>> PostgresPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  released_.wait(lock, [&] { return !idle_.empty() || open_ < std::max(1, options_.pool_size); });
  if (!idle_.empty()) {
    std::unique_ptr<PostgresConnection> connection = std::move(idle_.back());
    idle_.pop_back();
    return connection;
  }
  ++open_;
  lock.unlock();
  auto opened = PostgresConnection::Open(options_);
  if (!opened.ok()) {
    lock.lock();
    --open_;
    released_.notify_one();
  }
  return opened;
}

void PostgresPool::Release(std::unique_ptr<PostgresConnection> connection) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (connection->healthy()) {
    idle_.push_back(std::move(connection));
  } else {
    --open_;  // dropped; the next Acquire opens a new one
  }
  released_.notify_one();
}

Status PostgresPool::RunOnce(PostgresConnection& connection, const std::string& context,
                             const std::function<Status(PostgresConnection&)>& body, PostgresIsolation isolation) {
  const char* begin = isolation == PostgresIsolation::kSerializable     ? "BEGIN ISOLATION LEVEL SERIALIZABLE"
                      : isolation == PostgresIsolation::kRepeatableRead ? "BEGIN ISOLATION LEVEL REPEATABLE READ"
                                                                        : "BEGIN";
  QUAI_RETURN_IF_ERROR(connection.Execute(begin, context));
  held.push_back({this, &connection, 1});
  Status status = body(connection);
  held.erase(std::find_if(held.begin(), held.end(), [&](const HeldConnection& entry) { return entry.pool == this; }));
  if (status.ok()) status = connection.Execute("COMMIT", context);
  if (!status.ok() && connection.healthy()) (void)connection.Execute("ROLLBACK", context);
  return status;
}

Status PostgresPool::InTransaction(const std::string& context, const std::function<Status(PostgresConnection&)>& body,
                                   PostgresIsolation isolation) {
  if (HeldConnection* entry = HeldBy(this)) {
    // Nested on this thread: a savepoint in the transaction already open.
    PostgresConnection& connection = *entry->connection;
    std::string savepoint = "nested_" + std::to_string(entry->depth++);
    QUAI_RETURN_IF_ERROR(connection.Execute("SAVEPOINT " + savepoint, context));
    Status status = body(connection);
    --entry->depth;
    if (status.ok()) return connection.Execute("RELEASE SAVEPOINT " + savepoint, context);
    (void)connection.Execute("ROLLBACK TO SAVEPOINT " + savepoint, context);
    return status;
  }
  Status status;
  for (int attempt = 1; attempt <= kAttempts; ++attempt) {
    auto acquired = Acquire();
    if (!acquired.ok()) return acquired.status();
    std::unique_ptr<PostgresConnection> connection = std::move(acquired).value();
    status = RunOnce(*connection, context, body, isolation);
    Release(std::move(connection));
    if (!IsRetryable(status)) return status;
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt * 2));
  }
  return status;
}

}  // namespace quai
