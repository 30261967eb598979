// PostgresRepository as ModelRegistry. A partial unique index holds one
// active version per kind and document type; activations take the registry's
// table lock (EXCLUSIVE: readers go on, writers wait) so that two at once, from
// two processes, run one after the other: under READ COMMITTED the second
// would otherwise not see the first's new active version, retire nothing and
// break the index.
#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {

namespace {

#define QUAI_PG_ROWS(name, expr)                          \
  Result<PostgresRows> name##_result = (expr);            \
  if (!name##_result.ok()) return name##_result.status(); \
  const PostgresRows& name = *name##_result

constexpr char kLockRegistry[] = "LOCK TABLE model_versions IN EXCLUSIVE MODE";
constexpr char kInsertModelVersion[] =
    "INSERT INTO model_versions(kind, document_type, version, path, created_at, training_examples, "
    "evaluation_json, status) VALUES($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
constexpr char kSelectModelVersions[] =
    "SELECT id, kind, document_type, version, path, created_at, training_examples, evaluation_json, status "
    "FROM model_versions ORDER BY created_at COLLATE \"C\", id";
// The retirement runs first: the schema allows one active model per kind and type.
constexpr char kRetireActiveLikeModel[] =
    "UPDATE model_versions SET status = 'retired' WHERE status = 'active' AND id <> $1 AND "
    "(kind, document_type) = (SELECT kind, document_type FROM model_versions WHERE id = $1)";
constexpr char kSetModelStatus[] = "UPDATE model_versions SET status = $2 WHERE id = $1";

constexpr char kActive[] = "active";

bool IsModelStatus(const std::string& status) {
  return status == kActive || status == "rejected" || status == "retired";
}

// Retires the active model of `id`'s kind and document type and makes `id`
// active. NotFound for an unknown id. In a transaction.
Status ActivateModel(PostgresConnection& c, int64_t id, const std::string& context) {
  QUAI_RETURN_IF_ERROR(c.Execute(kLockRegistry, context));
  QUAI_PG_ROWS(retired, c.Query(kRetireActiveLikeModel, {id}, context));
  (void)retired;
  QUAI_PG_ROWS(activated, c.Query(kSetModelStatus, {id, kActive}, context));
  if (activated.changed() == 0) {
    return Status::NotFound(c.where() + ": " + context + ": no model version with id " + std::to_string(id));
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> PostgresRepository::AddModelVersion(const ModelVersionRecord& model) {
  const std::string context = "adding " + model.kind + " model version '" + model.version + "'";
  if (!IsModelStatus(model.status)) {
    return Status::InvalidArgument(context + ": status must be active, rejected or retired, got '" + model.status +
                                   "'");
  }
  const std::string created_at = model.created_at.empty() ? FormatUtcTimestamp(clock_->Now()) : model.created_at;
  // Inserted as retired and then activated, so the one-active index never sees two.
  const std::string inserted_status = model.status == kActive ? "retired" : model.status;
  int64_t id = 0;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    // Locked before the insert: taking it after would deadlock two adders.
    if (model.status == kActive) QUAI_RETURN_IF_ERROR(c.Execute(kLockRegistry, context));
    QUAI_PG_ROWS(inserted, c.Query(kInsertModelVersion,
                                   {model.kind, model.document_type, model.version, model.path, created_at,
                                    model.training_examples, model.evaluation_json, inserted_status},
                                   context));
    id = inserted.Int(0, 0);
    if (model.status == kActive) return ActivateModel(c, id, context);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<ModelVersionRecord>> PostgresRepository::ListModelVersions() {
  const std::string context = "listing model versions";
  std::vector<ModelVersionRecord> models;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    models.clear();
    QUAI_PG_ROWS(rows, c.Query(kSelectModelVersions, {}, context));
    for (int row = 0; row < rows.size(); ++row) {
      ModelVersionRecord& model = models.emplace_back();
      model.id = rows.Int(row, 0);
      model.kind = rows.Text(row, 1);
      model.document_type = rows.Text(row, 2);
      model.version = rows.Text(row, 3);
      model.path = rows.Text(row, 4);
      model.created_at = rows.Text(row, 5);
      model.training_examples = static_cast<int>(rows.Int(row, 6));
      model.evaluation_json = rows.Text(row, 7);
      model.status = rows.Text(row, 8);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return models;
}

Status PostgresRepository::ActivateModelVersion(int64_t id) {
  const std::string context = "activating model version " + std::to_string(id);
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status { return ActivateModel(c, id, context); });
}

Status PostgresRepository::SetModelVersionStatus(int64_t id, const std::string& status) {
  const std::string context = "setting model version " + std::to_string(id) + " " + status;
  if (!IsModelStatus(status)) {
    return Status::InvalidArgument(context + ": status must be active, rejected or retired");
  }
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    if (status == kActive) return ActivateModel(c, id, context);
    QUAI_PG_ROWS(updated, c.Query(kSetModelStatus, {id, status}, context));
    if (updated.changed() == 0) {
      return Status::NotFound(c.where() + ": " + context + ": no model version with id " + std::to_string(id));
    }
    return Status::Ok();
  });
}

}  // namespace quai
