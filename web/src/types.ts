// The shapes of docs/api.md that the UI reads.
export type Box = [number, number, number, number];

export interface FieldValue {
  value: string | null;
  confidence?: number;
  page?: number;
  box?: Box;
  evidence?: string;
  corrected?: boolean;
  /** The decision's verdict on this value (the same the queue lists): a person must look at it. */
  doubt?: boolean;
  /** Why: low_confidence or doubted; null when not in doubt. */
  doubt_reason?: string | null;
}

/** One reason a person must look, as a code the desk translates (GET /documents, the queue). */
export interface ReasonCode { code: string; field?: string; finding?: string; text?: string }

export type Severity = 'block' | 'warn' | 'info';

export interface Finding {
  code: string;
  /** "po_number", "lines[2].quantity", "lines[2]", or "" for the whole document. */
  field?: string;
  severity?: Severity;
  blocking?: boolean;
  message: string;
  /** From the ERP checks: the ERP's values the document was judged against. */
  erp?: Record<string, unknown>;
  override_reason?: string;
  overridden_by?: string;
}

export interface PageSize { width: number; height: number }

export interface Doc {
  id: number;
  file: string;
  sha256?: string;
  status: string;
  error?: string | { code?: string; message?: string } | null;
  pages: number;
  document_type: string;
  type_confidence?: number;
  supplier?: { name?: string | null; known?: boolean } | string | null;
  fields: Record<string, FieldValue>;
  lines: Record<string, FieldValue>[];
  findings?: Finding[];
  review_required?: boolean;
  reasons?: string[];
  reason_codes?: ReasonCode[];
  review_reasons?: string[];
  page_sizes?: PageSize[];
  created_at?: string;
  updated_at?: string;
  validated_by?: string | null;
  validated_at?: string | null;
  rejected_reason?: string | null;
  /** "upload", "cli", "folder:NAME", "mail:NAME". */
  source?: string;
  /** A mail's sender, subject, date, message_id, mailbox; a folder's folder, path, modified. */
  origin?: Record<string, unknown>;
}

export interface DocSummary {
  id: number;
  file: string;
  status: string;
  document_type: string | null;
  supplier: string | null;
  po_number?: string | null;
  document_number?: string | null;
  pages: number;
  source?: string;
  review_required?: boolean;
  reasons?: string[];
  reason_codes?: ReasonCode[];
  created_at?: string;
  updated_at?: string;
}

export interface Word { text: string; box: Box; line?: number }
export interface PageWords { page: number; width: number; height: number; words: Word[] }

export interface SchemaField { name: string; type: string; required: boolean; auto_accept: number }
export interface Schema { document_type: string; fields: SchemaField[]; lines: SchemaField[] }

export interface ReviewEvent {
  id: number;
  user: string;
  at: string;
  action: string;
  field?: string | null;
  before?: unknown;
  after?: unknown;
  page?: number | null;
  box?: Box | null;
  reason?: string | null;
}

export interface User { name: string; role: string }
export interface UserSummary { name: string; role: string; created_at?: string; disabled?: boolean }
// GET /api/v1/tokens: an API token as listed (never its secret).
export interface ApiToken { id: number; user: string; label: string; created_at: string; expires_at: string; revoked_at: string }

// GET /api/v1/documents/{id}/orders: the ERP orders a document pairs with.
export interface OrderLine {
  line: number | string;
  article_code: string;
  description?: string;
  unit?: string;
  quantity_ordered: number;
  quantity_received_before: number;
  quantity_open: number;
  this_document: number;
  unit_price?: number;
  currency?: string;
  /** Indexes (from 0) of the document's lines paired with this order line. */
  document_lines: number[];
}
export interface Order { po_number: string; supplier_id?: string; status: string; order_date?: string; lines: OrderLine[] }
export interface DocumentOrders {
  supplier: { supplier_id: string; name: string; paired_by?: string } | null;
  orders: Order[];
  po_numbers_missing: string[];
}

// GET /api/v1/erp (admin).
export type ErpKind = 'files' | 'sql' | 'tryton' | 'rest';
export interface ErpConnection { kind: ErpKind | string; settings: Record<string, string> }
export interface ErpState {
  connection: ErpConnection | null;
  sync: { last_attempt_at?: string | null; last_success_at?: string | null; available?: boolean; last_error?: string | null };
  counts: { suppliers: number; articles: number; orders: number; order_lines: number };
  today?: string;
}
export interface ErpSyncReport {
  complete: boolean;
  seconds: number;
  orders_written: number;
  orders_deleted?: number;
  suppliers_changed?: number;
  articles_changed?: number;
  documents_checked_again: number;
}

// Exports (GET /api/v1/exports/targets and /exports: admin; a document's: everyone who reads).
export type ExportKind = 'tryton' | 'webhook' | 'files';
export type ExportState = 'pending' | 'delivered' | 'dead' | 'superseded';
export interface ExportTarget {
  id: number;
  name: string;
  kind: ExportKind | string;
  /** Secrets come back as "********"; sending that back keeps them. */
  settings: Record<string, string>;
  document_types: string[];
  include_auto_accepted: boolean;
  field_mapping: Record<string, string>;
  max_attempts: number;
  enabled: boolean;
  disabled_reason?: string;
  created_at?: string;
}
export type ExportTargetInput = Omit<ExportTarget, 'id' | 'created_at' | 'disabled_reason'>;
export interface ExportRecord {
  id: number;
  document_id: number;
  version: number;
  target_id: number;
  target: string;
  kind: string;
  key: string;
  state: ExportState | string;
  attempts: number;
  last_error?: string;
  answer?: string;
  external_id?: string;
  created_at?: string;
  updated_at?: string;
  delivered_at?: string | null;
}

// GET /api/v1/documents/{id}/receipt: the accepted versions, the goods receipt of each, the lots.
export type PoLineStatus = 'complete' | 'partial' | 'over_delivered' | '';
export interface ReceiptLine {
  document_line: number;
  po_number: string;
  po_line: string;
  article_code: string;
  supplier_article_code?: string;
  description?: string;
  quantity_delivered?: string;
  unit_delivered?: string;
  quantity?: number | null;
  unit?: string;
  lot_number?: string;
  expiry_date?: string;
  accepted_quantity?: number | null;
  discrepant_quantity?: number | null;
  discrepancy?: string;
  po_line_status?: PoLineStatus | string;
  quantity_ordered?: number | null;
  received_before?: number | null;
  backorder?: number | null;
  certificate_required?: boolean;
}
export interface GoodsReceipt {
  supplier_id?: string;
  supplier_name?: string;
  delivery_note_number?: string;
  delivery_date?: string;
  po_numbers?: string[];
  lines: ReceiptLine[];
}
export interface DocumentVersion {
  version: number;
  source: string;
  accepted_by?: string;
  accepted_at?: string;
  document_type: string;
  receipt: GoodsReceipt | null;
}
export type LotState = 'released' | 'held' | 'awaiting_delivery';
export interface Lot {
  id: number;
  lot_number: string;
  supplier: string;
  article_code: string;
  description?: string;
  expiry_date?: string;
  state: LotState | string;
  hold_reason?: string | null;
  deliveries: number;
  certificates: number;
  updated_at?: string;
}
export interface UnlinkedCertificate { document_id?: number; lot_number: string; article_code: string; po_number: string; reason: string }
export interface DocumentReceipt { versions: DocumentVersion[]; lots: Lot[]; unlinked_certificates: UnlinkedCertificate[] }

// GET /api/v1/lots/{id}.
export interface LotDocument {
  document_id: number;
  file: string;
  role: 'delivery' | 'certificate' | string;
  document_type: string;
  version: number;
  line: number | null;
  po_number: string;
  quantity: string;
  unit: string;
  expiry_date: string;
  linked_at?: string;
}
export interface LotEvent { at: string; action: string; document_id: number | null; detail: string }
export interface SafetyDataSheet { document_id: number; file: string; product_name: string; status: string }
export interface LotPage extends Lot {
  documents: LotDocument[];
  events: LotEvent[];
  orders: string[];
  safety_data_sheets: SafetyDataSheet[];
}

/** A watched folder or mailbox (GET /api/v1/sources): the secret itself is never sent. */
export interface Source {
  name: string;
  kind: string;
  enabled: boolean;
  settings: Record<string, unknown>;
  has_secret: boolean;
  created_at?: string;
  last_run_at?: string | null;
  last_success_at?: string | null;
  documents_taken: number;
  errors: number;
  last_error?: string | null;
}
export interface SourceTest { ok: boolean; lines?: string[]; error?: string }

/** GET /api/v1/dashboard (docs/api.md). */
export interface Distribution { count: number; median: number | null; p90: number | null }
export interface Dashboard {
  window: { days: number; from: string; to: string };
  documents: number;
  per_day: { day: string; source: string; type: string; count: number }[];
  straight_through: { finished: number; without_person: number; rate: number | null };
  to_validation_minutes: Distribution;
  active_review_minutes: Distribution & { total: number };
  corrections: { total: number; by_field: { field: string; count: number }[]; by_supplier: { supplier: string; count: number }[] };
  oldest_waiting: { id: number; file: string; supplier: string | null; created_at: string; waiting_minutes: number | null } | null;
  time_saved: { manual_minutes_per_document: number; documents: number; manual_minutes: number; review_minutes: number; saved_minutes: number };
  drift: { count: number; signals: { id: number; at: string; kind: string; supplier_id: number | null; document_id: number | null }[] };
}
