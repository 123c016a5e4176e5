/** Runs: one pass of import, pull, sync, resync or reconcile, with its counts. */
import type { Queryable } from './database.js';

export type RunKind = 'import' | 'sync' | 'resync' | 'reconcile' | 'pull';
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed';

export interface RunRow {
  readonly id: number;
  readonly kind: RunKind;
  readonly source: string | null;
  readonly tenantId: string | null;
  readonly status: RunStatus;
  readonly startedAt: Date;
  readonly finishedAt: Date | null;
  readonly stats: Record<string, unknown>;
  readonly error: string | null;
}

export async function startRun(
  db: Queryable,
  kind: RunKind,
  source?: string,
  tenantId?: string,
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO runs (kind, source, tenant_id) VALUES ($1, $2, $3) RETURNING id',
    [kind, source ?? null, tenantId ?? null],
  );
  return row!.id;
}

export async function finishRun(
  db: Queryable,
  id: number,
  status: Exclude<RunStatus, 'running'>,
  stats: Record<string, unknown>,
  error?: string,
): Promise<void> {
  await db.query(
    'UPDATE runs SET status = $2, stats = $3::jsonb, error = $4, finished_at = now() WHERE id = $1',
    [id, status, JSON.stringify(stats), error ?? null],
  );
}

export async function latestRuns(db: Queryable, limit = 10): Promise<RunRow[]> {
  const rows = await db.query<RunRecord>('SELECT * FROM runs ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map(toRunRow);
}

/** A runs row as the database returns it. */
interface RunRecord {
  id: number;
  kind: RunKind;
  source: string | null;
  tenant_id: string | null;
  status: RunStatus;
  started_at: Date;
  finished_at: Date | null;
  stats: Record<string, unknown>;
  error: string | null;
}

function toRunRow(r: RunRecord): RunRow {
  return {
    id: r.id,
    kind: r.kind,
    source: r.source,
    tenantId: r.tenant_id,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    stats: r.stats,
    error: r.error,
  };
}

/** The latest run of `kind` for `source`, if any (what `ledgerbridge sources` shows). */
export async function latestRunOf(
  db: Queryable,
  source: string,
  kind: RunKind,
): Promise<RunRow | undefined> {
  const rows = await db.query<RunRecord>(
    'SELECT * FROM runs WHERE source = $1 AND kind = $2 ORDER BY id DESC LIMIT 1',
    [source, kind],
  );
  return rows[0] && toRunRow(rows[0]);
}

/**
 * Runs after id `afterId`, oldest first, `limit` of them (keyset on the primary key: one index
 * seek at any depth, docs/api.md).
 */
export async function pageRuns(db: Queryable, afterId: number, limit: number): Promise<RunRow[]> {
  const rows = await db.query<RunRecord>('SELECT * FROM runs WHERE id > $1 ORDER BY id LIMIT $2', [
    afterId,
    limit,
  ]);
  return rows.map(toRunRow);
}

export async function getRun(db: Queryable, id: number): Promise<RunRow | undefined> {
  const rows = await db.query<RunRecord>('SELECT * FROM runs WHERE id = $1', [id]);
  return rows[0] && toRunRow(rows[0]);
}

/**
 * The latest run of each kind per source and organisation (the dashboard's overview): one row per
 * (kind, source, organisation) that has ever run.
 */
export async function latestRunsByTarget(db: Queryable): Promise<RunRow[]> {
  const rows = await db.query<RunRecord>(
    `SELECT DISTINCT ON (kind, source, tenant_id) * FROM runs
     ORDER BY kind, source, tenant_id, id DESC`,
  );
  return rows.map(toRunRow);
}
