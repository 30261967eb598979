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

export interface Finding {
  code: string;
  field?: string;
  blocking?: boolean;
  message: string;
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
