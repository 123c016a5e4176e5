/**
 * The PMS apps and the Cliniko connection as configured, for every way of connecting (the CLI's
 * `connect` commands and the dashboard's Connections page), so both read the same settings and
 * refuse the same missing ones.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { ActionstepApp } from '../sources/actionstep/oauth.js';
import { connectCliniko } from '../sources/cliniko/connect.js';
import type { ClioApp } from '../sources/clio/oauth.js';
import type { SourceAccount } from '../sources/source.js';
import { sourceOptions } from '../sources/source-runtime.js';
import type { Database } from '../store/database.js';
import { sealingKey } from '../xero/xero-runtime.js';

export function clioApp(config: Config): ClioApp {
  const { clio } = config.sources;
  if (!clio.clientId || !clio.clientSecret)
    throw new LedgerbridgeError('LB_USAGE', 'No Clio app configured', {
      fix: 'Set CLIO_CLIENT_ID and CLIO_CLIENT_SECRET to your Clio app’s (docs/sources-clio.md).',
    });
  return {
    clientId: clio.clientId,
    clientSecret: clio.clientSecret,
    ...(clio.baseUrl ? { baseUrl: clio.baseUrl } : {}),
  };
}

export function actionstepApp(config: Config): ActionstepApp {
  const { sources } = config;
  if (!sources.actionstepClientId)
    throw new LedgerbridgeError('LB_USAGE', 'No Actionstep app configured', {
      fix: 'Set ACTIONSTEP_CLIENT_ID and ACTIONSTEP_CLIENT_SECRET to your Actionstep API app’s (docs/sources-actionstep.md).',
    });
  return {
    authorizeUrl: sources.actionstepAuthorizeUrl,
    tokenUrl: sources.actionstepTokenUrl,
    clientId: sources.actionstepClientId,
    ...(sources.actionstepClientSecret ? { clientSecret: sources.actionstepClientSecret } : {}),
  };
}

/** Which PMSs this installation can connect: Cliniko always, the others with their app set. */
export function connectableKinds(config: Config): ('cliniko' | 'clio' | 'actionstep')[] {
  const { sources } = config;
  return [
    'cliniko' as const,
    ...(sources.clio.clientId && sources.clio.clientSecret ? ['clio' as const] : []),
    ...(sources.actionstepClientId ? ['actionstep' as const] : []),
  ];
}

export interface ClinikoConnection {
  readonly source: string;
  readonly apiKey: string;
  readonly currency?: string;
}

/** Checks the key against Cliniko and stores it sealed under LEDGERBRIDGE_SECRET_KEY. */
export function connectClinikoAs(
  config: Config,
  db: Database,
  c: ClinikoConnection,
): Promise<SourceAccount> {
  return connectCliniko({
    db,
    key: sealingKey(config),
    source: c.source,
    apiKey: c.apiKey,
    ...(c.currency ? { currency: c.currency } : {}),
    options: sourceOptions(config, 'cliniko'),
  });
}
