/**
 * What one scheduler tick sends: a sync of every connected organisation, a pull of every source
 * that is pulled from a practice-management system, a renewal of the webhook subscriptions of each
 * source whose subscriptions are due, and the next tick one interval on. Pure, so
 * the decisions are tested without a queue.
 *
 * @module
 */
import type { JobData, JobName } from '../queue/job-queue.js';
import type { OrganisationStatus } from '../store/organisations-repo.js';
import type { SourceKind } from '../store/sources-repo.js';

export interface TickInput {
  readonly now: Date;
  /** The UTC day of the tick before (carried in the tick's data); unset after a start. */
  readonly lastDay?: string;
  readonly intervalSeconds: number;
  readonly organisations: readonly { tenantId: string; status: OrganisationStatus }[];
  readonly sources: readonly { name: string; kind: SourceKind }[];
  /** Sources whose webhook subscriptions need creating or renewing (webhook-plan.ts). */
  readonly webhooksDue?: readonly string[];
}

export interface PlannedSend {
  readonly name: JobName;
  readonly data: JobData;
  /** One waiting job per organisation or source, across every process. */
  readonly singletonKey: string;
  readonly startAfterSeconds?: number;
}

/** Sources we pull from: a file drop is imported and a push source sends to us. */
const NOT_PULLED: readonly SourceKind[] = ['file', 'push'];

export function planTick(input: TickInput): PlannedSend[] {
  const day = input.now.toISOString().slice(0, 10);
  // The first tick of a UTC day (and the first after a start) re-checks everything.
  const full = input.lastDay !== day;
  const pulls = input.sources
    .filter((s) => !NOT_PULLED.includes(s.kind))
    .map<PlannedSend>((s) => ({
      name: 'pull-source',
      data: { source: s.name, full },
      singletonKey: `source:${s.name}`,
    }));
  const syncs = input.organisations
    .filter((o) => o.status === 'connected')
    .map<PlannedSend>((o) => ({
      name: 'sync-organisation',
      data: { tenantId: o.tenantId, full },
      singletonKey: `organisation:${o.tenantId}`,
    }));
  const renewals = (input.webhooksDue ?? []).map<PlannedSend>((source) => ({
    name: 'renew-webhooks',
    data: { source },
    singletonKey: `webhooks:${source}`,
  }));
  const next: PlannedSend = {
    name: 'tick',
    data: { day },
    singletonKey: 'tick',
    startAfterSeconds: input.intervalSeconds,
  };
  return [...pulls, ...syncs, ...renewals, next];
}
