// The "stores" component of the PostgreSQL schema (postgres_migrations.h):
// learning (suppliers, identifiers, outcomes, layout examples, the learning
// generation, drift signals), the model registry, ERP master data, receiving
// (versions, lots, certificates) and exports. Applied after "core", whose
// tables (documents, jobs) it references. The tables are SQLite's
// (storage/sqlite/migrations.cc, steps 4, 11 and 12) with PostgreSQL's types:
// ids BIGINT identities (BIGSERIAL), reals DOUBLE PRECISION, and times and
// flags as SQLite stores them (fixed-width UTC text, 0/1 integers), so that
// both backends read and compare them the same way and `quai migrate` copies
// values as they are. Only ever append steps.
#include "storage/postgresql/postgres_migrations.h"

namespace quai {

namespace {

// The learning loop and the model registry. As in SQLite, one row holds the
// learning generation, raised by a trigger on every change to suppliers,
// identifiers or layout examples (cascaded deletes included), so a cache of
// them in any process knows when it is stale; an identifier keeps an id so
// that a supplier's identifiers list in the order they were added (SQLite's
// rowid); the partial index lets at most one model of each (kind,
// document_type) be active.
constexpr char kLearningAndModels[] = R"sql(
CREATE TABLE suppliers(
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  letterhead TEXT NOT NULL DEFAULT '',
  documents_seen INTEGER NOT NULL DEFAULT 0,
  documents_validated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE supplier_identifiers(
  id BIGSERIAL PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE(supplier_id, kind, value)
);
CREATE INDEX supplier_identifiers_kind_value ON supplier_identifiers(kind, value);
CREATE TABLE supplier_outcomes(
  id BIGSERIAL PRIMARY KEY,
  supplier_id BIGINT NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  document_id BIGINT NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  fields INTEGER NOT NULL,
  corrected INTEGER NOT NULL
);
CREATE INDEX supplier_outcomes_supplier_id ON supplier_outcomes(supplier_id, at);
CREATE TABLE layout_examples(
  document_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  supplier_id BIGINT REFERENCES suppliers(id) ON DELETE CASCADE,
  document_type TEXT NOT NULL,
  anchors_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX layout_examples_supplier_type ON layout_examples(supplier_id, document_type, created_at);
CREATE TABLE learning_generation(
  id INTEGER PRIMARY KEY CHECK(id = 1),
  generation BIGINT NOT NULL
);
INSERT INTO learning_generation(id, generation) VALUES(1, 0);
CREATE FUNCTION raise_learning_generation() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  UPDATE learning_generation SET generation = generation + 1 WHERE id = 1;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER suppliers_changed AFTER INSERT OR UPDATE OR DELETE ON suppliers
  FOR EACH ROW EXECUTE FUNCTION raise_learning_generation();
CREATE TRIGGER supplier_identifiers_changed AFTER INSERT OR UPDATE OR DELETE ON supplier_identifiers
  FOR EACH ROW EXECUTE FUNCTION raise_learning_generation();
CREATE TRIGGER layout_examples_changed AFTER INSERT OR UPDATE OR DELETE ON layout_examples
  FOR EACH ROW EXECUTE FUNCTION raise_learning_generation();
CREATE TABLE drift_signals(
  id BIGSERIAL PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  supplier_id BIGINT REFERENCES suppliers(id) ON DELETE SET NULL,
  document_id BIGINT REFERENCES documents(id) ON DELETE SET NULL,
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX drift_signals_at ON drift_signals(at);
CREATE INDEX drift_signals_document_id ON drift_signals(document_id);
CREATE TABLE model_versions(
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL,
  document_type TEXT NOT NULL DEFAULT '',
  version TEXT NOT NULL,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL,
  training_examples INTEGER NOT NULL DEFAULT 0,
  evaluation_json TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL CHECK(status IN ('active','rejected','retired'))
);
CREATE UNIQUE INDEX model_versions_one_active ON model_versions(kind, document_type) WHERE status = 'active';
)sql";

// The ERP's master data as synced (erp/erp_sync.h), the connection and the
// sync state, and what each document delivers on each order line (with when
// the ERP booked it).
constexpr char kErpMasterData[] = R"sql(
CREATE TABLE erp_connection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  kind TEXT NOT NULL,
  settings_json TEXT NOT NULL
);
CREATE TABLE erp_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  rules_json TEXT NOT NULL
);
CREATE TABLE erp_sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor TEXT NOT NULL DEFAULT '',
  last_attempt_at TEXT NOT NULL DEFAULT '',
  last_success_at TEXT NOT NULL DEFAULT '',
  last_error TEXT NOT NULL DEFAULT '',
  available INTEGER NOT NULL DEFAULT 0,
  generation BIGINT NOT NULL DEFAULT 0
);
CREATE TABLE erp_suppliers (
  supplier_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  vat_number TEXT NOT NULL DEFAULT '',
  registration_number TEXT NOT NULL DEFAULT '',
  iban TEXT NOT NULL DEFAULT '',
  siren TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL DEFAULT ''
);
CREATE INDEX erp_suppliers_vat ON erp_suppliers(vat_number);
CREATE INDEX erp_suppliers_siren ON erp_suppliers(siren);
CREATE INDEX erp_suppliers_iban ON erp_suppliers(iban);
CREATE TABLE erp_articles (
  article_code TEXT NOT NULL,
  supplier_id TEXT NOT NULL,
  supplier_article_code TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  conversions_json TEXT NOT NULL DEFAULT '{}',
  min_shelf_life_days INTEGER NOT NULL DEFAULT 0,
  certificate_required INTEGER NOT NULL DEFAULT 0,
  lot_managed INTEGER NOT NULL DEFAULT 0,
  digest TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_code, supplier_id)
);
CREATE INDEX erp_articles_supplier_code ON erp_articles(supplier_id, supplier_article_code);
CREATE TABLE erp_purchase_orders (
  po_number TEXT PRIMARY KEY,
  supplier_id TEXT NOT NULL,
  status TEXT NOT NULL,
  order_date TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL
);
CREATE TABLE erp_purchase_order_lines (
  po_number TEXT NOT NULL,
  line TEXT NOT NULL,
  article_code TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  quantity_ordered DOUBLE PRECISION NOT NULL DEFAULT 0,
  quantity_received DOUBLE PRECISION NOT NULL DEFAULT 0,
  unit TEXT NOT NULL DEFAULT '',
  unit_price DOUBLE PRECISION NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  expected_date TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  PRIMARY KEY (po_number, line)
);
CREATE TABLE received_quantities (
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  po_number TEXT NOT NULL,
  line TEXT NOT NULL,
  quantity DOUBLE PRECISION NOT NULL,
  booked_at TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (document_id, po_number, line)
);
CREATE INDEX received_quantities_line ON received_quantities(po_number, line);
)sql";

// Accepted versions, the lot book, export targets and the exports outbox.
constexpr char kReceivingAndExports[] = R"sql(
CREATE TABLE document_versions (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('validated', 'auto_accepted')),
  document_type TEXT NOT NULL,
  values_json TEXT NOT NULL,
  receipt_json TEXT NOT NULL DEFAULT '',
  lots_json TEXT NOT NULL DEFAULT '[]',
  accepted_by TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (document_id, version)
);
CREATE TABLE lots (
  id BIGSERIAL PRIMARY KEY,
  supplier_key TEXT NOT NULL,
  article_identity TEXT NOT NULL,
  lot_key TEXT NOT NULL,
  supplier_name TEXT NOT NULL DEFAULT '',
  supplier_name_key TEXT NOT NULL DEFAULT '',
  article_key TEXT NOT NULL DEFAULT '',
  supplier_article_key TEXT NOT NULL DEFAULT '',
  article_code TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  lot_number TEXT NOT NULL,
  expiry_date TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL CHECK (state IN ('released', 'held', 'awaiting_delivery')),
  hold_reason TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL,
  UNIQUE (supplier_key, article_identity, lot_key)
);
CREATE INDEX lots_by_number ON lots(supplier_key, lot_key);
CREATE INDEX lots_by_name ON lots(supplier_name_key, lot_key);
CREATE TABLE lot_entries (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('delivery', 'certificate')),
  line INTEGER NOT NULL DEFAULT -1,
  lot_id BIGINT REFERENCES lots(id),
  supplier_key TEXT NOT NULL,
  supplier_name_key TEXT NOT NULL DEFAULT '',
  article_key TEXT NOT NULL DEFAULT '',
  supplier_article_key TEXT NOT NULL DEFAULT '',
  lot_key TEXT NOT NULL,
  lot_number TEXT NOT NULL,
  article_code TEXT NOT NULL DEFAULT '',
  po_number TEXT NOT NULL DEFAULT '',
  quantity TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT '',
  expiry_date TEXT NOT NULL DEFAULT '',
  certificate_required INTEGER NOT NULL DEFAULT 0,
  unlinked_reason TEXT NOT NULL DEFAULT '',
  linked_at TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL
);
CREATE INDEX lot_entries_by_lot ON lot_entries(lot_id);
CREATE INDEX lot_entries_by_document ON lot_entries(document_id);
CREATE INDEX lot_entries_waiting ON lot_entries(supplier_key, lot_key) WHERE lot_id IS NULL;
CREATE TABLE lot_events (
  id BIGSERIAL PRIMARY KEY,
  lot_id BIGINT NOT NULL REFERENCES lots(id),
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  document_id BIGINT,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lot_events_by_lot ON lot_events(lot_id, id);
CREATE TABLE export_targets (
  id BIGSERIAL PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  settings_json TEXT NOT NULL DEFAULT '{}',
  document_types_json TEXT NOT NULL DEFAULT '[]',
  include_auto_accepted INTEGER NOT NULL DEFAULT 1,
  mapping_json TEXT NOT NULL DEFAULT '{}',
  max_attempts INTEGER NOT NULL DEFAULT 10,
  enabled INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT NOT NULL DEFAULT '',
  removed INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX export_targets_by_name ON export_targets(name) WHERE removed = 0;
CREATE TABLE exports (
  id BIGSERIAL PRIMARY KEY,
  document_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version_id BIGINT NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  target_id BIGINT NOT NULL REFERENCES export_targets(id),
  key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'superseded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  answer TEXT NOT NULL DEFAULT '',
  external_id TEXT NOT NULL DEFAULT '',
  job_id BIGINT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exports_by_document ON exports(document_id);
CREATE INDEX exports_by_state ON exports(state, target_id);
)sql";

}  // namespace

const std::vector<PostgresMigration>& PostgresStoreMigrations() {
  static const std::vector<PostgresMigration>* migrations = new std::vector<PostgresMigration>{
      {1, "learning: suppliers, identifiers, outcomes, layout examples, generation, drift signals; model versions",
       kLearningAndModels},
      {2, "ERP master data, connection, rules, sync state, received quantities", kErpMasterData},
      {3, "accepted versions, lots and certificates, export targets and exports", kReceivingAndExports},
  };
  return *migrations;
}

}  // namespace quai
