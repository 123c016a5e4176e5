/**
 * How far behind the service is and what it failed at: per organisation, the time since its last
 * sync pass that finished; per source, since its last pull (a PMS) or import or push (a file-drop
 * or push source); the queue's jobs by state and its latest failed ones; webhook subscriptions
 * that are not delivering. Read from the store, so
 * `ledgerbridge status` shows it without a running service and `/metrics` from any process.
 *
 * @module
 */
import { countJobs, failedJobs, type FailedJob, type JobCount } from '../queue/queue-stats.js';
import type { Queryable } from '../store/database.js';
import { listOrganisations, type OrganisationStatus } from '../store/organisations-repo.js';
import { lastRunsByTarget, type LastRuns, type RunKind } from '../store/runs-repo.js';
import { listSources, type SourceKind } from '../store/sources-repo.js';
import { listWebhooks, type WebhookStatus } from '../store/source-webhooks-repo.js';
import { shownWebhookStatus } from './webhook-plan.js';

export interface Lag {
  /** When the last pass (sync) or pull/import/push that finished well ended; null: never. */
  readonly lastOkAt: Date | null;
  /** Seconds since then; null when never. */
  readonly lagSeconds: number | null;
}

export interface ServiceHealth {
  readonly organisations: readonly (Lag & {
    tenantId: string;
    name: string;
    status: OrganisationStatus;
  })[];
  readonly sources: readonly (Lag & { name: string; kind: SourceKind })[];
  readonly jobs: readonly JobCount[];
  readonly failedJobs: readonly FailedJob[];
  /** Webhook subscriptions not delivering: pending, failed or expired (webhook-plan.ts). */
  readonly webhooksDown: readonly {
    source: string;
    model: string;
    status: WebhookStatus;
    reason: string | null;
  }[];
}

const PUSHED: readonly SourceKind[] = ['file', 'push'];

export async function readServiceHealth(db: Queryable, now: Date): Promise<ServiceHealth> {
  const runs = await lastRunsByTarget(db);
  const lagOf = (kinds: readonly RunKind[], match: (r: LastRuns) => boolean): Lag => {
    const times = runs
      .filter((r) => kinds.includes(r.kind) && match(r) && r.lastOkAt !== null)
      .map((r) => r.lastOkAt!.getTime());
    if (times.length === 0) return { lastOkAt: null, lagSeconds: null };
    const last = Math.max(...times);
    return { lastOkAt: new Date(last), lagSeconds: Math.max(0, (now.getTime() - last) / 1000) };
  };
  const organisations = (await listOrganisations(db)).map((o) => ({
    tenantId: o.tenantId,
    name: o.name,
    status: o.status,
    ...lagOf(['sync', 'resync'], (r) => r.tenantId === o.tenantId),
  }));
  const sources = (await listSources(db)).map((s) => ({
    name: s.name,
    kind: s.kind,
    ...lagOf(PUSHED.includes(s.kind) ? ['import'] : ['pull'], (r) => r.source === s.name),
  }));
  const webhooksDown = (await listWebhooks(db))
    .map((w) => ({ ...w, status: shownWebhookStatus(w, now.getTime()) }))
    .filter((w) => w.status !== 'enabled')
    .map((w) => ({ source: w.source, model: w.model, status: w.status, reason: w.statusReason }));
  return {
    organisations,
    sources,
    jobs: await countJobs(db),
    failedJobs: await failedJobs(db),
    webhooksDown,
  };
}
