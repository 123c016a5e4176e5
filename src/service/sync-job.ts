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
import { revalidateMappings } from './revalidate-mappings.js';

/** Seconds before a busy organisation is tried again. */
export const BUSY_RETRY_SECONDS = 15;

export function syncOrganisationJob(
  queue: JobQueue,
  deps: () => Promise<SyncDeps>,
  log: Logger,
): (job: Job) => Promise<void> {
  return async (job) => {
    const tenantId = String(job.data.tenantId);
    const d = await deps();
    // The daily re-check (the first tick of a UTC day) does every pass's work; any other pass
    // ends after one cheap look when nothing changed (docs/service.md, "An idle installation").
    const report = await runSync(d, { tenantId, wait: false, quiet: job.data.full !== true });
    const run = report.organisations[0];
    if (!run) return; // nothing routed to it
    // A quiet pass read no chart, and re-reading it here would cost the 5 calls it saved.
    if (!run.quiet) await recheckMappings(d, tenantId, log);
    log.info(
      {
        tenantId,
        runId: run.runId,
        status: run.status,
        counts: run.counts,
        quiet: run.quiet ?? false,
      },
      'synced',
    );
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

/** S7: the chart as this pass read it (the settings cache) re-validates the mappings; never fails the job. */
async function recheckMappings(d: SyncDeps, tenantId: string, log: Logger): Promise<void> {
  try {
    await revalidateMappings(d.db, await d.settings.get(tenantId));
  } catch (error) {
    log.warn({ tenantId, err: error }, 'mappings not re-validated');
  }
}
