// SqliteConnection: one open sqlite3 handle configured the way quai relies on
// (WAL journal, synchronous FULL so nothing committed is lost on power cut,
// foreign keys on, 10 s busy timeout), with a cache of prepared statements and
// transactions that commit whole or roll back. Not thread-safe: the owner
// serialises every call (SqliteRepository holds a mutex). Owns the handle and
// the cached statements; they are finalised before the handle is closed.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "quai/status.h"
#include "storage/sqlite/sqlite_statement.h"

struct sqlite3;

namespace quai {

// Registers quai_fold(text) (FoldForSearch) on a raw connection, as every
// SqliteConnection does on open: the schema's triggers (migration 14) call it,
// so a program writing documents, extractions, review states or values through
// its own connection needs it too. An SQLite result code.
int RegisterSearchFold(sqlite3* db);

class SqliteConnection {
 public:
  // Opens (creating if needed) the database file at `path` and applies the
  // PRAGMAs above. ":memory:" is accepted for an in-memory database (no WAL).
  static Result<std::unique_ptr<SqliteConnection>> Open(const std::string& path);

  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  const std::string& path() const { return path_; }

  // Runs one or more SQL statements that return no rows we need.
  Status Execute(const std::string& sql, const std::string& context);

  // The cached statement for `sql`, prepared on first use. The handle resets
  // the statement and clears its bindings when it goes out of scope.
  Result<ScopedStatement> Prepare(const std::string& sql);

  // Runs `body` inside BEGIN IMMEDIATE ... COMMIT. If `body` fails or COMMIT
  // fails, the transaction is rolled back and the failure returned.
  Status InTransaction(const std::string& context, const std::function<Status()>& body);

  // The first row's first column of `sql` as text ("" when there is no row).
  Result<std::string> QueryText(const std::string& sql);

  int64_t LastInsertRowId() const;
  int ChangedRows() const;  // rows changed by the last INSERT/UPDATE/DELETE

  // Maps an sqlite result code (with the handle's current message) to a Status:
  // a UNIQUE violation is AlreadyExists, anything else IoError. The message
  // names the database path, `context` and sqlite's own words.
  Status ErrorStatus(int result_code, const std::string& context) const;

 private:
  SqliteConnection(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Status Configure();

  sqlite3* db_;
  std::string path_;
  std::unordered_map<std::string, std::unique_ptr<SqliteStatement>> statements_;
};

}  // namespace quai
