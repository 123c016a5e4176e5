/**
 * The demo, end to end (issue 17 item 7), read as a script: a clinic seeded in the Cliniko
 * emulator and a law firm in the Clio emulator, the Xero sandbox with their two organisations,
 * each connected through its real flow; a pull and a first sync; the missing mapping fixed; the
 * practices' later edits made inside the emulators; a second pull and sync — and what it all
 * did, with the calls used against Xero's budget. The law firm's trust money and disbursement
 * come from Clio; its supplier bills and a bounced cheque, which Clio does not keep, from a second
 * source routed to the same organisation, a file drop (law-firm-payables.ts, which says why).
 * The run ends with the law firm's books in a lawyer's words and its three-way trust report.
 *
 * @module
 */
import { updateCredentials } from '../sources/credentials.js';
import { DEFAULT_OVERLAP_MS } from '../sources/cursor.js';
import { pullSource } from '../sources/pull/pull-source.js';
import type { PullReport } from '../sources/pull/run-pull.js';
import { connectorFor, pulledKinds } from '../sources/registry.js';
import { renderTrust } from '../reconcile/render-trust.js';
import { trustReport, type TrustReport } from '../reconcile/trust-report.js';
import type { Database } from '../store/database.js';
import { putMapping } from '../store/mappings-repo.js';
import { listSources, routeEntity } from '../store/sources-repo.js';
import { listOpenSyncErrors, type SyncErrorRow } from '../store/sync-errors-repo.js';
import { runSync, type SyncReport } from '../sync/run-sync.js';
import { systemClock } from '../time/clock.js';
import type { XeroSandbox } from '../sandbox/xero/index.js';
import type { SharedBudget } from '../xero/budget-store.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';
import type { SealingKey } from '../xero/token-crypto.js';
import {
  connectSources,
  connectXero,
  DEMO_CONTACT_EMAIL,
  type XeroConnection,
} from './connect-all.js';
import {
  CLINIC,
  DEMO_FIX,
  DEMO_ORGANISATIONS,
  LAW_FIRM,
  LAW_FIRM_PAYABLES,
  OFFICE_BANK_CODE,
  TRUST_BANK_CODE,
} from './demo-practice.js';
import { addPayables, returnCheque } from './law-firm-payables.js';
import { lawFirmStory } from './law-firm-story.js';
import { applyLaterEdits, startPractices, type DemoPractices } from './seed-practices.js';

export interface DemoEvents {
  step(text: string): void;
  pulled(source: string, report: PullReport): void;
  synced(title: string, report: SyncReport, budget: readonly BudgetUse[]): void;
  errors(title: string, errors: readonly SyncErrorRow[]): void;
  /** A block of text under a title: the law firm's books, its trust report. */
  shown(title: string, lines: readonly string[]): void;
}

export interface BudgetUse {
  readonly name: string;
  readonly lastMinute: number;
  readonly today: number;
}

export interface DemoResult {
  /** Stopped when the demo returns (unless kept running); its books stay readable through `control`. */
  readonly xero: XeroSandbox;
  readonly connection: XeroConnection;
  readonly pulls: readonly PullReport[];
  readonly first: SyncReport;
  readonly second: SyncReport;
  readonly errorsAfter: readonly SyncErrorRow[];
  readonly practices: DemoPractices;
  /** The law firm's three-way trust reconciliation after the second sync. */
  readonly trust: TrustReport;
  /** Stops the sandbox and the emulators (already done unless the demo was kept running). */
  stop(): Promise<void>;
}

export interface DemoOptions {
  /** Leave the sandbox and the emulators running, for the dashboard the demo ends on. */
  readonly keepRunning?: boolean;
}

export async function runDemo(
  db: Database,
  events: DemoEvents,
  secretKey?: string,
  options: DemoOptions = {},
): Promise<DemoResult> {
  const { practices, xero, stop } = await startAll(db, events, secretKey);
  let kept = false;
  try {
    const { clinic, lawFirm } = await connectSources(db, xero.key, practices);
    events.step(`Connected ${clinic.label} (Cliniko, API key; its shard picks the host)`);
    events.step(`Connected Clio as ${lawFirm.label} (OAuth2 with PKCE through its consent page)`);
    events.step(await addPayables(db));
    await setUp(
      db,
      {
        [CLINIC.source]: [...clinic.entities.keys()],
        [LAW_FIRM.source]: ['default'],
        [LAW_FIRM_PAYABLES.source]: ['default'],
      },
      events,
    );

    const pulls = await pullBoth(db, xero.key, practices, events);
    const sync = () =>
      runSync({
        db,
        api: xero.api,
        settings: makeSettingsCache(xero.api, systemClock),
        clock: systemClock,
        batchSize: 50,
      });
    const first = await sync();
    events.synced('First sync', first, await budgetUse(xero.budget));
    events.errors('Refused on the first sync', await listOpenSyncErrors(db));

    await putMapping(db, { ...DEMO_FIX, source: '*' });
    events.step(
      `Applied the fix: \`ledgerbridge map line-kind interest 260 --tenant ${DEMO_FIX.tenantId}\``,
    );
    for (const line of applyLaterEdits(practices)) events.step(line);
    events.step(await returnCheque(db));

    pulls.push(...(await pullBoth(db, xero.key, practices, events)));
    const second = await sync();
    events.synced(
      'Second sync (the edits, and the refused bill retried)',
      second,
      await budgetUse(xero.budget),
    );
    const errorsAfter = await listOpenSyncErrors(db);
    events.errors('Still refused', errorsAfter);
    const trust = await showLawFirm(db, xero, events);
    kept = options.keepRunning ?? false;
    const result = { xero: xero.sandbox, connection: xero, pulls, first, second, errorsAfter, trust }; // prettier-ignore
    return { ...result, practices, stop };
  } finally {
    if (!kept) await stop();
  }
}

/** The emulators and the Xero sandbox started, both organisations connected. */
async function startAll(db: Database, events: DemoEvents, secretKey?: string) {
  const practices = await startPractices();
  events.step(
    `Started the Cliniko emulator at ${practices.cliniko.url} (a clinic) and the Clio emulator at ${practices.clio.url} (a law firm)`,
  );
  const xero = await connectXero(db, secretKey).catch(async (e: unknown) => {
    await practices.stop();
    throw e;
  });
  events.step(
    `Started the Xero sandbox at ${xero.sandbox.url}; connected ${xero.organisations} organisations through Xero's consent flow (PKCE)`,
  );
  const stop = () => Promise.all([xero.sandbox.stop(), practices.stop()]).then(() => undefined);
  return { practices, xero, stop };
}

/** The law firm's books as a lawyer reads them, and its three-way trust reconciliation. */
async function showLawFirm(
  db: Database,
  xero: XeroConnection,
  events: DemoEvents,
): Promise<TrustReport> {
  const settings = makeSettingsCache(xero.api, systemClock);
  const asOf = new Date(systemClock.now()).toISOString().slice(0, 10);
  const deps = { db, api: xero.api, tenantId: LAW_FIRM.tenantId };
  const trust = await trustReport({ ...deps, settings: () => settings.get(LAW_FIRM.tenantId) }, asOf); // prettier-ignore
  if (!trust) throw new Error(`${LAW_FIRM.name} has no trust bank account mapped`);
  const org = xero.sandbox.control.org(LAW_FIRM.tenantId);
  events.shown(`${LAW_FIRM.name} in Xero`, lawFirmStory(org, TRUST_BANK_CODE, OFFICE_BANK_CODE));
  events.shown(
    'Three-way trust reconciliation',
    renderTrust('table', [trust]).trimEnd().split('\n'),
  );
  return trust;
}

/** What a bookkeeper and an accountant set up first: each source's entities routed, mappings chosen. */
async function setUp(
  db: Database,
  entities: Record<string, readonly string[]>,
  events: DemoEvents,
): Promise<void> {
  for (const org of DEMO_ORGANISATIONS) {
    for (const source of [org.source, ...(org.alsoFrom ?? [])])
      for (const entity of entities[source] ?? [])
        await routeEntity(db, source, entity, org.tenantId);
    for (const [type, key, value] of org.mappings)
      await putMapping(db, { tenantId: org.tenantId, source: '*', type, key, value });
    const sources = [org.source, ...(org.alsoFrom ?? [])].join(' and ');
    events.step(`Routed ${sources} → ${org.name}; ${org.mappings.length} mappings`);
  }
}

/** Each source pulled through the product's pull path (its cursor, its rate budget). */
async function pullBoth(
  db: Database,
  key: SealingKey,
  practices: DemoPractices,
  events: DemoEvents,
): Promise<PullReport[]> {
  const baseUrls: Record<string, string> = {
    cliniko: practices.cliniko.apiUrl,
    clio: practices.clio.url,
  };
  const reports: PullReport[] = [];
  // The payables file drop is given its documents (imported above), not pulled.
  const pulled = (await listSources(db)).filter((s) => pulledKinds().includes(s.kind));
  for (const source of pulled) {
    const report = await pullSource({
      db,
      key,
      source,
      definition: connectorFor(source.kind),
      options: {
        baseUrl: baseUrls[source.kind],
        overlapMs: DEFAULT_OVERLAP_MS,
        contactEmail: DEMO_CONTACT_EMAIL,
        // Clio rotates its refresh token while in use: kept at once, sealed.
        saveCredentials: (c: unknown) => updateCredentials(db, key, source.name, c),
      },
    });
    events.pulled(source.name, report);
    reports.push(report);
  }
  return reports;
}

async function budgetUse(budget: SharedBudget): Promise<BudgetUse[]> {
  const now = systemClock.now();
  return Promise.all(
    DEMO_ORGANISATIONS.map(async (org) => {
      const state = await budget.read(org.tenantId);
      return {
        name: org.name,
        lastMinute: state.minuteCalls.filter((t) => t > now - 60_000).length,
        today: state.dayCount,
      };
    }),
  );
}
