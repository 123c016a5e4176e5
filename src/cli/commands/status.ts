import { openStore, readStoreStatus, type StoreStatus } from '../../store/index.js';
import type { CommandContext } from '../context.js';

/** `ledgerbridge status`: the store, its documents, sources, routes, organisations and last run. */
export async function runStatus(ctx: CommandContext): Promise<StoreStatus> {
  const { db, schemaVersion } = await openStore(ctx.config, 'existing');
  try {
    const status = await readStoreStatus(db, schemaVersion);
    ctx.out.result(status, renderStatus);
    return status;
  } finally {
    await db.close();
  }
}

export function renderStatus(s: StoreStatus): string {
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
  ].join('\n');
}

function orgName(s: StoreStatus, tenantId: string): string {
  return s.organisations.find((o) => o.tenantId === tenantId)?.name ?? tenantId;
}
