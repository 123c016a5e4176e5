/**
 * A second process for client tests: connects to the same store and sandbox and writes one batch
 * of invoices with the deterministic Idempotency-Key, then prints the outcome. The parent may
 * kill it mid-call.
 *   env: SANDBOX_URL DATABASE_URL TENANT CLIENT_ID CLIENT_SECRET SECRET FIRST COUNT
 */
import { openPostgresDatabase } from '../../src/store/postgres-database.js';
import { systemClock } from '../../src/time/clock.js';
import { makeXeroApi } from '../../src/xero/api-client.js';
import { writeBatch } from '../../src/xero/batch-writer.js';
import { XERO_LIMITS } from '../../src/xero/budget.js';
import { makeSharedBudget } from '../../src/xero/budget-store.js';
import { tokenSetFor } from '../../src/xero/connect.js';
import { deriveSealingKey } from '../../src/xero/token-crypto.js';
import { makeTokenManager } from '../../src/xero/token-manager.js';
import { batchKey, invoiceBatch } from './xero-payloads.js';

const env = process.env;
const db = await openPostgresDatabase(env.DATABASE_URL!);
const endpoints = {
  apiUrl: env.SANDBOX_URL!,
  identityUrl: env.SANDBOX_URL!,
  loginUrl: env.SANDBOX_URL!,
};
const tokens = makeTokenManager({
  db,
  key: deriveSealingKey(env.SECRET!),
  endpoints,
  app: { clientId: env.CLIENT_ID!, clientSecret: env.CLIENT_SECRET! },
  clock: systemClock,
});
const api = makeXeroApi({
  endpoints,
  tokens,
  budget: makeSharedBudget(db, systemClock, () => XERO_LIMITS),
  clock: systemClock,
  tokenSetFor: (t) => tokenSetFor(db, t),
  timeoutMs: 120_000,
});
const tenantId = env.TENANT!;
const elements = invoiceBatch(Number(env.FIRST), Number(env.COUNT));
process.stdout.write('sending\n');
const outcomes = await writeBatch(api, {
  tenantId,
  collection: 'Invoices',
  method: 'PUT',
  elements,
  idempotencyKey: batchKey(tenantId, elements),
});
process.stdout.write(`${JSON.stringify(outcomes.map((o) => o.ok))}\n`);
await db.close();
