/**
 * One sync pass: for each Xero organisation, the sources and entities routed to it (FEATURES R3),
 * open intents resolved first (exactly once), then the phases. One organisation's failure (daily
 * limit, Xero away, connection revoked) ends that organisation's run, not the others'.
 *
 * @module
 */
import { asLedgerbridgeError, LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database } from '../store/database.js';
import type { LockHolder } from '../store/organisation-lock.js';
import { latestChangeSeq } from '../store/documents-repo.js';
import { saveNeedsCheck } from '../store/mapping-needs-repo.js';
import { listMappings } from '../store/mappings-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { finishRun, startRun } from '../store/runs-repo.js';
import { listRoutes } from '../store/sources-repo.js';
import { reportUnroutedEntities } from './not-routed.js';
import { clearErrorsOfSettledDocuments } from '../store/sync-errors-repo.js';
import type { Clock } from '../time/clock.js';
import type { XeroApi } from '../xero/api-client.js';
import type { SettingsCache } from '../xero/organisation-settings.js';
import { XERO_LIMITS } from '../xero/budget.js';
import { makeInFlight } from './execute/in-flight.js';
import { runPhases } from './execute/phases.js';
import { resolveOpenIntents } from './execute/resolve-intents.js';
import { takeInXeroChanges } from './execute/xero-changes.js';
import { pendingDocuments } from './execute/candidates.js';
import {
  emptyCounts,
  type ContactWriter,
  type RunContext,
  type RunCounts,
} from './execute/run-context.js';
import { makePlanTally, type PlannedOperation, type PlanSummary } from './plan-tally.js';
import { NO_OBSERVER, type SyncObserver } from './sync-observer.js';
import { exclusively } from './exclusive-pass.js';
import { makeMappingContext } from './mapping-context.js';
import { makeMappingNeeds, type MappingNeed } from './mapping-needs.js';
import type { Operation } from './plan/operation.js';
import { toStoredNeeds } from './stored-needs.js';
import { loadSyncSettings } from './sync-settings.js';
import { beginPass, endIfQuiet, markPass } from './idle/quiet-pass.js';

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
  /** Xero's webhooks reach this installation (XERO_WEBHOOK_KEY set): see idle/xero-probe.ts. */
  readonly xeroWebhooks?: boolean;
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
  /** A quiet pass (`quiet` option): nothing to do, found without reading the organisation's settings. */
  readonly quiet?: boolean;
  readonly error?: { readonly code: string; readonly message: string; readonly fix: string };
}

/** An organisation's run before its plan summary is attached. */
export type RunOutcome = Omit<OrganisationRun, 'planned'>;

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
  /**
   * Leave an organisation with nothing to do after one cheap look (idle/quiet-pass.ts): the
   * scheduled passes. Unset (the CLI's `sync`, the daily re-check): every pass does the work.
   */
  readonly quiet?: boolean;
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
    const pass = passOf(options, tenantId, org.name, sources, (op) => tally.add(tenantId, op));
    const run = pass.dryRun
      ? await syncOrganisation(deps, pass)
      : await exclusively(deps.db, tenantId, org.name, options, () => syncOrganisation(deps, pass));
    organisations.push({ ...run, planned: tally.summary(tenantId) });
  }
  // Every pass keeps the unrouted entities' sync errors true (the service's passes are per
  // organisation); only a whole run prints them — one organisation's has no view of the rest.
  const unrouted = await reportUnroutedEntities(deps.db, {
    source: options.source,
    dryRun: options.dryRun ?? false,
  });
  return {
    organisations,
    unrouted: options.tenantId ? [] : unrouted.map((u) => ({ source: u.source, entity: u.entity })),
    plan: { detail: tally.detail, more: tally.more },
  };
}

/** One organisation's pass: `whole` over all its sources, `quiet` may end it early (idle/). */
interface Pass {
  readonly tenantId: string;
  readonly name: string;
  readonly sources: Map<string, string[]>;
  readonly dryRun: boolean;
  readonly whole: boolean;
  readonly quiet: boolean;
  readonly onOperation: (op: Operation) => void;
}

function passOf(
  options: SyncOptions,
  tenantId: string,
  name: string,
  sources: Map<string, string[]>,
  onOperation: (op: Operation) => void,
): Pass {
  // A mark speaks for all of the organisation's sources: a pass over some leaves it unclean.
  const whole = !options.source;
  const dryRun = options.dryRun ?? false;
  const quiet = (options.quiet ?? false) && whole && !dryRun;
  return { tenantId, name, sources, dryRun, whole, quiet, onOperation };
}

async function syncOrganisation(deps: SyncDeps, pass: Pass): Promise<RunOutcome> {
  const { tenantId, name, sources, dryRun } = pass;
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
    const start = dryRun ? undefined : await beginPass(deps.db, deps.clock, tenantId, sources);
    if (start && pass.quiet && (await endIfQuiet(deps, start, sources, runId)))
      return ended({ tenantId, name, runId, status: 'succeeded', counts, mappings, quiet: true });
    if (start) await markPass(deps.db, start, 'started');
    const rc = await runContext(deps, tenantId, runId, counts);
    if (observer.organisation)
      observer.organisation({
        tenantId,
        name,
        pending: await pendingDocuments(rc.db, tenantId, sources),
      });
    if (!dryRun) await resolveOpenIntents(rc);
    mappings.push(...(await syncSources(rc, sources, dryRun, pass.onOperation)));
    const status =
      counts.rejected > 0 || counts.waiting > 0 || counts.unknown > counts.resolved
        ? 'partial'
        : 'succeeded';
    if (runId !== null) await finishRun(deps.db, runId, status, { ...counts });
    if (start && pass.whole)
      await markPass(deps.db, start, status === 'succeeded' ? 'clean' : 'unclean');
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
    const changeSeq = Number(await latestChangeSeq(rc.db));
    const scope = { source, entities, settings, mapping, dryRun, onOperation };
    await runPhases(rc, { ...scope, needs: tally, left });
    const { tenantId } = rc;
    const stored = toStoredNeeds(left.needs());
    await saveNeedsCheck(rc.db, { tenantId, source, entities, changeSeq, needs: stored, dryRun });
    needs.push(...tally.needs());
  }
  return needs;
}
