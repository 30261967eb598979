// SqliteRepository as LearningStore and ModelRegistry: suppliers and their
// identifiers, outcomes, layout examples, the learning generation, drift
// signals and the model registry (migration 4's tables). The generation is raised by triggers
// in the schema, not here, so no write can forget it.
#include <map>
#include <utility>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/sqlite_repository.h"

namespace quai {

namespace {

constexpr char kInsertSupplier[] =
    "INSERT INTO suppliers(name, created_at, letterhead, documents_seen, documents_validated) "
    "VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char kUpdateSupplier[] =
    "UPDATE suppliers SET name = ?2, letterhead = ?3, documents_validated = ?5 WHERE id = ?1";
constexpr char kCountSupplierDocument[] = "UPDATE suppliers SET documents_seen = documents_seen + 1 WHERE id = ?1";
constexpr char kDeleteIdentifier[] =
    "DELETE FROM supplier_identifiers WHERE supplier_id = ?1 AND kind = ?2 AND value = ?3";
// A merge: the merged supplier's identifiers the kept one lacks, then its
// outcomes, layout examples and drift signals, then its counts; the merged
// row goes last (its identifiers left behind go with it).
constexpr char kMoveIdentifiers[] =
    "INSERT INTO supplier_identifiers(supplier_id, kind, value) SELECT ?1, kind, value FROM supplier_identifiers "
    "WHERE supplier_id = ?2 ORDER BY rowid ON CONFLICT(supplier_id, kind, value) DO NOTHING";
constexpr char kMoveOutcomes[] = "UPDATE supplier_outcomes SET supplier_id = ?1 WHERE supplier_id = ?2";
constexpr char kMoveLayoutExamples[] = "UPDATE layout_examples SET supplier_id = ?1 WHERE supplier_id = ?2";
constexpr char kMoveDriftSignals[] = "UPDATE drift_signals SET supplier_id = ?1 WHERE supplier_id = ?2";
constexpr char kAddMergedCounts[] =
    "UPDATE suppliers SET documents_seen = suppliers.documents_seen + m.seen, "
    "documents_validated = suppliers.documents_validated + m.validated, "
    "letterhead = CASE WHEN suppliers.letterhead = '' THEN m.head ELSE suppliers.letterhead END "
    "FROM (SELECT documents_seen AS seen, documents_validated AS validated, letterhead AS head FROM suppliers "
    "WHERE id = ?2) AS m WHERE suppliers.id = ?1";
constexpr char kDeleteSupplier[] = "DELETE FROM suppliers WHERE id = ?1";
constexpr char kSupplierExists[] = "SELECT 1 FROM suppliers WHERE id = ?1";
#define QUAI_SUPPLIER_COLUMNS \
  "SELECT id, name, created_at, letterhead, documents_seen, documents_validated FROM suppliers "
constexpr char kSelectSuppliers[] = QUAI_SUPPLIER_COLUMNS "ORDER BY id";
constexpr char kSelectSupplier[] = QUAI_SUPPLIER_COLUMNS "WHERE id = ?1";
#undef QUAI_SUPPLIER_COLUMNS
// A known identifier is left alone, so it does not raise the generation.
constexpr char kInsertIdentifier[] =
    "INSERT INTO supplier_identifiers(supplier_id, kind, value) VALUES(?1, ?2, ?3) "
    "ON CONFLICT(supplier_id, kind, value) DO NOTHING";
constexpr char kSelectIdentifiers[] =
    "SELECT supplier_id, kind, value FROM supplier_identifiers ORDER BY supplier_id, rowid";
constexpr char kSelectSupplierIdentifiers[] =
    "SELECT supplier_id, kind, value FROM supplier_identifiers WHERE supplier_id = ?1 ORDER BY rowid";
// Replacing deletes then inserts, so the replacement takes the next id and
// sorts as the newest of its time.
constexpr char kDeleteOutcome[] = "DELETE FROM supplier_outcomes WHERE document_id = ?1";
constexpr char kInsertOutcome[] =
    "INSERT INTO supplier_outcomes(supplier_id, document_id, at, fields, corrected) VALUES(?1, ?2, ?3, ?4, ?5)";
// Timestamps are fixed-width UTC text, so they sort as times.
constexpr char kSelectOutcomes[] =
    "SELECT supplier_id, document_id, at, fields, corrected FROM supplier_outcomes WHERE supplier_id = ?1 "
    "ORDER BY at DESC, id DESC LIMIT ?2";
constexpr char kUpsertLayoutExample[] =
    "INSERT INTO layout_examples(document_id, supplier_id, document_type, anchors_json, created_at) "
    "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(document_id) DO UPDATE SET supplier_id = excluded.supplier_id, "
    "document_type = excluded.document_type, anchors_json = excluded.anchors_json, "
    "created_at = excluded.created_at";
constexpr char kDeleteLayoutExample[] = "DELETE FROM layout_examples WHERE document_id = ?1";
constexpr char kSelectLayoutExamples[] =
    "SELECT document_id, supplier_id, document_type, anchors_json, created_at FROM layout_examples "
    "WHERE (?1 = 0 OR supplier_id = ?1) AND document_type = ?2 ORDER BY created_at DESC, document_id DESC LIMIT ?3";
constexpr char kSelectGeneration[] = "SELECT generation FROM learning_generation WHERE id = 1";
constexpr char kInsertDriftSignal[] =
    "INSERT INTO drift_signals(at, kind, supplier_id, document_id, detail_json) VALUES(?1, ?2, ?3, ?4, ?5)";
constexpr char kSelectDriftSignals[] =
    "SELECT id, at, kind, supplier_id, document_id, detail_json FROM drift_signals "
    "ORDER BY at DESC, id DESC LIMIT ?1 OFFSET ?2";
constexpr char kInsertModelVersion[] =
    "INSERT INTO model_versions(kind, document_type, version, path, created_at, training_examples, "
    "evaluation_json, status) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
constexpr char kSelectModelVersions[] =
    "SELECT id, kind, document_type, version, path, created_at, training_examples, evaluation_json, status "
    "FROM model_versions ORDER BY created_at, id";
// The retirement runs first: the schema allows one active model per kind and type.
constexpr char kRetireActiveLikeModel[] =
    "UPDATE model_versions SET status = 'retired' WHERE status = 'active' AND id <> ?1 AND "
    "(kind, document_type) = (SELECT kind, document_type FROM model_versions WHERE id = ?1)";
constexpr char kSetModelStatus[] = "UPDATE model_versions SET status = ?2 WHERE id = ?1";

constexpr char kActive[] = "active";

bool IsModelStatus(const std::string& status) {
  return status == kActive || status == "rejected" || status == "retired";
}

Status CheckLimit(int limit, int offset, const std::string& context) {
  if (limit < 0 || offset < 0) {
    return Status::InvalidArgument(context + ": limit and offset must not be negative, got limit " +
                                   std::to_string(limit) + " and offset " + std::to_string(offset));
  }
  return Status::Ok();
}

// Reads the supplier columns id, name, created_at, letterhead, documents_seen, documents_validated.
StoredSupplier ReadSupplier(const SqliteStatement& row) {
  StoredSupplier supplier;
  supplier.id = row.ColumnInt64(0);
  supplier.name = row.ColumnText(1);
  supplier.created_at = row.ColumnText(2);
  supplier.letterhead = row.ColumnText(3);
  supplier.documents_seen = static_cast<int>(row.ColumnInt64(4));
  supplier.documents_validated = static_cast<int>(row.ColumnInt64(5));
  return supplier;
}

// Steps `select` (columns supplier_id, kind, value) to the end, giving each
// identifier to its supplier in `by_id`; identifiers of suppliers not there are skipped.
Status DealIdentifiers(SqliteStatement* select, const std::string& context,
                       const std::map<int64_t, StoredSupplier*>& by_id) {
  while (true) {
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    auto owner = by_id.find(select->ColumnInt64(0));
    if (owner == by_id.end()) continue;
    owner->second->identifiers.push_back(SupplierIdentifier{select->ColumnText(1), select->ColumnText(2)});
  }
}

std::string SupplierNotFound(const std::string& path, int64_t supplier_id) {
  return path + ": no supplier with id " + std::to_string(supplier_id);
}

std::string ModelNotFound(const std::string& path, int64_t id) {
  return path + ": no model version with id " + std::to_string(id);
}

}  // namespace

Status SqliteRepository::CheckSupplierExists(int64_t supplier_id, const std::string& context) {
  QUAI_SQLITE_PREPARE(exists, connection_, kSupplierExists);
  exists->BindInt64(1, supplier_id);
  Result<bool> row = exists->Step(context);
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(SupplierNotFound(connection_->path(), supplier_id));
  return Status::Ok();
}

Status SqliteRepository::InsertSupplierIdentifiers(const StoredSupplier& supplier, const std::string& context) {
  QUAI_SQLITE_PREPARE(insert, connection_, kInsertIdentifier);
  for (const SupplierIdentifier& identifier : supplier.identifiers) {
    insert->BindInt64(1, supplier.id);
    insert->BindText(2, identifier.kind);
    insert->BindText(3, identifier.value);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    insert->Reset();
  }
  return Status::Ok();
}

Result<int64_t> SqliteRepository::AddSupplier(const StoredSupplier& supplier) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "adding supplier '" + supplier.name + "'";
  const std::string created_at = supplier.created_at.empty() ? FormatUtcTimestamp(clock_->Now()) : supplier.created_at;
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(insert, connection_, kInsertSupplier);
      insert->BindText(1, supplier.name);
      insert->BindText(2, created_at);
      insert->BindText(3, supplier.letterhead);
      insert->BindInt64(4, supplier.documents_seen);
      insert->BindInt64(5, supplier.documents_validated);
      QUAI_RETURN_IF_ERROR(insert->Run(context));
      id = connection_->LastInsertRowId();
    }
    StoredSupplier stored = supplier;
    stored.id = id;
    return InsertSupplierIdentifiers(stored, context);
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<StoredSupplier>> SqliteRepository::ListSuppliers() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing suppliers";
  std::vector<StoredSupplier> suppliers;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(select, connection_, kSelectSuppliers);
      while (true) {
        Result<bool> row = select->Step(context);
        if (!row.ok()) return row.status();
        if (!*row) break;
        suppliers.push_back(ReadSupplier(*select));
      }
    }
    std::map<int64_t, StoredSupplier*> by_id;
    for (StoredSupplier& supplier : suppliers) by_id[supplier.id] = &supplier;
    QUAI_SQLITE_PREPARE(select, connection_, kSelectIdentifiers);
    return DealIdentifiers(&*select, context, by_id);
  });
  if (!status.ok()) return status;
  return suppliers;
}

Result<std::optional<StoredSupplier>> SqliteRepository::FindSupplier(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "finding supplier " + std::to_string(id);
  std::optional<StoredSupplier> found;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(select, connection_, kSelectSupplier);
      select->BindInt64(1, id);
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      found = ReadSupplier(*select);
    }
    QUAI_SQLITE_PREPARE(select, connection_, kSelectSupplierIdentifiers);
    select->BindInt64(1, id);
    return DealIdentifiers(&*select, context, {{id, &*found}});
  });
  if (!status.ok()) return status;
  return found;
}

Status SqliteRepository::UpdateSupplier(const StoredSupplier& supplier) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "updating supplier " + std::to_string(supplier.id);
  return connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(update, connection_, kUpdateSupplier);
      update->BindInt64(1, supplier.id);
      update->BindText(2, supplier.name);
      update->BindText(3, supplier.letterhead);
      update->BindInt64(5, supplier.documents_validated);
      QUAI_RETURN_IF_ERROR(update->Run(context));
      if (connection_->ChangedRows() == 0) {
        return Status::NotFound(SupplierNotFound(connection_->path(), supplier.id));
      }
    }
    return InsertSupplierIdentifiers(supplier, context);
  });
}

Status SqliteRepository::CountSupplierDocument(int64_t supplier_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "counting a document of supplier " + std::to_string(supplier_id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(update, connection_, kCountSupplierDocument);
    update->BindInt64(1, supplier_id);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() == 0) return Status::NotFound(SupplierNotFound(connection_->path(), supplier_id));
    return Status::Ok();
  });
}

Status SqliteRepository::RemoveSupplierIdentifier(int64_t supplier_id, const SupplierIdentifier& identifier) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "forgetting " + identifier.kind + " " + identifier.value + " of supplier " +
                              std::to_string(supplier_id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_RETURN_IF_ERROR(CheckSupplierExists(supplier_id, context));
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteIdentifier);
    remove->BindInt64(1, supplier_id);
    remove->BindText(2, identifier.kind);
    remove->BindText(3, identifier.value);
    return remove->Run(context);
  });
}

Status SqliteRepository::MergeSuppliers(int64_t kept_id, int64_t merged_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context =
      "merging supplier " + std::to_string(merged_id) + " into supplier " + std::to_string(kept_id);
  if (kept_id == merged_id) return Status::InvalidArgument(context + ": a supplier cannot be merged into itself");
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_RETURN_IF_ERROR(CheckSupplierExists(kept_id, context));
    QUAI_RETURN_IF_ERROR(CheckSupplierExists(merged_id, context));
    for (const char* sql : {kMoveIdentifiers, kMoveOutcomes, kMoveLayoutExamples, kMoveDriftSignals, kAddMergedCounts}) {
      QUAI_SQLITE_PREPARE(move, connection_, sql);
      move->BindInt64(1, kept_id);
      move->BindInt64(2, merged_id);
      QUAI_RETURN_IF_ERROR(move->Run(context));
    }
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteSupplier);
    remove->BindInt64(1, merged_id);
    return remove->Run(context);
  });
}

Status SqliteRepository::RecordSupplierOutcome(const SupplierOutcome& outcome) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "recording the outcome of document " + std::to_string(outcome.document_id) +
                              " for supplier " + std::to_string(outcome.supplier_id);
  const std::string at = outcome.at.empty() ? FormatUtcTimestamp(clock_->Now()) : outcome.at;
  return connection_->InTransaction(context, [&]() -> Status {
    // Checked first so an unknown id is NotFound, not a foreign key failure.
    QUAI_RETURN_IF_ERROR(CheckSupplierExists(outcome.supplier_id, context));
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(outcome.document_id, context));
    {
      QUAI_SQLITE_PREPARE(remove, connection_, kDeleteOutcome);
      remove->BindInt64(1, outcome.document_id);
      QUAI_RETURN_IF_ERROR(remove->Run(context));
    }
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertOutcome);
    insert->BindInt64(1, outcome.supplier_id);
    insert->BindInt64(2, outcome.document_id);
    insert->BindText(3, at);
    insert->BindInt64(4, outcome.fields);
    insert->BindInt64(5, outcome.corrected);
    return insert->Run(context);
  });
}

Result<std::vector<SupplierOutcome>> SqliteRepository::ListSupplierOutcomes(int64_t supplier_id, int limit) {
  const std::string context = "listing the outcomes of supplier " + std::to_string(supplier_id);
  QUAI_RETURN_IF_ERROR(CheckLimit(limit, 0, context));
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  std::vector<SupplierOutcome> outcomes;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectOutcomes);
    select->BindInt64(1, supplier_id);
    select->BindInt64(2, limit);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      SupplierOutcome& outcome = outcomes.emplace_back();
      outcome.supplier_id = select->ColumnInt64(0);
      outcome.document_id = select->ColumnInt64(1);
      outcome.at = select->ColumnText(2);
      outcome.fields = static_cast<int>(select->ColumnInt64(3));
      outcome.corrected = static_cast<int>(select->ColumnInt64(4));
    }
  });
  if (!status.ok()) return status;
  return outcomes;
}

Status SqliteRepository::SaveLayoutExample(const LayoutExampleRecord& example) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "saving the layout example of document " + std::to_string(example.document_id);
  const std::string created_at = example.created_at.empty() ? FormatUtcTimestamp(clock_->Now()) : example.created_at;
  return connection_->InTransaction(context, [&]() -> Status {
    if (example.supplier_id != 0) QUAI_RETURN_IF_ERROR(CheckSupplierExists(example.supplier_id, context));
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(example.document_id, context));
    QUAI_SQLITE_PREPARE(upsert, connection_, kUpsertLayoutExample);
    upsert->BindInt64(1, example.document_id);
    if (example.supplier_id != 0) upsert->BindInt64(2, example.supplier_id);  // unbound: NULL
    upsert->BindText(3, example.document_type);
    upsert->BindText(4, example.anchors_json);
    upsert->BindText(5, created_at);
    return upsert->Run(context);
  });
}

Status SqliteRepository::RemoveLayoutExample(int64_t document_id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "removing the layout example of document " + std::to_string(document_id);
  return connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(remove, connection_, kDeleteLayoutExample);
    remove->BindInt64(1, document_id);
    return remove->Run(context);
  });
}

Result<std::vector<LayoutExampleRecord>> SqliteRepository::ListLayoutExamples(int64_t supplier_id,
                                                                              const std::string& document_type,
                                                                              int limit) {
  const std::string context =
      "listing the " + document_type + " layout examples of supplier " + std::to_string(supplier_id);
  QUAI_RETURN_IF_ERROR(CheckLimit(limit, 0, context));
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  std::vector<LayoutExampleRecord> examples;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectLayoutExamples);
    select->BindInt64(1, supplier_id);
    select->BindText(2, document_type);
    select->BindInt64(3, limit);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      LayoutExampleRecord& example = examples.emplace_back();
      example.document_id = select->ColumnInt64(0);
      example.supplier_id = select->ColumnInt64(1);
      example.document_type = select->ColumnText(2);
      example.anchors_json = select->ColumnText(3);
      example.created_at = select->ColumnText(4);
    }
  });
  if (!status.ok()) return status;
  return examples;
}

Result<int64_t> SqliteRepository::LearningGeneration() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "reading the learning generation";
  int64_t generation = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectGeneration);
    Result<bool> row = select->Step(context);
    if (!row.ok()) return row.status();
    if (!*row) return Status::Internal(connection_->path() + ": " + context + ": the row is missing");
    generation = select->ColumnInt64(0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return generation;
}

Result<int64_t> SqliteRepository::AddDriftSignal(const DriftSignal& signal) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "adding a '" + signal.kind + "' drift signal";
  const std::string at = signal.at.empty() ? FormatUtcTimestamp(clock_->Now()) : signal.at;
  static const std::string kEmptyObject = "{}";
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    if (signal.supplier_id) QUAI_RETURN_IF_ERROR(CheckSupplierExists(*signal.supplier_id, context));
    if (signal.document_id) QUAI_RETURN_IF_ERROR(CheckDocumentExists(*signal.document_id, context));
    QUAI_SQLITE_PREPARE(insert, connection_, kInsertDriftSignal);
    insert->BindText(1, at);
    insert->BindText(2, signal.kind);
    if (signal.supplier_id) insert->BindInt64(3, *signal.supplier_id);  // unbound is NULL
    if (signal.document_id) insert->BindInt64(4, *signal.document_id);
    insert->BindText(5, signal.detail_json.empty() ? kEmptyObject : signal.detail_json);
    QUAI_RETURN_IF_ERROR(insert->Run(context));
    id = connection_->LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<DriftSignal>> SqliteRepository::ListDriftSignals(int limit, int offset) {
  const std::string context = "listing drift signals";
  QUAI_RETURN_IF_ERROR(CheckLimit(limit, offset, context));
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  std::vector<DriftSignal> signals;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectDriftSignals);
    select->BindInt64(1, limit);
    select->BindInt64(2, offset);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      DriftSignal& signal = signals.emplace_back();
      signal.id = select->ColumnInt64(0);
      signal.at = select->ColumnText(1);
      signal.kind = select->ColumnText(2);
      // NULL reads as 0, and ids start at 1.
      if (const int64_t supplier_id = select->ColumnInt64(3); supplier_id > 0) signal.supplier_id = supplier_id;
      if (const int64_t document_id = select->ColumnInt64(4); document_id > 0) signal.document_id = document_id;
      signal.detail_json = select->ColumnText(5);
    }
  });
  if (!status.ok()) return status;
  return signals;
}

Status SqliteRepository::ActivateModel(int64_t id, const std::string& context) {
  {
    QUAI_SQLITE_PREPARE(retire, connection_, kRetireActiveLikeModel);
    retire->BindInt64(1, id);
    QUAI_RETURN_IF_ERROR(retire->Run(context));
  }
  QUAI_SQLITE_PREPARE(activate, connection_, kSetModelStatus);
  activate->BindInt64(1, id);
  activate->BindText(2, kActive);
  QUAI_RETURN_IF_ERROR(activate->Run(context));
  if (connection_->ChangedRows() == 0) return Status::NotFound(ModelNotFound(connection_->path(), id));
  return Status::Ok();
}

Result<int64_t> SqliteRepository::AddModelVersion(const ModelVersionRecord& model) {
  const std::string context = "adding " + model.kind + " model version '" + model.version + "'";
  if (!IsModelStatus(model.status)) {
    return Status::InvalidArgument(context + ": status must be active, rejected or retired, got '" + model.status +
                                   "'");
  }
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string created_at = model.created_at.empty() ? FormatUtcTimestamp(clock_->Now()) : model.created_at;
  // Inserted as retired and then activated, so the one-active index never sees two.
  const std::string inserted_status = model.status == kActive ? "retired" : model.status;
  int64_t id = 0;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    {
      QUAI_SQLITE_PREPARE(insert, connection_, kInsertModelVersion);
      insert->BindText(1, model.kind);
      insert->BindText(2, model.document_type);
      insert->BindText(3, model.version);
      insert->BindText(4, model.path);
      insert->BindText(5, created_at);
      insert->BindInt64(6, model.training_examples);
      insert->BindText(7, model.evaluation_json);
      insert->BindText(8, inserted_status);
      QUAI_RETURN_IF_ERROR(insert->Run(context));
      id = connection_->LastInsertRowId();
    }
    if (model.status == kActive) return ActivateModel(id, context);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<ModelVersionRecord>> SqliteRepository::ListModelVersions() {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "listing model versions";
  std::vector<ModelVersionRecord> models;
  Status status = connection_->InTransaction(context, [&]() -> Status {
    QUAI_SQLITE_PREPARE(select, connection_, kSelectModelVersions);
    while (true) {
      Result<bool> row = select->Step(context);
      if (!row.ok()) return row.status();
      if (!*row) return Status::Ok();
      ModelVersionRecord& model = models.emplace_back();
      model.id = select->ColumnInt64(0);
      model.kind = select->ColumnText(1);
      model.document_type = select->ColumnText(2);
      model.version = select->ColumnText(3);
      model.path = select->ColumnText(4);
      model.created_at = select->ColumnText(5);
      model.training_examples = static_cast<int>(select->ColumnInt64(6));
      model.evaluation_json = select->ColumnText(7);
      model.status = select->ColumnText(8);
    }
  });
  if (!status.ok()) return status;
  return models;
}

Status SqliteRepository::ActivateModelVersion(int64_t id) {
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  const std::string context = "activating model version " + std::to_string(id);
  return connection_->InTransaction(context, [&]() -> Status { return ActivateModel(id, context); });
}

Status SqliteRepository::SetModelVersionStatus(int64_t id, const std::string& status) {
  const std::string context = "setting model version " + std::to_string(id) + " " + status;
  if (!IsModelStatus(status)) {
    return Status::InvalidArgument(context + ": status must be active, rejected or retired");
  }
  std::lock_guard<std::recursive_mutex> lock(mutex_);
  return connection_->InTransaction(context, [&]() -> Status {
    if (status == kActive) return ActivateModel(id, context);
    QUAI_SQLITE_PREPARE(update, connection_, kSetModelStatus);
    update->BindInt64(1, id);
    update->BindText(2, status);
    QUAI_RETURN_IF_ERROR(update->Run(context));
    if (connection_->ChangedRows() == 0) return Status::NotFound(ModelNotFound(connection_->path(), id));
    return Status::Ok();
  });
}

}  // namespace quai
