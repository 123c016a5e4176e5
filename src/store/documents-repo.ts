/**
 * Document snapshots. One statement upserts a whole page and classifies every row, the way
 * Nango's records store does (engineering-anchors §1.1): `inserted`, `changed`, `undeleted` or
 * `unchanged`. Only a changed hash moves `changed_at` and `change_seq`, so an unchanged
 * re-import costs no planning.
 *
 * @module
 */
import type {
  DocumentKey,
  DocumentKind,
  LedgerDocument,
  VersionedDocument,
} from '../ledger/index.js';
import type { Queryable } from './database.js';

export type UpsertOutcome = 'inserted' | 'changed' | 'undeleted' | 'unchanged';

export interface UpsertResult extends DocumentKey {
  readonly outcome: UpsertOutcome;
}

export interface StoredDocument {
  readonly document: LedgerDocument;
  readonly hash: string;
  readonly changeSeq: number;
  readonly deletedAt: Date | null;
}

/**
 * What an upsert does to a stored document, shared by every writer of `documents` (also
 * documents-bulk.ts): only a changed hash or a return from deletion moves `changed_at` and
 * `change_seq`, which is what the sync's candidate query follows.
 */
export const ON_CONFLICT_UPDATE = `ON CONFLICT (source, kind, source_id) DO UPDATE SET
    last_seen_at = now(),
    entity = excluded.entity,
    status = excluded.status,
    hash = excluded.hash,
    content = excluded.content,
    source_updated_at = excluded.source_updated_at,
    deleted_at = NULL,
    changed_at = CASE WHEN d.hash <> excluded.hash OR d.deleted_at IS NOT NULL THEN now() ELSE d.changed_at END,
    change_seq = CASE WHEN d.hash <> excluded.hash OR d.deleted_at IS NOT NULL
                      THEN nextval('document_change_seq') ELSE d.change_seq END`;

/** How an upserted row compares with `p`, its stored row before the statement (if any). */
export const outcomeComparedWith = (incoming: string) => `
  CASE WHEN p.source_id IS NULL THEN 'inserted'
       WHEN p.deleted_at IS NOT NULL THEN 'undeleted'
       WHEN p.hash <> ${incoming}.hash THEN 'changed'
       ELSE 'unchanged' END`;

const UPSERT_SQL = `
WITH incoming AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(
    source text, kind text, source_id text, entity text, status text, hash text,
    content jsonb, source_updated_at timestamptz)
), previous AS (
  SELECT d.source, d.kind, d.source_id, d.hash, d.deleted_at
  FROM documents d JOIN incoming i USING (source, kind, source_id)
), written AS (
  INSERT INTO documents AS d (source, kind, source_id, entity, status, hash, content, source_updated_at)
  SELECT source, kind, source_id, entity, status, hash, content, source_updated_at FROM incoming
  ${ON_CONFLICT_UPDATE}
  RETURNING 1
)
SELECT i.source, i.kind, i.source_id, ${outcomeComparedWith('i')} AS outcome
FROM incoming i LEFT JOIN previous p USING (source, kind, source_id)`;
// "written" runs exactly once even though the outer SELECT does not read it (PostgreSQL runs
// data-modifying WITH statements to completion), and "previous" sees the rows as they were.

/** Upserts one page of validated documents (keys must be unique within the page). */
export async function upsertDocuments(
  db: Queryable,
  page: readonly VersionedDocument[],
): Promise<UpsertResult[]> {
  if (page.length === 0) return [];
  const rows = page.map(({ document, hash }) => ({
    source: document.source,
    kind: document.kind,
    source_id: document.sourceId,
    entity: document.entity,
    status: document.status,
    hash,
    content: document,
    source_updated_at: document.updatedAt,
  }));
  const result = await db.query<{
    source: string;
    kind: DocumentKind;
    source_id: string;
    outcome: UpsertOutcome;
  }>(UPSERT_SQL, [JSON.stringify(rows)]);
  return result.map((r) => ({
    source: r.source,
    kind: r.kind,
    sourceId: r.source_id,
    outcome: r.outcome,
  }));
}

/**
 * The newest change of any document (its `change_seq`, as text: a bigint), "0" when there is
 * none: one probe of documents_by_change.
 */
export async function latestChangeSeq(db: Queryable): Promise<string> {
  const [row] = await db.query<{ seq: string | null }>(
    'SELECT max(change_seq)::text AS seq FROM documents',
  );
  return row?.seq ?? '0';
}

/** Marks documents deleted (they stay, with their links, for the planner to act on). */
export async function markDocumentsDeleted(
  db: Queryable,
  keys: readonly DocumentKey[],
): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await db.query<{ n: number }>(
    `WITH k AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(source text, kind text, source_id text)),
     u AS (UPDATE documents d SET deleted_at = now(), changed_at = now(), change_seq = nextval('document_change_seq')
           FROM k WHERE d.source = k.source AND d.kind = k.kind AND d.source_id = k.source_id AND d.deleted_at IS NULL
           RETURNING 1)
     SELECT count(*)::int AS n FROM u`,
    [JSON.stringify(keys.map((k) => ({ source: k.source, kind: k.kind, source_id: k.sourceId })))],
  );
  return rows[0]?.n ?? 0;
}

export interface Listing {
  readonly kind: string;
  /** Only documents whose source id starts with this (one receipt's payments: "812-"). */
  readonly within?: string;
  readonly sourceIds: readonly string[];
}

/**
 * `source`'s live documents that a listing of their kind (and prefix) does not name: what a PMS
 * no longer has, when each listing is complete (a full pull of a PMS with no deleted list; the
 * allocations a receipt has now). One statement for all of a page's listings.
 */
export async function liveNotListed(
  db: Queryable,
  source: string,
  listings: readonly Listing[],
): Promise<{ kind: string; sourceId: string }[]> {
  if (listings.length === 0) return [];
  const rows = await db.query<{ kind: string; source_id: string }>(
    `WITH l AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(kind text, within text, ids jsonb))
     SELECT DISTINCT d.kind, d.source_id FROM documents d JOIN l ON d.kind = l.kind
     WHERE d.source = $1 AND d.deleted_at IS NULL
       AND (l.within IS NULL OR left(d.source_id, length(l.within)) = l.within)
       AND NOT (l.ids ? d.source_id)
     ORDER BY d.kind, d.source_id`,
    [
      source,
      JSON.stringify(listings.map((l) => ({ kind: l.kind, within: l.within, ids: l.sourceIds }))),
    ],
  );
  return rows.map((r) => ({ kind: r.kind, sourceId: r.source_id }));
}

/**
 * What the store holds of each key (its hash, and whether it is deleted), by `kind/sourceId`. One
 * primary-key probe per key (LATERAL … LIMIT 1), as documents-bulk.ts reads previous versions: a
 * plain join let PGlite, whose statistics are always stale, scan the whole table instead.
 */
export async function storedStates(
  db: Queryable,
  source: string,
  keys: readonly { kind: string; sourceId: string }[],
): Promise<Map<string, { hash: string; deleted: boolean }>> {
  if (keys.length === 0) return new Map();
  const rows = await db.query<{ kind: string; source_id: string; hash: string; deleted: boolean }>(
    `SELECT d.kind, d.source_id, d.hash, d.deleted FROM jsonb_array_elements($2::jsonb) AS e
     CROSS JOIN LATERAL (
       SELECT kind, source_id, hash, deleted_at IS NOT NULL AS deleted FROM documents
       WHERE source = $1 AND kind = e->>0 AND source_id = e->>1 LIMIT 1) d`,
    [source, JSON.stringify(keys.map((k) => [k.kind, k.sourceId]))],
  );
  return new Map(
    rows.map((r) => [`${r.kind}/${r.source_id}`, { hash: r.hash, deleted: r.deleted }]),
  );
}

/** One document by key, deleted or not. */
export async function getDocument(
  db: Queryable,
  key: DocumentKey,
): Promise<StoredDocument | undefined> {
  const [row] = await db.query<{
    content: LedgerDocument;
    hash: string;
    change_seq: number;
    deleted_at: Date | null;
  }>(
    'SELECT content, hash, change_seq, deleted_at FROM documents WHERE source = $1 AND kind = $2 AND source_id = $3',
    [key.source, key.kind, key.sourceId],
  );
  return (
    row && {
      document: row.content,
      hash: row.hash,
      changeSeq: row.change_seq,
      deletedAt: row.deleted_at,
    }
  );
}

/**
 * Streams documents in change order after `afterSeq`, a page at a time (keyset pagination), so
 * a million documents never sit in memory at once.
 */
export async function* streamDocumentsByChange(
  db: Queryable,
  options: { afterSeq?: number; source?: string; pageSize?: number } = {},
): AsyncGenerator<StoredDocument[]> {
  let after = options.afterSeq ?? 0;
  const pageSize = options.pageSize ?? 1_000;
  for (;;) {
    const rows = await db.query<{
      content: LedgerDocument;
      hash: string;
      change_seq: number;
      deleted_at: Date | null;
    }>(
      `SELECT content, hash, change_seq, deleted_at FROM documents
       WHERE change_seq > $1 AND ($2::text IS NULL OR source = $2)
       ORDER BY change_seq LIMIT $3`,
      [after, options.source ?? null, pageSize],
    );
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      document: r.content,
      hash: r.hash,
      changeSeq: r.change_seq,
      deletedAt: r.deleted_at,
    }));
    after = rows[rows.length - 1]!.change_seq;
    if (rows.length < pageSize) return;
  }
}

/**
 * Documents of these entities changed after `afterSeq`, counted up to `cap` (the overview's
 * bounded count): read from the change index, so a check's handful of later changes costs little.
 */
export async function countChangedSince(
  db: Queryable,
  scope: { source: string; entities: readonly string[]; afterSeq: number },
  cap: number,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM documents
       WHERE change_seq > $1 AND source = $2 AND entity = ANY($3::text[]) LIMIT $4) x`,
    [scope.afterSeq, scope.source, scope.entities, cap],
  );
  return row?.n ?? 0;
}
