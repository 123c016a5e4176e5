/**
 * What `serve` and `worker` share: the store, the queue beside it, and the job handlers of this
 * process. The Xero runtime (tokens, budget) is made on the first job, so a service started
 * before any organisation is connected still starts.
 *
 * @module
 */
import { connectedSources, openConnectedSource, pullSources } from '../sources/source-runtime.js';
import type { Config } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import { syncLogObserver } from '../log/sync-log.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import type { Database } from '../store/database.js';
import { openStore } from '../store/open-store.js';
import type { SyncDeps } from '../sync/run-sync.js';
import { lazyXeroRuntime, sealingKey } from '../xero/xero-runtime.js';
import { renewWebhooksJob, type RenewWebhooksDeps } from './renew-webhooks-job.js';
import { workTicks } from './scheduler.js';
import { pullSourceJob, type PullOne } from './pull-job.js';
import { reconcileJob } from './reconcile-job.js';
import { syncOrganisationJob } from './sync-job.js';

export interface ServiceRuntime {
  readonly db: Database;
  readonly queue: JobQueue;
  /** Stops taking jobs, finishes the ones in hand, then closes the queue and the store. */
  stop(): Promise<void>;
}

export async function openServiceRuntime(
  config: Config,
  log: Logger,
  role: { readonly schedules: boolean },
): Promise<ServiceRuntime> {
  const { db } = await openStore(config, 'existing');
  try {
    return await serviceRuntimeOn(db, config, log, role);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
}

/** The queue beside a store this process already has open (the demo's); stop() closes both. */
export async function serviceRuntimeOn(
  db: Database,
  config: Config,
  log: Logger,
  role: { readonly schedules: boolean },
): Promise<ServiceRuntime> {
  const queue = await openJobQueue({
    db,
    ...(config.databaseUrl && { databaseUrl: config.databaseUrl }),
    schedules: role.schedules,
    onError: (error) => log.error({ err: error }, 'queue error'),
  });
  return {
    db,
    queue,
    async stop() {
      try {
        await queue.stop();
      } finally {
        await db.close();
      }
    },
  };
}

/** Takes ticks, source pulls and organisation syncs in this process. */
export async function startWorking(
  runtime: ServiceRuntime,
  config: Config,
  log: Logger,
): Promise<void> {
  const xero = lazyXeroRuntime(config, runtime.db);
  const syncDeps = async (): Promise<SyncDeps> => {
    const x = await xero();
    return {
      db: runtime.db,
      api: x.api,
      settings: x.settings,
      clock: x.clock,
      batchSize: config.xero.batchSize,
      observer: syncLogObserver(log),
      xeroWebhooks: config.xero.webhookKey !== undefined,
    };
  };
  await workTicks(runtime.queue, runtime.db, config);
  await runtime.queue.work('sync-organisation', syncOrganisationJob(runtime.queue, syncDeps, log), {
    concurrency: config.sync.workerConcurrency,
  });
  await runtime.queue.work(
    'reconcile',
    reconcileJob(runtime.queue, syncDeps, config.reconcile, log),
  );
  await runtime.queue.work(
    'pull-source',
    pullSourceJob(runtime.queue, runtime.db, pullConnected(config, runtime.db), log),
  );
  await runtime.queue.work(
    'renew-webhooks',
    renewWebhooksJob(webhookDeps(config, runtime.db), log),
  );
}

/** Pulls a connected source through the same runner as `ledgerbridge pull`. */
function pullConnected(config: Config, db: Database): PullOne {
  return async (source, full) => {
    const rows = await connectedSources(db, source);
    if (rows.length === 0) return { refused: 'not connected' };
    const [pulled] = await pullSources(config, db, rows, full);
    return pulled ?? { refused: 'not connected' };
  };
}

/** What keeping a source's webhook subscriptions takes, from the configuration. */
export function webhookDeps(config: Config, db: Database): RenewWebhooksDeps {
  return {
    db,
    key: () => sealingKey(config),
    publicUrl: config.http.publicUrl,
    open: (source) => openConnectedSource(config, db, source),
    now: () => Date.now(),
  };
}
