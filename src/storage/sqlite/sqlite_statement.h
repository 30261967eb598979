// SqliteStatement: one prepared statement with typed binding, stepping and
// column access; errors come back as Status naming the database path.
// ScopedStatement: a borrowed statement that resets itself (and drops its
// bindings) when it goes out of scope, so a cached statement never keeps a
// read open or points at freed text. Not thread-safe; used under the owning
// connection's lock. SqliteStatement owns its sqlite3_stmt; ScopedStatement
// owns nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include "quai/status.h"

struct sqlite3_stmt;

namespace quai {

class SqliteConnection;

class SqliteStatement {
 public:
  SqliteStatement(const SqliteConnection* connection, sqlite3_stmt* statement)
      : connection_(connection), statement_(statement) {}
  ~SqliteStatement();
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are numbered from 1. Text is not copied: it must stay alive
  // until the statement is reset. A failed bind is reported by the next Step.
  void BindInt64(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindText(int index, std::string_view value);
  void BindText(int index, const char* value) { BindText(index, std::string_view(value)); }
  // Not a temporary string: it would be freed before the statement runs (a
  // key bound as BindText(5, ExportKey(...)) was stored as whatever the freed
  // memory held). Keep it in a variable until the statement is reset.
  void BindText(int index, std::string&& value) = delete;

  // Advances one row: true when a row is available, false when done.
  Result<bool> Step(const std::string& context);
  // Steps to completion, for statements that return no rows.
  Status Run(const std::string& context);

  // Columns are numbered from 0; NULL reads as 0 or "".
  int64_t ColumnInt64(int index) const;
  double ColumnDouble(int index) const;
  std::string ColumnText(int index) const;
  bool ColumnIsNull(int index) const;

  void Reset();

 private:
  const SqliteConnection* connection_;
  sqlite3_stmt* statement_;
  int bind_error_ = 0;  // first failed bind since the last Reset
};

class ScopedStatement {
 public:
  explicit ScopedStatement(SqliteStatement* statement) : statement_(statement) {}
  ScopedStatement(ScopedStatement&& other) noexcept : statement_(other.statement_) { other.statement_ = nullptr; }
  ScopedStatement& operator=(ScopedStatement&&) = delete;
  ScopedStatement(const ScopedStatement&) = delete;
  ScopedStatement& operator=(const ScopedStatement&) = delete;
  ~ScopedStatement() {
    if (statement_ != nullptr) statement_->Reset();
  }

  SqliteStatement* operator->() const { return statement_; }
  SqliteStatement& operator*() const { return *statement_; }

 private:
  SqliteStatement* statement_;
};

// Calls `on_row` for each row `statement` steps to; the first error stops it.
Status EachRow(SqliteStatement& statement, const std::string& context, const std::function<void()>& on_row);

}  // namespace quai

// Declares `ScopedStatement name`, the cached statement for `sql` on
// `connection`, or returns the preparation error from the enclosing function.
#define QUAI_SQLITE_PREPARE(name, connection, sql)            \
  auto name##_prepared_ = (connection)->Prepare(sql);         \
  if (!name##_prepared_.ok()) return name##_prepared_.status(); \
  ::quai::ScopedStatement name = std::move(name##_prepared_).value()
