/**
 * Retrying sync errors (the API's POST /api/sync-errors/…/retry and the dashboard's retry
 * buttons): forgets the errors' remembered skips, records who asked, and queues one sync pass per
 * organisation they belong to — the same job the scheduler sends (tick-plan.ts), so a retry never
 * queues a second pass while one already waits.
 *
 * @module
 */
import type { JobQueue } from '../queue/job-queue.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { forgetSkips } from '../store/links-repo.js';
import { documentsOf, type SyncErrorRow } from '../store/sync-errors-repo.js';
import { requestWorkingPass } from '../sync/idle/pass-mark.js';

export interface Retried {
  readonly retried: number;
  readonly queued: string[];
}

export async function retrySyncErrors(
  deps: { readonly db: Database; readonly queue: Pick<JobQueue, 'send'> },
  errors: readonly SyncErrorRow[],
  actor: string,
  scope: Record<string, unknown>,
): Promise<Retried> {
  const tenants = [...new Set(errors.flatMap((e) => (e.tenantId ? [e.tenantId] : [])))];
  await deps.db.transaction(async (tx) => {
    await forgetSkips(tx, documentsOf(errors));
    // The queued pass must plan them again, not end as quiet (sync/idle/).
    for (const tenantId of tenants) await requestWorkingPass(tx, tenantId);
    await appendAudit(tx, [
      { action: 'sync_errors.retry', actor, detail: { ...scope, count: errors.length } },
    ]);
  });
  for (const tenantId of tenants) await queueSync(deps.queue, tenantId);
  return { retried: errors.length, queued: tenants };
}

/** One waiting pass per organisation, as the schedule sends them (tick-plan.ts). */
export async function queueSync(queue: Pick<JobQueue, 'send'>, tenantId: string): Promise<void> {
  await queue.send('sync-organisation', { tenantId }, { singletonKey: `organisation:${tenantId}` });
}
