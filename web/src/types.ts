// The shapes of docs/api.md that the UI reads.
export type Box = [number, number, number, number];

export interface FieldValue {
  value: string | null;
  confidence?: number;
  page?: number;
  box?: Box;
  evidence?: string;
  corrected?: boolean;
}

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
  review_reasons?: string[];
  page_sizes?: PageSize[];
  created_at?: string;
  updated_at?: string;
  validated_by?: string | null;
  validated_at?: string | null;
  rejected_reason?: string | null;
}

export interface DocSummary {
  id: number;
  file: string;
  status: string;
  document_type: string | null;
  supplier: string | null;
  pages: number;
  review_required?: boolean;
  reasons?: string[];
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
export interface UserSummary { name: string; role: string; created_at?: string }

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
