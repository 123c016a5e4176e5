/**
 * One sync pass: for each Xero organisation, the sources and entities routed to it (FEATURES R3),
 * open intents resolved first (exactly once), then the phases. One organisation's failure (daily
 * limit, Xero away, connection revoked) ends that organisation's run, not the others'.
 *
 * @module
 */
import { ERROR_CATALOGUE } from '../errors/catalogue.js';
import { asLedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database } from '../store/database.js';
import { describeHolder, lockOrganisation, type LockHolder } from '../store/organisation-lock.js';
import { listMappings } from '../store/mappings-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { finishRun, startRun } from '../store/runs-repo.js';
import { listRoutes } from '../store/sources-repo.js';
import { clearErrorsOfSettledDocuments } from '../store/sync-errors-repo.js';
import type { Clock } from '../time/clock.js';
import type { XeroApi } from '../xero/api-client.js';
import type { SettingsCache } from '../xero/organisation-settings.js';
import { runPhases } from './execute/phases.js';
import { resolveOpenIntents } from './execute/resolve-intents.js';
import { takeInXeroChanges } from './execute/xero-changes.js';
import { emptyCounts, type RunContext, type RunCounts } from './execute/run-context.js';
import { makeMappingContext } from './mapping-context.js';
import type { Operation } from './plan/operation.js';
import { loadSyncSettings } from './sync-settings.js';

export interface SyncDeps {
  readonly db: Database;
  readonly api: XeroApi;
  readonly settings: SettingsCache;
  readonly clock: Clock;
  readonly batchSize: number;
}

export interface PlannedOperation {
  readonly tenantId: string;
  readonly label: string;
  readonly kind: string;
  readonly op: Operation['op'];
  readonly detail?: string;
}

export interface OrganisationRun {
  readonly tenantId: string;
  readonly name: string;
  readonly runId: number | null;
  readonly status: 'succeeded' | 'partial' | 'failed' | 'not-connected' | 'busy';
  readonly counts: RunCounts;
  readonly error?: { readonly code: string; readonly message: string; readonly fix: string };
}

export interface SyncReport {
  readonly organisations: OrganisationRun[];
  /** Entities with documents but no organisation to go to. */
  readonly unrouted: { readonly source: string; readonly entity: string }[];
  readonly plan: PlannedOperation[];
}

export interface SyncOptions {
  readonly source?: string;
  readonly dryRun?: boolean;
  /**
   * When another pass holds an organisation: wait for it (default), or leave the organisation out
   * of this pass with status 'busy'.
   */
  readonly wait?: boolean;
  /** Told when this pass waits for another's organisation (and whenever that holder changes). */
  readonly onWait?: (organisation: string, holder: LockHolder | undefined) => void;
  /** How often a waiting pass tries again (ms of real time; default 1 s). */
  readonly lockPollMs?: number;
}

export async function runSync(deps: SyncDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const routes = (await listRoutes(deps.db)).filter(
    (r) => !options.source || r.source === options.source,
  );
  const orgs = new Map((await listOrganisations(deps.db)).map((o) => [o.tenantId, o]));
  const byTenant = new Map<string, Map<string, string[]>>();
  for (const r of routes) {
    if (!r.tenantId) continue;
    const sources = byTenant.get(r.tenantId) ?? new Map<string, string[]>();
    sources.set(r.source, [...(sources.get(r.source) ?? []), r.entity]);
    byTenant.set(r.tenantId, sources);
  }
  const plan: PlannedOperation[] = [];
  const organisations: OrganisationRun[] = [];
  for (const [tenantId, sources] of byTenant) {
    const org = orgs.get(tenantId);
    if (!org || org.status !== 'connected') {
      organisations.push({
        tenantId,
        name: org?.name ?? tenantId,
        runId: null,
        status: 'not-connected',
        counts: emptyCounts(),
        error: {
          code: 'LB_XERO_NOT_CONNECTED',
          message: `${org?.name ?? tenantId} is ${org?.status.replace('_', ' ') ?? 'not connected'}`,
          fix: 'Run `ledgerbridge connect xero`.',
        },
      });
      continue;
    }
    const onOperation = (op: Operation) => plan.push(planned(tenantId, op));
    organisations.push(
      options.dryRun
        ? await syncOrganisation(deps, tenantId, org.name, sources, true, onOperation)
        : await exclusively(deps.db, tenantId, org.name, options, () =>
            syncOrganisation(deps, tenantId, org.name, sources, false, onOperation),
          ),
    );
  }
  return { organisations, unrouted: await unroutedEntities(deps.db, routes, options.source), plan };
}

async function syncOrganisation(
  deps: SyncDeps,
  tenantId: string,
  name: string,
  sources: Map<string, string[]>,
  dryRun: boolean,
  onOperation: (op: Operation) => void,
): Promise<OrganisationRun> {
  const counts = emptyCounts();
  const runId = dryRun
    ? null
    : await startRun(
        deps.db,
        'sync',
        sources.size === 1 ? [...sources.keys()][0] : undefined,
        tenantId,
      );
  try {
    const organisation = await deps.settings.get(tenantId);
    const rc: RunContext = {
      db: deps.db,
      api: deps.api,
      clock: deps.clock,
      tenantId,
      organisation,
      runId: runId ?? 0,
      batchSize: deps.batchSize,
      counts,
    };
    if (!dryRun) await resolveOpenIntents(rc);
    await syncSources(rc, sources, dryRun, onOperation);
    const status =
      counts.rejected > 0 || counts.unknown > counts.resolved ? 'partial' : 'succeeded';
    if (runId !== null) await finishRun(deps.db, runId, status, { ...counts });
    return { tenantId, name, runId, status, counts };
  } catch (error) {
    const lb = asLedgerbridgeError(error);
    if (runId !== null) await finishRun(deps.db, runId, 'failed', { ...counts }, lb.message);
    return {
      tenantId,
      name,
      runId,
      status: 'failed',
      counts,
      error: { code: lb.code, message: lb.message, fix: lb.fix },
    };
  }
}

/** Each source routed to the organisation: Xero's own changes taken in first, then the phases. */
async function syncSources(
  rc: RunContext,
  sources: Map<string, string[]>,
  dryRun: boolean,
  onOperation: (op: Operation) => void,
): Promise<void> {
  const mappings = await listMappings(rc.db, rc.tenantId);
  for (const [source, entities] of sources) {
    const settings = await loadSyncSettings(rc.db, source);
    if (!dryRun) {
      await takeInXeroChanges(rc, source, settings);
      await clearErrorsOfSettledDocuments(rc.db, rc.tenantId, source);
    }
    await runPhases(rc, {
      source,
      entities,
      settings,
      mapping: makeMappingContext(mappings, source, rc.organisation),
      dryRun,
      onOperation,
    });
  }
}

/**
 * A pass that writes holds the organisation (store/organisation-lock.ts): two at once duplicated
 * payments. A dry run writes nothing and does not wait.
 */
async function exclusively(
  db: Database,
  tenantId: string,
  name: string,
  options: SyncOptions,
  work: () => Promise<OrganisationRun>,
): Promise<OrganisationRun> {
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
      error: {
        code: 'LB_SYNC_BUSY',
        message: `The sync of ${name} is ${describeHolder(outcome.holder)}`,
        fix: ERROR_CATALOGUE.LB_SYNC_BUSY.fix,
      },
    };
  try {
    return await work();
  } finally {
    await outcome.lock.release();
  }
}

function planned(tenantId: string, op: Operation): PlannedOperation {
  const detail =
    op.op === 'skip'
      ? op.reason
      : op.op === 'reject'
        ? `${op.code}: ${op.message}`
        : op.notes?.join('; ');
  return { tenantId, label: op.label, kind: op.kind, op: op.op, ...(detail && { detail }) };
}

async function unroutedEntities(
  db: Database,
  routes: readonly { source: string; entity: string; tenantId: string | null }[],
  source?: string,
): Promise<{ source: string; entity: string }[]> {
  const rows = await db.query<{ source: string; entity: string }>(
    'SELECT DISTINCT source, entity FROM documents WHERE ($1::text IS NULL OR source = $1) AND deleted_at IS NULL ORDER BY 1, 2',
    [source ?? null],
  );
  return rows.filter(
    (r) => !routes.some((x) => x.source === r.source && x.entity === r.entity && x.tenantId),
  );
}
