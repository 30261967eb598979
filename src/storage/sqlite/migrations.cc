#include "storage/sqlite/migrations.h"

namespace quai {

namespace {

constexpr char kCreateMigrationsTable[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations("
    "version INTEGER PRIMARY KEY, applied_at TEXT)";

constexpr char kDocumentsPagesWords[] = R"sql(
CREATE TABLE documents(
  id INTEGER PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE,
  original_name TEXT NOT NULL,
  source TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  page_count INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK(status IN ('received','processed','refused')),
  error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX documents_status ON documents(status);
CREATE INDEX documents_created_at ON documents(created_at);
CREATE TABLE pages(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  number INTEGER NOT NULL,
  width REAL,
  height REAL,
  dpi INTEGER,
  rotation INTEGER,
  skew_degrees REAL,
  text_source TEXT CHECK(text_source IN ('layer','ocr')),
  PRIMARY KEY(document_id, number)
);
CREATE TABLE words(
  document_id INTEGER NOT NULL,
  page_number INTEGER NOT NULL,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  x0 REAL,
  y0 REAL,
  x1 REAL,
  y1 REAL,
  confidence REAL,
  block INTEGER,
  line INTEGER,
  PRIMARY KEY(document_id, page_number, position),
  FOREIGN KEY(document_id, page_number) REFERENCES pages(document_id, number) ON DELETE CASCADE
) WITHOUT ROWID;
)sql";

// One row per (document, model version): re-running a model replaces its row,
// a new model version adds one beside it.
constexpr char kExtractions[] = R"sql(
CREATE TABLE extractions(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  model_version TEXT NOT NULL,
  document_type TEXT NOT NULL,
  review_required INTEGER NOT NULL,
  result_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE(document_id, model_version)
);
CREATE INDEX extractions_document_id ON extractions(document_id);
CREATE INDEX extractions_document_type ON extractions(document_type);
)sql";

// The review desk. Secrets are stored only as hashes: passwords as Argon2id
// strings (salt and cost inside), session ids and API tokens as SHA-256 (they
// are 256-bit random, so a fast hash is enough). review_state holds each
// document's current values so showing one is a keyed read, not a replay of
// its events; review_events is the audit trail, kept for good: it references
// documents without ON DELETE, so a reviewed document cannot be deleted.
// login_failures persist so the rate limit survives a restart and holds
// across processes sharing the file.
constexpr char kReviewDesk[] = R"sql(
CREATE TABLE users(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK(role IN ('admin','reviewer','viewer','integration')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE sessions(
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user_id ON sessions(user_id);
CREATE INDEX sessions_expires_at ON sessions(expires_at);
CREATE TABLE api_tokens(
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  label TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE login_failures(
  id INTEGER PRIMARY KEY,
  user_name TEXT NOT NULL,
  client TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX login_failures_user_name ON login_failures(user_name, at);
CREATE INDEX login_failures_client ON login_failures(client, at);
CREATE TABLE review_state(
  document_id INTEGER PRIMARY KEY REFERENCES documents(id),
  status TEXT NOT NULL CHECK(status IN ('needs_review','auto_accepted','validated','rejected')),
  document_type TEXT NOT NULL,
  supplier TEXT NOT NULL DEFAULT '',
  values_json TEXT NOT NULL,
  rejected_reason TEXT NOT NULL DEFAULT '',
  validated_by TEXT NOT NULL DEFAULT '',
  validated_at TEXT NOT NULL DEFAULT '',
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX review_state_status ON review_state(status);
CREATE TABLE review_events(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  user_name TEXT NOT NULL,
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  field TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT 'null',
  after_json TEXT NOT NULL DEFAULT 'null',
  page INTEGER,
  box_json TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_events_document_id ON review_events(document_id, id);
CREATE TABLE training_examples(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id),
  document_type TEXT NOT NULL,
  canonical_json TEXT NOT NULL,
  pointers_json TEXT NOT NULL,
  model_version TEXT NOT NULL DEFAULT '',
  validated_by TEXT NOT NULL,
  validated_at TEXT NOT NULL
);
CREATE INDEX training_examples_document_type ON training_examples(document_type);
)sql";

// The learning loop. suppliers and their identifiers are what supplier
// recognition reads; layout_examples is each validated document's layout
// lesson (it goes with its document); supplier_outcomes is accuracy over time,
// one per validated document. learning_generation holds one number that the
// triggers below raise on every change to suppliers, identifiers or layout
// examples (cascaded deletes included), so a cache of them knows when it is
// stale, even across processes. An identifier may belong to several suppliers
// (a customer's own VAT number is printed on every invoice it receives), so it
// is unique per supplier only. drift_signals is an append-only log.
// model_versions is the registry of trained models; the partial index lets at
// most one of each (kind, document_type) be active.
constexpr char kLearning[] = R"sql(
CREATE TABLE suppliers(
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL,
  letterhead TEXT NOT NULL DEFAULT '',
  documents_seen INTEGER NOT NULL DEFAULT 0,
  documents_validated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE supplier_identifiers(
  supplier_id INTEGER NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE(supplier_id, kind, value)
);
CREATE INDEX supplier_identifiers_kind_value ON supplier_identifiers(kind, value);
CREATE TABLE supplier_outcomes(
  id INTEGER PRIMARY KEY,
  supplier_id INTEGER NOT NULL REFERENCES suppliers(id) ON DELETE CASCADE,
  document_id INTEGER NOT NULL UNIQUE REFERENCES documents(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  fields INTEGER NOT NULL,
  corrected INTEGER NOT NULL
);
CREATE INDEX supplier_outcomes_supplier_id ON supplier_outcomes(supplier_id, at);
CREATE TABLE layout_examples(
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  supplier_id INTEGER REFERENCES suppliers(id) ON DELETE CASCADE,  -- NULL: no supplier named
  document_type TEXT NOT NULL,
  anchors_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX layout_examples_supplier_type ON layout_examples(supplier_id, document_type, created_at);
CREATE TABLE learning_generation(
  id INTEGER PRIMARY KEY CHECK(id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO learning_generation(id, generation) VALUES(1, 0);
CREATE TRIGGER suppliers_inserted AFTER INSERT ON suppliers
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER suppliers_updated AFTER UPDATE ON suppliers
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER suppliers_deleted AFTER DELETE ON suppliers
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER supplier_identifiers_inserted AFTER INSERT ON supplier_identifiers
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER supplier_identifiers_updated AFTER UPDATE ON supplier_identifiers
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER supplier_identifiers_deleted AFTER DELETE ON supplier_identifiers
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER layout_examples_inserted AFTER INSERT ON layout_examples
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER layout_examples_updated AFTER UPDATE ON layout_examples
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TRIGGER layout_examples_deleted AFTER DELETE ON layout_examples
  BEGIN UPDATE learning_generation SET generation = generation + 1; END;
CREATE TABLE drift_signals(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  supplier_id INTEGER REFERENCES suppliers(id) ON DELETE SET NULL,
  document_id INTEGER REFERENCES documents(id) ON DELETE SET NULL,
  detail_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX drift_signals_at ON drift_signals(at);
CREATE INDEX drift_signals_document_id ON drift_signals(document_id);
CREATE TABLE model_versions(
  id INTEGER PRIMARY KEY,
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

// Credentials that end: tokens with an optional expiry, users that can be
// disabled (their sessions and tokens stop working with them).
constexpr char kCredentialLifecycle[] = R"sql(
ALTER TABLE api_tokens ADD COLUMN expires_at TEXT;
ALTER TABLE users ADD COLUMN disabled_at TEXT;
)sql";

// Browsers a user has logged in from (a long-lived cookie, kept as its hash):
// their logins are not slowed by failures made elsewhere.
constexpr char kKnownDevices[] = R"sql(
CREATE TABLE known_devices(
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX known_devices_user_id ON known_devices(user_id);
)sql";

// The security log, chained by hash (storage/security_event.h).
constexpr char kSecurityEvents[] = R"sql(
CREATE TABLE security_events(
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  actor TEXT NOT NULL,
  client TEXT NOT NULL,
  detail TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
)sql";

// The durable job queue (storage/job_store.h). Times in milliseconds since
// the epoch. Documents received before it get their read job.
constexpr char kJobs[] = R"sql(
CREATE TABLE jobs(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK(kind IN ('read', 'learn', 'export', 'retrain')),
  document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
  state TEXT NOT NULL CHECK(state IN ('queued', 'running', 'done', 'dead')),
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 10,
  run_after_ms INTEGER NOT NULL,
  lease_holder TEXT NOT NULL DEFAULT '',
  lease_expires_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  payload TEXT NOT NULL DEFAULT '{}',
  result TEXT NOT NULL DEFAULT '',
  dedupe_key TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  finished_ms INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX jobs_live_key ON jobs(dedupe_key) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_due ON jobs(state, run_after_ms);
CREATE INDEX jobs_document ON jobs(document_id);
INSERT INTO jobs(kind, document_id, state, run_after_ms, dedupe_key, created_ms)
  SELECT 'read', id, 'queued', 0, 'read:' || id, CAST(strftime('%s', 'now') AS INTEGER) * 1000
  FROM documents WHERE status = 'received' ORDER BY id;
)sql";

// What a user searches on and what drift watches, as columns of the
// extraction rather than paths into its JSON: the supplier's name as read
// and the mean confidence of the fields.
constexpr char kExtractionColumns[] = R"sql(
ALTER TABLE extractions ADD COLUMN supplier TEXT NOT NULL DEFAULT '';
ALTER TABLE extractions ADD COLUMN mean_confidence REAL;
UPDATE extractions SET supplier = coalesce(nullif(json_extract(result_json, '$.fields.supplier_name.value'), ''),
                                           json_extract(result_json, '$.supplier.name'), '')
  WHERE json_valid(result_json);
CREATE INDEX extractions_supplier ON extractions(supplier);
)sql";

// The values a user searches on, as rows: the latest extraction's until a
// person edits the document, then the review state's (storage/search_values.h).
constexpr char kSearchValues[] = R"sql(
CREATE TABLE document_values(
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX document_values_document ON document_values(document_id);
CREATE INDEX document_values_value ON document_values(value);
INSERT INTO document_values(document_id, field, value)
  SELECT d.id, replace(CASE WHEN t.path LIKE '$.fields.%' THEN substr(t.path, 10) ELSE substr(t.path, 3) END, '"', ''),
         t.value
  FROM documents d
  JOIN (SELECT x.document_id, x.result_json AS json FROM extractions x
        WHERE x.id = (SELECT y.id FROM extractions y WHERE y.document_id = x.document_id
                      ORDER BY y.created_at DESC, y.id DESC LIMIT 1)) e ON e.document_id = d.id
  LEFT JOIN review_state r ON r.document_id = d.id,
  json_tree(coalesce(r.values_json, e.json)) t
  WHERE json_valid(coalesce(r.values_json, e.json)) AND t.key = 'value' AND t.type = 'text' AND t.value != '';
)sql";

// The ERP's master data as synced (erp/erp_sync.h), the connection and the
// sync state, and what each document delivers on each order line.
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
  generation INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE erp_suppliers (
  supplier_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  vat_number TEXT NOT NULL DEFAULT '',
  registration_number TEXT NOT NULL DEFAULT '',
  iban TEXT NOT NULL DEFAULT '',
  siren TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
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
) WITHOUT ROWID;
CREATE INDEX erp_articles_supplier_code ON erp_articles(supplier_id, supplier_article_code);
CREATE TABLE erp_purchase_orders (
  po_number TEXT PRIMARY KEY,
  supplier_id TEXT NOT NULL,
  status TEXT NOT NULL,
  order_date TEXT NOT NULL DEFAULT '',
  digest TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE erp_purchase_order_lines (
  po_number TEXT NOT NULL,
  line TEXT NOT NULL,
  article_code TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  quantity_ordered REAL NOT NULL DEFAULT 0,
  quantity_received REAL NOT NULL DEFAULT 0,
  unit TEXT NOT NULL DEFAULT '',
  unit_price REAL NOT NULL DEFAULT 0,
  currency TEXT NOT NULL DEFAULT '',
  expected_date TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL,
  PRIMARY KEY (po_number, line)
) WITHOUT ROWID;
CREATE TABLE received_quantities (
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  po_number TEXT NOT NULL,
  line TEXT NOT NULL,
  quantity REAL NOT NULL,
  PRIMARY KEY (document_id, po_number, line)
) WITHOUT ROWID;
CREATE INDEX received_quantities_line ON received_quantities(po_number, line);
)sql";

// Goods receipts, the lot book, export targets and the exports outbox.
constexpr char kReceiving[] = R"sql(
CREATE TABLE document_versions (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
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
  id INTEGER PRIMARY KEY,
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
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('delivery', 'certificate')),
  line INTEGER NOT NULL DEFAULT -1,
  lot_id INTEGER REFERENCES lots(id),
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
  id INTEGER PRIMARY KEY,
  lot_id INTEGER NOT NULL REFERENCES lots(id),
  at TEXT NOT NULL,
  action TEXT NOT NULL,
  document_id INTEGER,
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX lot_events_by_lot ON lot_events(lot_id, id);
CREATE TABLE export_targets (
  id INTEGER PRIMARY KEY,
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
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  version_id INTEGER NOT NULL REFERENCES document_versions(id) ON DELETE CASCADE,
  version INTEGER NOT NULL,
  target_id INTEGER NOT NULL REFERENCES export_targets(id),
  key TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'dead', 'superseded')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  answer TEXT NOT NULL DEFAULT '',
  external_id TEXT NOT NULL DEFAULT '',
  job_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  delivered_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX exports_by_document ON exports(document_id);
CREATE INDEX exports_by_state ON exports(state, target_id);
ALTER TABLE received_quantities ADD COLUMN booked_at TEXT NOT NULL DEFAULT '';
)sql";

// Watched folders and mailboxes (storage/source_store.h), the ledger of what
// each took, and where a document taken by one came from (a mail's sender,
// subject and date).
constexpr char kSources[] = R"sql(
CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('folder', 'imap')),
  settings_json TEXT NOT NULL DEFAULT '{}',
  secret TEXT NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  lease_holder TEXT NOT NULL DEFAULT '',
  lease_expires_ms INTEGER NOT NULL DEFAULT 0,
  last_run_at TEXT NOT NULL DEFAULT '',
  last_success_at TEXT NOT NULL DEFAULT '',
  documents_taken INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  cursor_json TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE source_items (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT NOT NULL DEFAULT '',
  detail_json TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL,
  PRIMARY KEY (source_id, key)
);
ALTER TABLE documents ADD COLUMN origin_json TEXT NOT NULL DEFAULT '';
)sql";

Status CheckNumbering(const std::vector<Migration>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i + 1)) {
      return Status::InvalidArgument("schema migration \"" + migrations[i].description + "\" has version " +
                                     std::to_string(migrations[i].version) + ", expected " +
                                     std::to_string(i + 1));
    }
  }
  return Status::Ok();
}

Status RefuseNewer(const SqliteConnection& connection, int current, int latest) {
  return Status::InvalidArgument(connection.path() + ": database schema is at version " + std::to_string(current) +
                                 " but this quai only knows up to version " + std::to_string(latest) +
                                 "; it was written by a newer quai, which must be used to open it");
}

// The document list and the review queue at 100,000 documents: one summary
// row per document with what they filter and sort on (the review status worked
// out as ReviewDesk does for one document, type, supplier, PO and document
// number, and their folded sort keys), and trigram full-text indexes of the
// folded file names and values for the accent-insensitive substring search.
// Triggers keep them in step with documents, extractions, review states and
// values inside the writing transaction, so no code path can forget them.
// document_values gets an INTEGER PRIMARY KEY so that its rows keep their id.
// "@ID@" stands for the document's id in the trigger that refreshes a summary
// (delete and insert: a REPLACE inside a trigger takes the conflict policy of
// the statement that fired it).
constexpr char kRefreshSummary[] = R"sql(
DELETE FROM document_summaries WHERE document_id = @ID@;
INSERT INTO document_summaries(document_id, review_status, document_type, supplier, po_number,
    document_number, name_key, supplier_key, po_number_key, document_number_key)
  SELECT id, review_status, document_type, supplier, po_number, document_number, quai_fold(original_name),
         quai_fold(supplier), quai_fold(po_number), quai_fold(document_number)
  FROM (SELECT d.id, d.original_name,
          CASE WHEN d.status = 'received' THEN 'received' WHEN d.status = 'refused' THEN 'refused'
            WHEN r.status IS NOT NULL THEN r.status WHEN e.review_required = 0 THEN 'auto_accepted'
            ELSE 'needs_review' END AS review_status,
          COALESCE(r.document_type, e.document_type, '') AS document_type,
          COALESCE(r.supplier, e.supplier, '') AS supplier,
          COALESCE((SELECT v.value FROM document_values v WHERE v.document_id = d.id AND v.field = 'po_number'
            ORDER BY v.id LIMIT 1), '') AS po_number,
          COALESCE((SELECT v.value FROM document_values v WHERE v.document_id = d.id AND v.field IN
            ('invoice_number', 'delivery_note_number', 'certificate_number') ORDER BY v.id LIMIT 1), '')
            AS document_number
        FROM documents d LEFT JOIN review_state r ON r.document_id = d.id
        LEFT JOIN extractions e ON e.id = (SELECT x.id FROM extractions x WHERE x.document_id = d.id
          ORDER BY x.created_at DESC, x.id DESC LIMIT 1)
        WHERE d.id = @ID@);
)sql";

constexpr char kDocumentSummariesTables[] = R"sql(
CREATE TABLE document_values_keyed(
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  value TEXT NOT NULL
);
INSERT INTO document_values_keyed(document_id, field, value) SELECT document_id, field, value FROM document_values
  ORDER BY rowid;
DROP TABLE document_values;
ALTER TABLE document_values_keyed RENAME TO document_values;
CREATE INDEX document_values_document ON document_values(document_id);
CREATE INDEX document_values_value ON document_values(value);

CREATE TABLE document_summaries(
  document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  review_status TEXT NOT NULL,
  document_type TEXT NOT NULL,
  supplier TEXT NOT NULL,
  po_number TEXT NOT NULL,
  document_number TEXT NOT NULL,
  name_key TEXT NOT NULL,
  supplier_key TEXT NOT NULL,
  po_number_key TEXT NOT NULL,
  document_number_key TEXT NOT NULL
);
CREATE INDEX document_summaries_status ON document_summaries(review_status, document_id);
CREATE INDEX document_summaries_type ON document_summaries(document_type, document_id);
CREATE INDEX document_summaries_name ON document_summaries(name_key, document_id);
CREATE INDEX document_summaries_supplier ON document_summaries(supplier_key, document_id);
CREATE INDEX document_summaries_po_number ON document_summaries(po_number_key, document_id);
CREATE INDEX document_summaries_document_number ON document_summaries(document_number_key, document_id);
CREATE VIRTUAL TABLE document_name_text USING fts5(text, tokenize = 'trigram');
CREATE VIRTUAL TABLE document_value_text USING fts5(text, tokenize = 'trigram');
INSERT INTO document_name_text(rowid, text) SELECT id, quai_fold(original_name) FROM documents;
INSERT INTO document_value_text(rowid, text) SELECT id, quai_fold(value) FROM document_values;

CREATE TRIGGER document_name_text_insert AFTER INSERT ON documents BEGIN
  INSERT INTO document_name_text(rowid, text) VALUES (NEW.id, quai_fold(NEW.original_name)); END;
CREATE TRIGGER document_name_text_update AFTER UPDATE OF original_name ON documents BEGIN
  UPDATE document_name_text SET text = quai_fold(NEW.original_name) WHERE rowid = NEW.id; END;
CREATE TRIGGER document_name_text_delete AFTER DELETE ON documents BEGIN
  DELETE FROM document_name_text WHERE rowid = OLD.id; END;
CREATE TRIGGER document_value_text_insert AFTER INSERT ON document_values BEGIN
  INSERT INTO document_value_text(rowid, text) VALUES (NEW.id, quai_fold(NEW.value)); END;
CREATE TRIGGER document_value_text_delete AFTER DELETE ON document_values BEGIN
  DELETE FROM document_value_text WHERE rowid = OLD.id; END;
)sql";

// (trigger name, event, the id expression, WHEN condition or "")
struct SummaryTrigger {
  const char* name;
  const char* event;
  const char* id;
  const char* when;
};

std::string DocumentSummaries() {
  static constexpr SummaryTrigger kTriggers[] = {
      {"document_summaries_document_insert", "AFTER INSERT ON documents", "NEW.id", ""},
      {"document_summaries_document_update", "AFTER UPDATE ON documents", "NEW.id", ""},
      {"document_summaries_extraction_insert", "AFTER INSERT ON extractions", "NEW.document_id", ""},
      {"document_summaries_extraction_update", "AFTER UPDATE ON extractions", "NEW.document_id", ""},
      {"document_summaries_extraction_delete", "AFTER DELETE ON extractions", "OLD.document_id", ""},
      {"document_summaries_review_insert", "AFTER INSERT ON review_state", "NEW.document_id", ""},
      {"document_summaries_review_update", "AFTER UPDATE ON review_state", "NEW.document_id", ""},
      {"document_summaries_review_delete", "AFTER DELETE ON review_state", "OLD.document_id", ""},
      {"document_summaries_value_insert", "AFTER INSERT ON document_values", "NEW.document_id",
       "NEW.field IN ('po_number', 'invoice_number', 'delivery_note_number', 'certificate_number')"},
      {"document_summaries_value_delete", "AFTER DELETE ON document_values", "OLD.document_id",
       "OLD.field IN ('po_number', 'invoice_number', 'delivery_note_number', 'certificate_number')"},
  };
  auto refresh = [](const std::string& id) {
    std::string sql = kRefreshSummary;
    for (size_t at = sql.find("@ID@"); at != std::string::npos; at = sql.find("@ID@", at + id.size()))
      sql.replace(at, 4, id);
    return sql;
  };
  std::string sql = kDocumentSummariesTables;
  // Every document, once: the INSERT alone, with "WHERE d.id = d.id".
  const std::string all = refresh("d.id");
  sql += all.substr(all.find("INSERT INTO"));
  for (const SummaryTrigger& trigger : kTriggers) {
    sql += std::string("CREATE TRIGGER ") + trigger.name + " " + trigger.event + " FOR EACH ROW " +
           (*trigger.when ? std::string("WHEN ") + trigger.when + " " : "") + "BEGIN" + refresh(trigger.id) + "END;\n";
  }
  return sql;
}

}  // namespace

const std::vector<Migration>& SchemaMigrations() {
  static const std::vector<Migration>* migrations = new std::vector<Migration>{
      {1, "documents, pages and words", kDocumentsPagesWords},
      {2, "extractions per document and model version", kExtractions},
      {3, "review desk: users, sessions, tokens, login failures, review state, events, training examples",
       kReviewDesk},
      {4, "learning: suppliers, identifiers, outcomes, layout examples, drift signals, model versions", kLearning},
      {5, "credential lifecycle: token expiry, disabled users", kCredentialLifecycle},
      {6, "known devices: browsers a user has logged in from", kKnownDevices},
      {7, "security log chained by hash", kSecurityEvents},
      {8, "durable job queue", kJobs},
      {9, "extraction columns: supplier, mean confidence", kExtractionColumns},
      {10, "search values as rows", kSearchValues},
      {11, "ERP master data, connection, sync state, received quantities", kErpMasterData},
      {12, "goods receipts, lots and certificates, export targets and exports", kReceiving},
      {13, "watched folders and mailboxes, what they took, where documents came from", kSources},
      {14, "document summaries and trigram search for the list and the queue at scale", DocumentSummaries()},
  };
  return *migrations;
}

int LatestSchemaVersion() { return static_cast<int>(SchemaMigrations().size()); }

Result<int> CurrentSchemaVersion(SqliteConnection* connection) {
  Result<std::string> has_table =
      connection->QueryText("SELECT name FROM sqlite_master WHERE type='table' AND name='schema_migrations'");
  if (!has_table.ok()) return has_table.status();
  if (has_table->empty()) return 0;
  Result<std::string> version = connection->QueryText("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!version.ok()) return version.status();
  return std::stoi(*version);
}

Status ApplyMigrations(SqliteConnection* connection, const std::vector<Migration>& migrations, Clock* clock) {
  QUAI_RETURN_IF_ERROR(CheckNumbering(migrations));
  const int latest = static_cast<int>(migrations.size());

  // Refuse before writing anything, not even the bookkeeping table.
  Result<int> current = CurrentSchemaVersion(connection);
  if (!current.ok()) return current.status();
  if (*current > latest) return RefuseNewer(*connection, *current, latest);
  if (*current == latest) return Status::Ok();

  QUAI_RETURN_IF_ERROR(connection->Execute(kCreateMigrationsTable, "creating schema_migrations"));
  for (const Migration& migration : migrations) {
    const std::string context =
        "applying schema migration " + std::to_string(migration.version) + " (" + migration.description + ")";
    Status applied = connection->InTransaction(context, [&]() -> Status {
      // Read again under the write lock: another process may have migrated meanwhile.
      Result<int> now = CurrentSchemaVersion(connection);
      if (!now.ok()) return now.status();
      if (*now > latest) return RefuseNewer(*connection, *now, latest);
      if (*now >= migration.version) return Status::Ok();
      QUAI_RETURN_IF_ERROR(connection->Execute(migration.sql, context));
      QUAI_SQLITE_PREPARE(record, connection, "INSERT INTO schema_migrations(version, applied_at) VALUES(?1, ?2)");
      const std::string applied_at = FormatUtcTimestamp(clock->Now());
      record->BindInt64(1, migration.version);
      record->BindText(2, applied_at);
      return record->Run(context);
    });
    QUAI_RETURN_IF_ERROR(applied);
  }
  return Status::Ok();
}

}  // namespace quai
