/**
 * How each job's queue behaves: retries, expiry and deduplication. One table, so the limits are
 * read in one place (docs/service.md, "Jobs").
 *
 * @module
 */
import type { JobName } from './job-queue.js';

export interface QueuePolicy {
  /**
   * 'short': at most one job waiting per singletonKey (the organisation or source), so a tick that
   * finds one still queued adds nothing. Running twice at once is kept out by the organisation
   * lock the sync takes (organisation-lock.ts), which holds across processes on PostgreSQL.
   */
  readonly policy: 'standard' | 'short';
  /** Attempts after the first before the job is kept as failed. */
  readonly retryLimit: number;
  /** Seconds before the first retry; doubled (with jitter) each time after. */
  readonly retryDelay: number;
  /**
   * Seconds a job may run before it counts as lost (its worker died) and goes back to the queue.
   * Above a sync pass's length: a pass of 5,000 documents at Xero's 60 calls a minute in batches
   * of 50 takes under 2 minutes, so 15 minutes leaves room for waits on the rate limit.
   */
  readonly expireInSeconds: number;
}

const perKey: QueuePolicy = {
  policy: 'short',
  retryLimit: 3,
  retryDelay: 30,
  expireInSeconds: 15 * 60,
};

export const QUEUE_POLICIES: Readonly<Record<JobName, QueuePolicy>> = {
  // A lost tick is replaced by the next minute's schedule, so it is never retried.
  tick: { ...perKey, retryLimit: 0, expireInSeconds: 5 * 60 },
  'pull-source': perKey,
  'sync-organisation': perKey,
  // A first reconciliation of 100,000 invoices reads ~1,022 pages: 17 min at Xero's 60 a minute,
  // up to 85 min at the read lane's 12 a minute while a sync waits (src/xero/read-lane.ts).
  reconcile: { ...perKey, expireInSeconds: 2 * 60 * 60 },
  'renew-webhooks': { ...perKey, policy: 'standard' },
  'clean-up': { ...perKey, policy: 'standard', retryLimit: 1 },
};
