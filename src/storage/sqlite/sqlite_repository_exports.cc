// The export targets and the exports outbox of SqliteRepository
// (storage/receiving_store.h). An export row and its job are written in the
// acceptance's transaction; the exporter (export/exporter.h) records each
// attempt here and finishes or fails the job in the job store.
#include <nlohmann/json.hpp>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {
namespace {

using Json = nlohmann::json;

constexpr char kTargetColumns[] =
    "SELECT id, name, kind, settings_json, document_types_json, include_auto_accepted, mapping_json, max_attempts, "
    "enabled, disabled_reason, created_at FROM export_targets ";

ExportTarget ReadTarget(const SqliteStatement& row) {
  ExportTarget target;
  target.id = row.ColumnInt64(0);
  target.name = row.ColumnText(1);
  target.kind = row.ColumnText(2);
  Json settings = Json::parse(row.ColumnText(3), nullptr, false);
  if (settings.is_object())
    for (const auto& [key, value] : settings.items())
      if (value.is_string()) target.settings[key] = value.get<std::string>();
  Json types = Json::parse(row.ColumnText(4), nullptr, false);
  if (types.is_array())
    for (const Json& type : types)
      if (type.is_string()) target.document_types.push_back(type.get<std::string>());
  target.include_auto_accepted = row.ColumnInt64(5) != 0;
  Json mapping = Json::parse(row.ColumnText(6), nullptr, false);
  if (mapping.is_object())
    for (const auto& [key, value] : mapping.items())
      if (value.is_string()) target.field_mapping[key] = value.get<std::string>();
  target.max_attempts = static_cast<int>(row.ColumnInt64(7));
  target.enabled = row.ColumnInt64(8) != 0;
  target.disabled_reason = row.ColumnText(9);
  target.created_at = row.ColumnText(10);
  return target;
}

constexpr char kExportColumns[] =
    "SELECT x.id, x.document_id, x.version_id, x.version, x.target_id, t.name, t.kind, x.key, x.state, x.attempts, "
    "x.last_error, x.answer, x.external_id, coalesce(x.job_id, 0), x.created_at, x.updated_at, x.delivered_at "
    "FROM exports x JOIN export_targets t ON t.id = x.target_id ";

ExportRecord ReadExport(const SqliteStatement& row) {
  ExportRecord record;
  record.id = row.ColumnInt64(0);
  record.document_id = row.ColumnInt64(1);
  record.version_id = row.ColumnInt64(2);
  record.version = static_cast<int>(row.ColumnInt64(3));
  record.target_id = row.ColumnInt64(4);
  record.target_name = row.ColumnText(5);
  record.target_kind = row.ColumnText(6);
  record.key = row.ColumnText(7);
  ParseExportState(row.ColumnText(8), &record.state);
  record.attempts = static_cast<int>(row.ColumnInt64(9));
  record.last_error = row.ColumnText(10);
  record.answer = row.ColumnText(11);
  record.external_id = row.ColumnText(12);
  record.job_id = row.ColumnInt64(13);
  record.created_at = row.ColumnText(14);
  record.updated_at = row.ColumnText(15);
  record.delivered_at = row.ColumnText(16);
  return record;
}

}  // namespace

std::string ExportKey(int64_t document_id, int version, int64_t target_id) {
  return "quai-doc" + std::to_string(document_id) + "-v" + std::to_string(version) + "-t" + std::to_string(target_id);
}

Status SqliteRepository::QueueExports(int64_t document_id, int64_t version_id, int version,
                                      const AcceptedVersion& accepted, const std::string& now,
                                      bool supersede_earlier, const std::string& context) {
  // What an earlier version still owed a target is not sent: this one is.
  if (supersede_earlier) {
    QUAI_SQLITE_PREPARE(supersede, connection_,
                        "UPDATE exports SET state = 'superseded', updated_at = ?2 WHERE document_id = ?1 "
                        "AND state IN ('pending', 'dead')");
    supersede->BindInt64(1, document_id);
    supersede->BindText(2, now);
    QUAI_RETURN_IF_ERROR(supersede->Run(context));
    QUAI_SQLITE_PREPARE(finish, connection_,
                        "UPDATE jobs SET state = 'done', result = '\"superseded\"', lease_holder = '', "
                        "lease_expires_ms = 0, finished_ms = ?2 WHERE kind = 'export' AND document_id = ?1 "
                        "AND state = 'queued'");
    finish->BindInt64(1, document_id);
    finish->BindInt64(2, NowMs());
    QUAI_RETURN_IF_ERROR(finish->Run(context));
  }
  QUAI_SQLITE_PREPARE(
      targets, connection_,
      "SELECT id, max_attempts FROM export_targets WHERE removed = 0 AND enabled = 1 "
      "AND (?1 = 'validated' OR include_auto_accepted = 1) AND (document_types_json = '[]' OR EXISTS "
      "(SELECT 1 FROM json_each(document_types_json) WHERE value = ?2)) ORDER BY id");
  targets->BindText(1, accepted.source);
  targets->BindText(2, accepted.document_type);
  std::vector<std::pair<int64_t, int>> taking;
  QUAI_RETURN_IF_ERROR(EachRow(*targets, context, [&] {
    taking.push_back({targets->ColumnInt64(0), static_cast<int>(targets->ColumnInt64(1))});
  }));
  const int64_t now_ms = NowMs();
  for (const auto& [target_id, max_attempts] : taking) {
    QUAI_SQLITE_PREPARE(insert, connection_,
                        "INSERT INTO exports(document_id, version_id, version, target_id, key, state, created_at, "
                        "updated_at) VALUES(?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?6) ON CONFLICT(key) DO NOTHING");
    insert->BindInt64(1, document_id);
    insert->BindInt64(2, version_id);
    insert->BindInt64(3, version);
    insert->BindInt64(4, target_id);
    const std::string key = ExportKey(document_id, version, target_id);
    insert->BindText(5, key);
    insert->BindText(6, now);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    if (connection_->ChangedRows() != 1) continue;
    const int64_t export_id = connection_->LastInsertRowId();
    NewJob job;
    job.kind = JobKind::kExport;
    job.document_id = document_id;
    job.payload_json = Json{{"export", export_id}}.dump();
    job.max_attempts = max_attempts;
    job.dedupe_key = "export:e" + std::to_string(export_id);
    int64_t job_id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(job, now_ms, context, &job_id));
    QUAI_SQLITE_PREPARE(link, connection_, "UPDATE exports SET job_id = ?2 WHERE id = ?1");
    link->BindInt64(1, export_id);
    link->BindInt64(2, job_id);
    QUAI_RETURN_IF_ERROR(link->Run(context));
  }
  return Status::Ok();
}

Result<int64_t> SqliteRepository::SaveExportTarget(const ExportTarget& target) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving export target '" + target.name + "'";
  Json settings = Json::object(), mapping = Json::object();
  for (const auto& [key, value] : target.settings) settings[key] = value;
  for (const auto& [key, value] : target.field_mapping) mapping[key] = value;
  const std::string settings_text = settings.dump(), types_text = Json(target.document_types).dump(),
                    mapping_text = mapping.dump();
  const std::string now = FormatUtcTimestamp(clock_->Now());
  int64_t id = target.id;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(taken, connection_, "SELECT id FROM export_targets WHERE name = ?1 AND removed = 0 AND id <> ?2");
    taken->BindText(1, target.name);
    taken->BindInt64(2, target.id);
    Result<bool> row = taken->Step(context);
    if (!row.ok()) return row.status();
    if (*row) return Status::AlreadyExists("an export target is already named '" + target.name + "'");
    if (target.id == 0) {
      QUAI_SQLITE_PREPARE(insert, connection_,
                          "INSERT INTO export_targets(name, kind, settings_json, document_types_json, "
                          "include_auto_accepted, mapping_json, max_attempts, enabled, disabled_reason, created_at) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
      insert->BindText(1, target.name);
      insert->BindText(2, target.kind);
      insert->BindText(3, settings_text);
      insert->BindText(4, types_text);
      insert->BindInt64(5, target.include_auto_accepted ? 1 : 0);
      insert->BindText(6, mapping_text);
      insert->BindInt64(7, target.max_attempts);
      insert->BindInt64(8, target.enabled ? 1 : 0);
      insert->BindText(9, target.disabled_reason);
      insert->BindText(10, now);
      QUAI_RETURN_IF_ERROR(insert->Run(context));
      id = connection_->LastInsertRowId();
      return Status::Ok();
    }
    QUAI_SQLITE_PREPARE(update, connection_,
                        "UPDATE export_targets SET name = ?2, kind = ?3, settings_json = ?4, document_types_json = ?5, "
                        "include_auto_accepted = ?6, mapping_json = ?7, max_attempts = ?8, enabled = ?9, "
                        "disabled_reason = ?10 WHERE id = ?1 AND removed = 0");
    update->BindInt64(1, target.id);
    update->BindText(2, target.name);
    update->BindText(3, target.kind);
    update->BindText(4, settings_text);
    update->BindText(5, types_text);
    update->BindInt64(6, target.include_auto_accepted ? 1 : 0);
    update->BindText(7, mapping_text);
    update->BindInt64(8, target.max_attempts);
    update->BindInt64(9, target.enabled ? 1 : 0);
    update->BindText(10, target.disabled_reason);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() != 1)
      return Status::NotFound("there is no export target " + std::to_string(target.id));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<ExportTarget>> SqliteRepository::ListExportTargets() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kTargetColumns) + "WHERE removed = 0 ORDER BY id");
  std::vector<ExportTarget> targets;
  QUAI_RETURN_IF_ERROR(EachRow(*select, "listing export targets", [&] { targets.push_back(ReadTarget(*select)); }));
  return targets;
}

Result<std::optional<ExportTarget>> SqliteRepository::FindExportTarget(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kTargetColumns) + "WHERE id = ?1 AND removed = 0");
  select->BindInt64(1, id);
  Result<bool> row = select->Step("reading export target " + std::to_string(id));
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ExportTarget>();
  return std::optional<ExportTarget>(ReadTarget(*select));
}

Status SqliteRepository::RemoveExportTarget(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "removing export target " + std::to_string(id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_, "UPDATE export_targets SET removed = 1, enabled = 0 WHERE id = ?1 AND removed = 0");
    update->BindInt64(1, id);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() != 1) return Status::NotFound("there is no export target " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::optional<ExportRecord>> SqliteRepository::FindExport(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_, std::string(kExportColumns) + "WHERE x.id = ?1");
  select->BindInt64(1, id);
  Result<bool> row = select->Step("reading export " + std::to_string(id));
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<ExportRecord>();
  return std::optional<ExportRecord>(ReadExport(*select));
}

Result<std::vector<ExportRecord>> SqliteRepository::ListExports(const ExportFilter& filter) {
  if (filter.limit < 1 || filter.limit > 10000 || filter.offset < 0)
    return Status::InvalidArgument("listing exports: limit must be 1 to 10000 and offset not negative");
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  QUAI_SQLITE_PREPARE(select, connection_,
                      std::string(kExportColumns) +
                          "WHERE (?1 = 0 OR x.document_id = ?1) AND (?2 = 0 OR x.target_id = ?2) AND (?3 = '' OR "
                          "x.state = ?3) ORDER BY x.id DESC LIMIT ?4 OFFSET ?5");
  select->BindInt64(1, filter.document_id);
  select->BindInt64(2, filter.target_id);
  select->BindText(3, filter.state ? ExportStateName(*filter.state) : "");
  select->BindInt64(4, filter.limit);
  select->BindInt64(5, filter.offset);
  std::vector<ExportRecord> exports;
  QUAI_RETURN_IF_ERROR(EachRow(*select, "listing exports", [&] { exports.push_back(ReadExport(*select)); }));
  return exports;
}

Status SqliteRepository::RecordExportAttempt(int64_t id, const ExportAttempt& attempt) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording an attempt of export " + std::to_string(id);
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, "SELECT state, target_id FROM exports WHERE id = ?1");
    select->BindInt64(1, id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("there is no export " + std::to_string(id));
    const std::string state = select->ColumnText(0);
    const int64_t target_id = select->ColumnInt64(1);
    // Delivered stays delivered (a late answer of a retry changes nothing),
    // and a superseded export is only marked delivered when it did go out.
    if (state == "delivered") return Status::Ok();
    if (state == "superseded" && attempt.state != ExportState::kDelivered)
      return Status::FailedPrecondition("export " + std::to_string(id) + " was superseded by a newer version");
    QUAI_SQLITE_PREPARE(update, connection_,
                        "UPDATE exports SET state = ?2, attempts = attempts + 1, last_error = ?3, answer = ?4, "
                        "external_id = CASE WHEN ?5 <> '' THEN ?5 ELSE external_id END, updated_at = ?6, "
                        "delivered_at = CASE WHEN ?2 = 'delivered' THEN ?6 ELSE delivered_at END WHERE id = ?1");
    update->BindInt64(1, id);
    update->BindText(2, ExportStateName(attempt.state));
    update->BindText(3, attempt.error);
    update->BindText(4, attempt.answer);
    update->BindText(5, attempt.external_id);
    update->BindText(6, now);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (!attempt.disable_target) return Status::Ok();
    QUAI_SQLITE_PREPARE(disable, connection_,
                        "UPDATE export_targets SET enabled = 0, disabled_reason = ?2 WHERE id = ?1");
    disable->BindInt64(1, target_id);
    disable->BindText(2, attempt.disable_reason);
    return disable->Run(context);
  });
}

Status SqliteRepository::RetryExport(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "sending export " + std::to_string(id) + " again";
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_,
                        "SELECT x.state, x.document_id, t.max_attempts, t.enabled FROM exports x "
                        "JOIN export_targets t ON t.id = x.target_id WHERE x.id = ?1");
    select->BindInt64(1, id);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::NotFound("there is no export " + std::to_string(id));
    if (select->ColumnText(0) != "dead")
      return Status::FailedPrecondition("export " + std::to_string(id) + " is " + select->ColumnText(0) +
                                        ", not dead: there is nothing to send again");
    if (select->ColumnInt64(3) == 0)
      return Status::FailedPrecondition("the target of export " + std::to_string(id) +
                                        " is disabled: enable it first");
    NewJob job;
    job.kind = JobKind::kExport;
    job.document_id = select->ColumnInt64(1);
    job.payload_json = Json{{"export", id}}.dump();
    job.max_attempts = static_cast<int>(select->ColumnInt64(2));
    job.dedupe_key = "export:e" + std::to_string(id);
    int64_t job_id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(job, NowMs(), context, &job_id));
    QUAI_SQLITE_PREPARE(update, connection_,
                        "UPDATE exports SET state = 'pending', attempts = 0, job_id = ?2, updated_at = ?3 WHERE id = ?1");
    update->BindInt64(1, id);
    update->BindInt64(2, job_id);
    update->BindText(3, now);
    return update->Run(context);
  });
}

Status SqliteRepository::MarkReceiptBooked(int64_t document_id, const std::string& at) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "marking the receipt of document " + std::to_string(document_id) + " booked";
  QUAI_SQLITE_PREPARE(update, connection_, "UPDATE received_quantities SET booked_at = ?2 WHERE document_id = ?1");
  update->BindInt64(1, document_id);
  update->BindText(2, at);
  return update->Run(context);
}

}  // namespace quai
