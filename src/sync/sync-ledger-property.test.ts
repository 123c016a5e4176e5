/**
 * Property (FEATURES P6–P9 together): whatever a practice does to its clients' invoices — payments
 * made, edited, returned unpaid and deleted, an overpayment allocated to invoices and refunded in
 * part, bad debts written off, edited and deleted, card payments paid out by the processor less its
 * fees (P10), the payout edited and deleted — with syncs in between and Xero failing now and
 * then (before and after applying writes), once Xero answers again it equals the ledger: what each
 * invoice still owes, the client's credit, the bank account's and the clearing account's balances,
 * and nothing twice.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, payment, type SyncWorld } from '../../test/support/sync-world.js';
import { checkHistories } from '../../test/support/histories.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { putMapping } from '../store/mappings-repo.js';
import { live, mapBankAccounts } from './test-support/banking-docs.js';
import {
  BAD_DEBTS,
  CLIENT,
  overpayment,
  payout,
  setUpClearing,
  STRIPE_CLEARING,
  refund,
  toInvoice,
  writeOff,
} from './test-support/payment-docs.js';

/** Invoices inv-0 and inv-1 of 134.69; payment p pays invoice p % 2. */
const INVOICE_CENTS = 13_469;
const OVERPAID_CENTS = 50_000;

type Action =
  | { a: 'pay'; p: number; cents: number }
  | { a: 'returnPay'; p: number }
  | { a: 'delPay'; p: number }
  | { a: 'allocate'; inv: 0 | 1; cents: number }
  | { a: 'refund'; cents: number }
  | { a: 'delRefund' }
  | { a: 'writeOff'; inv: 0 | 1; cents: number }
  | { a: 'delWriteOff'; inv: 0 | 1 }
  | { a: 'payout'; gross: number; fees: number }
  | { a: 'delPayout' }
  | { a: 'sync' };

const inv = fc.constantFrom<0 | 1>(0, 1);
// Bounds keep every history valid: 2 payments ≤ 30.00 + an allocation ≤ 20.00 + a write-off
// ≤ 30.00 never exceed an invoice's 134.69, whatever order Xero sees them in.
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ a: fc.constant('pay' as const), p: fc.nat(3), cents: fc.integer({ min: 1, max: 3_000 }) }) }, // prettier-ignore
  { weight: 1, arbitrary: fc.record({ a: fc.constant('returnPay' as const), p: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('delPay' as const), p: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('allocate' as const), inv, cents: fc.integer({ min: 0, max: 2_000 }) }) }, // prettier-ignore
  { weight: 1, arbitrary: fc.record({ a: fc.constant('refund' as const), cents: fc.integer({ min: 1, max: 10_000 }) }) }, // prettier-ignore
  { weight: 1, arbitrary: fc.constant({ a: 'delRefund' as const }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('writeOff' as const), inv, cents: fc.integer({ min: 1, max: 3_000 }) }) }, // prettier-ignore
  { weight: 1, arbitrary: fc.record({ a: fc.constant('delWriteOff' as const), inv }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('payout' as const), gross: fc.integer({ min: 2, max: 6_000 }), fees: fc.integer({ min: 0, max: 200 }) }) }, // prettier-ignore
  { weight: 1, arbitrary: fc.constant({ a: 'delPayout' as const }) },
  { weight: 3, arbitrary: fc.constant({ a: 'sync' as const }) },
);

type Status = 'active' | 'returned' | 'deleted';
interface Model {
  payments: Map<number, { cents: number; status: Status }>;
  allocations: [number, number];
  refund: { cents: number; status: 'active' | 'deleted' } | undefined;
  writeOffs: Map<0 | 1, { cents: number; status: 'active' | 'deleted' }>;
  payout: { gross: number; fees: number; status: 'active' | 'deleted' } | undefined;
}

const money = (c: number) => (c / 100).toFixed(2);

async function apply(w: SyncWorld, m: Model, act: Action, n: number): Promise<void> {
  const updatedAt = new Date(Date.UTC(2026, 10, 10, 0, 0, n)).toISOString();
  const was = 'p' in act ? m.payments.get(act.p) : undefined;
  switch (act.a) {
    case 'sync':
      return void (await w.sync());
    case 'pay':
      if (was && was.status !== 'active') return;
      m.payments.set(act.p, { cents: act.cents, status: 'active' });
      return w.ingest(payment(act.p, act.p % 2, { amount: money(act.cents), method: methodOf(act.p), updatedAt })); // prettier-ignore
    case 'returnPay':
      if (was?.status !== 'active') return;
      m.payments.set(act.p, { ...was, status: 'returned' });
      return w.ingest(payment(act.p, act.p % 2, { amount: money(was.cents), method: methodOf(act.p), status: 'returned', updatedAt })); // prettier-ignore
    case 'delPay':
      if (!was || was.status === 'deleted') return;
      m.payments.set(act.p, { ...was, status: 'deleted' });
      return w.remove({ kind: 'payment', sourceId: `pay-${act.p}` });
    case 'allocate':
      m.allocations[act.inv] = act.cents;
      return w.ingest(overpayment(0, { allocations: allocationsOf(m), updatedAt }));
    case 'refund':
      // Xero cannot change a refund (an edit is a sync error, sync-overpayments.test.ts).
      if (m.refund) return;
      m.refund = { cents: act.cents, status: 'active' };
      return w.ingest({ ...refund(0, 'overpayment', 'op-0', money(act.cents)), updatedAt });
    case 'delRefund':
      if (m.refund?.status !== 'active') return;
      m.refund.status = 'deleted';
      return w.remove({ kind: 'refund', sourceId: 'rf-0' });
    case 'writeOff':
      if (m.writeOffs.get(act.inv)?.status === 'deleted') return;
      m.writeOffs.set(act.inv, { cents: act.cents, status: 'active' });
      return w.ingest(writeOff(act.inv, act.inv, money(act.cents), { updatedAt }));
    case 'payout': {
      if (m.payout?.status === 'deleted') return;
      const fees = Math.min(act.fees, act.gross - 1);
      m.payout = { gross: act.gross, fees, status: 'active' };
      return w.ingest(payout(0, money(act.gross), money(fees), money(act.gross - fees), { updatedAt })); // prettier-ignore
    }
    case 'delPayout':
      if (m.payout?.status !== 'active') return;
      m.payout.status = 'deleted';
      return w.remove({ kind: 'payout', sourceId: 'po-0' });
    case 'delWriteOff':
      if (m.writeOffs.get(act.inv)?.status !== 'active') return;
      m.writeOffs.set(act.inv, { cents: m.writeOffs.get(act.inv)!.cents, status: 'deleted' });
      return w.remove({ kind: 'write_off', sourceId: `wo-${act.inv}` });
  }
}

/** Odd payments are card payments through Stripe, into its clearing account. */
const methodOf = (p: number) => (p % 2 === 1 ? 'stripe' : 'card');

const allocationsOf = (m: Model) =>
  m.allocations.flatMap((c, i) => (c > 0 ? [toInvoice(i, money(c))] : []));

/** What each invoice still owes by the ledger, in cents. */
function ledgerDue(m: Model): number[] {
  return [0, 1].map((i) => {
    let due = INVOICE_CENTS - m.allocations[i]!;
    for (const [p, pay] of m.payments) if (p % 2 === i && pay.status === 'active') due -= pay.cents;
    const wo = m.writeOffs.get(i as 0 | 1);
    return wo?.status === 'active' ? due - wo.cents : due;
  });
}

const cents = (v: unknown) => Math.round(Number(v) * 100);
const OUT = new Set(['AROVERPAYMENTPAYMENT', 'ARCREDITPAYMENT']);

/** Xero's balance of the operating (090) and clearing accounts: payments, refunds, bank lines. */
function xeroBanks(w: SyncWorld): Record<string, number> {
  const b: Record<string, number> = { '090': 0, [STRIPE_CLEARING]: 0 };
  const add = (code: string, c: number) => (b[code] = (b[code] ?? 0) + c);
  for (const p of live(w.xero('Payments')))
    add((p.Account as { Code: string }).Code, OUT.has(String(p.PaymentType)) ? -cents(p.Amount) : cents(p.Amount)); // prettier-ignore
  for (const t of live(w.xero('BankTransactions')))
    add((t.BankAccount as { Code: string }).Code, String(t.Type).startsWith('SPEND') ? -cents(t.Total) : cents(t.Total)); // prettier-ignore
  return b;
}

function ledgerBanks(m: Model): Record<string, number> {
  const b = { '090': OVERPAID_CENTS, [STRIPE_CLEARING]: 0 };
  for (const [p, pay] of m.payments)
    if (pay.status === 'active') b[p % 2 === 1 ? STRIPE_CLEARING : '090'] += pay.cents;
  if (m.refund?.status === 'active') b['090'] -= m.refund.cents;
  if (m.payout?.status === 'active') {
    b[STRIPE_CLEARING] -= m.payout.gross;
    b['090'] += m.payout.gross - m.payout.fees;
  }
  return b;
}

function expectXeroEqualsLedger(w: SyncWorld, m: Model): void {
  const invoices = [...w.xero('Invoices')].sort((a, b) =>
    String(a.InvoiceNumber).localeCompare(String(b.InvoiceNumber)),
  );
  expect(
    invoices.map((i) => cents(i.AmountDue)),
    'owed per invoice',
  ).toEqual(ledgerDue(m));
  const refunded = m.refund?.status === 'active' ? m.refund.cents : 0;
  const credit = OVERPAID_CENTS - m.allocations[0] - m.allocations[1] - refunded;
  expect(live(w.xero('Overpayments')).map((o) => cents(o.RemainingCredit)), 'client credit').toEqual([credit]); // prettier-ignore
  expect(xeroBanks(w), 'bank and clearing balances').toEqual(ledgerBanks(m));
  // Nothing twice: one live Xero entry per live ledger document.
  const activePayments = [...m.payments.values()].filter((p) => p.status === 'active').length;
  expect(live(w.xero('Payments'))).toHaveLength(activePayments + (refunded > 0 ? 1 : 0));
  const activeWriteOffs = [...m.writeOffs.values()].filter((v) => v.status === 'active');
  expect(live(w.xero('CreditNotes'))).toHaveLength(activeWriteOffs.length);
  const paidOut = m.payout?.status === 'active' ? m.payout : undefined;
  const bankLines = live(w.xero('BankTransactions')).filter((t) => !String(t.Type).endsWith('TRANSFER')); // prettier-ignore
  expect(bankLines).toHaveLength(1 + (paidOut && paidOut.fees > 0 ? 1 : 0));
  expect(live(w.xero('BankTransfers'))).toHaveLength(paidOut ? 1 : 0);
}

const backend = BACKENDS.at(-1)!;

describe(`random payment, credit and write-off histories on ${backend}`, () => {
  afterEach(disposeWorlds);

  it('end with Xero equal to the ledger per invoice, client credit, bank and clearing account, nothing twice, faults or not', async () => {
    const seen = { writeOffs: 0, payments: 0, payouts: 0, faults: 0 };
    await checkHistories<Action, Model>({
      backend,
      actions: fc.array(action, { minLength: 4, maxLength: 10 }),
      // 3 histories of 4–10 actions: the suite's budget on two cores is tight.
      numRuns: 3,
      setUp: async (w) => {
        await mapBankAccounts(w);
        w.sandbox.control.bookkeeper.createAccount(w.tenantId, {
          Code: BAD_DEBTS,
          Name: 'Bad Debts',
          Type: 'EXPENSE',
        });
        await setUpClearing(w);
        await putMapping(w.db, { tenantId: w.tenantId, source: '*', type: 'bad_debt_account', key: '*', value: BAD_DEBTS }); // prettier-ignore
        await w.ingest(CLIENT, invoice(0), invoice(1), overpayment(0));
        await w.sync();
      },
      model: () => ({ payments: new Map(), allocations: [0, 0], refund: undefined, writeOffs: new Map(), payout: undefined }), // prettier-ignore
      opening: [{ a: 'writeOff', inv: 0, cents: 1_000 }, { a: 'payout', gross: 5_000, fees: 150 }, { a: 'sync' }], // prettier-ignore
      apply,
      check: (w, m, faults) => {
        expectXeroEqualsLedger(w, m);
        seen.writeOffs += m.writeOffs.size;
        seen.payments += m.payments.size;
        seen.payouts += m.payout ? 1 : 0;
        seen.faults += faults;
      },
    });
    expect(seen.writeOffs).toBeGreaterThan(2);
    expect(seen.payouts).toBeGreaterThan(0);
    expect(seen.faults).toBeGreaterThan(0);
  }, 300_000);
});
