/**
 * For CLI tests against the sandbox: a store connected to it through the real consent flow, the
 * environment a Ledgerbridge process needs to reach both, and tracking categories a bookkeeper
 * set up in Xero.
 */
import type { ClientCredentials } from '../../src/sandbox/xero/identity/clients.js';
import {
  addTrackingOption,
  createTrackingCategory,
} from '../../src/sandbox/xero/accounting/tracking.js';
import type { XeroSandbox } from '../../src/sandbox/xero/index.js';
import type { Database } from '../../src/store/database.js';
import { systemClock } from '../../src/time/clock.js';
import type { ConnectedOrganisation } from '../../src/xero/connect.js';
import { deriveSealingKey } from '../../src/xero/token-crypto.js';
import { sandboxXeroEnv } from './connect-cli.js';
import { connectThroughConsent, TEST_SECRET } from './xero-world.js';

/** Connects the store to the sandbox's organisations as the app `app`. */
export function connectToSandbox(
  db: Database,
  sandbox: XeroSandbox,
  app: ClientCredentials,
): Promise<ConnectedOrganisation[]> {
  return connectThroughConsent({
    db,
    key: deriveSealingKey(TEST_SECRET),
    endpoints: { apiUrl: sandbox.url, identityUrl: sandbox.url, loginUrl: sandbox.url },
    app,
    clock: systemClock,
  });
}

/** The environment of a process using the store (PostgreSQL URL or data directory) and the sandbox. */
export function sandboxCliEnv(
  sandbox: XeroSandbox,
  app: ClientCredentials,
  store: { readonly databaseUrl?: string; readonly dataDir?: string },
): Record<string, string | undefined> {
  return {
    DATABASE_URL: store.databaseUrl,
    LEDGERBRIDGE_DATA_DIR: store.databaseUrl ? undefined : store.dataDir,
    LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
    ...sandboxXeroEnv(sandbox, app),
  };
}

/** Tracking categories and their options, made as a bookkeeper makes them in Xero. */
export function trackInXero(
  sandbox: XeroSandbox,
  tenantId: string,
  categories: Readonly<Record<string, readonly string[]>>,
): void {
  const k = sandbox.control.bookkeeper;
  for (const [name, options] of Object.entries(categories)) {
    const made = k.run(tenantId, createTrackingCategory, { Name: name });
    for (const option of options)
      k.run(
        tenantId,
        (ctx, e, _method, id) => addTrackingOption(ctx, id ?? '', e),
        { Name: option },
        String(made.TrackingCategoryID),
      );
  }
}
