/** Runs: one pass of import, pull, sync, resync or reconcile, with its counts. */
import type { Queryable } from './database.js';

export type RunKind = 'import' | 'sync' | 'resync' | 'reconcile' | 'pull';
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';

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

/**
 * Closes the organisation's `kind` runs still marked running as interrupted. Only a caller holding
 * the organisation's lock may: the lock proves no pass of it is alive anywhere, so a run still
 * `running` belongs to a process that died mid-pass (SIGKILL, power cut). Gives how many.
 */
export async function interruptOrphanedRuns(
  db: Queryable,
  kind: RunKind,
  tenantId: string,
): Promise<number> {
  const rows = await db.query<{ id: number }>(
    `UPDATE runs SET status = 'interrupted', finished_at = now(),
       error = 'The process running this pass stopped before it finished (killed or lost); the next pass took over'
     WHERE kind = $1 AND tenant_id = $2 AND status = 'running' RETURNING id`,
    [kind, tenantId],
  );
  return rows.length;
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

/** The last run and the last one that finished well, per kind and source or organisation. */
export interface LastRuns {
  readonly kind: RunKind;
  readonly source: string | null;
  readonly tenantId: string | null;
  /** When the last succeeded or partial run finished; null if none has. */
  readonly lastOkAt: Date | null;
  readonly lastStatus: RunStatus;
}

/**
 * One row per (kind, source, organisation): what lag is measured from (`status`, `/metrics`).
 * One pass over runs, grouped: ~200 ms at 200,000 runs was not measured, only estimated from
 * PostgreSQL's sequential-scan rate; a run-pruning job keeps the table short (not built yet).
 */
export async function lastRunsByTarget(db: Queryable): Promise<LastRuns[]> {
  const rows = await db.query<{
    kind: RunKind;
    source: string | null;
    tenant_id: string | null;
    last_ok_at: Date | string | null;
    last_status: RunStatus;
  }>(
    `SELECT kind, source, tenant_id,
       max(finished_at) FILTER (WHERE status IN ('succeeded', 'partial')) AS last_ok_at,
       (array_agg(status ORDER BY id DESC))[1] AS last_status
     FROM runs GROUP BY kind, source, tenant_id`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    source: r.source,
    tenantId: r.tenant_id,
    lastOkAt: r.last_ok_at === null ? null : new Date(r.last_ok_at),
    lastStatus: r.last_status,
  }));
}

/** Runs counted by kind and outcome (`/metrics`). */
export async function countRunsByOutcome(
  db: Queryable,
): Promise<{ kind: RunKind; status: RunStatus; count: number }[]> {
  const rows = await db.query<{ kind: RunKind; status: RunStatus; count: number | string }>(
    'SELECT kind, status, count(*) AS count FROM runs GROUP BY kind, status ORDER BY kind, status',
  );
  return rows.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) }));
}

/**
 * The latest run of each kind per source and organisation (the dashboard's overview): one row per
 * (kind, source, organisation) that has ever run. A skip scan over runs_by_target (migration
 * 0016): one index probe per target found and one for its latest run, so the overview reads a few
 * dozen index entries, not every run (DISTINCT ON sorted all ~35,000 of 60 days' runs, ~40 ms).
 * NULL source or organisation are compared as '' (a loose index scan needs a total order).
 */
export async function latestRunsByTarget(db: Queryable): Promise<RunRow[]> {
  const rows = await db.query<RunRecord>(
    `WITH RECURSIVE target (kind, s, o) AS (
       (SELECT kind, ${KEY} FROM runs ORDER BY kind, ${KEY} LIMIT 1)
       UNION ALL
       SELECT n.* FROM target t CROSS JOIN LATERAL (
         SELECT kind, ${KEY} FROM runs WHERE (kind, ${KEY}) > (t.kind, t.s, t.o)
         ORDER BY kind, ${KEY} LIMIT 1) n
     )
     SELECT r.* FROM target t CROSS JOIN LATERAL (
       SELECT * FROM runs WHERE (kind, ${KEY}) = (t.kind, t.s, t.o)
       ORDER BY kind, ${KEY}, id DESC LIMIT 1) r`,
  );
  return rows.map(toRunRow);
}

/** A run's target with NULLs as '' (the second and third columns of runs_by_target). */
const KEY = `COALESCE(source, ''), COALESCE(tenant_id, '')`;
