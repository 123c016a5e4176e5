/**
 * One sync pass: for each Xero organisation, the sources and entities routed to it (FEATURES R3),
 * open intents resolved first (exactly once), then the phases. One organisation's failure (daily
 * limit, Xero away, connection revoked) ends that organisation's run, not the others'.
 *
 * @module
 */
import { ERROR_CATALOGUE } from '../errors/catalogue.js';
import { asLedgerbridgeError, LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { DocumentKind } from '../ledger/index.js';
import type { Database } from '../store/database.js';
import { describeHolder, lockOrganisation, type LockHolder } from '../store/organisation-lock.js';
import { latestChangeSeq } from '../store/documents-repo.js';
import { saveNeedsCheck } from '../store/mapping-needs-repo.js';
import { listMappings } from '../store/mappings-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { finishRun, interruptOrphanedRuns, startRun } from '../store/runs-repo.js';
import { listRoutes } from '../store/sources-repo.js';
import { clearErrorsOfSettledDocuments } from '../store/sync-errors-repo.js';
import type { Clock } from '../time/clock.js';
import type { XeroApi } from '../xero/api-client.js';
import type { SettingsCache } from '../xero/organisation-settings.js';
import { XERO_LIMITS } from '../xero/budget.js';
import { makeInFlight } from './execute/in-flight.js';
import { runPhases } from './execute/phases.js';
import { resolveOpenIntents } from './execute/resolve-intents.js';
import { takeInXeroChanges } from './execute/xero-changes.js';
import { countCandidates } from './execute/candidates.js';
import {
  emptyCounts,
  type ContactWriter,
  type RunContext,
  type RunCounts,
} from './execute/run-context.js';
import { makePlanTally, type PlannedOperation, type PlanSummary } from './plan-tally.js';
import { NO_OBSERVER, type SyncObserver } from './sync-observer.js';
import { makeMappingContext } from './mapping-context.js';
import { makeMappingNeeds, type MappingNeed } from './mapping-needs.js';
import type { Operation } from './plan/operation.js';
import { toStoredNeeds } from './stored-needs.js';
import { loadSyncSettings } from './sync-settings.js';

export interface SyncDeps {
  readonly db: Database;
  readonly api: XeroApi;
  readonly settings: SettingsCache;
  readonly clock: Clock;
  readonly batchSize: number;
  /** Pushes in flight at once per organisation (default: Xero's 5; 1 sends one at a time). */
  readonly concurrency?: number;
  /** Told how the pass goes (progress, logs). */
  readonly observer?: SyncObserver;
  /** Contacts edited in Xero written back to PMSs that can take them (FEATURES C3). */
  readonly contactWriter?: ContactWriter;
}

export interface OrganisationRun {
  readonly tenantId: string;
  readonly name: string;
  readonly runId: number | null;
  readonly status: 'succeeded' | 'partial' | 'failed' | 'not-connected' | 'busy';
  readonly counts: RunCounts;
  /** What the pass decided for the organisation's documents, counted. */
  readonly planned: PlanSummary;
  /** Every mapping the documents to push need, and whether each is mapped, missing or invalid. */
  readonly mappings: readonly MappingNeed[];
  readonly error?: { readonly code: string; readonly message: string; readonly fix: string };
}

/** An organisation's run before its plan summary is attached. */
type RunOutcome = Omit<OrganisationRun, 'planned'>;

export interface SyncReport {
  readonly organisations: OrganisationRun[];
  /** Entities with documents but no organisation to go to. */
  readonly unrouted: { readonly source: string; readonly entity: string }[];
  /** The first decisions in full (`planLimit` of them), and how many more there were. */
  readonly plan: { readonly detail: readonly PlannedOperation[]; readonly more: number };
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
  /** Decisions kept in full in the report (default: 100 for a dry run, none otherwise). */
  readonly planLimit?: number;
  /** Only this organisation (its tenant id); an unknown one is refused before anything runs. */
  readonly tenantId?: string;
}

export async function runSync(deps: SyncDeps, options: SyncOptions = {}): Promise<SyncReport> {
  const routes = (await listRoutes(deps.db)).filter(
    (r) =>
      (!options.source || r.source === options.source) &&
      (!options.tenantId || r.tenantId === options.tenantId),
  );
  const orgs = new Map((await listOrganisations(deps.db)).map((o) => [o.tenantId, o]));
  if (options.tenantId !== undefined && !orgs.has(options.tenantId))
    throw new LedgerbridgeError(
      'LB_XERO_NOT_CONNECTED',
      `No Xero organisation ${options.tenantId} is connected`,
      { fix: 'See `ledgerbridge status` for the connected organisations and their tenant ids.' },
    );
  const byTenant = new Map<string, Map<string, string[]>>();
  for (const r of routes) {
    if (!r.tenantId) continue;
    const sources = byTenant.get(r.tenantId) ?? new Map<string, string[]>();
    sources.set(r.source, [...(sources.get(r.source) ?? []), r.entity]);
    byTenant.set(r.tenantId, sources);
  }
  const tally = makePlanTally(deps.batchSize, options.planLimit ?? (options.dryRun ? 100 : 0));
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
        planned: tally.summary(tenantId),
        mappings: [],
        error: {
          code: 'LB_XERO_NOT_CONNECTED',
          message: `${org?.name ?? tenantId} ${org?.status === 'needs_reconnect' ? 'needs reconnecting' : `is ${org?.status ?? 'not connected'}`}`,
          fix: 'Run `ledgerbridge connect xero`.',
        },
      });
      continue;
    }
    const onOperation = (op: Operation) => tally.add(tenantId, op);
    const run = options.dryRun
      ? await syncOrganisation(deps, tenantId, org.name, sources, true, onOperation)
      : await exclusively(deps.db, tenantId, org.name, options, () =>
          syncOrganisation(deps, tenantId, org.name, sources, false, onOperation),
        );
    organisations.push({ ...run, planned: tally.summary(tenantId) });
  }
  // One organisation's pass has no view of the entities routed elsewhere.
  const unrouted = options.tenantId ? [] : await unroutedEntities(deps.db, routes, options.source);
  return { organisations, unrouted, plan: { detail: tally.detail, more: tally.more } };
}

async function syncOrganisation(
  deps: SyncDeps,
  tenantId: string,
  name: string,
  sources: Map<string, string[]>,
  dryRun: boolean,
  onOperation: (op: Operation) => void,
): Promise<RunOutcome> {
  const counts = emptyCounts();
  const mappings: MappingNeed[] = [];
  const source = sources.size === 1 ? [...sources.keys()][0] : undefined;
  const runId = dryRun ? null : await startRun(deps.db, 'sync', source, tenantId);
  const observer = deps.observer ?? NO_OBSERVER;
  const ended = (run: RunOutcome) => {
    observer.finished?.({ tenantId, name, status: run.status, counts: { ...counts } });
    return run;
  };
  try {
    const rc = await runContext(deps, tenantId, runId, counts);
    if (observer.organisation)
      observer.organisation({ tenantId, name, pending: await pendingDocuments(rc, sources) });
    if (!dryRun) await resolveOpenIntents(rc);
    mappings.push(...(await syncSources(rc, sources, dryRun, onOperation)));
    const status =
      counts.rejected > 0 || counts.waiting > 0 || counts.unknown > counts.resolved
        ? 'partial'
        : 'succeeded';
    if (runId !== null) await finishRun(deps.db, runId, status, { ...counts });
    // A refusal may rest on the organisation's settings (an archived account, a currency not
    // added, a lock date): the next pass reads them again (5 calls) rather than trusting them
    // for the cache's 10 minutes after the user fixed them in Xero and pressed retry.
    if (counts.rejected > 0) deps.settings.invalidate(tenantId);
    return ended({ tenantId, name, runId, status, counts, mappings });
  } catch (error) {
    const lb = asLedgerbridgeError(error);
    if (runId !== null) await finishRun(deps.db, runId, 'failed', { ...counts }, lb.message);
    const error_ = { code: lb.code, message: lb.message, fix: lb.fix };
    return ended({ tenantId, name, runId, status: 'failed', counts, mappings, error: error_ });
  }
}

async function runContext(
  deps: SyncDeps,
  tenantId: string,
  runId: number | null,
  counts: RunCounts,
): Promise<RunContext> {
  return {
    db: deps.db,
    api: deps.api,
    clock: deps.clock,
    tenantId,
    organisation: await deps.settings.get(tenantId),
    runId: runId ?? 0,
    batchSize: deps.batchSize,
    counts,
    inFlight: makeInFlight(deps.concurrency ?? XERO_LIMITS.concurrent),
    observer: deps.observer ?? NO_OBSERVER,
    ...(deps.contactWriter && { contactWriter: deps.contactWriter }),
  };
}

/** Documents of each kind the pass will decide, over every source routed to the organisation. */
async function pendingDocuments(
  rc: RunContext,
  sources: Map<string, string[]>,
): Promise<Partial<Record<DocumentKind, number>>> {
  const total: Partial<Record<DocumentKind, number>> = {};
  for (const [source, entities] of sources)
    for (const [kind, n] of Object.entries(
      await countCandidates(rc.db, { tenantId: rc.tenantId, source, entities }),
    ))
      total[kind as DocumentKind] = (total[kind as DocumentKind] ?? 0) + n;
  return total;
}

/**
 * Each source routed to the organisation: Xero's own changes taken in first, then the phases.
 * Gives the mappings the source's documents need.
 */
async function syncSources(
  rc: RunContext,
  sources: Map<string, string[]>,
  dryRun: boolean,
  onOperation: (op: Operation) => void,
): Promise<MappingNeed[]> {
  const mappings = await listMappings(rc.db, rc.tenantId);
  const needs: MappingNeed[] = [];
  for (const [source, entities] of sources) {
    const settings = await loadSyncSettings(rc.db, source);
    if (!dryRun) {
      await takeInXeroChanges(rc, source, settings);
      await clearErrorsOfSettledDocuments(rc.db, rc.tenantId, source);
    }
    const mapping = makeMappingContext(mappings, source, rc.organisation);
    const tally = makeMappingNeeds(source, mapping, settings.summariseLines);
    // What a sending pass leaves waiting is what it refused; a dry run would send every document.
    const left = dryRun ? tally : makeMappingNeeds(source, mapping, settings.summariseLines);
    const changeSeq = await latestChangeSeq(rc.db);
    const scope = { source, entities, settings, mapping, dryRun, onOperation };
    await runPhases(rc, { ...scope, needs: tally, left });
    const { tenantId } = rc;
    const stored = toStoredNeeds(left.needs());
    await saveNeedsCheck(rc.db, { tenantId, source, entities, changeSeq, needs: stored, dryRun });
    needs.push(...tally.needs());
  }
  return needs;
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
