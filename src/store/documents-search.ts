/**
 * Finding documents (the dashboard's documents page and GET /api/documents): by number, words of
 * the contact's name, status and issue date, a page at a time in primary-key order (a keyset on
 * (source, kind, source_id), so a deep page costs one index seek, docs/api.md).
 *
 * @module
 */
import type { DocumentKey, DocumentKind } from '../ledger/index.js';
import type { Queryable } from './database.js';

export interface DocumentSearch {
  /** The PMS document number, exactly. */
  readonly number?: string | undefined;
  /** The start of words of the contact's name (every word given), any case. */
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
const CONTACT_KEY = `COALESCE(d.content->>'contactId', CASE WHEN d.kind = 'contact' THEN d.source_id END)`;
const DATE = `COALESCE(d.content->>'issueDate', d.content->>'date')`;

const SELECT_SQL = `
SELECT d.source, d.kind, d.source_id, d.entity, d.status,
       d.content->>'number' AS number,
       COALESCE(c.content->>'name', CASE WHEN d.kind = 'contact' THEN d.content->>'name' END) AS contact,
       ${DATE} AS date,
       COALESCE(d.content->>'total', d.content->>'amount') AS total,
       d.content->>'currency' AS currency, d.changed_at, d.deleted_at,
       (SELECT count(*)::int FROM links l WHERE l.source = d.source AND l.kind = d.kind
          AND l.source_id = d.source_id AND l.xero_id IS NOT NULL) AS pushed
FROM documents d
LEFT JOIN documents c ON c.source = d.source AND c.kind = 'contact' AND c.source_id = d.content->>'contactId'`;

/**
 * The WHERE clause of the filters given, and only those: each has its index (migration 0015), so a
 * page costs one range scan whatever the table's size — `($1 IS NULL OR …)` for every filter let
 * PostgreSQL plan for none of them (1.5 s at 1,000,000 documents for a number).
 */
function whereOf(s: DocumentSearch): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const where: string[] = [];
  if (s.number !== undefined)
    where.push(`d.content ? 'number' AND d.content->>'number' = ${p(s.number)}`);
  if (s.contact !== undefined) {
    const query = contactQuery(s.contact);
    where.push(query === undefined ? 'false' : contactClause(p(query)));
  }
  if (s.status !== undefined) where.push(`d.status = ${p(s.status)}`);
  if (s.kind !== undefined) where.push(`d.kind = ${p(s.kind)}`);
  if (s.source !== undefined) where.push(`d.source = ${p(s.source)}`);
  if (s.from !== undefined) where.push(`${DATE} >= ${p(s.from)}`);
  if (s.to !== undefined) where.push(`${DATE} <= ${p(s.to)}`);
  if (s.after)
    where.push(
      `(d.source, d.kind, d.source_id) > (${p(s.after.source)}, ${p(s.after.kind)}, ${p(s.after.sourceId)})`,
    );
  return { where: where.length > 0 ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Documents whose contact has a name word starting with each word searched (GIN index). */
const contactClause = (query: string) => `(d.source, ${CONTACT_KEY}) IN (
  SELECT m.source, m.source_id FROM documents m
  WHERE m.kind = 'contact' AND to_tsvector('simple', m.content->>'name') @@ to_tsquery('simple', ${query}))`;

/**
 * "alex mor" → `alex:* & mor:*`: every word, as a prefix, any case. Only letters and digits reach
 * the query (a quote or `&` typed would otherwise be tsquery syntax); undefined when there is no
 * word at all (matches nothing).
 */
export function contactQuery(term: string): string | undefined {
  const words = term.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length > 0 ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

export async function searchDocuments(
  db: Queryable,
  s: DocumentSearch,
): Promise<DocumentSummary[]> {
  const { where, params } = whereOf(s);
  const rows = await db.query<Row>(
    `${SELECT_SQL}\n${where}\nORDER BY d.source, d.kind, d.source_id LIMIT ${Math.trunc(s.limit)}`,
    params,
  );
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
