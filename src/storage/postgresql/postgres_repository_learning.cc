// PostgresRepository as LearningStore: suppliers and their identifiers,
// outcomes, layout examples, the learning generation and drift signals (the
// "stores" migrations' tables, postgres_migrations_stores.cc). As in SQLite,
// the generation is raised by a trigger in the schema, not here, so no write
// can forget it; the trigger's update of its one row also orders concurrent
// writers. CountSupplierDocument is one UPDATE ... + 1, atomic under READ COMMITTED.
#include <map>
#include <utility>

#include "storage/postgresql/postgres_pool.h"
#include "storage/postgresql/postgres_repository.h"

namespace quai {

namespace {

#define QUAI_PG_ROWS(name, expr)                   \
  Result<PostgresRows> name##_result = (expr);     \
  if (!name##_result.ok()) return name##_result.status(); \
  const PostgresRows& name = *name##_result

constexpr char kInsertSupplier[] =
    "INSERT INTO suppliers(name, created_at, letterhead, documents_seen, documents_validated) "
    "VALUES($1, $2, $3, $4, $5) RETURNING id";
constexpr char kUpdateSupplier[] =
    "UPDATE suppliers SET name = $2, letterhead = $3, documents_validated = $4 WHERE id = $1";
constexpr char kCountSupplierDocument[] = "UPDATE suppliers SET documents_seen = documents_seen + 1 WHERE id = $1";
constexpr char kSupplierExists[] = "SELECT 1 FROM suppliers WHERE id = $1";
constexpr char kDeleteIdentifier[] =
    "DELETE FROM supplier_identifiers WHERE supplier_id = $1 AND kind = $2 AND value = $3";
// A merge locks both suppliers (in id order, so two merges cannot deadlock),
// moves the merged supplier's identifiers the kept one lacks, then its
// outcomes, layout examples and drift signals, then its counts; the merged
// row goes last (its identifiers left behind go with it).
constexpr char kLockSuppliers[] = "SELECT id FROM suppliers WHERE id IN ($1, $2) ORDER BY id FOR UPDATE";
constexpr char kMoveIdentifiers[] =
    "INSERT INTO supplier_identifiers(supplier_id, kind, value) SELECT $1::bigint, kind, value "
    "FROM supplier_identifiers WHERE supplier_id = $2::bigint ORDER BY id ON CONFLICT(supplier_id, kind, value) DO NOTHING";
constexpr char kMoveOutcomes[] = "UPDATE supplier_outcomes SET supplier_id = $1 WHERE supplier_id = $2";
constexpr char kMoveLayoutExamples[] = "UPDATE layout_examples SET supplier_id = $1 WHERE supplier_id = $2";
constexpr char kMoveDriftSignals[] = "UPDATE drift_signals SET supplier_id = $1 WHERE supplier_id = $2";
constexpr char kAddMergedCounts[] =
    "UPDATE suppliers SET documents_seen = suppliers.documents_seen + m.seen, "
    "documents_validated = suppliers.documents_validated + m.validated, "
    "letterhead = CASE WHEN suppliers.letterhead = '' THEN m.head ELSE suppliers.letterhead END "
    "FROM (SELECT documents_seen AS seen, documents_validated AS validated, letterhead AS head FROM suppliers "
    "WHERE id = $2) AS m WHERE suppliers.id = $1";
constexpr char kDeleteSupplier[] = "DELETE FROM suppliers WHERE id = $1";
#define QUAI_SUPPLIER_COLUMNS \
  "SELECT id, name, created_at, letterhead, documents_seen, documents_validated FROM suppliers "
constexpr char kSelectSuppliers[] = QUAI_SUPPLIER_COLUMNS "ORDER BY id";
constexpr char kSelectSupplier[] = QUAI_SUPPLIER_COLUMNS "WHERE id = $1";
#undef QUAI_SUPPLIER_COLUMNS
// A known identifier is left alone, so it does not raise the generation.
constexpr char kInsertIdentifier[] =
    "INSERT INTO supplier_identifiers(supplier_id, kind, value) VALUES($1, $2, $3) "
    "ON CONFLICT(supplier_id, kind, value) DO NOTHING";
constexpr char kSelectIdentifiers[] = "SELECT supplier_id, kind, value FROM supplier_identifiers ORDER BY supplier_id, id";
constexpr char kSelectSupplierIdentifiers[] =
    "SELECT supplier_id, kind, value FROM supplier_identifiers WHERE supplier_id = $1 ORDER BY id";
// Replacing deletes then inserts, so the replacement takes the next id and
// sorts as the newest of its time.
constexpr char kDeleteOutcome[] = "DELETE FROM supplier_outcomes WHERE document_id = $1";
constexpr char kInsertOutcome[] =
    "INSERT INTO supplier_outcomes(supplier_id, document_id, at, fields, corrected) VALUES($1, $2, $3, $4, $5)";
// Timestamps are fixed-width UTC text, so they sort as times (COLLATE "C":
// byte order whatever the database's locale).
constexpr char kSelectOutcomes[] =
    "SELECT supplier_id, document_id, at, fields, corrected FROM supplier_outcomes WHERE supplier_id = $1 "
    "ORDER BY at COLLATE \"C\" DESC, id DESC LIMIT $2";
constexpr char kUpsertLayoutExample[] =
    "INSERT INTO layout_examples(document_id, supplier_id, document_type, anchors_json, created_at) "
    "VALUES($1, $2, $3, $4, $5) ON CONFLICT(document_id) DO UPDATE SET supplier_id = excluded.supplier_id, "
    "document_type = excluded.document_type, anchors_json = excluded.anchors_json, "
    "created_at = excluded.created_at";
constexpr char kDeleteLayoutExample[] = "DELETE FROM layout_examples WHERE document_id = $1";
constexpr char kSelectLayoutExamples[] =
    "SELECT document_id, coalesce(supplier_id, 0), document_type, anchors_json, created_at FROM layout_examples "
    "WHERE ($1::bigint = 0 OR supplier_id = $1::bigint) AND document_type = $2 "
    "ORDER BY created_at COLLATE \"C\" DESC, document_id DESC LIMIT $3";
constexpr char kSelectGeneration[] = "SELECT generation FROM learning_generation WHERE id = 1";
constexpr char kInsertDriftSignal[] =
    "INSERT INTO drift_signals(at, kind, supplier_id, document_id, detail_json) VALUES($1, $2, $3, $4, $5) "
    "RETURNING id";
constexpr char kSelectDriftSignals[] =
    "SELECT id, at, kind, supplier_id, document_id, detail_json FROM drift_signals "
    "ORDER BY at COLLATE \"C\" DESC, id DESC LIMIT $1 OFFSET $2";

Status CheckLimit(int limit, int offset, const std::string& context) {
  if (limit < 0 || offset < 0) {
    return Status::InvalidArgument(context + ": limit and offset must not be negative, got limit " +
                                   std::to_string(limit) + " and offset " + std::to_string(offset));
  }
  return Status::Ok();
}

// The supplier columns id, name, created_at, letterhead, documents_seen, documents_validated of `row`.
StoredSupplier ReadSupplier(const PostgresRows& rows, int row) {
  StoredSupplier supplier;
  supplier.id = rows.Int(row, 0);
  supplier.name = rows.Text(row, 1);
  supplier.created_at = rows.Text(row, 2);
  supplier.letterhead = rows.Text(row, 3);
  supplier.documents_seen = static_cast<int>(rows.Int(row, 4));
  supplier.documents_validated = static_cast<int>(rows.Int(row, 5));
  return supplier;
}

// Gives each identifier (columns supplier_id, kind, value) to its supplier in
// `by_id`; identifiers of suppliers not there are skipped.
void DealIdentifiers(const PostgresRows& rows, const std::map<int64_t, StoredSupplier*>& by_id) {
  for (int row = 0; row < rows.size(); ++row) {
    auto owner = by_id.find(rows.Int(row, 0));
    if (owner == by_id.end()) continue;
    owner->second->identifiers.push_back(SupplierIdentifier{rows.Text(row, 1), rows.Text(row, 2)});
  }
}

// NotFound unless the row `exists_sql` looks for (by $1 = id) is there.
Status CheckExists(PostgresConnection& c, const char* exists_sql, int64_t id, const std::string& what,
                   const std::string& context) {
  QUAI_PG_ROWS(rows, c.Query(exists_sql, {id}, context));
  if (rows.empty()) return Status::NotFound(c.where() + ": " + context + ": no " + what + " with id " + std::to_string(id));
  return Status::Ok();
}

Status InsertIdentifiers(PostgresConnection& c, int64_t supplier_id, const std::vector<SupplierIdentifier>& identifiers,
                         const std::string& context) {
  for (const SupplierIdentifier& identifier : identifiers) {
    QUAI_PG_ROWS(inserted, c.Query(kInsertIdentifier, {supplier_id, identifier.kind, identifier.value}, context));
    (void)inserted;
  }
  return Status::Ok();
}

}  // namespace

Result<int64_t> PostgresRepository::AddSupplier(const StoredSupplier& supplier) {
  const std::string context = "adding supplier '" + supplier.name + "'";
  const std::string created_at = supplier.created_at.empty() ? FormatUtcTimestamp(clock_->Now()) : supplier.created_at;
  int64_t id = 0;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(inserted, c.Query(kInsertSupplier,
                                   {supplier.name, created_at, supplier.letterhead, supplier.documents_seen,
                                    supplier.documents_validated},
                                   context));
    id = inserted.Int(0, 0);
    return InsertIdentifiers(c, id, supplier.identifiers, context);
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<StoredSupplier>> PostgresRepository::ListSuppliers() {
  const std::string context = "listing suppliers";
  std::vector<StoredSupplier> suppliers;
  Status status = pool_->InTransaction(
      context,
      [&](PostgresConnection& c) -> Status {
        suppliers.clear();
        QUAI_PG_ROWS(rows, c.Query(kSelectSuppliers, {}, context));
        for (int row = 0; row < rows.size(); ++row) suppliers.push_back(ReadSupplier(rows, row));
        std::map<int64_t, StoredSupplier*> by_id;
        for (StoredSupplier& supplier : suppliers) by_id[supplier.id] = &supplier;
        QUAI_PG_ROWS(identifiers, c.Query(kSelectIdentifiers, {}, context));
        DealIdentifiers(identifiers, by_id);
        return Status::Ok();
      },
      PostgresIsolation::kRepeatableRead);  // the suppliers and their identifiers as of one moment
  if (!status.ok()) return status;
  return suppliers;
}

Result<std::optional<StoredSupplier>> PostgresRepository::FindSupplier(int64_t id) {
  const std::string context = "finding supplier " + std::to_string(id);
  std::optional<StoredSupplier> found;
  Status status = pool_->InTransaction(
      context,
      [&](PostgresConnection& c) -> Status {
        found.reset();
        QUAI_PG_ROWS(rows, c.Query(kSelectSupplier, {id}, context));
        if (rows.empty()) return Status::Ok();
        found = ReadSupplier(rows, 0);
        QUAI_PG_ROWS(identifiers, c.Query(kSelectSupplierIdentifiers, {id}, context));
        DealIdentifiers(identifiers, {{id, &*found}});
        return Status::Ok();
      },
      PostgresIsolation::kRepeatableRead);
  if (!status.ok()) return status;
  return found;
}

Status PostgresRepository::UpdateSupplier(const StoredSupplier& supplier) {
  const std::string context = "updating supplier " + std::to_string(supplier.id);
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(updated, c.Query(kUpdateSupplier,
                                  {supplier.id, supplier.name, supplier.letterhead, supplier.documents_validated},
                                  context));
    if (updated.changed() == 0) {
      return Status::NotFound(c.where() + ": " + context + ": no supplier with id " + std::to_string(supplier.id));
    }
    return InsertIdentifiers(c, supplier.id, supplier.identifiers, context);
  });
}

Status PostgresRepository::CountSupplierDocument(int64_t supplier_id) {
  const std::string context = "counting a document of supplier " + std::to_string(supplier_id);
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(updated, c.Query(kCountSupplierDocument, {supplier_id}, context));
    if (updated.changed() == 0) {
      return Status::NotFound(c.where() + ": " + context + ": no supplier with id " + std::to_string(supplier_id));
    }
    return Status::Ok();
  });
}

Status PostgresRepository::RemoveSupplierIdentifier(int64_t supplier_id, const SupplierIdentifier& identifier) {
  const std::string context = "forgetting " + identifier.kind + " " + identifier.value + " of supplier " +
                              std::to_string(supplier_id);
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_RETURN_IF_ERROR(CheckExists(c, kSupplierExists, supplier_id, "supplier", context));
    QUAI_PG_ROWS(removed, c.Query(kDeleteIdentifier, {supplier_id, identifier.kind, identifier.value}, context));
    (void)removed;
    return Status::Ok();
  });
}

Status PostgresRepository::MergeSuppliers(int64_t kept_id, int64_t merged_id) {
  const std::string context =
      "merging supplier " + std::to_string(merged_id) + " into supplier " + std::to_string(kept_id);
  if (kept_id == merged_id) return Status::InvalidArgument(context + ": a supplier cannot be merged into itself");
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(locked, c.Query(kLockSuppliers, {kept_id, merged_id}, context));
    for (int64_t id : {kept_id, merged_id}) {
      bool found = false;
      for (int row = 0; row < locked.size(); ++row) found = found || locked.Int(row, 0) == id;
      if (!found) return Status::NotFound(c.where() + ": " + context + ": no supplier with id " + std::to_string(id));
    }
    for (const char* sql : {kMoveIdentifiers, kMoveOutcomes, kMoveLayoutExamples, kMoveDriftSignals, kAddMergedCounts}) {
      QUAI_PG_ROWS(moved, c.Query(sql, {kept_id, merged_id}, context));
      (void)moved;
    }
    QUAI_PG_ROWS(removed, c.Query(kDeleteSupplier, {merged_id}, context));
    (void)removed;
    return Status::Ok();
  });
}

Status PostgresRepository::RecordSupplierOutcome(const SupplierOutcome& outcome) {
  const std::string context = "recording the outcome of document " + std::to_string(outcome.document_id) +
                              " for supplier " + std::to_string(outcome.supplier_id);
  const std::string at = outcome.at.empty() ? FormatUtcTimestamp(clock_->Now()) : outcome.at;
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    // Checked first so an unknown id is NotFound, not a foreign key failure.
    QUAI_RETURN_IF_ERROR(CheckExists(c, kSupplierExists, outcome.supplier_id, "supplier", context));
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(c, outcome.document_id, context));
    QUAI_PG_ROWS(removed, c.Query(kDeleteOutcome, {outcome.document_id}, context));
    (void)removed;
    QUAI_PG_ROWS(inserted, c.Query(kInsertOutcome,
                                   {outcome.supplier_id, outcome.document_id, at, outcome.fields, outcome.corrected},
                                   context));
    (void)inserted;
    return Status::Ok();
  });
}

Result<std::vector<SupplierOutcome>> PostgresRepository::ListSupplierOutcomes(int64_t supplier_id, int limit) {
  const std::string context = "listing the outcomes of supplier " + std::to_string(supplier_id);
  QUAI_RETURN_IF_ERROR(CheckLimit(limit, 0, context));
  std::vector<SupplierOutcome> outcomes;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    outcomes.clear();
    QUAI_PG_ROWS(rows, c.Query(kSelectOutcomes, {supplier_id, limit}, context));
    for (int row = 0; row < rows.size(); ++row) {
      SupplierOutcome& outcome = outcomes.emplace_back();
      outcome.supplier_id = rows.Int(row, 0);
      outcome.document_id = rows.Int(row, 1);
      outcome.at = rows.Text(row, 2);
      outcome.fields = static_cast<int>(rows.Int(row, 3));
      outcome.corrected = static_cast<int>(rows.Int(row, 4));
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return outcomes;
}

Status PostgresRepository::SaveLayoutExample(const LayoutExampleRecord& example) {
  const std::string context = "saving the layout example of document " + std::to_string(example.document_id);
  const std::string created_at = example.created_at.empty() ? FormatUtcTimestamp(clock_->Now()) : example.created_at;
  const std::optional<int64_t> supplier_id =
      example.supplier_id != 0 ? std::optional<int64_t>(example.supplier_id) : std::nullopt;  // NULL: none named
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    if (supplier_id) QUAI_RETURN_IF_ERROR(CheckExists(c, kSupplierExists, *supplier_id, "supplier", context));
    QUAI_RETURN_IF_ERROR(CheckDocumentExists(c, example.document_id, context));
    QUAI_PG_ROWS(upserted, c.Query(kUpsertLayoutExample,
                                   {example.document_id, supplier_id, example.document_type, example.anchors_json,
                                    created_at},
                                   context));
    (void)upserted;
    return Status::Ok();
  });
}

Status PostgresRepository::RemoveLayoutExample(int64_t document_id) {
  const std::string context = "removing the layout example of document " + std::to_string(document_id);
  return pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(removed, c.Query(kDeleteLayoutExample, {document_id}, context));
    (void)removed;
    return Status::Ok();
  });
}

Result<std::vector<LayoutExampleRecord>> PostgresRepository::ListLayoutExamples(int64_t supplier_id,
                                                                                const std::string& document_type,
                                                                                int limit) {
  const std::string context =
      "listing the " + document_type + " layout examples of supplier " + std::to_string(supplier_id);
  QUAI_RETURN_IF_ERROR(CheckLimit(limit, 0, context));
  std::vector<LayoutExampleRecord> examples;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    examples.clear();
    QUAI_PG_ROWS(rows, c.Query(kSelectLayoutExamples, {supplier_id, document_type, limit}, context));
    for (int row = 0; row < rows.size(); ++row) {
      LayoutExampleRecord& example = examples.emplace_back();
      example.document_id = rows.Int(row, 0);
      example.supplier_id = rows.Int(row, 1);
      example.document_type = rows.Text(row, 2);
      example.anchors_json = rows.Text(row, 3);
      example.created_at = rows.Text(row, 4);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return examples;
}

Result<int64_t> PostgresRepository::LearningGeneration() {
  const std::string context = "reading the learning generation";
  int64_t generation = 0;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    QUAI_PG_ROWS(rows, c.Query(kSelectGeneration, {}, context));
    generation = rows.empty() ? 0 : rows.Int(0, 0);  // no row before the first change
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return generation;
}

Result<int64_t> PostgresRepository::AddDriftSignal(const DriftSignal& signal) {
  const std::string context = "adding a '" + signal.kind + "' drift signal";
  const std::string at = signal.at.empty() ? FormatUtcTimestamp(clock_->Now()) : signal.at;
  const std::string detail = signal.detail_json.empty() ? "{}" : signal.detail_json;
  int64_t id = 0;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    if (signal.supplier_id) QUAI_RETURN_IF_ERROR(CheckExists(c, kSupplierExists, *signal.supplier_id, "supplier", context));
    if (signal.document_id) QUAI_RETURN_IF_ERROR(CheckDocumentExists(c, *signal.document_id, context));
    QUAI_PG_ROWS(inserted,
                 c.Query(kInsertDriftSignal, {at, signal.kind, signal.supplier_id, signal.document_id, detail}, context));
    id = inserted.Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return id;
}

Result<std::vector<DriftSignal>> PostgresRepository::ListDriftSignals(int limit, int offset) {
  const std::string context = "listing drift signals";
  QUAI_RETURN_IF_ERROR(CheckLimit(limit, offset, context));
  std::vector<DriftSignal> signals;
  Status status = pool_->InTransaction(context, [&](PostgresConnection& c) -> Status {
    signals.clear();
    QUAI_PG_ROWS(rows, c.Query(kSelectDriftSignals, {limit, offset}, context));
    for (int row = 0; row < rows.size(); ++row) {
      DriftSignal& signal = signals.emplace_back();
      signal.id = rows.Int(row, 0);
      signal.at = rows.Text(row, 1);
      signal.kind = rows.Text(row, 2);
      signal.supplier_id = rows.OptionalInt(row, 3);
      signal.document_id = rows.OptionalInt(row, 4);
      signal.detail_json = rows.Text(row, 5);
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return signals;
}

}  // namespace quai
