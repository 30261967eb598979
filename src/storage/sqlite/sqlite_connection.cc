#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <cerrno>
#include <exception>
#include <string_view>
#include <utility>

#include "core/search_fold.h"
#include "core/no_space.h"

namespace quai {

namespace {
constexpr int kBusyTimeoutMilliseconds = 10000;
constexpr char kInMemoryPath[] = ":memory:";

// quai_fold(text): FoldForSearch in SQL, so the document search folds the
// stored values and the query alike ("isere" finds "Isère"). NULL stays NULL.
void FoldFunction(sqlite3_context* context, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const unsigned char* text = sqlite3_value_text(argv[0]);
  const int size = sqlite3_value_bytes(argv[0]);
  if (text == nullptr) return sqlite3_result_null(context);
  std::string folded = FoldForSearch(std::string_view(reinterpret_cast<const char*>(text), size));
  sqlite3_result_text(context, folded.data(), static_cast<int>(folded.size()), SQLITE_TRANSIENT);
}

}  // namespace

int RegisterSearchFold(sqlite3* db) {
  return sqlite3_create_function_v2(db, "quai_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, nullptr,
                                    FoldFunction, nullptr, nullptr, nullptr);
}


Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path) {
  sqlite3* db = nullptr;
  // NOMUTEX: the owner serialises every call, so sqlite's own mutex would be redundant.
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string cause = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::IoError(path + ": cannot open database: " + cause);
  }
  sqlite3_extended_result_codes(db, 1);
  std::unique_ptr<SqliteConnection> connection(new SqliteConnection(db, path));
  QUAI_RETURN_IF_ERROR(connection->Configure());
  return connection;
}

SqliteConnection::~SqliteConnection() {
  statements_.clear();  // finalise before closing, or close would leave the handle open
  sqlite3_close_v2(db_);
}

Status SqliteConnection::Configure() {
  // First, so that switching the journal mode waits for other processes too.
  int rc = sqlite3_busy_timeout(db_, kBusyTimeoutMilliseconds);
  if (rc != SQLITE_OK) return ErrorStatus(rc, "setting the busy timeout");
  rc = RegisterSearchFold(db_);
  if (rc != SQLITE_OK) return ErrorStatus(rc, "registering quai_fold");

  Result<std::string> journal_mode = QueryText("PRAGMA journal_mode=WAL");
  if (!journal_mode.ok()) return journal_mode.status();
  if (*journal_mode != "wal" && !(path_ == kInMemoryPath && *journal_mode == "memory")) {
    return Status::IoError(path_ + ": cannot switch the database to WAL journal mode (it stays in '" +
                           *journal_mode + "' mode)");
  }
  // FULL: every commit reaches the disk before it is reported, so nothing accepted is lost on power cut.
  QUAI_RETURN_IF_ERROR(Execute("PRAGMA synchronous=FULL", "setting synchronous=FULL"));
  QUAI_RETURN_IF_ERROR(Execute("PRAGMA foreign_keys=ON", "enabling foreign keys"));
  Result<std::string> foreign_keys = QueryText("PRAGMA foreign_keys");
  if (!foreign_keys.ok()) return foreign_keys.status();
  if (*foreign_keys != "1") {
    return Status::IoError(path_ + ": this SQLite build does not enforce foreign keys");
  }
  return Status::Ok();
}

Status SqliteConnection::Execute(const std::string& sql, const std::string& context) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return ErrorStatus(rc, context);
  return Status::Ok();
}

Result<ScopedStatement> SqliteConnection::Prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) return ScopedStatement(found->second.get());
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1), SQLITE_PREPARE_PERSISTENT, &raw,
                              nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return ErrorStatus(rc, "preparing \"" + sql + "\"");
  }
  auto statement = std::make_unique<SqliteStatement>(this, raw);
  SqliteStatement* borrowed = statement.get();
  statements_.emplace(sql, std::move(statement));
  return ScopedStatement(borrowed);
}

Result<std::string> SqliteConnection::QueryText(const std::string& sql) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size() + 1), &raw, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(raw);
    return ErrorStatus(rc, "preparing \"" + sql + "\"");
  }
  SqliteStatement statement(this, raw);  // finalises on return
  Result<bool> row = statement.Step("running \"" + sql + "\"");
  if (!row.ok()) return row.status();
  if (!*row) return std::string();
  return statement.ColumnText(0);
}

Status SqliteConnection::InTransaction(const std::string& context, const std::function<Status()>& body) {
  if (sqlite3_get_autocommit(db_) == 0) {
    // Inside another transaction (a call made from another's callback): a
    // savepoint, undone alone when the body fails.
    QUAI_RETURN_IF_ERROR(Execute("SAVEPOINT nested", context + " (savepoint)"));
    Status nested = body();
    if (nested.ok()) return Execute("RELEASE nested", context + " (release)");
    sqlite3_exec(db_, "ROLLBACK TO nested; RELEASE nested", nullptr, nullptr, nullptr);
    return nested;
  }
  QUAI_RETURN_IF_ERROR(Execute("BEGIN IMMEDIATE", context + " (begin)"));
  Status result;
  try {
    result = body();
  } catch (const std::exception& error) {
    // Exceptions stay inside this module; the open transaction must not outlive the call.
    result = Status::Internal(path_ + ": " + context + ": " + error.what());
  }
  if (result.ok()) {
    result = Execute("COMMIT", context + " (commit)");
    if (result.ok()) return result;
  }
  // Some errors (disk full, I/O) already rolled the transaction back.
  if (sqlite3_get_autocommit(db_) == 0) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  return result;
}

int64_t SqliteConnection::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

int SqliteConnection::ChangedRows() const { return sqlite3_changes(db_); }

Status SqliteConnection::ErrorStatus(int result_code, const std::string& context) const {
  // The handle's message describes its last failure; fall back to the code's generic text.
  std::string cause = sqlite3_extended_errcode(db_) == result_code ? sqlite3_errmsg(db_) : sqlite3_errstr(result_code);
  std::string message = path_ + ": " + context + ": " + cause;
  // A full disk shows as SQLITE_FULL ("database or disk is full") when a
  // write does not fit, but as a bare "disk I/O error" when the WAL index
  // cannot be created or grown (opening a database on a full disk): the
  // errno tells them apart, and the message then names the cause.
  const int system_error = sqlite3_system_errno(db_);
  if ((result_code & 0xff) == SQLITE_IOERR && (system_error == ENOSPC || system_error == EDQUOT))
    message += std::string(": no space left on device (the ") + kNoSpace + ")";
  if (result_code == SQLITE_CONSTRAINT_UNIQUE) return Status::AlreadyExists(std::move(message));
  return Status::IoError(std::move(message));
}

}  // namespace quai
