/**
 * A pass that writes holds its organisation, across every process sharing the store: the lock
 * taken (or the organisation left out as busy), runs left `running` by a dead process closed as
 * interrupted, then the work.
 *
 * @module
 */
import { ERROR_CATALOGUE } from '../errors/catalogue.js';
import type { Database } from '../store/database.js';
import { describeHolder, lockOrganisation } from '../store/organisation-lock.js';
import { interruptOrphanedRuns } from '../store/runs-repo.js';
import { emptyCounts } from './execute/run-context.js';
import type { RunOutcome, SyncOptions } from './run-sync.js';

/**
 * A pass that writes holds the organisation (store/organisation-lock.ts): two at once duplicated
 * payments. A dry run writes nothing and does not wait.
 */
export async function exclusively(
  db: Database,
  tenantId: string,
  name: string,
  options: SyncOptions,
  work: () => Promise<RunOutcome>,
): Promise<RunOutcome> {
  const outcome = await lockOrganisation(db, tenantId, {
    purpose: 'sync',
    wait: options.wait ?? true,
    ...(options.lockPollMs !== undefined && { pollMs: options.lockPollMs }),
    onWait: (holder) => options.onWait?.(name, holder),
  });
  if (!outcome.held)
    return {
      tenantId,
      name,
      runId: null,
      status: 'busy',
      counts: emptyCounts(),
      mappings: [],
      error: {
        code: 'LB_SYNC_BUSY',
        message: `The sync of ${name} is ${describeHolder(outcome.holder)}`,
        fix: ERROR_CATALOGUE.LB_SYNC_BUSY.fix,
      },
    };
  try {
    await interruptOrphanedRuns(db, 'sync', tenantId);
    return await work();
  } finally {
    await outcome.lock.release();
  }
}
