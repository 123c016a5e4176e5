/**
 * What the queue holds, read from pg-boss's own table (schema `pgboss`, pg-boss-queue.ts) through
 * the store's connection, so `ledgerbridge status` and `/metrics` need no running queue. Before
 * the first `serve` the schema does not exist and the queue is simply empty.
 *
 * pg-boss 10 keeps a job in `pgboss.job` until it is archived (completed: 12 h; failed: 7 days,
 * its defaults), so failed jobs stay visible for a week.
 *
 * @module
 */
import type { Queryable } from '../store/database.js';
import type { JobName, JobState } from './job-queue.js';
import { QUEUE_SCHEMA } from './queue-schema.js';

export interface JobCount {
  readonly name: JobName;
  readonly state: JobState;
  readonly count: number;
}

export interface FailedJob {
  readonly name: JobName;
  readonly data: Record<string, unknown>;
  readonly failedAt: Date;
  readonly retries: number;
  readonly error: string | null;
}

async function hasQueue(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [
    `${QUEUE_SCHEMA}.job`,
  ]);
  return Boolean(row?.t);
}

export async function countJobs(db: Queryable): Promise<JobCount[]> {
  if (!(await hasQueue(db))) return [];
  const rows = await db.query<{ name: JobName; state: JobState; count: number | string }>(
    `SELECT name, state::text AS state, count(*) AS count FROM ${QUEUE_SCHEMA}.job
     GROUP BY name, state ORDER BY name, state`,
  );
  return rows.map((r) => ({ name: r.name, state: r.state, count: Number(r.count) }));
}

/** The most recent failed jobs (after their last retry), newest first. */
export async function failedJobs(db: Queryable, limit = 10): Promise<FailedJob[]> {
  if (!(await hasQueue(db))) return [];
  const rows = await db.query<{
    name: JobName;
    data: Record<string, unknown> | null;
    completed_on: Date | string;
    retry_count: number;
    output: { message?: unknown } | null;
  }>(
    `SELECT name, data, completed_on, retry_count, output FROM ${QUEUE_SCHEMA}.job
     WHERE state = 'failed' ORDER BY completed_on DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    name: r.name,
    data: r.data ?? {},
    failedAt: new Date(r.completed_on),
    retries: r.retry_count,
    error: typeof r.output?.message === 'string' ? r.output.message : null,
  }));
}
