/**
 * The demo's connections, each through the product's own flow: Xero's consent with PKCE (the
 * sandbox consents on its own, headless-consent.ts), Cliniko with an API key whose shard suffix
 * picks the host, Clio's OAuth2 with PKCE through the emulator's consent page, caught on a
 * loopback redirect. Credentials and tokens are stored sealed; none is printed.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { connectCliniko } from '../sources/cliniko/connect.js';
import { connectClio } from '../sources/clio/connect.js';
import { DEFAULT_OVERLAP_MS } from '../sources/cursor.js';
import type { SourceAccount } from '../sources/source.js';
import { startXeroSandbox, type XeroSandbox } from '../sandbox/xero/index.js';
import type { Database } from '../store/database.js';
import { systemClock } from '../time/clock.js';
import { makeXeroApi, type XeroApi } from '../xero/api-client.js';
import { XERO_LIMITS } from '../xero/budget.js';
import { makeSharedBudget, type SharedBudget } from '../xero/budget-store.js';
import { tokenSetFor } from '../xero/connect.js';
import { deriveSealingKey, type SealingKey } from '../xero/token-crypto.js';
import { makeTokenManager } from '../xero/token-manager.js';
import { CLINIC, DEMO_ORGANISATIONS, LAW_FIRM, LAW_FIRM_ACCOUNTS } from './demo-practice.js';
import { consentInSandbox, followConsent, freePort } from './headless-consent.js';
import type { DemoPractices } from './seed-practices.js';

const XERO_REDIRECT_URI = 'http://localhost:5005/callback';
/** Cliniko wants to know who calls (its User-Agent rule); the demo names itself. */
export const DEMO_CONTACT_EMAIL = 'demo@ledgerbridge.example';

export interface XeroConnection {
  readonly sandbox: XeroSandbox;
  readonly api: XeroApi;
  readonly budget: SharedBudget;
  readonly key: SealingKey;
  /** What the key was derived from, so the demo's dashboard can open the same tokens. */
  readonly secretKey: string;
  /** The Xero app registered in the sandbox (the dashboard's own runtime refreshes with it). */
  readonly app: { readonly clientId: string; readonly clientSecret: string };
  readonly organisations: number;
}

export async function connectXero(db: Database, secretKey?: string): Promise<XeroConnection> {
  const sandbox = await startXeroSandbox({
    organisations: DEMO_ORGANISATIONS.map(({ name, region, tenantId }) => ({
      name,
      region,
      tenantId,
    })),
  });
  for (const account of LAW_FIRM_ACCOUNTS)
    sandbox.control.bookkeeper.createAccount(LAW_FIRM.tenantId, { ...account });
  const app = sandbox.control.registerClient({ redirectUris: [XERO_REDIRECT_URI] });
  const endpoints = { apiUrl: sandbox.url, identityUrl: sandbox.url, loginUrl: sandbox.url };
  // The demo's store is thrown away, so an unset key is made up for it; real use needs LEDGERBRIDGE_SECRET_KEY.
  const secret = secretKey ?? randomBytes(32).toString('base64');
  const key = deriveSealingKey(secret);
  const deps = { db, key, endpoints, app, clock: systemClock };
  const orgs = await consentInSandbox(deps, XERO_REDIRECT_URI);
  const budget = makeSharedBudget(db, systemClock, () => XERO_LIMITS);
  const api = makeXeroApi({
    endpoints,
    tokens: makeTokenManager(deps),
    budget,
    clock: systemClock,
    tokenSetFor: (t) => tokenSetFor(db, t),
  });
  return { sandbox, api, budget, key, secretKey: secret, app, organisations: orgs.length };
}

export interface SourceConnections {
  readonly clinic: SourceAccount;
  readonly lawFirm: SourceAccount;
}

export async function connectSources(
  db: Database,
  key: SealingKey,
  practices: DemoPractices,
): Promise<SourceConnections> {
  const clinic = await connectCliniko({
    db,
    key,
    source: CLINIC.source,
    apiKey: practices.cliniko.control.addApiKey(),
    options: {
      baseUrl: practices.cliniko.apiUrl,
      overlapMs: DEFAULT_OVERLAP_MS,
      contactEmail: DEMO_CONTACT_EMAIL,
    },
  });
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  const app = practices.clio.control.registerApp({ redirectUris: [redirectUri] });
  const lawFirm = await connectClio({
    db,
    key,
    source: LAW_FIRM.source,
    region: 'au',
    redirectUri,
    app: { clientId: app.clientId, clientSecret: app.clientSecret, baseUrl: practices.clio.url },
    showConsentPage: (url) => void followConsent(url),
    timeoutMs: 10_000,
  });
  return { clinic, lawFirm };
}
