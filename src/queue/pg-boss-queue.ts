/**
 * The job queue on pg-boss 10 (its Node-20 line; docs/dependencies.md). On PostgreSQL pg-boss
 * opens a small pool of its own from the connection string; on the embedded store it runs through
 * ours (pglite-boss-db.ts). Its tables live in their own schema, `pgboss`, and hold only jobs:
 * dropping the schema loses nothing a tick would not send again.
 *
 * @module
 */
import PgBoss from 'pg-boss';
import type { Database } from '../store/database.js';
import type { JobData, JobName, JobQueue, QueuedJob, SendOptions } from './job-queue.js';
import { JOB_NAMES } from './job-queue.js';
import { startPump, type Pump } from './job-pump.js';
import { timed } from './job-timings.js';
import { pgliteBossDb } from './pglite-boss-db.js';
import { QUEUE_POLICIES, type QueuePolicy } from './queue-policies.js';

import { QUEUE_SCHEMA } from './queue-schema.js';

export { QUEUE_SCHEMA };

export interface QueueOptions {
  /** The store the queue lives beside. */
  readonly db: Database;
  /** PostgreSQL's connection string; unset on the embedded store. */
  readonly databaseUrl?: string;
  /** Runs the cron schedules in this process (serve); workers leave them to serve. */
  readonly schedules: boolean;
  /** Seconds between looks for new jobs while idle (pg-boss's default is 2). */
  readonly pollSeconds?: number;
  /** Per-job overrides of queue-policies.ts (tests: retries in seconds). */
  readonly policies?: Partial<Record<JobName, Partial<QueuePolicy>>>;
  /**
   * Seconds between pg-boss's maintenance runs (once across every process: it fails jobs past
   * their expiry back to retry). pg-boss's default is 120; tests shorten it.
   */
  readonly maintenanceSeconds?: number;
  /** Seconds stop() waits for jobs in hand before handing them back (default 30, as pg-boss's). */
  readonly stopGraceSeconds?: number;
  /** Told of errors pg-boss hits in the background (a lost connection, a failed poll). */
  readonly onError?: (error: Error) => void;
}

/** Opens the queue: creates or upgrades its schema and its queues, then starts pg-boss. */
export async function openJobQueue(options: QueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    ...(options.databaseUrl
      ? { connectionString: options.databaseUrl, max: 3, application_name: 'ledgerbridge-queue' }
      : { db: pgliteBossDb(options.db) }),
    schema: QUEUE_SCHEMA,
    schedule: options.schedules,
    ...(options.maintenanceSeconds && { maintenanceIntervalSeconds: options.maintenanceSeconds }),
  });
  boss.on('error', (error: Error) => options.onError?.(error));
  await boss.start();
  for (const name of JOB_NAMES)
    await retryDeadlock(() => ensureQueue(boss, name, options.policies?.[name]));
  return wrapBoss(boss, options);
}

/**
 * Workers started together create or update the same queues at once, and PostgreSQL may pick one
 * as a deadlock victim (40P01: seen with 2 `worker`s started in the same second, bench/workers-500.ts);
 * the other has done the work by then, so trying again settles it.
 */
async function retryDeadlock(work: () => Promise<void>, attempts = 3): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || i >= attempts) throw error;
    }
  }
}

async function ensureQueue(
  boss: PgBoss,
  name: JobName,
  override: Partial<QueuePolicy> = {},
): Promise<void> {
  const policy = { ...QUEUE_POLICIES[name], ...override };
  const queue = { name, ...policy, retryBackoff: true };
  if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
  else await boss.createQueue(name, queue);
}

function wrapBoss(boss: PgBoss, options: QueueOptions): JobQueue {
  const pollMs = (options.pollSeconds ?? 2) * 1_000;
  const pumps: Pump[] = [];
  const onError = (error: unknown) =>
    options.onError?.(error instanceof Error ? error : new Error(String(error)));
  return {
    send: (name, data, sendOptions) => boss.send(name, data, sendOptionsOf(sendOptions)),
    async sendMany(jobs) {
      // insert() runs one INSERT … ON CONFLICT DO NOTHING: the 'short' policy's unique index on
      // waiting jobs per singletonKey drops a duplicate there as send() does.
      if (jobs.length > 0) await boss.insert(jobs.map(insertOf));
    },
    async schedule(name, cron, data = {}) {
      await boss.schedule(name, cron, data, { tz: 'UTC' });
    },
    async work(name, handler, workOptions = {}) {
      // pg-boss 10 has no per-worker concurrency (its work() is one poller holding one batch:
      // https://github.com/timgit/pg-boss/blob/10.1.6/docs/readme.md#work), so jobs are taken
      // through its fetch / complete / fail by a pump of our own (job-pump.ts).
      const source = {
        fetch: async (count: number) =>
          (await boss.fetch<JobData>(name, { batchSize: count })).map((job) => ({
            id: job.id,
            name,
            data: job.data,
          })),
        complete: async (id: string) => void (await boss.complete(name, id)),
        fail: async (id: string, error: unknown) =>
          void (await boss.fail(name, id, failure(error))),
      };
      const slots = workOptions.concurrency ?? 1;
      pumps.push(
        startPump(source, (job) => timed(name, () => handler(job)), { slots, pollMs, onError }),
      );
      return Promise.resolve();
    },
    async status(name, id) {
      const job = await boss.getJobById<JobData>(name, id, { includeArchive: true });
      if (!job) return undefined;
      const output = job.output as { message?: unknown } | null;
      return {
        state: job.state,
        retries: job.retryCount,
        ...(job.state === 'failed' &&
          typeof output?.message === 'string' && { error: output.message }),
      };
    },
    async ping() {
      await boss.getQueue('tick');
    },
    async stop() {
      // Jobs in hand get 30 s to finish (pg-boss's own default); those still running are handed back.
      const graceMs = (options.stopGraceSeconds ?? 30) * 1_000;
      await Promise.all(pumps.splice(0).map((pump) => pump.stop(graceMs)));
      await boss.stop({ graceful: true, wait: true, close: Boolean(options.databaseUrl) });
    },
  };
}

/** What a failed job keeps as its output: the error's message, which status() shows. */
function failure(error: unknown): { message: string } {
  return { message: error instanceof Error ? error.message : String(error) };
}

function insertOf(job: QueuedJob): PgBoss.JobInsert {
  const { singletonKey, startAfterSeconds } = job.options ?? {};
  return {
    name: job.name,
    data: job.data,
    ...(singletonKey !== undefined && { singletonKey }),
    // insert() reads a bare startAfter as an interval ('30 seconds'), unlike send()'s number.
    ...(startAfterSeconds !== undefined && { startAfter: `${startAfterSeconds} seconds` }),
  };
}

function sendOptionsOf(options: SendOptions = {}): PgBoss.SendOptions {
  return {
    ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
    ...(options.startAfterSeconds !== undefined && { startAfter: options.startAfterSeconds }),
  };
}
