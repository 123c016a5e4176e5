/**
 * What the overview shows, read in one place: per organisation (its connection, Xero calls used
 * today, its last sync and the next one) and per source and organisation (last pull and sync,
 * documents pushed, open sync errors).
 *
 * @module
 */
import { listOrganisations, type OrganisationRow } from '../store/organisations-repo.js';
import { countPushedByTarget } from '../store/links-repo.js';
import { latestRunsByTarget, type RunRow } from '../store/runs-repo.js';
import { listRoutes, listSources, type SourceRow } from '../store/sources-repo.js';
import { countOpenSyncErrorsByTarget } from '../store/sync-errors-repo.js';
import { callsByHourToday, callsToday } from '../xero/budget-store.js';
import type { DashboardDeps } from './deps.js';

export interface OrganisationSummary {
  readonly organisation: OrganisationRow;
  readonly callsToday: number;
  /** Calls granted in each UTC hour of today, for the budget chart. */
  readonly callsByHour: readonly number[];
  readonly lastSync: RunRow | undefined;
  /** When the scheduler next syncs it, if the interval is known. */
  readonly nextRun: Date | undefined;
}

export interface TargetSummary {
  readonly source: SourceRow;
  readonly tenantId: string | null;
  readonly organisationName: string;
  readonly lastPull: RunRow | undefined;
  readonly lastSync: RunRow | undefined;
  readonly pushed: number;
  /** More than `pushed` (the count stops at PUSHED_COUNT_BOUND). */
  readonly pushedMore: boolean;
  readonly openErrors: number;
  /** How long since the source's documents last reached the organisation (a finished sync). */
  readonly lagMs: number | undefined;
}

export interface Overview {
  readonly organisations: OrganisationSummary[];
  readonly targets: TargetSummary[];
}

export async function readOverview(deps: DashboardDeps): Promise<Overview> {
  const [organisations, sources, routes, runs, pushed, errors] = await Promise.all([
    listOrganisations(deps.db),
    listSources(deps.db),
    listRoutes(deps.db),
    latestRunsByTarget(deps.db),
    countPushedByTarget(deps.db),
    countOpenSyncErrorsByTarget(deps.db),
  ]);
  const now = deps.clock.now();
  runs.sort((a, b) => b.id - a.id);
  const latestSync = (tenantId: string) =>
    runs.find((r) => r.kind === 'sync' && r.tenantId === tenantId);
  const orgSummaries = await Promise.all(
    organisations.map(async (organisation) => {
      const lastSync = latestSync(organisation.tenantId);
      return {
        organisation,
        callsToday: await callsToday(deps.db, organisation.tenantId, now),
        callsByHour: await callsByHourToday(deps.db, organisation.tenantId, now),
        lastSync,
        nextRun: nextRun(lastSync, deps.intervalSeconds, now),
      };
    }),
  );
  const names = new Map(organisations.map((o) => [o.tenantId, o.name]));
  const pairs = new Set([
    ...routes.map((r) => pairKey(r.source, r.tenantId)),
    ...pushed.map((p) => pairKey(p.source, p.tenantId)),
    ...errors.map((e) => pairKey(e.source, e.tenantId)),
  ]);
  const targets = sources.flatMap((source) => {
    const tenants = [...pairs].filter((k) => k.startsWith(`${source.name}\0`));
    const list = tenants.length > 0 ? tenants.map((k) => k.split('\0')[1] || null) : [null];
    return list.map<TargetSummary>((tenantId) => {
      const { lastSync, reached } = syncRunsOf(runs, source.name, tenantId);
      return {
        source,
        tenantId,
        organisationName: tenantId ? (names.get(tenantId) ?? tenantId) : 'Not routed yet',
        lastPull: runs.find((r) => r.kind === 'pull' && r.source === source.name),
        // A pass over several sources of one organisation records no single source.
        lastSync,
        lagMs: reached?.finishedAt ? Math.max(0, now - reached.finishedAt.getTime()) : undefined,
        ...pushedOf(pushed.find((p) => p.source === source.name && p.tenantId === tenantId)),
        openErrors: errors
          .filter((e) => e.source === source.name && e.tenantId === tenantId)
          .reduce((n, e) => n + e.count, 0),
      };
    });
  });
  return { organisations: orgSummaries, targets };
}

const pushedOf = (p: { count: number; more: boolean } | undefined) => ({
  pushed: p?.count ?? 0,
  pushedMore: p?.more ?? false,
});

const pairKey = (source: string, tenantId: string | null) => `${source}\0${tenantId ?? ''}`;

function nextRun(
  last: RunRow | undefined,
  intervalSeconds: number | undefined,
  now: number,
): Date | undefined {
  if (intervalSeconds === undefined) return undefined;
  const due = (last?.startedAt.getTime() ?? now) + intervalSeconds * 1000;
  return new Date(Math.max(due, now));
}

/**
 * The target's latest sync and its latest one that finished without failing (documents reached
 * the organisation then). A pass over several sources of one organisation records no single source.
 */
function syncRunsOf(runs: readonly RunRow[], source: string, tenantId: string | null) {
  const ofTarget = runs.filter(
    (r) =>
      r.kind === 'sync' && r.tenantId === tenantId && (r.source === source || r.source === null),
  );
  return {
    lastSync: ofTarget[0],
    reached: ofTarget.find(
      (r) => r.status !== 'failed' && r.status !== 'interrupted' && r.finishedAt !== null,
    ),
  };
}
