// The watched folders and mailboxes of PostgresRepository (storage/source_store.h).
// A source's lease is one conditional UPDATE, atomic on any isolation level.
#include <nlohmann/json.hpp>

#include "storage/postgresql/postgres_document_row.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

constexpr char kSourceColumns[] =
    "SELECT id, name, kind, settings_json, secret, enabled, created_at, last_run_at, last_success_at, "
    "documents_taken, errors, last_error, cursor_json, lease_holder FROM sources ";

Status ReadSource(const PostgresRows& rows, int row, SourceRecord* source) {
  source->id = rows.Int(row, 0);
  source->name = rows.Text(row, 1);
  std::optional<SourceKind> kind = ParseSourceKind(rows.Text(row, 2));
  if (!kind) return Status::Internal("source '" + source->name + "' has unknown kind '" + rows.Text(row, 2) + "'");
  source->kind = *kind;
  source->settings_json = rows.Text(row, 3);
  source->secret = rows.Text(row, 4);
  source->enabled = rows.Int(row, 5) != 0;
  source->created_at = rows.Text(row, 6);
  source->last_run_at = rows.Text(row, 7);
  source->last_success_at = rows.Text(row, 8);
  source->documents_taken = rows.Int(row, 9);
  source->errors = rows.Int(row, 10);
  source->last_error = rows.Text(row, 11);
  source->cursor_json = rows.Text(row, 12);
  source->lease_holder = rows.Text(row, 13);
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

Result<int64_t> PostgresRepository::AddSource(const SourceRecord& source) {
  QUAI_RETURN_IF_ERROR(CheckSettings(source.name, source.settings_json));
  const std::string context = "adding source '" + source.name + "'";
  const std::string now = NowText();
  int64_t id = 0;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    auto inserted = db.Query("INSERT INTO sources(name, kind, settings_json, secret, enabled, created_at) "
                             "VALUES($1, $2, $3, $4, $5, $6) RETURNING id",
                             {source.name, SourceKindName(source.kind), source.settings_json, source.secret,
                              source.enabled ? 1 : 0, now},
                             context);
    if (inserted.status().code() == StatusCode::kAlreadyExists)
      return Status::AlreadyExists("there is already a source named '" + source.name + "'");
    if (!inserted.ok()) return inserted.status();
    id = inserted->Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<SourceRecord>> PostgresRepository::ListSources() {
  const std::string context = "listing sources";
  std::vector<SourceRecord> sources;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    sources.clear();
    QUAI_PG_ROWS(rows, db.Query(std::string(kSourceColumns) + "ORDER BY name COLLATE \"C\"", {}, context));
    for (int row = 0; row < rows.size(); ++row) {
      SourceRecord source;
      QUAI_RETURN_IF_ERROR(ReadSource(rows, row, &source));
      sources.push_back(std::move(source));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return sources;
}

Result<std::optional<SourceRecord>> PostgresRepository::FindSource(const std::string& name) {
  const std::string context = "reading source '" + name + "'";
  std::optional<SourceRecord> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query(std::string(kSourceColumns) + "WHERE name = $1", {name}, context));
    if (rows.empty()) return Status::Ok();
    found.emplace();
    return ReadSource(rows, 0, &*found);
  });
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::UpdateSource(const std::string& name, const std::string& settings_json,
                                        const std::optional<std::string>& secret, bool enabled) {
  QUAI_RETURN_IF_ERROR(CheckSettings(name, settings_json));
  const std::string context = "changing source '" + name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE sources SET settings_json = $2, enabled = $3, "
                                   "secret = CASE WHEN $4::boolean THEN $5 ELSE secret END WHERE name = $1",
                                   {name, settings_json, enabled ? 1 : 0, secret.has_value(), secret.value_or("")},
                                   context));
    if (updated.changed() != 1) return Status::NotFound("there is no source named '" + name + "'");
    return Status::Ok();
  });
}

Status PostgresRepository::RemoveSource(const std::string& name) {
  const std::string context = "removing source '" + name + "'";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(removed, db.Query("DELETE FROM sources WHERE name = $1", {name}, context));
    if (removed.changed() != 1) return Status::NotFound("there is no source named '" + name + "'");
    return Status::Ok();
  });
}

Result<bool> PostgresRepository::ClaimSource(int64_t source_id, const std::string& holder,
                                             std::chrono::milliseconds lease, const std::string& dead_holder) {
  const std::string context = "claiming source " + std::to_string(source_id);
  bool claimed = false;
  QUAI_RETURN_IF_ERROR(InTransaction(context, [&](PostgresConnection& db) -> Status {
    const int64_t now = NowMs();
    QUAI_PG_ROWS(updated, db.Query("UPDATE sources SET lease_holder = $2, lease_expires_ms = $3 WHERE id = $1 AND "
                                   "(lease_holder = '' OR lease_holder = $2 OR lease_expires_ms <= $4 OR "
                                   "($5 <> '' AND lease_holder = $5))",
                                   {source_id, holder, now + static_cast<int64_t>(lease.count()), now, dead_holder},
                                   context));
    claimed = updated.changed() == 1;
    return Status::Ok();
  }));
  return claimed;
}

Status PostgresRepository::FinishSourceRun(int64_t source_id, const std::string& holder, const SourceRun& run) {
  const std::string context = "recording a run of source " + std::to_string(source_id);
  const std::string now = NowText();
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE sources SET last_run_at = $3, documents_taken = documents_taken + $4, "
                                   "last_error = $5, errors = errors + (CASE WHEN $5 <> '' THEN 1 ELSE 0 END), "
                                   "last_success_at = CASE WHEN $5 = '' THEN $3 ELSE last_success_at END, "
                                   "lease_holder = CASE WHEN lease_holder = $2 THEN '' ELSE lease_holder END, "
                                   "lease_expires_ms = CASE WHEN lease_holder = $2 THEN 0 ELSE lease_expires_ms END "
                                   "WHERE id = $1",
                                   {source_id, holder, now, static_cast<int64_t>(run.documents_taken), run.error},
                                   context));
    if (updated.changed() != 1) return Status::NotFound("there is no source " + std::to_string(source_id));
    return Status::Ok();
  });
}

Status PostgresRepository::SaveSourceCursor(int64_t source_id, const std::string& cursor_json) {
  const std::string context = "saving where source " + std::to_string(source_id) + " got to";
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(updated, db.Query("UPDATE sources SET cursor_json = $2 WHERE id = $1", {source_id, cursor_json},
                                   context));
    if (updated.changed() != 1) return Status::NotFound("there is no source " + std::to_string(source_id));
    return Status::Ok();
  });
}

Result<std::optional<SourceItem>> PostgresRepository::FindSourceItem(int64_t source_id, const std::string& key) {
  const std::string context = "reading item '" + key + "' of source " + std::to_string(source_id);
  std::optional<SourceItem> found;
  Status status = InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(rows, db.Query("SELECT state, attempts, error, detail_json, updated_at FROM source_items "
                                "WHERE source_id = $1 AND key = $2",
                                {source_id, key}, context));
    if (rows.empty()) return Status::Ok();
    SourceItem item;
    item.source_id = source_id;
    item.key = key;
    item.state = rows.Text(0, 0) == "done" ? SourceItemState::kDone : SourceItemState::kFailed;
    item.attempts = static_cast<int>(rows.Int(0, 1));
    item.error = rows.Text(0, 2);
    item.detail_json = rows.Text(0, 3);
    item.updated_at = rows.Text(0, 4);
    found = std::move(item);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::SaveSourceItem(const SourceItem& item) {
  const std::string context = "recording item '" + item.key + "' of source " + std::to_string(item.source_id);
  const std::string now = NowText();
  return InTransaction(context, [&](PostgresConnection& db) -> Status {
    QUAI_PG_ROWS(exists, db.Query("SELECT 1 FROM sources WHERE id = $1", {item.source_id}, context));
    if (exists.empty()) return Status::NotFound("there is no source " + std::to_string(item.source_id));
    return db.Query("INSERT INTO source_items(source_id, key, state, attempts, error, detail_json, updated_at) "
                    "VALUES($1, $2, $3, 1, $4, $5, $6) ON CONFLICT(source_id, key) DO UPDATE SET "
                    "state = excluded.state, attempts = source_items.attempts + 1, error = excluded.error, "
                    "detail_json = excluded.detail_json, updated_at = excluded.updated_at",
                    {item.source_id, item.key, ItemStateName(item.state), item.error, item.detail_json, now},
                    context)
        .status();
  });
}

}  // namespace quai
