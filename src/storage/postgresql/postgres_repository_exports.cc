// The export targets and the exports outbox of PostgresRepository
// (storage/receiving_store.h). An export row and its job are written in the
// acceptance's transaction (the transactional outbox); the exporter
// (export/exporter.h) records each attempt here and finishes or fails the job
// in the job store, whose claims skip locked rows. An attempt and a retry lock
// their export row (FOR UPDATE), so a late answer and a person's retry, or
// an attempt and a newer version superseding it, never interleave.
#include <nlohmann/json.hpp>

#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {
namespace {

#define QUAI_PG_ROWS(name, expr)                          \
  Result<PostgresRows> name##_result = (expr);            \
  if (!name##_result.ok()) return name##_result.status(); \
  const PostgresRows& name = *name##_result

using Json = nlohmann::json;

constexpr char kTargetColumns[] =
    "SELECT id, name, kind, settings_json, document_types_json, include_auto_accepted, mapping_json, max_attempts, "
    "enabled, disabled_reason, created_at FROM export_targets ";

ExportTarget ReadTarget(const PostgresRows& rows, int row) {
  ExportTarget target;
  target.id = rows.Int(row, 0);
  target.name = rows.Text(row, 1);
  target.kind = rows.Text(row, 2);
  Json settings = Json::parse(rows.Text(row, 3), nullptr, false);
  if (settings.is_object())
    for (const auto& [key, value] : settings.items())
      if (value.is_string()) target.settings[key] = value.get<std::string>();
  Json types = Json::parse(rows.Text(row, 4), nullptr, false);
  if (types.is_array())
    for (const Json& type : types)
      if (type.is_string()) target.document_types.push_back(type.get<std::string>());
  target.include_auto_accepted = rows.Int(row, 5) != 0;
  Json mapping = Json::parse(rows.Text(row, 6), nullptr, false);
  if (mapping.is_object())
    for (const auto& [key, value] : mapping.items())
      if (value.is_string()) target.field_mapping[key] = value.get<std::string>();
  target.max_attempts = static_cast<int>(rows.Int(row, 7));
  target.enabled = rows.Int(row, 8) != 0;
  target.disabled_reason = rows.Text(row, 9);
  target.created_at = rows.Text(row, 10);
  return target;
}

constexpr char kExportColumns[] =
    "SELECT x.id, x.document_id, x.version_id, x.version, x.target_id, t.name, t.kind, x.key, x.state, x.attempts, "
    "x.last_error, x.answer, x.external_id, coalesce(x.job_id, 0), x.created_at, x.updated_at, x.delivered_at "
    "FROM exports x JOIN export_targets t ON t.id = x.target_id ";

ExportRecord ReadExport(const PostgresRows& rows, int row) {
  ExportRecord record;
  record.id = rows.Int(row, 0);
  record.document_id = rows.Int(row, 1);
  record.version_id = rows.Int(row, 2);
  record.version = static_cast<int>(rows.Int(row, 3));
  record.target_id = rows.Int(row, 4);
  record.target_name = rows.Text(row, 5);
  record.target_kind = rows.Text(row, 6);
  record.key = rows.Text(row, 7);
  ParseExportState(rows.Text(row, 8), &record.state);
  record.attempts = static_cast<int>(rows.Int(row, 9));
  record.last_error = rows.Text(row, 10);
  record.answer = rows.Text(row, 11);
  record.external_id = rows.Text(row, 12);
  record.job_id = rows.Int(row, 13);
  record.created_at = rows.Text(row, 14);
  record.updated_at = rows.Text(row, 15);
  record.delivered_at = rows.Text(row, 16);
  return record;
}

std::string ExportKeyOf(int64_t document_id, int version, int64_t target_id) {
  return "quai-doc" + std::to_string(document_id) + "-v" + std::to_string(version) + "-t" + std::to_string(target_id);
}

}  // namespace

Status PostgresRepository::QueueExports(PostgresConnection& c, int64_t document_id, int64_t version_id, int version,
                                        const AcceptedVersion& accepted, const std::string& now,
                                        bool supersede_earlier, const std::string& context) {
  const int64_t now_ms = NowMs();
  // What an earlier version still owed a target is not sent: this one is.
  if (supersede_earlier) {
    QUAI_PG_ROWS(superseded, c.Query("UPDATE exports SET state = 'superseded', updated_at = $2 WHERE document_id = $1 "
                                     "AND state IN ('pending', 'dead')",
                                     {document_id, now}, context));
    (void)superseded;
    QUAI_PG_ROWS(finished, c.Query("UPDATE jobs SET state = 'done', result = '\"superseded\"', lease_holder = '', "
                                   "lease_expires_ms = 0, finished_ms = $2 WHERE kind = 'export' AND document_id = $1 "
                                   "AND state = 'queued'",
                                   {document_id, now_ms}, context));
    (void)finished;
  }
  QUAI_PG_ROWS(targets,
               c.Query("SELECT id, max_attempts FROM export_targets WHERE removed = 0 AND enabled = 1 "
                       "AND ($1::text = 'validated' OR include_auto_accepted = 1) AND (document_types_json = '[]' "
                       "OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(document_types_json::jsonb) t(value) "
                       "WHERE t.value = $2::text)) ORDER BY id",
                       {accepted.source, accepted.document_type}, context));
  for (int row = 0; row < targets.size(); ++row) {
    const int64_t target_id = targets.Int(row, 0);
    const int max_attempts = static_cast<int>(targets.Int(row, 1));
    QUAI_PG_ROWS(inserted, c.Query("INSERT INTO exports(document_id, version_id, version, target_id, key, state, "
                                   "created_at, updated_at) VALUES($1, $2, $3, $4, $5, 'pending', $6, $6) "
                                   "ON CONFLICT(key) DO NOTHING RETURNING id",
                                   {document_id, version_id, version, target_id,
                                    ExportKeyOf(document_id, version, target_id), now},
                                   context));
    if (inserted.empty()) continue;  // this version already has its export for the target
    const int64_t export_id = inserted.Int(0, 0);
    NewJob job;
    job.kind = JobKind::kExport;
    job.document_id = document_id;
    job.payload_json = Json{{"export", export_id}}.dump();
    job.max_attempts = max_attempts;
    job.dedupe_key = "export:e" + std::to_string(export_id);
    int64_t job_id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(c, job, now_ms, context, &job_id));
    QUAI_PG_ROWS(linked, c.Query("UPDATE exports SET job_id = $2 WHERE id = $1", {export_id, job_id}, context));
    (void)linked;
  }
  return Status::Ok();
}

Result<int64_t> PostgresRepository::SaveExportTarget(const ExportTarget& target) {
  const std::string context = "saving export target '" + target.name + "'";
  Json settings = Json::object(), mapping = Json::object();
  for (const auto& [key, value] : target.settings) settings[key] = value;
  for (const auto& [key, value] : target.field_mapping) mapping[key] = value;
  const std::string settings_text = settings.dump(), types_text = Json(target.document_types).dump(),
                    mapping_text = mapping.dump();
  const std::string now = FormatUtcTimestamp(clock_->Now());
  int64_t id = target.id;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    id = target.id;
    QUAI_PG_ROWS(taken, c.Query("SELECT id FROM export_targets WHERE name = $1 AND removed = 0 AND id <> $2",
                                {target.name, target.id}, context));
    if (!taken.empty()) return Status::AlreadyExists("an export target is already named '" + target.name + "'");
    if (target.id == 0) {
      // Two processes adding the same name at once: the index refuses the second (AlreadyExists).
      QUAI_PG_ROWS(inserted, c.Query("INSERT INTO export_targets(name, kind, settings_json, document_types_json, "
                                     "include_auto_accepted, mapping_json, max_attempts, enabled, disabled_reason, "
                                     "created_at) VALUES($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                                     {target.name, target.kind, settings_text, types_text,
                                      target.include_auto_accepted ? 1 : 0, mapping_text, target.max_attempts,
                                      target.enabled ? 1 : 0, target.disabled_reason, now},
                                     context));
      id = inserted.Int(0, 0);
      return Status::Ok();
    }
    QUAI_PG_ROWS(updated, c.Query("UPDATE export_targets SET name = $2, kind = $3, settings_json = $4, "
                                  "document_types_json = $5, include_auto_accepted = $6, mapping_json = $7, "
                                  "max_attempts = $8, enabled = $9, disabled_reason = $10 WHERE id = $1 AND removed = 0",
                                  {target.id, target.name, target.kind, settings_text, types_text,
                                   target.include_auto_accepted ? 1 : 0, mapping_text, target.max_attempts,
                                   target.enabled ? 1 : 0, target.disabled_reason},
                                  context));
    if (updated.changed() != 1) return Status::NotFound("there is no export target " + std::to_string(target.id));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<ExportTarget>> PostgresRepository::ListExportTargets() {
  const std::string context = "listing export targets";
  std::vector<ExportTarget> targets;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    targets.clear();
    QUAI_PG_ROWS(rows, c.Query(std::string(kTargetColumns) + "WHERE removed = 0 ORDER BY id", {}, context));
    for (int row = 0; row < rows.size(); ++row) targets.push_back(ReadTarget(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return targets;
}

Result<std::optional<ExportTarget>> PostgresRepository::FindExportTarget(int64_t id) {
  const std::string context = "reading export target " + std::to_string(id);
  std::optional<ExportTarget> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.reset();
    QUAI_PG_ROWS(rows, c.Query(std::string(kTargetColumns) + "WHERE id = $1 AND removed = 0", {id}, context));
    if (!rows.empty()) found = ReadTarget(rows, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::RemoveExportTarget(int64_t id) {
  const std::string context = "removing export target " + std::to_string(id);
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(updated, c.Query("UPDATE export_targets SET removed = 1, enabled = 0 WHERE id = $1 AND removed = 0",
                                  {id}, context));
    if (updated.changed() != 1) return Status::NotFound("there is no export target " + std::to_string(id));
    return Status::Ok();
  });
}

Result<std::optional<ExportRecord>> PostgresRepository::FindExport(int64_t id) {
  const std::string context = "reading export " + std::to_string(id);
  std::optional<ExportRecord> found;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    found.reset();
    QUAI_PG_ROWS(rows, c.Query(std::string(kExportColumns) + "WHERE x.id = $1", {id}, context));
    if (!rows.empty()) found = ReadExport(rows, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return found;
}

Result<std::vector<ExportRecord>> PostgresRepository::ListExports(const ExportFilter& filter) {
  if (filter.limit < 1 || filter.limit > 10000 || filter.offset < 0)
    return Status::InvalidArgument("listing exports: limit must be 1 to 10000 and offset not negative");
  const std::string context = "listing exports";
  std::vector<ExportRecord> exports;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    exports.clear();
    QUAI_PG_ROWS(rows, c.Query(std::string(kExportColumns) +
                                   "WHERE ($1::bigint = 0 OR x.document_id = $1::bigint) AND ($2::bigint = 0 OR "
                                   "x.target_id = $2::bigint) AND ($3::text = '' OR x.state = $3::text) "
                                   "ORDER BY x.id DESC LIMIT $4 OFFSET $5",
                               {filter.document_id, filter.target_id,
                                filter.state ? ExportStateName(*filter.state) : "", filter.limit, filter.offset},
                               context));
    for (int row = 0; row < rows.size(); ++row) exports.push_back(ReadExport(rows, row));
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return exports;
}

Status PostgresRepository::RecordExportAttempt(int64_t id, const ExportAttempt& attempt) {
  const std::string context = "recording an attempt of export " + std::to_string(id);
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(rows, c.Query("SELECT state, target_id FROM exports WHERE id = $1 FOR UPDATE", {id}, context));
    if (rows.empty()) return Status::NotFound("there is no export " + std::to_string(id));
    const std::string state = rows.Text(0, 0);
    const int64_t target_id = rows.Int(0, 1);
    // Delivered stays delivered (a late answer of a retry changes nothing),
    // and a superseded export is only marked delivered when it did go out.
    if (state == "delivered") return Status::Ok();
    if (state == "superseded" && attempt.state != ExportState::kDelivered)
      return Status::FailedPrecondition("export " + std::to_string(id) + " was superseded by a newer version");
    QUAI_PG_ROWS(updated,
                 c.Query("UPDATE exports SET state = $2, attempts = attempts + 1, last_error = $3, answer = $4, "
                         "external_id = CASE WHEN $5::text <> '' THEN $5::text ELSE external_id END, updated_at = $6, "
                         "delivered_at = CASE WHEN $2::text = 'delivered' THEN $6::text ELSE delivered_at END "
                         "WHERE id = $1",
                         {id, ExportStateName(attempt.state), attempt.error, attempt.answer, attempt.external_id, now},
                         context));
    (void)updated;
    if (!attempt.disable_target) return Status::Ok();
    QUAI_PG_ROWS(disabled, c.Query("UPDATE export_targets SET enabled = 0, disabled_reason = $2 WHERE id = $1",
                                   {target_id, attempt.disable_reason}, context));
    (void)disabled;
    return Status::Ok();
  });
}

Status PostgresRepository::RetryExport(int64_t id) {
  const std::string context = "sending export " + std::to_string(id) + " again";
  const std::string now = FormatUtcTimestamp(clock_->Now());
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(rows, c.Query("SELECT x.state, x.document_id, t.max_attempts, t.enabled FROM exports x "
                               "JOIN export_targets t ON t.id = x.target_id WHERE x.id = $1 FOR UPDATE OF x",
                               {id}, context));
    if (rows.empty()) return Status::NotFound("there is no export " + std::to_string(id));
    if (rows.Text(0, 0) != "dead")
      return Status::FailedPrecondition("export " + std::to_string(id) + " is " + rows.Text(0, 0) +
                                        ", not dead: there is nothing to send again");
    if (rows.Int(0, 3) == 0)
      return Status::FailedPrecondition("the target of export " + std::to_string(id) + " is disabled: enable it first");
    NewJob job;
    job.kind = JobKind::kExport;
    job.document_id = rows.Int(0, 1);
    job.payload_json = Json{{"export", id}}.dump();
    job.max_attempts = static_cast<int>(rows.Int(0, 2));
    job.dedupe_key = "export:e" + std::to_string(id);
    int64_t job_id = 0;
    QUAI_RETURN_IF_ERROR(InsertJob(c, job, NowMs(), context, &job_id));
    QUAI_PG_ROWS(updated, c.Query("UPDATE exports SET state = 'pending', attempts = 0, job_id = $2, updated_at = $3 "
                                  "WHERE id = $1",
                                  {id, job_id, now}, context));
    (void)updated;
    return Status::Ok();
  });
}

Status PostgresRepository::MarkReceiptBooked(int64_t document_id, const std::string& at) {
  const std::string context = "marking the receipt of document " + std::to_string(document_id) + " booked";
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(updated, c.Query("UPDATE received_quantities SET booked_at = $2 WHERE document_id = $1",
                                  {document_id, at}, context));
    (void)updated;
    return Status::Ok();
  });
}

}  // namespace quai
