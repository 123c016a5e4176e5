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

const DATE = `COALESCE(d.content->>'issueDate', d.content->>'date')`;

const selectFrom = (from: string) => `
SELECT d.source, d.kind, d.source_id, d.entity, d.status,
       d.content->>'number' AS number,
       COALESCE(c.content->>'name', CASE WHEN d.kind = 'contact' THEN d.content->>'name' END) AS contact,
       ${DATE} AS date,
       COALESCE(d.content->>'total', d.content->>'amount') AS total,
       d.content->>'currency' AS currency, d.changed_at, d.deleted_at,
       (SELECT count(*)::int FROM links l WHERE l.source = d.source AND l.kind = d.kind
          AND l.source_id = d.source_id AND l.xero_id IS NOT NULL) AS pushed
FROM ${from}
LEFT JOIN documents c ON c.source = d.source AND c.kind = 'contact' AND c.source_id = d.content->>'contactId'`;

const ORDER = 'ORDER BY d.source, d.kind, d.source_id';

/**
 * Documents whose contact matches are looked for first among the next WALK_WINDOW documents in key
 * order, each one's contact probed by its key: a common name ("Priya", one contact in ten) fills a
 * page within a few hundred (4-20 ms at 1,000,000 documents). When the window holds less than a
 * page the name is rare enough to start from: its contacts (GIN) and their documents' keys
 * (documents_by_contact: narrow, so each is read from the table), sorted, then the page's rows. Measured on the bench's
 * 1,000,000 documents, load 8 on 2 cores: "Priya Kelly" (833 contacts, 6,664 documents) 35 ms
 * from the contacts, 270 ms for "Priya" (10,000 contacts) — hence the walk first; a window of
 * 5,000 cost ~45 ms when nothing matched, 2,000 about 18 ms.
 */
const WALK_WINDOW = 2_000;

type ContactPlan = 'walk' | 'drive';

/**
 * The statement for the filters given, and only those: each has its index (migration 0016), so a
 * page costs one range scan whatever the table's size — `($1 IS NULL OR …)` for every filter let
 * PostgreSQL plan for none of them (5.9 s at 1,000,000 documents for a number).
 */
function statementOf(s: DocumentSearch, plan: ContactPlan): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const p = (value: unknown) => `$${params.push(value)}`;
  const filters: string[] = [];
  if (s.number !== undefined) filters.push(`d.content->>'number' = ${p(s.number)}`);
  if (s.status !== undefined) filters.push(`d.status = ${p(s.status)}`);
  if (s.kind !== undefined) filters.push(`d.kind = ${p(s.kind)}`);
  if (s.source !== undefined) filters.push(`d.source = ${p(s.source)}`);
  if (s.from !== undefined) filters.push(`${DATE} >= ${p(s.from)}`);
  if (s.to !== undefined) filters.push(`${DATE} <= ${p(s.to)}`);
  if (s.after)
    filters.push(
      `(d.source, d.kind, d.source_id) > (${p(s.after.source)}, ${p(s.after.kind)}, ${p(s.after.sourceId)})`,
    );
  const limit = `LIMIT ${p(s.limit)}`;
  const query = s.contact === undefined ? undefined : contactQuery(s.contact);
  if (s.contact !== undefined && query === undefined) filters.push('false');
  if (query === undefined)
    return { sql: `${selectFrom('documents d')} ${where(filters)} ${ORDER} ${limit}`, params };
  if (plan === 'drive') {
    // The page's keys first, then only their rows.
    const keys = `(SELECT d.source, d.kind, d.source_id FROM documents d
      ${where([...filters, contactIn(p(query))])} ${ORDER} ${limit}) k`;
    return {
      sql: `${selectFrom(`${keys} JOIN documents d USING (source, kind, source_id)`)} ${ORDER}`,
      params,
    };
  }
  const window = `(SELECT * FROM documents d ${where(filters)} ${ORDER} LIMIT ${WALK_WINDOW}) d`;
  return {
    sql: `${selectFrom(window)} ${where([contactProbe(p(query))])} ${ORDER} ${limit}`,
    params,
  };
}

const where = (clauses: readonly string[]) =>
  clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';

const NAME_MATCHES = (query: string) =>
  `to_tsvector('simple', m.content->>'name') @@ to_tsquery('simple', ${query})`;

/**
 * The contacts whose name matches (GIN, documents_contact_words), then their documents. A
 * document's contact is its contactId, or, for a contact, itself: the stored column contact_key
 * (migration 0016).
 */
const contactIn = (query: string) => `(d.source, d.contact_key) IN (
  SELECT m.source, m.source_id FROM documents m WHERE m.kind = 'contact' AND ${NAME_MATCHES(query)})`;

/** This document's contact, by key, has a matching name (a scalar subquery: never a join). */
const contactProbe = (query: string) => `(SELECT ${NAME_MATCHES(query)} FROM documents m
  WHERE m.source = d.source AND m.kind = 'contact' AND m.source_id = d.contact_key) IS TRUE`;

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
  const run = async (plan: ContactPlan) => {
    const { sql, params } = statementOf(s, plan);
    return db.query<Row>(sql, params);
  };
  let rows = s.contact === undefined ? [] : await run('walk');
  if (rows.length < s.limit) rows = await run('drive');
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
