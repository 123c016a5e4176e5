/**
 * A law firm's first sync against the fewest batched write calls Xero allows for it (issue 21:
 * ≤ 1.05 ×): 2,000 clients and 100 suppliers, 10,000 bills each paid once, 5,000 trust movements
 * (receipts, payments out of trust, interest) and 1,000 supplier bills.
 * The minimum, 50 elements a call: ⌈2,100 contacts / 50⌉ + ⌈(10,000 bills + 1,000 supplier bills)
 * / 50⌉ (one PUT /Invoices takes ACCREC and ACCPAY together) + ⌈10,000 payments / 50⌉ + ⌈5,000
 * trust movements / 50⌉ (PUT /BankTransactions) = 42 + 220 + 200 + 100 = 562.
 *
 * Run: `npm run bench -- sync-law-firm`.
 */
import { pathToFileURL } from 'node:url';
import { runSync } from '../src/sync/run-sync.js';
import { systemClock } from '../src/time/clock.js';
import { makeSettingsCache } from '../src/xero/organisation-settings.js';
import type { BenchResult } from './bench-result.js';
import { documentStore, type BenchMapping } from './practice-fixture.js';
import { LIMITS_OFF, writeCallsByEndpoint, type BenchOrg } from './support.js';

const CLIENTS = 2_000;
const SUPPLIERS = 100;
const BILLS = 10_000;
const TRUST_MOVEMENTS = 5_000;
const SUPPLIER_BILLS = 1_000;
const batches = (n: number) => Math.ceil(n / 50);
const MINIMUM =
  batches(CLIENTS + SUPPLIERS) +
  batches(BILLS + SUPPLIER_BILLS) +
  batches(BILLS) +
  batches(TRUST_MOVEMENTS);

const AT = '2026-11-01T00:00:00Z';
const TRUST_BANK = '092';
const TRUST_LIABILITY = '855';

const MAPPINGS: readonly BenchMapping[] = [
  ['line_kind_account', 'time', '200'],
  ['tax_code', 'GST', 'OUTPUT'],
  ['payment_method_account', 'eft', '090'],
  ['trust_bank_account', '*', TRUST_BANK],
  ['trust_liability_account', '*', TRUST_LIABILITY],
];

function* lawFirmDocuments(): Generator<unknown> {
  for (let c = 1; c <= CLIENTS; c++)
    yield { kind: 'contact', sourceId: `c${c}`, updatedAt: AT, name: `Client ${c}` };
  for (let v = 1; v <= SUPPLIERS; v++)
    yield { kind: 'contact', sourceId: `v${v}`, updatedAt: AT, name: `Supplier ${v}` };
  for (let b = 1; b <= BILLS; b++) {
    yield bill(b);
    yield payment(b);
  }
  for (let t = 1; t <= TRUST_MOVEMENTS; t++) yield trustMovement(t);
  for (let s = 1; s <= SUPPLIER_BILLS; s++) yield supplierBill(s);
}

const clientOf = (n: number) => `c${1 + (n % CLIENTS)}`;

const bill = (b: number) => ({
  kind: 'invoice',
  sourceId: `b${b}`,
  number: `LB-${b}`,
  updatedAt: AT,
  status: 'awaiting_payment',
  contactId: clientOf(b),
  issueDate: '2026-11-02',
  currency: 'AUD',
  lineAmountType: 'inclusive',
  lines: [
    { kind: 'time', description: 'Advice', quantity: '1.5', unitAmount: '330.00', taxCode: 'GST' },
  ],
  total: '495.00',
});

const payment = (b: number) => ({
  kind: 'payment',
  sourceId: `p${b}`,
  updatedAt: AT,
  invoiceId: `b${b}`,
  method: 'eft',
  date: '2026-11-04',
  amount: '495.00',
  currency: 'AUD',
});

/** Four receipts in five; the rest split between payments out of trust and interest. */
function trustMovement(t: number): unknown {
  const type = t % 5 !== 0 ? 'receipt' : t % 10 === 0 ? 'interest' : 'payment';
  return {
    kind: 'trust_movement',
    sourceId: `tm${t}`,
    updatedAt: AT,
    type,
    contactId: clientOf(t),
    matter: `M-${1 + (t % CLIENTS)}`,
    date: '2026-11-03',
    amount: type === 'receipt' ? '2000.00' : type === 'interest' ? '1.25' : '750.00',
    currency: 'AUD',
    ...(type === 'payment' ? { payee: 'Land Titles Office' } : {}),
  };
}

const supplierBill = (s: number) => ({
  kind: 'invoice',
  type: 'bill',
  sourceId: `sb${s}`,
  number: `${1000 + (s % 50)}`,
  updatedAt: AT,
  status: 'awaiting_payment',
  contactId: `v${1 + (s % SUPPLIERS)}`,
  issueDate: '2026-11-02',
  currency: 'AUD',
  lineAmountType: 'no_tax',
  lines: [
    {
      kind: 'expense',
      description: 'Search fees',
      quantity: '1',
      unitAmount: '88.00',
      accountCode: '429',
    },
  ],
  total: '88.00',
});

/** The bookkeeper's trust bank account and trust liability, which the mappings name. */
function addTrustAccounts({ sandbox, tenantId }: BenchOrg): void {
  const { bookkeeper } = sandbox.control;
  bookkeeper.createAccount(tenantId, { Code: TRUST_BANK, Name: 'Client Trust Account', Type: 'BANK', BankAccountNumber: '062000 12345678' }); // prettier-ignore
  bookkeeper.createAccount(tenantId, { Code: TRUST_LIABILITY, Name: 'Trust Liability', Type: 'CURRLIAB' }); // prettier-ignore
}

export async function benchSyncLawFirm(): Promise<BenchResult> {
  const { db, org } = await documentStore(
    lawFirmDocuments(),
    MAPPINGS,
    LIMITS_OFF,
    addTrustAccounts,
  );
  const settings = makeSettingsCache(org.api, systemClock);
  const deps = { db, api: org.api, settings, clock: systemClock, batchSize: 50 };
  const started = performance.now();
  const first = await runSync(deps, {});
  const seconds = (performance.now() - started) / 1000;
  const byEndpoint = writeCallsByEndpoint(org.sandbox);
  const writes = byEndpoint.reduce((n, [, calls]) => n + calls, 0);
  const c = first.organisations[0]!.counts;
  await db.close();
  await org.sandbox.stop();
  return {
    name: 'sync-law-firm (10,000 bills and payments, 5,000 trust movements, 1,000 supplier bills)',
    metrics: {
      'minimum batched write calls': MINIMUM,
      'first sync write calls': writes,
      'ratio to minimum': Math.round((writes / MINIMUM) * 1000) / 1000,
      ...Object.fromEntries(byEndpoint.map(([e, calls]) => [`  ${e}`, calls])),
      'first sync seconds (limits off)': Math.round(seconds * 10) / 10,
      created: c.created,
      refused: c.rejected,
    },
    target: 'first sync ≤ 1.05 × the minimum batched write calls, nothing refused',
    pass: writes <= 1.05 * MINIMUM && c.rejected === 0,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchSyncLawFirm(), null, 2));
