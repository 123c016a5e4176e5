/**
 * A first sync's write calls against the fewest batched calls that could carry it (issue 5:
 * ≤ 1.05 ×), and an incremental sync with no changes (0 write calls). Data: 200 contacts,
 * 2,000 invoices, 100 credit notes each allocated to an invoice, 1,500 payments.
 * The minimum: ⌈200/50⌉ + ⌈2,000/50⌉ + ⌈100/50⌉ + 100 allocation calls (one per credit note,
 * Xero's PUT /CreditNotes/{id}/Allocations) + ⌈1,500/50⌉ = 4 + 40 + 2 + 100 + 30 = 176.
 *
 * Run: `npx tsx bench/sync-first.ts` (or `npm run bench -- sync-first`).
 */
import { pathToFileURL } from 'node:url';
import { validateDocument } from '../src/ledger/index.js';
import { upsertDocuments } from '../src/store/documents-repo.js';
import { putMapping } from '../src/store/mappings-repo.js';
import { migrate } from '../src/store/migrator.js';
import { openPgliteDatabase } from '../src/store/pglite-database.js';
import { ensureSource, routeEntity } from '../src/store/sources-repo.js';
import { runSync } from '../src/sync/run-sync.js';
import { systemClock } from '../src/time/clock.js';
import { makeSettingsCache } from '../src/xero/organisation-settings.js';
import type { BenchResult } from './bench-result.js';
import { connectedOrg } from './support.js';

const CONTACTS = 200;
const INVOICES = 2_000;
const CREDIT_NOTES = 100;
const PAYMENTS = 1_500;
const MINIMUM =
  Math.ceil(CONTACTS / 50) +
  Math.ceil(INVOICES / 50) +
  Math.ceil(CREDIT_NOTES / 50) +
  CREDIT_NOTES +
  Math.ceil(PAYMENTS / 50);

const AT = '2026-11-01T00:00:00Z';

function* documents(): Generator<unknown> {
  for (let c = 1; c <= CONTACTS; c++)
    yield {
      kind: 'contact',
      sourceId: `c${c}`,
      updatedAt: AT,
      name: `Client ${c}`,
      email: `client${c}@example.com`,
    };
  for (let i = 1; i <= INVOICES; i++) yield invoice(i);
  for (let n = 1; n <= CREDIT_NOTES; n++) yield creditNote(n);
  for (let p = 1; p <= PAYMENTS; p++)
    yield {
      kind: 'payment',
      sourceId: `p${p}`,
      updatedAt: AT,
      invoiceId: `i${p + 200}`,
      method: 'card',
      date: '2026-11-04',
      amount: '134.69',
      currency: 'AUD',
    };
}

function invoice(i: number): unknown {
  return {
    kind: 'invoice',
    sourceId: `i${i}`,
    number: `B-${i}`,
    updatedAt: AT,
    status: 'awaiting_payment',
    contactId: `c${1 + (i % CONTACTS)}`,
    issueDate: '2026-11-02',
    currency: 'AUD',
    lineAmountType: 'inclusive',
    lines: [
      {
        kind: 'time',
        description: 'Consultation',
        quantity: '1',
        unitAmount: '110.00',
        taxCode: 'GST',
      },
      {
        kind: 'product',
        description: 'Theraband',
        quantity: '2',
        unitAmount: '12.3456',
        taxCode: 'GST',
      },
    ],
    total: '134.69',
  };
}

function creditNote(n: number): unknown {
  return {
    kind: 'credit_note',
    sourceId: `n${n}`,
    number: `CN-${n}`,
    updatedAt: AT,
    status: 'authorised',
    contactId: `c${1 + (n % CONTACTS)}`,
    issueDate: '2026-11-03',
    currency: 'AUD',
    lineAmountType: 'inclusive',
    lines: [
      {
        kind: 'other',
        description: 'Goodwill',
        quantity: '1',
        unitAmount: '10.00',
        taxCode: 'GST',
      },
    ],
    total: '10.00',
    allocations: [{ invoiceId: `i${n}`, amount: '10.00', date: '2026-11-03' }],
  };
}

/** A fresh embedded store with the documents, routed and mapped to one sandbox organisation. */
async function setUp() {
  const db = await openPgliteDatabase({ create: true });
  await migrate(db);
  const org = await connectedOrg(db, {
    sandbox: { limits: { enabled: false } },
    limits: {
      perMinute: 1e6,
      concurrent: 5,
      perDay: 1e9,
      appPerMinute: 1e9,
      leaseMs: 120_000,
      windowMarginMs: 0,
    },
  });
  await ensureSource(db, 'bench', 'file');
  await routeEntity(db, 'bench', 'default', org.tenantId);
  for (const [type, key, value] of [
    ['line_kind_account', 'time', '200'],
    ['line_kind_account', 'product', '200'],
    ['line_kind_account', 'other', '200'],
    ['tax_code', 'GST', 'OUTPUT'],
    ['payment_method_account', 'card', '090'],
  ] as const)
    await putMapping(db, { tenantId: org.tenantId, source: '*', type, key, value });
  const page = [];
  for (const raw of documents()) {
    const v = validateDocument(raw, { source: 'bench' });
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    page.push(v.value);
  }
  await upsertDocuments(db, page);
  return { db, org };
}

export async function benchSyncFirst(): Promise<BenchResult> {
  const { db, org } = await setUp();
  const settings = makeSettingsCache(org.api, systemClock);
  const deps = { db, api: org.api, settings, clock: systemClock, batchSize: 50 };
  const started = performance.now();
  const first = await runSync(deps, {});
  const firstSeconds = (performance.now() - started) / 1000;
  const writes = () =>
    Object.entries(org.sandbox.control.stats().byEndpoint)
      .filter(([e]) => /^(PUT|POST|DELETE) \/(?!connect)/.test(e))
      .reduce((n, [, s]) => n + Object.values(s).reduce((a, b) => a + b, 0), 0);
  const firstWrites = writes();
  const second = await runSync(deps, {});
  const incrementalWrites = writes() - firstWrites;
  const c = first.organisations[0]!.counts;
  await db.close();
  await org.sandbox.stop();
  return {
    name: 'sync-first (200 contacts, 2,000 invoices, 100 credit notes, 1,500 payments)',
    metrics: {
      'minimum batched write calls': MINIMUM,
      'first sync write calls': firstWrites,
      'ratio to minimum': Math.round((firstWrites / MINIMUM) * 1000) / 1000,
      'incremental sync write calls': incrementalWrites,
      'first sync seconds (limits off)': Math.round(firstSeconds * 10) / 10,
      created: c.created,
      allocated: c.allocated,
      refused: c.rejected,
    },
    target: 'first sync ≤ 1.05 × minimum batched write calls; incremental with no changes: 0',
    pass:
      firstWrites <= 1.05 * MINIMUM &&
      incrementalWrites === 0 &&
      c.rejected === 0 &&
      second.organisations[0]?.status === 'succeeded',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchSyncFirst(), null, 2));
