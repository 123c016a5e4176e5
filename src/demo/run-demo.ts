/**
 * The demo, end to end (issue 6): a throwaway embedded store, the Xero sandbox with the sample
 * practice's three organisations, the real consent flow, the bundled export files imported, a
 * first sync, a fix applied and the practice's later edits imported, a second sync — and what it
 * all did, with the calls used against Xero's budget and where to look next.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startXeroSandbox, type XeroSandbox } from '../sandbox/xero/index.js';
import { importPath, type ImportReport } from '../sources/file-drop/index.js';
import type { Database } from '../store/database.js';
import { putMapping } from '../store/mappings-repo.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';
import { listOpenSyncErrors, type SyncErrorRow } from '../store/sync-errors-repo.js';
import { runSync, type SyncReport } from '../sync/run-sync.js';
import { systemClock } from '../time/clock.js';
import { makeXeroApi, type XeroApi } from '../xero/api-client.js';
import { XERO_LIMITS } from '../xero/budget.js';
import { makeSharedBudget, type SharedBudget } from '../xero/budget-store.js';
import { tokenSetFor } from '../xero/connect.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';
import { deriveSealingKey } from '../xero/token-crypto.js';
import { makeTokenManager } from '../xero/token-manager.js';
import { DEMO_FIX, DEMO_ORGANISATIONS } from './demo-practice.js';
import { consentInSandbox } from './headless-consent.js';

const REDIRECT_URI = 'http://localhost:5005/callback';
export const SAMPLES_DIR = join(import.meta.dirname, '..', '..', 'samples', 'demo');

export interface DemoEvents {
  step(text: string): void;
  imported(label: string, report: ImportReport): void;
  synced(title: string, report: SyncReport, budget: readonly BudgetUse[]): void;
  errors(title: string, errors: readonly SyncErrorRow[]): void;
}

export interface BudgetUse {
  readonly name: string;
  readonly lastMinute: number;
  readonly today: number;
}

export interface DemoResult {
  readonly sandboxUrl: string;
  readonly first: SyncReport;
  readonly second: SyncReport;
  readonly errorsAfter: readonly SyncErrorRow[];
}

interface Connected {
  readonly sandbox: XeroSandbox;
  readonly api: XeroApi;
  readonly budget: SharedBudget;
}

export async function runDemo(
  db: Database,
  events: DemoEvents,
  secretKey?: string,
): Promise<DemoResult> {
  const { sandbox, api, budget } = await connect(db, events, secretKey);
  try {
    await setUp(db, api, events);
    for (const [folder, source] of [
      ['clinic', 'demo-clinic'],
      ['lawfirm', 'demo-lawfirm'],
    ] as const)
      events.imported(
        `samples/demo/${folder}`,
        await importPath(db, join(SAMPLES_DIR, folder), { source }),
      );
    const settings = makeSettingsCache(api, systemClock);
    const sync = () => runSync({ db, api, settings, clock: systemClock, batchSize: 50 });
    const first = await sync();
    events.synced('First sync', first, await budgetUse(budget));
    events.errors('Refused on the first sync', await listOpenSyncErrors(db));
    await putMapping(db, { ...DEMO_FIX, source: '*' });
    events.step(
      `Applied the fix: \`ledgerbridge map line-kind interest 260 --tenant ${DEMO_FIX.tenantId}\``,
    );
    for (const [folder, source] of [
      ['clinic-later', 'demo-clinic'],
      ['lawfirm-later', 'demo-lawfirm'],
    ] as const)
      events.imported(
        `samples/demo/${folder}`,
        await importPath(db, join(SAMPLES_DIR, folder), { source }),
      );
    const second = await sync();
    events.synced(
      'Second sync (the edits, and the refused bills retried)',
      second,
      await budgetUse(budget),
    );
    const errorsAfter = await listOpenSyncErrors(db);
    events.errors('Still refused', errorsAfter);
    return { sandboxUrl: sandbox.url, first, second, errorsAfter };
  } finally {
    await sandbox.stop();
  }
}

async function connect(db: Database, events: DemoEvents, secretKey?: string): Promise<Connected> {
  const sandbox = await startXeroSandbox({
    organisations: DEMO_ORGANISATIONS.map(({ name, region, tenantId }) => ({
      name,
      region,
      tenantId,
    })),
  });
  events.step(
    `Started the Xero sandbox at ${sandbox.url} with ${DEMO_ORGANISATIONS.length} organisations (Xero's real limits on)`,
  );
  const app = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
  const endpoints = { apiUrl: sandbox.url, identityUrl: sandbox.url, loginUrl: sandbox.url };
  // The demo's store is thrown away, so an unset key is made up for it; real use needs LEDGERBRIDGE_SECRET_KEY.
  const key = deriveSealingKey(secretKey ?? randomBytes(32).toString('base64'));
  const deps = { db, key, endpoints, app, clock: systemClock };
  const orgs = await consentInSandbox(deps, REDIRECT_URI);
  events.step(
    `Connected ${orgs.length} organisations through Xero's consent flow (PKCE); tokens stored encrypted`,
  );
  const budget = makeSharedBudget(db, systemClock, () => XERO_LIMITS);
  const api = makeXeroApi({
    endpoints,
    tokens: makeTokenManager(deps),
    budget,
    clock: systemClock,
    tokenSetFor: (t) => tokenSetFor(db, t),
  });
  return { sandbox, api, budget };
}

/** What a bookkeeper and an accountant set up first: tracking categories in Xero, routes and mappings here. */
async function setUp(db: Database, api: XeroApi, events: DemoEvents): Promise<void> {
  for (const org of DEMO_ORGANISATIONS) {
    for (const [category, options] of Object.entries(org.tracking)) {
      const made = await api.request<{ TrackingCategories?: { TrackingCategoryID: string }[] }>({
        tenantId: org.tenantId,
        method: 'PUT',
        path: '/TrackingCategories',
        body: { Name: category },
      });
      const id = made.body.TrackingCategories?.[0]?.TrackingCategoryID;
      for (const option of options)
        await api.request({
          tenantId: org.tenantId,
          method: 'PUT',
          path: `/TrackingCategories/${id}/Options`,
          body: { Name: option },
        });
    }
    await ensureSource(db, org.route.source, 'file');
    await routeEntity(db, org.route.source, org.route.entity, org.tenantId);
    for (const [type, key, value] of org.mappings)
      await putMapping(db, { tenantId: org.tenantId, source: '*', type, key, value });
    events.step(
      `Routed ${org.route.source}/${org.route.entity} → ${org.name}; ${org.mappings.length} mappings`,
    );
  }
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
