// PostgresConnection: one libpq connection to the database holding quai's
// stores. Statements are parameterised only ($1, $2... sent apart from the
// SQL, as text), values come back as text. Errors are Status naming the server
// and database ("PostgreSQL at 127.0.0.1:5432, database quai: ...") with the
// caller's context and the server's words, never the password: a unique
// violation is AlreadyExists, a serialization failure or deadlock Aborted-like
// Unavailable (retryable(), retried by PostgresPool::InTransaction), a lost
// connection Unavailable, anything else IoError. Not thread-safe: a connection
// is used by one thread at a time (PostgresPool hands them out). Keeps libpq's
// types out of its callers.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace quai {

// Where and how to reach the database. The password is kept apart from the
// connection string so that it is never part of a message.
struct PostgresOptions {
  std::string conninfo;   // a libpq connection string or postgresql:// URI (without password)
  std::string password;   // may be empty (then libpq's PGPASSWORD / .pgpass apply)
  int pool_size = 8;      // connections open at most at once
  int statement_timeout_seconds = 60;
};

// Splits a postgresql:// URI that may carry a password into options (the
// password moved out of the connection string). InvalidArgument naming the
// problem (never the password) when libpq cannot parse it.
Result<PostgresOptions> ParsePostgresUri(const std::string& uri);

// One statement parameter, as text; NULL when empty.
class SqlValue {
 public:
  SqlValue(std::nullopt_t) {}  // NOLINT: NULL
  SqlValue(const std::string& text) : text_(text) {}  // NOLINT
  SqlValue(std::string&& text) : text_(std::move(text)) {}  // NOLINT
  SqlValue(const char* text) : text_(text) {}  // NOLINT
  SqlValue(int value) : text_(std::to_string(value)) {}  // NOLINT
  SqlValue(int64_t value) : text_(std::to_string(value)) {}  // NOLINT
  SqlValue(double value);  // NOLINT: round-trips exactly
  SqlValue(bool value) : text_(value ? "true" : "false") {}  // NOLINT
  template <typename T>
  SqlValue(const std::optional<T>& value) {  // NOLINT
    if (value) *this = SqlValue(*value);
  }
  const std::optional<std::string>& text() const { return text_; }

 private:
  std::optional<std::string> text_;
};

// The rows a statement returned (text values), and how many rows it changed.
class PostgresRows {
 public:
  int size() const;
  bool empty() const { return size() == 0; }
  bool IsNull(int row, int column) const;
  std::string Text(int row, int column) const;  // "" for NULL
  int64_t Int(int row, int column) const;       // 0 for NULL
  double Double(int row, int column) const;     // 0 for NULL
  bool Bool(int row, int column) const;         // "t"/"true"/"1"
  std::optional<std::string> OptionalText(int row, int column) const;
  std::optional<int64_t> OptionalInt(int row, int column) const;
  std::optional<double> OptionalDouble(int row, int column) const;
  int changed() const;  // rows an INSERT/UPDATE/DELETE changed

 private:
  friend class PostgresConnection;
  struct Free {
    void operator()(PGresult* result) const;
  };
  std::shared_ptr<PGresult> result_;
};

class PostgresConnection {
 public:
  // Connects and sets the session (UTC, ISO dates, statement timeout).
  // Unavailable naming host, port and database with libpq's reason.
  static Result<std::unique_ptr<PostgresConnection>> Open(const PostgresOptions& options);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // One statement with its parameters; `context` names the caller's operation for errors.
  Result<PostgresRows> Query(const std::string& sql, const std::vector<SqlValue>& parameters,
                             const std::string& context);
  // One or more statements without parameters (schema steps, BEGIN/COMMIT).
  Status Execute(const std::string& sql, const std::string& context);

  // COPY ... FROM STDIN (`copy_sql`) with `data` in COPY's text format (one
  // line per row, tab-separated, \N for NULL, see EscapeCopyText).
  Status CopyIn(const std::string& copy_sql, const std::string& data, const std::string& context);

  // LISTEN on `channel` (an identifier quai chooses, never user input).
  Status Listen(const std::string& channel);
  // Waits up to `timeout` for a notification on a channel this connection
  // listens on; true when one (or more) arrived, all of them consumed.
  Result<bool> WaitForNotification(std::chrono::milliseconds timeout);

  // False once the connection to the server is lost; the pool then drops it.
  bool healthy() const;
  // "127.0.0.1:5432, database quai": for messages.
  const std::string& where() const { return where_; }

  // The Status for a failed result, as described above.
  Status ErrorStatus(PGresult* result, const std::string& context) const;

 private:
  PostgresConnection(PGconn* connection, std::string where) : connection_(connection), where_(std::move(where)) {}
  PGconn* connection_;
  std::string where_;
};

// `text` escaped for one field of COPY's text format.
std::string EscapeCopyText(std::string_view text);

// True for a failure that goes away when the transaction is run again
// (serialization failure, deadlock detected): its message starts so.
bool IsRetryable(const Status& status);

}  // namespace quai
