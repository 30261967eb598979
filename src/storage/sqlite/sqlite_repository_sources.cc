// The watched folders and mailboxes of SqliteRepository (storage/source_store.h).
#include <nlohmann/json.hpp>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

constexpr char kSourceColumns[] =
    "SELECT id, name, kind, settings_json, secret, enabled, created_at, last_run_at, last_success_at, "
    "documents_taken, errors, last_error, cursor_json, lease_holder FROM sources ";

Status ReadSource(const SqliteStatement& row, SourceRecord* source) {
  source->id = row.ColumnInt64(0);
  source->name = row.ColumnText(1);
  std::optional<SourceKind> kind = ParseSourceKind(row.ColumnText(2));
  if (!kind) return Status::Internal("source '" + source->name + "' has unknown kind '" + row.ColumnText(2) + "'");
  source->kind = *kind;
  source->settings_json = row.ColumnText(3);
  source->secret = row.ColumnText(4);
  source->enabled = row.ColumnInt64(5) != 0;
  source->created_at = row.ColumnText(6);
  source->last_run_at = row.ColumnText(7);
  source->last_success_at = row.ColumnText(8);
  source->documents_taken = row.ColumnInt64(9);
  source->errors = row.ColumnInt64(10);
  source->last_error = row.ColumnText(11);
  source->cursor_json = row.ColumnText(12);
  source->lease_holder = row.ColumnText(13);
  return Status::Ok();
}

Status CheckSettings(const std::string& name, const std::string& settings_json) {
  if (name.empty()) return Status::InvalidArgument("a source needs a name");
  if (!nlohmann::json::parse(settings_json, nullptr, false).is_object())
    return Status::InvalidArgument("source '" + name + "': its settings are not a JSON object");
  return Status::Ok();
}

const char* ItemStateName(SourceItemState state) { return state == SourceItemState::kDone ? "done" : "failed"; }

}  // namespace

Result<int64_t> SqliteRepository::AddSource(const SourceRecord& source) {
  QUAI_RETURN_IF_ERROR(CheckSettings(source.name, source.settings_json));
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "adding source '" + source.name + "'";
  const std::string now = FormatUtcTimestamp(clock_->Now());
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(insert, connection_,
                        "INSERT INTO sources(name, kind, settings_json, secret, enabled, created_at) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
    insert->BindText(1, source.name);
    insert->BindText(2, SourceKindName(source.kind));
    insert->BindText(3, source.settings_json);
    insert->BindText(4, source.secret);
    insert->BindInt64(5, source.enabled ? 1 : 0);
    insert->BindText(6, now);
    Status inserted = insert->Run(context);
    if (inserted.code() == StatusCode::kAlreadyExists)
      return Status::AlreadyExists("there is already a source named '" + source.name + "'");
    QUAI_RETURN_IF_ERROR(inserted);
    id = connection_->LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<SourceRecord>> SqliteRepository::ListSources() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kSourceColumns) + "ORDER BY name");
  std::vector<SourceRecord> sources;
  Status read = Status::Ok();
  QUAI_RETURN_IF_ERROR(EachRow(*select, "listing sources", [&] {
    SourceRecord source;
    Status one = ReadSource(*select, &source);
    if (!one.ok()) read = one;
    sources.push_back(std::move(source));
  }));
  if (!read.ok()) return read;
  return sources;
}

Result<std::optional<SourceRecord>> SqliteRepository::FindSource(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kSourceColumns) + "WHERE name = ?1");
  select->BindText(1, name);
  Result<bool> row = select->Step("reading source '" + name + "'");
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SourceRecord>();
  SourceRecord source;
  QUAI_RETURN_IF_ERROR(ReadSource(*select, &source));
  return std::optional<SourceRecord>(std::move(source));
}

Status SqliteRepository::UpdateSource(const std::string& name, const std::string& settings_json,
                                      const std::optional<std::string>& secret, bool enabled) {
  QUAI_RETURN_IF_ERROR(CheckSettings(name, settings_json));
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "changing source '" + name + "'";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_,
                        "UPDATE sources SET settings_json = ?2, enabled = ?3, "
                        "secret = CASE WHEN ?4 THEN ?5 ELSE secret END WHERE name = ?1");
    update->BindText(1, name);
    update->BindText(2, settings_json);
    update->BindInt64(3, enabled ? 1 : 0);
    update->BindInt64(4, secret.has_value() ? 1 : 0);
    const std::string new_secret = secret.value_or("");
    update->BindText(5, new_secret);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() != 1) return Status::NotFound("there is no source named '" + name + "'");
    return Status::Ok();
  });
}

Status SqliteRepository::RemoveSource(const std::string& name) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "removing source '" + name + "'";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(remove, connection_, "DELETE FROM sources WHERE name = ?1");
    remove->BindText(1, name);
    QUAI_RETURN_IF_ERROR(remove->Run(context));
    if (connection_->ChangedRows() != 1) return Status::NotFound("there is no source named '" + name + "'");
    return Status::Ok();
  });
}

Result<bool> SqliteRepository::ClaimSource(int64_t source_id, const std::string& holder,
                                           std::chrono::milliseconds lease, const std::string& dead_holder) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "claiming source " + std::to_string(source_id);
  bool claimed = false;
  QUAI_RETURN_IF_ERROR(connection_->InTransaction(context, [&]() -> Status {
    const int64_t now = NowMs();
    QUAI_SQLITE_PREPARE(claim, connection_,
                        "UPDATE sources SET lease_holder = ?2, lease_expires_ms = ?3 WHERE id = ?1 AND "
                        "(lease_holder = '' OR lease_holder = ?2 OR lease_expires_ms <= ?4 OR (?5 <> '' AND lease_holder = ?5))");
    claim->BindInt64(1, source_id);
    claim->BindText(2, holder);
    claim->BindInt64(3, now + lease.count());
    claim->BindInt64(4, now);
    claim->BindText(5, dead_holder);
    QUAI_RETURN_IF_ERROR(claim->Run(context));
    claimed = connection_->ChangedRows() == 1;
    return Status::Ok();
  }));
  return claimed;
}

Status SqliteRepository::FinishSourceRun(int64_t source_id, const std::string& holder, const SourceRun& run) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording a run of source " + std::to_string(source_id);
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_,
                        "UPDATE sources SET last_run_at = ?3, documents_taken = documents_taken + ?4, "
                        "last_error = ?5, errors = errors + (?5 <> ''), "
                        "last_success_at = CASE WHEN ?5 = '' THEN ?3 ELSE last_success_at END, "
                        "lease_holder = CASE WHEN lease_holder = ?2 THEN '' ELSE lease_holder END, "
                        "lease_expires_ms = CASE WHEN lease_holder = ?2 THEN 0 ELSE lease_expires_ms END "
                        "WHERE id = ?1");
    update->BindInt64(1, source_id);
    update->BindText(2, holder);
    update->BindText(3, now);
    update->BindInt64(4, run.documents_taken);
    update->BindText(5, run.error);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() != 1) return Status::NotFound("there is no source " + std::to_string(source_id));
    return Status::Ok();
  });
}

Status SqliteRepository::SaveSourceCursor(int64_t source_id, const std::string& cursor_json) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving where source " + std::to_string(source_id) + " got to";
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_, "UPDATE sources SET cursor_json = ?2 WHERE id = ?1");
    update->BindInt64(1, source_id);
    update->BindText(2, cursor_json);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() != 1) return Status::NotFound("there is no source " + std::to_string(source_id));
    return Status::Ok();
  });
}

Result<std::optional<SourceItem>> SqliteRepository::FindSourceItem(int64_t source_id, const std::string& key) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_,
                      "SELECT state, attempts, error, detail_json, updated_at FROM source_items "
                      "WHERE source_id = ?1 AND key = ?2");
  select->BindInt64(1, source_id);
  select->BindText(2, key);
  Result<bool> row = select->Step("reading item '" + key + "' of source " + std::to_string(source_id));
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<SourceItem>();
  SourceItem item;
  item.source_id = source_id;
  item.key = key;
  item.state = select->ColumnText(0) == "done" ? SourceItemState::kDone : SourceItemState::kFailed;
  item.attempts = static_cast<int>(select->ColumnInt64(1));
  item.error = select->ColumnText(2);
  item.detail_json = select->ColumnText(3);
  item.updated_at = select->ColumnText(4);
  return std::optional<SourceItem>(std::move(item));
}

Status SqliteRepository::SaveSourceItem(const SourceItem& item) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording item '" + item.key + "' of source " + std::to_string(item.source_id);
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(upsert, connection_,
                        "INSERT INTO source_items(source_id, key, state, attempts, error, detail_json, updated_at) "
                        "VALUES(?1, ?2, ?3, 1, ?4, ?5, ?6) ON CONFLICT(source_id, key) DO UPDATE SET "
                        "state = excluded.state, attempts = attempts + 1, error = excluded.error, "
                        "detail_json = excluded.detail_json, updated_at = excluded.updated_at");
    upsert->BindInt64(1, item.source_id);
    upsert->BindText(2, item.key);
    upsert->BindText(3, ItemStateName(item.state));
    upsert->BindText(4, item.error);
    upsert->BindText(5, item.detail_json);
    upsert->BindText(6, now);
    Status saved = upsert->Run(context);
    if (saved.code() == StatusCode::kIoError && saved.message().find("FOREIGN KEY") != std::string::npos)
      return Status::NotFound("there is no source " + std::to_string(item.source_id));
    return saved;
  });
}

}  // namespace quai
