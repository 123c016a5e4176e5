/**
 * The `pull-source` job: one pull of a practice-management source (the pull runner,
 * src/sources/pull/), then a `sync-organisation` for every connected organisation the source's
 * entities route to, so each tick is a pull-and-sync. The tick's `full` flag (the first tick of a
 * UTC day) is passed on to both.
 *
 * A source that cannot be pulled (marked "needs reconnecting", or its credentials gone) is not a
 * fault the queue can fix by retrying: the job ends, logs why, and `ledgerbridge sources` shows it.
 * A pull that fails (the PMS down) throws, so the queue retries it with backoff
 * (queue-policies.ts) and keeps it as failed in the end.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Logger } from '../log/logger.js';
import type { Job, JobHandler, JobQueue } from '../queue/job-queue.js';
import type { PullReport } from '../sources/pull/run-pull.js';
import type { Database } from '../store/database.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { listRoutes } from '../store/sources-repo.js';

/** One pull of a source: its report, or why it could not start. */
export interface PullOutcome {
  readonly report?: PullReport;
  readonly refused?: string;
}

export type PullOne = (source: string, full: boolean) => Promise<PullOutcome>;

/** Connected organisations the source's entities route to, each once, in a stable order. */
export async function organisationsFedBy(db: Database, source: string): Promise<string[]> {
  const connected = new Set(
    (await listOrganisations(db)).filter((o) => o.status === 'connected').map((o) => o.tenantId),
  );
  const tenants = (await listRoutes(db))
    .filter((r) => r.source === source && r.tenantId !== null && connected.has(r.tenantId))
    .map((r) => r.tenantId!);
  return [...new Set(tenants)].sort();
}

/** A source marked "needs reconnecting" throws before sending anything: not worth a retry. */
function refusal(error: unknown): PullOutcome {
  if (error instanceof LedgerbridgeError && error.code === 'LB_SOURCE_NEEDS_RECONNECT')
    return { refused: error.toLine() };
  throw error;
}

export function pullSourceJob(
  queue: JobQueue,
  db: Database,
  pull: PullOne,
  log: Logger,
): JobHandler {
  return async (job: Job) => {
    const source = String(job.data.source);
    const full = job.data.full === true;
    const outcome = await pull(source, full).catch(refusal);
    if (outcome.refused) {
      log.warn({ source, reason: outcome.refused }, 'source not pulled');
      return;
    }
    const report = outcome.report!;
    log.info(
      { source, runId: report.runId, status: report.status, counts: report.counts },
      'pulled',
    );
    if (report.status === 'failed' && report.error) throw report.error;
    for (const tenantId of await organisationsFedBy(db, source))
      await queue.send(
        'sync-organisation',
        { tenantId, full },
        { singletonKey: `organisation:${tenantId}` },
      );
  };
}
