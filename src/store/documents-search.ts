/**
 * Finding documents (the dashboard's documents page and GET /api/documents): by number, contact
 * name, status and issue date, a page at a time in primary-key order (a keyset on
 * (source, kind, source_id), so a deep page costs one index seek, docs/api.md).
 *
 * @module
 */
import type { DocumentKey, DocumentKind } from '../ledger/index.js';
import type { Queryable } from './database.js';

export interface DocumentSearch {
  /** The PMS document number, exactly. */
  readonly number?: string | undefined;
  /** Part of the contact's name, any case. */
  readonly contact?: string | undefined;
  readonly status?: string | undefined;
  readonly kind?: DocumentKind | undefined;
  readonly source?: string | undefined;
  /** Issue (or payment) dates from, inclusive, YYYY-MM-DD. */
  readonly from?: string | undefined;
  /** Issue (or payment) dates to, inclusive, YYYY-MM-DD. */
  readonly to?: string | undefined;
  /** The key of the last document of the previous page. */
  readonly after?: DocumentKey | undefined;
  readonly limit: number;
}

export interface DocumentSummary extends DocumentKey {
  readonly entity: string;
  readonly status: string;
  readonly number: string | null;
  readonly contact: string | null;
  readonly date: string | null;
  readonly total: string | null;
  readonly currency: string | null;
  readonly changedAt: Date;
  readonly deletedAt: Date | null;
  /** Organisations it has been pushed to. */
  readonly pushed: number;
}

interface Row {
  source: string;
  kind: DocumentKind;
  source_id: string;
  entity: string;
  status: string;
  number: string | null;
  contact: string | null;
  date: string | null;
  total: string | null;
  currency: string | null;
  changed_at: Date;
  deleted_at: Date | null;
  pushed: number;
}

// A document's contact is its own contact document (contactId), or, for a contact, itself.
const SEARCH_SQL = `
SELECT d.source, d.kind, d.source_id, d.entity, d.status,
       d.content->>'number' AS number,
       COALESCE(c.content->>'name', CASE WHEN d.kind = 'contact' THEN d.content->>'name' END) AS contact,
       COALESCE(d.content->>'issueDate', d.content->>'date') AS date,
       COALESCE(d.content->>'total', d.content->>'amount') AS total,
       d.content->>'currency' AS currency, d.changed_at, d.deleted_at,
       (SELECT count(*)::int FROM links l WHERE l.source = d.source AND l.kind = d.kind
          AND l.source_id = d.source_id AND l.xero_id IS NOT NULL) AS pushed
FROM documents d
LEFT JOIN documents c ON c.source = d.source AND c.kind = 'contact' AND c.source_id = d.content->>'contactId'
WHERE ($1::text IS NULL OR d.content->>'number' = $1)
  AND ($2::text IS NULL OR COALESCE(c.content->>'name', CASE WHEN d.kind = 'contact' THEN d.content->>'name' END) ILIKE '%' || $2 || '%')
  AND ($3::text IS NULL OR d.status = $3)
  AND ($4::text IS NULL OR d.kind = $4)
  AND ($5::text IS NULL OR d.source = $5)
  AND ($6::text IS NULL OR COALESCE(d.content->>'issueDate', d.content->>'date') >= $6)
  AND ($7::text IS NULL OR COALESCE(d.content->>'issueDate', d.content->>'date') <= $7)
  AND ($8::text IS NULL OR (d.source, d.kind, d.source_id) > ($8, $9, $10))
ORDER BY d.source, d.kind, d.source_id
LIMIT $11`;

export async function searchDocuments(
  db: Queryable,
  s: DocumentSearch,
): Promise<DocumentSummary[]> {
  const rows = await db.query<Row>(SEARCH_SQL, [
    s.number ?? null,
    s.contact ?? null,
    s.status ?? null,
    s.kind ?? null,
    s.source ?? null,
    s.from ?? null,
    s.to ?? null,
    s.after?.source ?? null,
    s.after?.kind ?? null,
    s.after?.sourceId ?? null,
    s.limit,
  ]);
  return rows.map((r) => ({
    source: r.source,
    kind: r.kind,
    sourceId: r.source_id,
    entity: r.entity,
    status: r.status,
    number: r.number,
    contact: r.contact,
    date: r.date,
    total: r.total,
    currency: r.currency,
    changedAt: r.changed_at,
    deletedAt: r.deleted_at,
    pushed: r.pushed,
  }));
}
