/**
 * Sync errors: one open row per document that cannot be pushed now, with our code and message,
 * Xero's own text, the fix, and what it blocks. A row clears when the document next succeeds.
 * One kind of error is about an entity instead (kind `entity`, the entity's name as id): its
 * documents have no Xero organisation to go to — one row for the entity, not one per document.
 *
 * @module
 */
import type { DocumentKey, DocumentKind } from '../ledger/index.js';
import type { Queryable } from './database.js';

/** The subject of a sync error about an entity, not a document (LB_SYNC_NOT_ROUTED). */
export const ENTITY_SUBJECT = 'entity';
export type SyncErrorKind = DocumentKind | typeof ENTITY_SUBJECT;

export interface SyncErrorInput {
  readonly source: string;
  readonly kind: SyncErrorKind;
  /** The document's id in its source, or the entity's name for an entity's error. */
  readonly sourceId: string;
  readonly tenantId: string | null;
  readonly code: string;
  readonly message: string;
  readonly xeroMessage?: string | null;
  readonly fix: string;
  /** Documents waiting on this one ("payment PAY-9 waits on this invoice"). */
  readonly blocks?: readonly string[];
}

/** An error about one document (every kind but an entity's). */
export type DocumentSyncErrorInput = SyncErrorInput & DocumentKey;

export interface SyncErrorRow extends SyncErrorInput {
  readonly id: number;
  readonly occurrences: number;
  readonly firstSeenAt: Date;
  readonly lastSeenAt: Date;
}

/** Records errors: a document's open error is updated in place (occurrences counted). */
export async function recordSyncErrors(
  db: Queryable,
  errors: readonly SyncErrorInput[],
): Promise<void> {
  if (errors.length === 0) return;
  await db.query(
    `INSERT INTO sync_errors (source, kind, source_id, tenant_id, code, message, xero_message, fix, blocks)
     SELECT source, kind, source_id, tenant_id, code, message, xero_message, fix, COALESCE(blocks, '[]')
     FROM jsonb_to_recordset($1::jsonb) AS x(source text, kind text, source_id text, tenant_id text, code text,
       message text, xero_message text, fix text, blocks jsonb)
     ON CONFLICT (source, kind, source_id) WHERE cleared_at IS NULL DO UPDATE SET tenant_id = excluded.tenant_id,
       code = excluded.code, message = excluded.message, xero_message = excluded.xero_message, fix = excluded.fix,
       blocks = excluded.blocks, occurrences = sync_errors.occurrences + 1, last_seen_at = now()`,
    [
      JSON.stringify(
        dedupe(errors).map((e) => ({
          source: e.source,
          kind: e.kind,
          source_id: e.sourceId,
          tenant_id: e.tenantId,
          code: e.code,
          message: e.message,
          xero_message: e.xeroMessage ?? null,
          fix: e.fix,
          blocks: e.blocks ?? [],
        })),
      ),
    ],
  );
}

/** The last error given for a document wins within one call (ON CONFLICT cannot touch a row twice). */
function dedupe(errors: readonly SyncErrorInput[]): SyncErrorInput[] {
  return [...new Map(errors.map((e) => [`${e.source}\0${e.kind}\0${e.sourceId}`, e])).values()];
}

/** Clears the open errors of documents that have now succeeded (or no longer need pushing). */
export async function clearSyncErrors(db: Queryable, keys: readonly DocumentKey[]): Promise<void> {
  if (keys.length === 0) return;
  await db.query(
    `UPDATE sync_errors e SET cleared_at = now() FROM jsonb_to_recordset($1::jsonb) AS k(source text, kind text, source_id text)
     WHERE e.cleared_at IS NULL AND e.source = k.source AND e.kind = k.kind AND e.source_id = k.source_id`,
    [JSON.stringify(keys.map((k) => ({ source: k.source, kind: k.kind, source_id: k.sourceId })))],
  );
}

/**
 * Errors that describe Xero holding something other than the PMS on purpose, not a push that
 * failed: they stay open while the document's pushed version is current.
 */
export const XERO_SIDE_CODES = ['LB_SYNC_XERO_EDIT', 'LB_SYNC_DUPLICATE_PAYMENT'] as const;

/**
 * Whether an organisation has an open error a pass may clear by trying again (a refusal, a
 * document waiting on another): not those of XERO_SIDE_CODES, which wait on the PMS. One probe
 * of sync_errors_open_by_tenant.
 */
export async function hasRetryableErrors(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM sync_errors WHERE cleared_at IS NULL AND tenant_id = $1 AND code <> ALL($2::text[]) LIMIT 1',
    [tenantId, [...XERO_SIDE_CODES]],
  );
  return rows.length > 0;
}

/**
 * Clears the open errors of an organisation's documents whose current version is settled there
 * (pushed and confirmed by Xero, or deliberately removed): such an error was left by a push that
 * lost to another one of the same version, and nothing would ever clear it (issue 15: 60 false
 * "Payments can only be made against Authorised documents" survived every later pass). Returns
 * how many were cleared.
 */
export async function clearErrorsOfSettledDocuments(
  db: Queryable,
  tenantId: string,
  source: string,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `UPDATE sync_errors e SET cleared_at = now()
     FROM links l JOIN documents d ON d.source = l.source AND d.kind = l.kind AND d.source_id = l.source_id
     WHERE e.cleared_at IS NULL AND e.tenant_id = $1 AND e.source = $2 AND e.code <> ALL($3::text[])
       AND l.tenant_id = $1 AND l.source = e.source AND l.kind = e.kind AND l.source_id = e.source_id
       AND l.pushed_hash = d.hash
     RETURNING e.id`,
    [tenantId, source, [...XERO_SIDE_CODES]],
  );
  return rows.length;
}

/** The documents among errors (an entity's error is about no one document). */
export function documentsOf(errors: readonly SyncErrorRow[]): DocumentKey[] {
  return errors.flatMap((e) =>
    e.kind === ENTITY_SUBJECT ? [] : [{ source: e.source, kind: e.kind, sourceId: e.sourceId }],
  );
}

/**
 * Clears the open "not routed" errors of entities not in `still` (routed since, or with no live
 * documents left); with `only`, of that one entity alone (it has just been routed).
 */
export async function clearNotRoutedErrors(
  db: Queryable,
  still: readonly { source: string; entity: string }[],
  only?: { source: string; entity: string },
): Promise<void> {
  await db.query(
    `UPDATE sync_errors SET cleared_at = now()
     WHERE cleared_at IS NULL AND kind = $1 AND code = 'LB_SYNC_NOT_ROUTED'
       AND ($3::text IS NULL OR (source = $3 AND source_id = $4))
       AND NOT EXISTS (SELECT 1 FROM jsonb_to_recordset($2::jsonb) AS k(source text, entity text)
                       WHERE k.source = sync_errors.source AND k.entity = sync_errors.source_id)`,
    [
      ENTITY_SUBJECT,
      JSON.stringify(still.map((e) => ({ source: e.source, entity: e.entity }))),
      only?.source ?? null,
      only?.entity ?? null,
    ],
  );
}

interface Row {
  id: number;
  source: string;
  kind: SyncErrorKind;
  source_id: string;
  tenant_id: string | null;
  code: string;
  message: string;
  xero_message: string | null;
  fix: string;
  blocks: string[];
  occurrences: number;
  first_seen_at: Date;
  last_seen_at: Date;
}

export async function listOpenSyncErrors(
  db: Queryable,
  filter: { id?: number; tenantId?: string } = {},
): Promise<SyncErrorRow[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM sync_errors WHERE cleared_at IS NULL AND ($1::bigint IS NULL OR id = $1)
       AND ($2::text IS NULL OR tenant_id = $2) ORDER BY code, source, kind, source_id`,
    [filter.id ?? null, filter.tenantId ?? null],
  );
  return rows.map(toSyncErrorRow);
}

/**
 * Open sync errors after id `afterId`, by id, optionally of one code or organisation (keyset on
 * the primary key, docs/api.md).
 */
export async function pageOpenSyncErrors(
  db: Queryable,
  page: {
    afterId: number;
    limit: number;
    code?: string | undefined;
    tenantId?: string | undefined;
  },
): Promise<SyncErrorRow[]> {
  const rows = await db.query<Row>(
    `SELECT * FROM sync_errors WHERE cleared_at IS NULL AND id > $1
       AND ($2::text IS NULL OR code = $2) AND ($3::text IS NULL OR tenant_id = $3)
     ORDER BY id LIMIT $4`,
    [page.afterId, page.code ?? null, page.tenantId ?? null, page.limit],
  );
  return rows.map(toSyncErrorRow);
}

/** How many open sync errors each code has (the API's grouping). */
export async function countOpenSyncErrorsByCode(
  db: Queryable,
  tenantId?: string,
): Promise<{ code: string; count: number }[]> {
  const rows = await db.query<{ code: string; count: string | number }>(
    `SELECT code, count(*) AS count FROM sync_errors WHERE cleared_at IS NULL
       AND ($1::text IS NULL OR tenant_id = $1) GROUP BY code ORDER BY code`,
    [tenantId ?? null],
  );
  return rows.map((r) => ({ code: r.code, count: Number(r.count) }));
}

function toSyncErrorRow(r: Row): SyncErrorRow {
  return {
    id: r.id,
    source: r.source,
    kind: r.kind,
    sourceId: r.source_id,
    tenantId: r.tenant_id,
    code: r.code,
    message: r.message,
    xeroMessage: r.xero_message,
    fix: r.fix,
    blocks: r.blocks,
    occurrences: r.occurrences,
    firstSeenAt: r.first_seen_at,
    lastSeenAt: r.last_seen_at,
  };
}

/** How many open sync errors each source has in each organisation (the dashboard's overview). */
export async function countOpenSyncErrorsByTarget(
  db: Queryable,
): Promise<{ source: string; tenantId: string | null; count: number }[]> {
  const rows = await db.query<{ source: string; tenant_id: string | null; count: string | number }>(
    `SELECT source, tenant_id, count(*) AS count FROM sync_errors WHERE cleared_at IS NULL
     GROUP BY source, tenant_id ORDER BY source, tenant_id`,
  );
  return rows.map((r) => ({ source: r.source, tenantId: r.tenant_id, count: Number(r.count) }));
}

/** A document's open sync errors. */
export async function openSyncErrorsOf(db: Queryable, key: DocumentKey): Promise<SyncErrorRow[]> {
  const rows = await db.query<Row>(
    'SELECT * FROM sync_errors WHERE cleared_at IS NULL AND source = $1 AND kind = $2 AND source_id = $3',
    [key.source, key.kind, key.sourceId],
  );
  return rows.map(toSyncErrorRow);
}
