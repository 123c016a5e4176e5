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
import type { JobData, JobName, JobQueue, SendOptions } from './job-queue.js';
import { JOB_NAMES } from './job-queue.js';
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
  const pollingIntervalSeconds = options.pollSeconds ?? 2;
  return {
    send: (name, data, sendOptions) => boss.send(name, data, sendOptionsOf(sendOptions)),
    async schedule(name, cron, data = {}) {
      await boss.schedule(name, cron, data, { tz: 'UTC' });
    },
    async work(name, handler, workOptions = {}) {
      // pg-boss 10 has no per-worker concurrency: each work() is one poller taking one job at a
      // time, so N of them keep N jobs in hand (https://github.com/timgit/pg-boss/blob/10.1.6/docs/readme.md#work).
      for (let i = 0; i < (workOptions.concurrency ?? 1); i++)
        await boss.work<JobData>(name, { batchSize: 1, pollingIntervalSeconds }, async (jobs) => {
          for (const job of jobs)
            await timed(name, () => handler({ id: job.id, name, data: job.data }));
        });
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
      // graceful: workers finish the job in hand (up to 30 s by default) before stop resolves.
      await boss.stop({ graceful: true, wait: true, close: Boolean(options.databaseUrl) });
    },
  };
}

function sendOptionsOf(options: SendOptions = {}): PgBoss.SendOptions {
  return {
    ...(options.singletonKey !== undefined && { singletonKey: options.singletonKey }),
    ...(options.startAfterSeconds !== undefined && { startAfter: options.startAfterSeconds }),
  };
}
