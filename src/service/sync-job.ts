/**
 * The `sync-organisation` job: one pass of the sync engine for one organisation. The engine takes
 * the organisation's lock (organisation-lock.ts), which holds across every process on PostgreSQL;
 * a job that finds the organisation busy is sent again a little later instead of failing, and a
 * failed pass throws so the queue retries it with backoff and keeps it as failed in the end. A
 * worker killed mid-pass loses nothing: pg-boss hands the job back after its expiry, and the
 * engine's open intents resolve what was in flight (exactly-once path).
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Logger } from '../log/logger.js';
import type { Job, JobQueue } from '../queue/job-queue.js';
import { runSync, type SyncDeps } from '../sync/run-sync.js';

/** Seconds before a busy organisation is tried again. */
export const BUSY_RETRY_SECONDS = 15;

export function syncOrganisationJob(
  queue: JobQueue,
  deps: () => Promise<SyncDeps>,
  log: Logger,
): (job: Job) => Promise<void> {
  return async (job) => {
    const tenantId = String(job.data.tenantId);
    const report = await runSync(await deps(), { tenantId, wait: false });
    const run = report.organisations[0];
    if (!run) return; // nothing routed to it
    log.info({ tenantId, runId: run.runId, status: run.status, counts: run.counts }, 'synced');
    if (run.status === 'busy') {
      await queue.send(
        'sync-organisation',
        { tenantId },
        { singletonKey: `organisation:${tenantId}`, startAfterSeconds: BUSY_RETRY_SECONDS },
      );
      return;
    }
    if (run.status === 'failed')
      throw new LedgerbridgeError(
        'LB_SYNC_FAILED',
        `${run.name}: ${run.error?.message ?? 'the sync failed'}`,
        run.error ? { fix: run.error.fix } : {},
      );
  };
}
