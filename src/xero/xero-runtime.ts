/**
 * Everything needed to talk to Xero, built once from the configuration: endpoints, app
 * credentials, the sealing key, token manager, shared budget, API client and settings cache.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database } from '../store/database.js';
import { makeAnchoredClock, systemClock, type Clock } from '../time/clock.js';
import { makeXeroApi, type XeroApi, type XeroApiDeps } from './api-client.js';
import { XERO_LIMITS, type BudgetLimits } from './budget.js';
import { makeSharedBudget, type SharedBudget } from './budget-store.js';
import { tokenSetFor, type ConnectDeps } from './connect.js';
import type { AppCredentials, XeroEndpoints } from './identity-client.js';
import { makeSettingsCache, type SettingsCache } from './organisation-settings.js';
import { deriveSealingKey, type SealingKey } from './token-crypto.js';
import { makeTokenManager, type TokenManager } from './token-manager.js';
import { assertSealingKeyFor } from './token-store.js';

export interface XeroRuntime extends ConnectDeps {
  readonly tokens: TokenManager;
  readonly budget: SharedBudget;
  readonly api: XeroApi;
  readonly settings: SettingsCache;
}

export function xeroEndpoints(config: Pick<Config, 'xero'>): XeroEndpoints {
  return {
    apiUrl: config.xero.apiUrl,
    identityUrl: config.xero.identityUrl,
    loginUrl: config.xero.loginUrl,
  };
}

export function appCredentials(config: Pick<Config, 'xero'>): AppCredentials {
  if (!config.xero.clientId)
    throw new LedgerbridgeError('LB_XERO_APP_NOT_CONFIGURED', 'XERO_CLIENT_ID is not set');
  return {
    clientId: config.xero.clientId,
    ...(config.xero.clientSecret && { clientSecret: config.xero.clientSecret }),
  };
}

export function sealingKey(config: Pick<Config, 'secretKey'>): SealingKey {
  if (!config.secretKey)
    throw new LedgerbridgeError(
      'LB_SECRET_KEY_MISSING',
      'LEDGERBRIDGE_SECRET_KEY is not set; Xero tokens are only ever stored encrypted',
      {
        fix: 'Set LEDGERBRIDGE_SECRET_KEY (e.g. `openssl rand -base64 32`) and keep it: without it stored tokens cannot be read.',
      },
    );
  return deriveSealingKey(config.secretKey);
}

/**
 * The runtime built on first use and kept; a failed build is forgotten, so a key or Xero app set
 * after a long-running process started is picked up by its next use (`serve`'s jobs and pages).
 */
export function lazyXeroRuntime(config: Config, db: Database): () => Promise<XeroRuntime> {
  let built: Promise<XeroRuntime> | undefined;
  return () =>
    (built ??= makeXeroRuntime(config, db).catch((error: unknown) => {
      built = undefined;
      throw error;
    }));
}

/** Builds the runtime; refuses to start when tokens are stored under another key or none. */
export async function makeXeroRuntime(
  config: Config,
  db: Database,
  options: { clock?: Clock; api?: Partial<XeroApiDeps> } = {},
): Promise<XeroRuntime> {
  const scale = config.xero.clockScale;
  const clock =
    options.clock ?? (scale ? makeAnchoredClock(scale.factor, scale.epochMs) : systemClock);
  await assertSealingKeyFor(db, config.secretKey ? deriveSealingKey(config.secretKey) : undefined);
  const key = sealingKey(config);
  const endpoints = xeroEndpoints(config);
  const app = appCredentials(config);
  const tokens = makeTokenManager({ db, key, endpoints, app, clock });
  const dailyLimits = await perOrganisationDailyLimits(db);
  const limitsFor = (tenantId: string): BudgetLimits => ({
    ...XERO_LIMITS,
    perDay: dailyLimits.get(tenantId) ?? config.xero.dailyLimit,
  });
  const budget = makeSharedBudget(db, clock, limitsFor);
  const api = makeXeroApi({
    endpoints,
    tokens,
    budget,
    clock,
    tokenSetFor: (t) => tokenSetFor(db, t),
    ...options.api,
  });
  return {
    db,
    key,
    endpoints,
    app,
    clock,
    tokens,
    budget,
    api,
    settings: makeSettingsCache(api, clock),
  };
}

async function perOrganisationDailyLimits(db: Database): Promise<Map<string, number>> {
  const rows = await db.query<{ tenant_id: string; daily_limit: number }>(
    'SELECT tenant_id, daily_limit FROM organisations WHERE daily_limit IS NOT NULL',
  );
  return new Map(rows.map((r) => [r.tenant_id, r.daily_limit]));
}
