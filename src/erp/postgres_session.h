// PostgresSession: one libpq connection to a PostgreSQL server, opened for one
// fetch and closed with the object. Every transaction in it is read-only and
// every statement is cut after a timeout; queries are sent one statement at a
// time (the extended protocol refuses "SELECT ...; DELETE ..."), values come
// back as text. Errors are Status: kUnavailable when the server cannot be
// reached or does not answer in time, kInvalidArgument when it rejects the SQL
// it was given (syntax, unknown column, permission, writing). Not thread-safe:
// one session per thread. Keeps libpq's types out of its callers.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "quai/status.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace quai {

// The rows a query returned, all values as PostgreSQL prints them in text.
class PostgresSessionRows {
 public:
  int row_count() const;
  int column_count() const;
  std::string column_name(int column) const;
  // The column named `name` (case-insensitive), or -1.
  int FindColumn(std::string_view name) const;
  // The value, "" for NULL.
  std::string Value(int row, int column) const;

 private:
  friend class PostgresSession;
  struct Free {
    void operator()(PGresult* result) const;
  };
  std::shared_ptr<PGresult> result_;
};

struct PostgresSessionOptions {
  std::string conninfo;  // a libpq connection string ("host=... dbname=... user=...") or URI
  std::string password;  // given to libpq apart from conninfo; may be empty
  int timeout_seconds = 60;  // connecting, and each statement
};

class PostgresSession {
 public:
  // Connects. kUnavailable naming host, port and database with libpq's reason;
  // the password is never part of a message.
  static Result<std::unique_ptr<PostgresSession>> Open(const PostgresSessionOptions& options);
  ~PostgresSession();
  PostgresSession(const PostgresSession&) = delete;
  PostgresSession& operator=(const PostgresSession&) = delete;

  // One statement; `parameters` are $1, $2... as text (their type inferred by the server).
  Result<PostgresSessionRows> Query(const std::string& sql, const std::vector<std::string>& parameters = {});

 private:
  PostgresSession(PGconn* connection, std::string where, int timeout_seconds);
  PGconn* connection_;
  std::string where_;  // "127.0.0.1:5432, database erp": for messages
  int timeout_seconds_;
};

// What is wrong with `conninfo` ("" when it is usable): unparsable, or holding a
// password (which belongs in the separate password setting, as only that one
// is kept secret).
std::string ConninfoProblem(const std::string& conninfo);

}  // namespace quai
