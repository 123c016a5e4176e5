/**
 * A world for sync tests: a connected sandbox organisation (AU chart), a source routed to it with
 * the usual mappings, and helpers to put documents in the store and run a sync.
 */
import { validateDocument, validateDeletion, type DocumentKey } from '../../src/ledger/index.js';
import { exampleInvoice, examplePayment } from '../../src/ledger/test-support/examples.js';
import type { Backend } from '../../src/store/database.js';
import { markDocumentsDeleted, upsertDocuments } from '../../src/store/documents-repo.js';
import { putMapping, type MappingType } from '../../src/store/mappings-repo.js';
import { putSetting } from '../../src/store/settings-repo.js';
import { ensureSource, routeEntity } from '../../src/store/sources-repo.js';
import {
  runSync,
  type SyncDeps,
  type SyncOptions,
  type SyncReport,
} from '../../src/sync/run-sync.js';
import { XERO_LIMITS } from '../../src/xero/budget.js';
import { makeSettingsCache } from '../../src/xero/organisation-settings.js';
import { newWorld, TEST_SECRET, type WorldOptions, type XeroWorld } from './xero-world.js';

export const SOURCE = 'clinic';

export interface SyncWorld extends XeroWorld {
  readonly tenantId: string;
  ingest(...records: unknown[]): Promise<void>;
  remove(...keys: Omit<DocumentKey, 'source'>[]): Promise<void>;
  /** A pass; `deps` adds to the world's (a contact writer, an observer). */
  sync(options?: SyncOptions, deps?: Partial<SyncDeps>): Promise<SyncReport>;
  setting(key: string, value: unknown): Promise<void>;
  xero(collection: string): Record<string, unknown>[];
  writeCalls(): number;
}

/**
 * World options that lift Xero's 60-calls-a-minute allowance (in our budget and the sandbox) for
 * tests whose subject is not the allowance: faults and retries otherwise wait out the minute
 * (exactly-once's fault test spent 63 of 64 s waiting). The allowance is tested in
 * src/xero/budget.test.ts.
 */
export const ROOMY_LIMITS = {
  limits: { ...XERO_LIMITS, perMinute: 6_000, appPerMinute: 60_000 },
  sandbox: { limits: { perMinute: 6_000, appPerMinute: 60_000 } },
} as const;

export const MAPPINGS: [MappingType, string, string][] = [
  ['line_kind_account', 'time', '200'],
  ['line_kind_account', 'product', '200'],
  ['line_kind_account', 'expense', '200'],
  ['line_kind_account', 'disbursement', '200'],
  ['line_kind_account', 'interest', '260'],
  ['line_kind_account', 'other', '200'],
  ['tax_code', 'GST', 'OUTPUT'],
  ['tax_code', 'FREE', 'EXEMPTOUTPUT'],
  ['payment_method_account', 'card', '090'],
  ['payment_method_account', 'eft', '090'],
];

export async function newSyncWorld(
  options: Partial<WorldOptions> & { backend: Backend },
): Promise<SyncWorld> {
  const world = await newWorld({
    api: { retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 40 }, timeoutMs: 2_000 },
    ...options,
  });
  const tenantId = world.organisations[0]!.tenantId;
  const db = world.db;
  await ensureSource(db, SOURCE, 'file');
  await routeEntity(db, SOURCE, 'default', tenantId);
  for (const [type, key, value] of MAPPINGS)
    await putMapping(db, { tenantId, source: '*', type, key, value });
  const settingsCache = makeSettingsCache(world.api, world.clock);
  const writeMethods = /^(PUT|POST|DELETE) /;
  return {
    ...world,
    tenantId,
    async ingest(...records) {
      const docs = records.map((r) => {
        const v = validateDocument(r, { source: SOURCE });
        if (!v.ok) throw new Error(JSON.stringify(v.error));
        return v.value;
      });
      await upsertDocuments(db, docs);
    },
    async remove(...keys) {
      for (const k of keys) {
        const v = validateDeletion({ ...k, deleted: true }, { source: SOURCE });
        if (!v.ok) throw new Error(JSON.stringify(v.error));
      }
      await markDocumentsDeleted(
        db,
        keys.map((k) => ({ ...k, source: SOURCE })),
      );
    },
    sync: (o = {}, deps = {}) => {
      settingsCache.invalidate(tenantId);
      return runSync(
        { db, api: world.api, settings: settingsCache, clock: world.clock, batchSize: 50, ...deps },
        o,
      );
    },
    setting: (key, value) => putSetting(db, key, value),
    xero: (collection) => world.sandbox.control.listDocuments(tenantId, collection),
    writeCalls: () =>
      Object.entries(world.sandbox.control.stats().byEndpoint)
        .filter(([endpoint]) => writeMethods.test(endpoint) && !endpoint.includes('/connect'))
        .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0),
  };
}

/** Invoice n (source id inv-n, number INV-n), the example invoice otherwise. */
export const invoice = (n: number, extra: Record<string, unknown> = {}) => ({
  ...exampleInvoice,
  sourceId: `inv-${n}`,
  number: `INV-${n}`,
  ...extra,
});

/** Payment n of 50.00 against invoice invoiceN. */
export const payment = (n: number, invoiceN: number, extra: Record<string, unknown> = {}) => ({
  ...examplePayment,
  sourceId: `pay-${n}`,
  invoiceId: `inv-${invoiceN}`,
  amount: '50.00',
  ...extra,
});

/** The environment a Ledgerbridge process needs to sync this world's store and sandbox. */
export function processEnv(w: SyncWorld): Record<string, string | undefined> {
  return {
    DATABASE_URL: w.fresh.url,
    LEDGERBRIDGE_DATA_DIR: undefined,
    LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
    XERO_CLIENT_ID: w.app.clientId,
    XERO_CLIENT_SECRET: w.app.clientSecret,
    XERO_API_URL: w.sandbox.url,
    XERO_IDENTITY_URL: w.sandbox.url,
    XERO_LOGIN_URL: w.sandbox.url,
  };
}
