#include "storage/sqlite/sqlite_snapshot.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <memory>

namespace quai {
namespace {

struct Closer {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
using Database = std::unique_ptr<sqlite3, Closer>;

Result<Database> OpenDatabase(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  Database owned(db);
  if (rc != SQLITE_OK)
    return Status::IoError(path + ": cannot open the database: " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(db, 10000);
  return owned;
}

Status Fail(sqlite3* db, const std::string& path, const std::string& what) {
  return Status::IoError(path + ": " + what + ": " + sqlite3_errmsg(db));
}

Status SyncFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path + ": cannot open to sync");
  const bool synced = ::fsync(fd) == 0;
  ::close(fd);
  return synced ? Status::Ok() : Status::IoError(path + ": cannot sync to disk");
}

}  // namespace

Result<DatabaseSnapshot> DescribeDatabase(const std::string& path) {
  Result<Database> db = OpenDatabase(path, SQLITE_OPEN_READONLY);
  if (!db.ok()) return db.status();
  DatabaseSnapshot snapshot;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db->get(), "SELECT coalesce(max(version), 0) FROM schema_migrations", -1, &statement,
                         nullptr) != SQLITE_OK)
    return Fail(db->get(), path, "not a quai database");
  if (sqlite3_step(statement) == SQLITE_ROW) snapshot.schema_version = sqlite3_column_int(statement, 0);
  sqlite3_finalize(statement);
  if (sqlite3_prepare_v2(db->get(), "SELECT id, sha256, original_name, size_bytes FROM documents ORDER BY id", -1,
                         &statement, nullptr) != SQLITE_OK)
    return Fail(db->get(), path, "reading its documents");
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    auto text = [&](int column) {
      const unsigned char* value = sqlite3_column_text(statement, column);
      return value ? std::string(reinterpret_cast<const char*>(value)) : std::string();
    };
    snapshot.originals.push_back({sqlite3_column_int64(statement, 0), text(1), text(2),
                                  sqlite3_column_int64(statement, 3)});
  }
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) return Fail(db->get(), path, "reading its documents");
  snapshot.documents = static_cast<int64_t>(snapshot.originals.size());
  return snapshot;
}

Result<DatabaseSnapshot> SnapshotDatabase(const std::string& from, const std::string& to) {
  Result<Database> source = OpenDatabase(from, SQLITE_OPEN_READONLY);
  if (!source.ok()) return source.status();
  const std::string partial = to + ".partial";
  std::remove(partial.c_str());
  {
    Result<Database> target = OpenDatabase(partial, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    if (!target.ok()) return target.status();
    sqlite3_backup* backup = sqlite3_backup_init(target->get(), "main", source->get(), "main");
    if (backup == nullptr) return Fail(target->get(), partial, "cannot start the copy");
    // All pages in one step: one read transaction, so one committed state.
    int rc = sqlite3_backup_step(backup, -1);
    sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE) return Fail(target->get(), from, "copying the database");
    // A copy of a WAL database keeps its journal mode: make it one file.
    sqlite3_exec(target->get(), "PRAGMA journal_mode=DELETE", nullptr, nullptr, nullptr);
  }
  QUAI_RETURN_IF_ERROR(SyncFile(partial));
  if (std::rename(partial.c_str(), to.c_str()) != 0) return Status::IoError(to + ": cannot put the copy in place");
  return DescribeDatabase(to);
}

}  // namespace quai
