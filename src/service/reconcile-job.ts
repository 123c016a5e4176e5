/**
 * The daily `reconcile` job (issue 20): once a day at LEDGERBRIDGE_RECONCILE_TIME (UTC) the
 * schedule sends one `reconcile` without an organisation, which sends one per connected
 * organisation (one waiting per organisation across every process); each reconciles through the
 * read lane of the shared budget (it never starves a sync), stores the run and its differences
 * (the trend), and alerts — webhook and e-mail — only when a difference is new since the
 * organisation's previous reconciliation. A failed reconciliation throws so the queue retries it.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import type { Logger } from '../log/logger.js';
import type { Job, JobQueue } from '../queue/job-queue.js';
import { newDifferences, sendAlert } from '../reconcile/alert.js';
import { reconcile, type ReconcileDeps } from '../reconcile/reconcile.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { openRefsBefore } from '../store/reconcile-differences-repo.js';

/** `HH:MM` (UTC) as a daily cron line, `MM HH * * *`. */
export function reconcileCron(time: string): string {
  const [hours, minutes] = time.split(':').map(Number);
  return `${minutes} ${hours} * * *`;
}

/** Registers the daily schedule (pg-boss runs a schedule once across every process). */
export async function scheduleReconcile(
  queue: JobQueue,
  config: Pick<Config, 'reconcile'>,
): Promise<void> {
  await queue.schedule('reconcile', reconcileCron(config.reconcile.time));
}

export function reconcileJob(
  queue: JobQueue,
  deps: () => Promise<ReconcileDeps>,
  settings: Config['reconcile'],
  log: Logger,
): (job: Job) => Promise<void> {
  return async (job) => {
    const d = await deps();
    const organisations = await listOrganisations(d.db);
    if (typeof job.data.tenantId !== 'string') {
      for (const o of organisations.filter((o) => o.status === 'connected'))
        await queueReconcile(queue, o.tenantId);
      return;
    }
    const tenantId = job.data.tenantId;
    const result = await reconcile(d, { tenantId });
    const fresh = newDifferences(
      result.differences,
      await openRefsBefore(d.db, tenantId, result.runId),
    );
    const organisation = organisations.find((o) => o.tenantId === tenantId)?.name ?? tenantId;
    const open = result.differences.filter((x) => !x.accepted).length;
    const deliveries = await sendAlert(
      { organisation, tenantId, runId: result.runId, differences: fresh, open },
      settings,
    );
    log.info({ tenantId, runId: result.runId, open, new: fresh.length, deliveries }, 'reconciled');
    for (const failed of deliveries.filter((x) => !x.ok))
      log.warn(
        { tenantId, channel: failed.channel, error: failed.error },
        'reconciliation alert not delivered',
      );
  };
}

/** One waiting reconciliation per organisation, whoever asks (the daily job, the dashboard). */
export async function queueReconcile(
  queue: Pick<JobQueue, 'send'>,
  tenantId: string,
): Promise<void> {
  await queue.send('reconcile', { tenantId }, { singletonKey: `reconcile:${tenantId}` });
}
