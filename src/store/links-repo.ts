/**
 * Links: a document's Xero counterpart in one organisation — Xero id and number, the version
 * pushed, when, whether it is locked, and per-kind state (a payment's Xero payment id, a credit
 * note's allocation ids, an invoice's Xero line ids).
 *
 * @module
 */
import type { DocumentKey, DocumentKind } from '../ledger/index.js';
import type { Queryable } from './database.js';

export interface Link extends DocumentKey {
  readonly tenantId: string;
  readonly xeroId: string | null;
  readonly xeroNumber: string | null;
  readonly pushedHash: string | null;
  readonly pushedAt: Date | null;
  readonly locked: boolean;
  readonly state: Readonly<Record<string, unknown>>;
}

interface LinkRow {
  source: string;
  kind: DocumentKind;
  source_id: string;
  tenant_id: string;
  xero_id: string | null;
  xero_number: string | null;
  pushed_hash: string | null;
  pushed_at: Date | null;
  locked: boolean;
  state: Record<string, unknown>;
}

const toLink = (r: LinkRow): Link => ({
  source: r.source,
  kind: r.kind,
  sourceId: r.source_id,
  tenantId: r.tenant_id,
  xeroId: r.xero_id,
  xeroNumber: r.xero_number,
  pushedHash: r.pushed_hash,
  pushedAt: r.pushed_at,
  locked: r.locked,
  state: r.state,
});

export interface LinkWrite extends DocumentKey {
  readonly tenantId: string;
  readonly xeroId: string | null;
  readonly xeroNumber?: string | null;
  readonly pushedHash: string | null;
  readonly state?: Record<string, unknown>;
}

/** Writes links after a push (one statement for a whole batch). */
export async function saveLinks(db: Queryable, links: readonly LinkWrite[]): Promise<void> {
  if (links.length === 0) return;
  await db.query(
    `INSERT INTO links (source, kind, source_id, tenant_id, xero_id, xero_number, pushed_hash, pushed_at, locked, state)
     SELECT source, kind, source_id, tenant_id, xero_id, xero_number, pushed_hash, now(), true, COALESCE(state, '{}')
     FROM jsonb_to_recordset($1::jsonb) AS x(source text, kind text, source_id text, tenant_id text, xero_id text,
       xero_number text, pushed_hash text, state jsonb)
     ON CONFLICT (source, kind, source_id, tenant_id) DO UPDATE SET xero_id = excluded.xero_id,
       xero_number = COALESCE(excluded.xero_number, links.xero_number), pushed_hash = excluded.pushed_hash,
       pushed_at = now(), locked = true, state = excluded.state`,
    [
      JSON.stringify(
        links.map((l) => ({
          source: l.source,
          kind: l.kind,
          source_id: l.sourceId,
          tenant_id: l.tenantId,
          xero_id: l.xeroId,
          xero_number: l.xeroNumber ?? null,
          pushed_hash: l.pushedHash,
          state: l.state ?? {},
        })),
      ),
    ],
  );
}

export async function getLink(
  db: Queryable,
  key: DocumentKey,
  tenantId: string,
): Promise<Link | undefined> {
  const [row] = await db.query<LinkRow>(
    'SELECT * FROM links WHERE source = $1 AND kind = $2 AND source_id = $3 AND tenant_id = $4',
    [key.source, key.kind, key.sourceId, tenantId],
  );
  return row && toLink(row);
}

/** Links for many documents of one kind, keyed by source id. */
export async function getLinks(
  db: Queryable,
  source: string,
  kind: DocumentKind,
  sourceIds: readonly string[],
  tenantId: string,
): Promise<Map<string, Link>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await db.query<LinkRow>(
    'SELECT * FROM links WHERE source = $1 AND kind = $2 AND tenant_id = $3 AND source_id = ANY($4::text[])',
    [source, kind, tenantId, sourceIds],
  );
  return new Map(rows.map((r) => [r.source_id, toLink(r)]));
}

export async function deleteLink(db: Queryable, key: DocumentKey, tenantId: string): Promise<void> {
  await db.query(
    'DELETE FROM links WHERE source = $1 AND kind = $2 AND source_id = $3 AND tenant_id = $4',
    [key.source, key.kind, key.sourceId, tenantId],
  );
}

/** Forgets a document's links that never reached Xero (no Xero id), so it is planned afresh. */
export async function deleteUnpushedLinks(db: Queryable, key: DocumentKey): Promise<void> {
  await db.query(
    'DELETE FROM links WHERE source = $1 AND kind = $2 AND source_id = $3 AND xero_id IS NULL',
    [key.source, key.kind, key.sourceId],
  );
}

/** "Unlock & re-push": the next run pushes the document even if its version is unchanged. */
export async function unlockLink(db: Queryable, key: DocumentKey): Promise<number> {
  const rows = await db.query<{ n: number }>(
    'WITH u AS (UPDATE links SET locked = false, pushed_hash = NULL WHERE source = $1 AND kind = $2 AND source_id = $3 RETURNING 1) SELECT count(*)::int AS n FROM u',
    [key.source, key.kind, key.sourceId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Every contact pushed from `source` (all sources when undefined) planned again by the next pass:
 * a setting that changes how a contact looks in Xero (privacy mode, the id in the name) reaches
 * the contacts already there, not only those the PMS changes next.
 */
export async function replanPushedContacts(db: Queryable, source?: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "WITH u AS (UPDATE links SET pushed_hash = NULL WHERE kind = 'contact' AND xero_id IS NOT NULL AND ($1::text IS NULL OR source = $1) RETURNING 1) SELECT count(*)::int AS n FROM u",
    [source ?? null],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Marks a linked document for the next pass (`reconcile fix`): `state` is merged into its link's,
 * and its Xero id becomes `xeroId` where Xero now holds the document under another id (a payment
 * entered again in Xero, reconcile/reentered.ts), so the pass replaces that one.
 */
export async function markLink(
  db: Queryable,
  key: DocumentKey,
  tenantId: string,
  mark: { readonly state: Readonly<Record<string, unknown>>; readonly xeroId?: string },
): Promise<void> {
  await db.query(
    'UPDATE links SET state = state || $5::jsonb, xero_id = COALESCE($6, xero_id) WHERE source = $1 AND kind = $2 AND source_id = $3 AND tenant_id = $4',
    [key.source, key.kind, key.sourceId, tenantId, JSON.stringify(mark.state), mark.xeroId ?? null],
  );
}

/**
 * Forgets the remembered skips and refusals of these documents (links without a Xero id), so
 * the next pass plans them again with today's mappings and settings (`retry`, POST
 * /api/sync-errors/…/retry). Pushed documents keep their links.
 */
export async function forgetSkips(db: Queryable, keys: readonly DocumentKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    `DELETE FROM links l USING jsonb_to_recordset($1::jsonb) AS k(source text, kind text, source_id text)
     WHERE l.source = k.source AND l.kind = k.kind AND l.source_id = k.source_id AND l.xero_id IS NULL`,
    [JSON.stringify(keys.map((k) => ({ source: k.source, kind: k.kind, source_id: k.sourceId })))],
  );
}

/** Past this many, the overview says "10,000+" instead of counting on (issue 19). */
export const PUSHED_COUNT_BOUND = 10_000;

/**
 * How many documents each source has pushed to each organisation (links with a Xero id), counted
 * up to `bound`: `more` when there are more. Counting every link read ~1,000,000 index entries on
 * each overview (~250 ms at 1,000,000 documents); a bounded count reads at most `bound` + 1 per
 * pair from links_pushed_by_target (migration 0016).
 */
export async function countPushedByTarget(
  db: Queryable,
  bound = PUSHED_COUNT_BOUND,
): Promise<{ source: string; tenantId: string; count: number; more: boolean }[]> {
  const rows = await db.query<{ source: string; tenant_id: string; count: string | number }>(
    `SELECT s.name AS source, o.tenant_id, x.count
     FROM sources s CROSS JOIN organisations o
     CROSS JOIN LATERAL (
       SELECT count(*) AS count FROM (
         SELECT 1 FROM links l WHERE l.source = s.name AND l.tenant_id = o.tenant_id
           AND l.xero_id IS NOT NULL LIMIT $1) b) x
     WHERE x.count > 0 ORDER BY s.name, o.tenant_id`,
    [bound + 1],
  );
  return rows.map((r) => ({
    source: r.source,
    tenantId: r.tenant_id,
    count: Math.min(Number(r.count), bound),
    more: Number(r.count) > bound,
  }));
}

/** A document's links in every organisation. */
export async function linksOfDocument(db: Queryable, key: DocumentKey): Promise<Link[]> {
  const rows = await db.query<LinkRow>(
    'SELECT * FROM links WHERE source = $1 AND kind = $2 AND source_id = $3 ORDER BY tenant_id',
    [key.source, key.kind, key.sourceId],
  );
  return rows.map(toLink);
}

/** The Xero ids of these documents (for links into Xero), keyed `source\0kind\0sourceId\0tenantId`. */
export async function xeroIdsOf(
  db: Queryable,
  keys: readonly DocumentKey[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db.query<LinkRow>(
    `SELECT l.* FROM links l JOIN jsonb_to_recordset($1::jsonb) AS k(source text, kind text, source_id text)
       ON l.source = k.source AND l.kind = k.kind AND l.source_id = k.source_id
     WHERE l.xero_id IS NOT NULL`,
    [JSON.stringify(keys.map((k) => ({ source: k.source, kind: k.kind, source_id: k.sourceId })))],
  );
  return new Map(rows.map((r) => [linkKey(toLink(r), r.tenant_id), r.xero_id!]));
}

/**
 * Which of these Xero ids are linked to a document of `kind` in the organisation, with when each
 * was last pushed and whether it was matched to a record already in Xero (one probe of
 * links_by_xero_id per id).
 */
export async function linkedXeroIds(
  db: Queryable,
  tenantId: string,
  kind: DocumentKind,
  xeroIds: readonly string[],
): Promise<Map<string, { pushedAt: Date | null; matched: boolean }>> {
  if (xeroIds.length === 0) return new Map();
  const rows = await db.query<{ xero_id: string; pushed_at: Date | null; matched: boolean }>(
    `SELECT xero_id, pushed_at, COALESCE((state->>'matched')::boolean, false) AS matched FROM links
     WHERE tenant_id = $1 AND kind = $2 AND xero_id = ANY($3::text[])`,
    [tenantId, kind, [...xeroIds]],
  );
  return new Map(rows.map((r) => [r.xero_id, { pushedAt: r.pushed_at, matched: r.matched }]));
}

export const linkKey = (key: DocumentKey, tenantId: string | null): string =>
  `${key.source}\0${key.kind}\0${key.sourceId}\0${tenantId ?? ''}`;
