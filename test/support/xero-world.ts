/**
 * A connected world for Xero client and sync tests: the sandbox over real HTTP, a fresh store on
 * the chosen backend, an OAuth app registered in the sandbox, and organisations connected through
 * the real authorization-code flow (the sandbox consents automatically).
 */
import type { Backend } from '../../src/store/database.js';
import {
  startXeroSandbox,
  type XeroSandbox,
  type XeroSandboxOptions,
} from '../../src/sandbox/xero/index.js';
import { systemClock, type Clock } from '../../src/time/clock.js';
import { XERO_LIMITS, type BudgetLimits } from '../../src/xero/budget.js';
import { makeSharedBudget, type SharedBudget } from '../../src/xero/budget-store.js';
import { consentInSandbox } from '../../src/demo/headless-consent.js';
import {
  tokenSetFor,
  type ConnectDeps,
  type ConnectedOrganisation,
} from '../../src/xero/connect.js';
import type { XeroEndpoints } from '../../src/xero/identity-client.js';
import { makeXeroApi, type XeroApi, type XeroApiDeps } from '../../src/xero/api-client.js';
import { deriveSealingKey } from '../../src/xero/token-crypto.js';
import { makeTokenManager, type TokenManager } from '../../src/xero/token-manager.js';
import type { Database } from '../../src/store/database.js';
import { freshDatabase, type FreshDatabase } from './backends.js';

export const TEST_SECRET = 'test-secret-key-0123456789-abcdefghijklmnop';
export const REDIRECT_URI = 'http://localhost:5005/callback';

export interface XeroWorld extends ConnectDeps {
  readonly sandbox: XeroSandbox;
  readonly fresh: FreshDatabase;
  readonly organisations: readonly ConnectedOrganisation[];
  readonly tokens: TokenManager;
  readonly budget: SharedBudget;
  readonly api: XeroApi;
  /** Another "process": its own API client, token manager and budget over `db`. */
  makeApi(db: Database, extra?: Partial<XeroApiDeps>): XeroApi;
  dispose(): Promise<void>;
}

export interface WorldOptions {
  readonly backend: Backend;
  readonly clock?: Clock;
  readonly sandbox?: XeroSandboxOptions;
  readonly limits?: BudgetLimits;
  readonly api?: Partial<XeroApiDeps>;
}

export async function makeXeroWorld(options: WorldOptions): Promise<XeroWorld> {
  const clock = options.clock ?? systemClock;
  const sandbox = await startXeroSandbox({
    clock,
    organisations: [
      {
        name: 'Harbour Physio Pty Ltd',
        region: 'AU',
        tenantId: '11111111-1111-4111-8111-111111111111',
      },
    ],
    ...options.sandbox,
  });
  const fresh = await freshDatabase(options.backend);
  const app = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
  const endpoints: XeroEndpoints = {
    apiUrl: sandbox.url,
    identityUrl: sandbox.url,
    loginUrl: sandbox.url,
  };
  const deps: ConnectDeps = {
    db: fresh.db,
    key: deriveSealingKey(TEST_SECRET),
    endpoints,
    app,
    clock,
  };
  const organisations = await connectThroughConsent(deps);
  const makeApi = (db: Database, extra: Partial<XeroApiDeps> = {}) => {
    const tokens = makeTokenManager({ ...deps, db });
    return makeXeroApi({
      endpoints,
      tokens,
      budget: makeSharedBudget(db, clock, () => options.limits ?? XERO_LIMITS),
      clock,
      tokenSetFor: (t) => tokenSetFor(db, t),
      ...options.api,
      ...extra,
    });
  };
  const tokens = makeTokenManager(deps);
  const budget = makeSharedBudget(fresh.db, clock, () => options.limits ?? XERO_LIMITS);
  const api = makeXeroApi({
    endpoints,
    tokens,
    budget,
    clock,
    tokenSetFor: (t) => tokenSetFor(fresh.db, t),
    ...options.api,
  });
  return {
    ...deps,
    sandbox,
    fresh,
    organisations,
    tokens,
    budget,
    api,
    makeApi,
    async dispose() {
      await fresh.dispose();
      await sandbox.stop();
    },
  };
}

/** The consent dance without a browser (the demo's own, src/demo/headless-consent.ts). */
export async function connectThroughConsent(deps: ConnectDeps): Promise<ConnectedOrganisation[]> {
  return consentInSandbox(deps, REDIRECT_URI);
}

/** Worlds made in a test, disposed after it (register with `afterEach(disposeWorlds)`). */
const live: XeroWorld[] = [];

export async function newWorld(options: WorldOptions): Promise<XeroWorld> {
  const world = await makeXeroWorld(options);
  live.push(world);
  return world;
}

export async function disposeWorlds(): Promise<void> {
  for (const world of live.splice(0)) await world.dispose();
}
