import { readServiceHealth, type ServiceHealth } from '../../service/service-health.js';
import { openStore, readStoreStatus, type StoreStatus } from '../../store/index.js';
import type { CommandContext } from '../context.js';

export type FullStatus = StoreStatus & { readonly service?: ServiceHealth };

/**
 * `ledgerbridge status`: the store, its documents, sources, routes, organisations and last run;
 * how far behind each organisation and source is, and the queue's failed jobs.
 */
export async function runStatus(ctx: CommandContext): Promise<FullStatus> {
  const { db, schemaVersion } = await openStore(ctx.config, 'existing');
  try {
    const status = {
      ...(await readStoreStatus(db, schemaVersion)),
      service: await readServiceHealth(db, new Date()),
    };
    ctx.out.result(status, renderStatus);
    return status;
  } finally {
    await db.close();
  }
}

export function renderStatus(s: FullStatus): string {
  const docs = Object.entries(s.documents)
    .map(
      ([kind, c]) =>
        `${kind.replace('_', ' ')} ${c.live}${c.deleted ? ` (+${c.deleted} deleted)` : ''}`,
    )
    .join(' · ');
  const routes = s.routes.map(
    (r) => `${r.source}/${r.entity} → ${r.tenantId ? orgName(s, r.tenantId) : '(not routed)'}`,
  );
  const orgs = s.organisations.map(
    (o) => `${o.name} (${o.status}${o.statusReason ? `: ${o.statusReason}` : ''})`,
  );
  const run = s.lastRun
    ? `${s.lastRun.kind} #${s.lastRun.id} ${s.lastRun.status} at ${s.lastRun.startedAt.toISOString()}`
    : 'none yet';
  return [
    'Ledgerbridge status',
    `  store          ${s.backend} at ${s.location} (schema ${s.schemaVersion})`,
    `  documents      ${docs || 'none yet — `ledgerbridge import FILE` or connect a PMS'}`,
    `  sources        ${s.sources.map((x) => `${x.name} (${x.kind})`).join(', ') || 'none'}`,
    `  routes         ${routes.join(', ') || 'none'}`,
    `  organisations  ${orgs.join(', ') || 'none connected — `ledgerbridge connect xero`'}`,
    `  sync errors    ${s.openSyncErrors} open`,
    `  last run       ${run}`,
    ...(s.service ? renderService(s.service) : []),
  ].join('\n');
}

/** Lag per organisation and source, and the failed jobs (docs/service.md). */
function renderService(h: ServiceHealth): string[] {
  const lag = (x: { lagSeconds: number | null }) =>
    x.lagSeconds === null ? 'never' : `${formatSeconds(x.lagSeconds)} ago`;
  const waiting = h.jobs
    .filter((j) => j.state === 'created' || j.state === 'retry')
    .reduce((n, j) => n + j.count, 0);
  const failed = h.jobs.filter((j) => j.state === 'failed').reduce((n, j) => n + j.count, 0);
  return [
    ...h.organisations.map((o) => `  last sync      ${o.name}: ${lag(o)}`),
    ...h.sources.map(
      (x) =>
        `  last ${x.kind === 'file' || x.kind === 'push' ? 'import' : 'pull  '}    ${x.name}: ${lag(x)}`,
    ),
    ...h.webhooksDown.map(
      (w) =>
        `  webhook        ${w.source}/${w.model}: ${w.status}${w.reason ? ` — ${w.reason}` : ''}`,
    ),
    `  queue          ${waiting} waiting, ${failed} failed`,
    ...h.failedJobs.map(
      (j) =>
        `  failed job     ${j.name} ${Object.values(j.data).join(' ')} at ${j.failedAt.toISOString()} after ${j.retries} retries: ${j.error ?? 'no message'}`,
    ),
  ];
}

function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

function orgName(s: StoreStatus, tenantId: string): string {
  return s.organisations.find((o) => o.tenantId === tenantId)?.name ?? tenantId;
}
