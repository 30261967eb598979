#include "storage/sqlite/sqlite_statement.h"

#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"

namespace quai {

SqliteStatement::~SqliteStatement() { sqlite3_finalize(statement_); }

void SqliteStatement::BindInt64(int index, int64_t value) {
  int rc = sqlite3_bind_int64(statement_, index, value);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

void SqliteStatement::BindDouble(int index, double value) {
  int rc = sqlite3_bind_double(statement_, index, value);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

void SqliteStatement::BindText(int index, std::string_view value) {
  // SQLITE_STATIC: the caller keeps `value` alive until Reset, which clears bindings.
  int rc = sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_STATIC, SQLITE_UTF8);
  if (rc != SQLITE_OK && bind_error_ == 0) bind_error_ = rc;
}

Result<bool> SqliteStatement::Step(const std::string& context) {
  if (bind_error_ != 0) {
    return Status::Internal(connection_->path() + ": " + context + ": cannot bind a parameter: " +
                            sqlite3_errstr(bind_error_));
  }
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return connection_->ErrorStatus(rc, context);
}

Status SqliteStatement::Run(const std::string& context) {
  while (true) {
    Result<bool> row = Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

int64_t SqliteStatement::ColumnInt64(int index) const { return sqlite3_column_int64(statement_, index); }

bool SqliteStatement::ColumnIsNull(int index) const {
  return sqlite3_column_type(statement_, index) == SQLITE_NULL;
}

double SqliteStatement::ColumnDouble(int index) const { return sqlite3_column_double(statement_, index); }

std::string SqliteStatement::ColumnText(int index) const {
  const unsigned char* text = sqlite3_column_text(statement_, index);
  if (text == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(text), sqlite3_column_bytes(statement_, index));
}

void SqliteStatement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_error_ = 0;
}

Status EachRow(SqliteStatement& statement, const std::string& context, const std::function<void()>& on_row) {
  for (;;) {
    Result<bool> row = statement.Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    on_row();
  }
}

}  // namespace quai
