/** Runs: one pass of import, sync, resync or reconcile, with its counts. */
import type { Queryable } from './database.js';

export type RunKind = 'import' | 'sync' | 'resync' | 'reconcile';
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
  const rows = await db.query<{
    id: number;
    kind: RunKind;
    source: string | null;
    tenant_id: string | null;
    status: RunStatus;
    started_at: Date;
    finished_at: Date | null;
    stats: Record<string, unknown>;
    error: string | null;
  }>('SELECT * FROM runs ORDER BY id DESC LIMIT $1', [limit]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    source: r.source,
    tenantId: r.tenant_id,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    stats: r.stats,
    error: r.error,
  }));
}
