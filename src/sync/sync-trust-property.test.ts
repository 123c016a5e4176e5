/**
 * Property (FEATURES B5): whatever a firm does with client money — receipts, payments, transfers
 * to office, transfers between matters, interest, edits and deletions, with syncs in between and
 * Xero failing now and then (before and after applying writes) — once Xero answers again, Xero's
 * trust bank balance = the trust ledger = the sum of the client ledgers (the three-way report),
 * and no movement is in Xero twice.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, type SyncWorld } from '../../test/support/sync-world.js';
import { checkHistories } from '../../test/support/histories.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { TRUST_BANK_SIGN, type TrustMovementType } from '../ledger/index.js';
import { trustReport } from '../reconcile/trust-report.js';
import { loadSettings } from '../xero/organisation-settings.js';
import { live } from './test-support/banking-docs.js';
import { setUpTrust, TRUST_BANK, trustMove, xeroTrustCents } from './test-support/trust-docs.js';

const TYPES: readonly TrustMovementType[] = ['receipt', 'payment', 'to_office', 'matter_transfer', 'interest']; // prettier-ignore

type Action =
  | { a: 'move'; i: number; type: TrustMovementType; client: 0 | 1; cents: number }
  | { a: 'del'; i: number }
  | { a: 'sync' };

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      a: fc.constant('move' as const),
      i: fc.nat(5),
      type: fc.constantFrom(...TYPES),
      client: fc.constantFrom<0 | 1>(0, 1),
      cents: fc.integer({ min: 1, max: 500_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('del' as const), i: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.constant({ a: 'sync' as const }) },
);

type Move = { type: TrustMovementType; client: 0 | 1; cents: number };
type Model = Map<number, Move | 'deleted'>;

async function apply(w: SyncWorld, m: Model, act: Action, n: number): Promise<void> {
  const updatedAt = new Date(Date.UTC(2026, 10, 4, 0, 0, n)).toISOString();
  if (act.a === 'sync') return void (await w.sync());
  const was = m.get(act.i);
  if (was === 'deleted') return;
  if (act.a === 'del') {
    if (!was) return;
    m.set(act.i, 'deleted');
    return w.remove({ kind: 'trust_movement', sourceId: `TM-${act.i}` });
  }
  // An edit keeps the type (money in never becomes money out: Xero keeps a transaction's type).
  const move = { type: was?.type ?? act.type, client: act.client, cents: act.cents };
  m.set(act.i, move);
  const contactId = `C-${move.client + 1}`;
  const extra =
    move.type === 'to_office'
      ? { invoiceId: 'inv-1' }
      : move.type === 'matter_transfer'
        ? { toContactId: contactId === 'C-1' ? 'C-2' : 'C-1', toMatter: 'M-2' }
        : {};
  const amount = (move.cents / 100).toFixed(2);
  return w.ingest(trustMove(act.i, { type: move.type, contactId, amount, updatedAt, ...extra }));
}

const ledgerCents = (m: Model) =>
  [...m.values()].reduce((sum, v) => (v === 'deleted' ? sum : sum + TRUST_BANK_SIGN[v.type] * v.cents), 0); // prettier-ignore

const backend = BACKENDS.at(-1)!;

describe(`random trust histories on ${backend}`, () => {
  afterEach(disposeWorlds);

  it('end with Xero’s trust bank = trust ledger = Σ client ledgers and nothing twice, faults or not', async () => {
    const seen = { moves: 0, faults: 0 };
    await checkHistories<Action, Model>({
      backend,
      actions: fc.array(action, { minLength: 4, maxLength: 10 }),
      // 4 histories of 4–10 actions: the suite's budget on two cores is tight.
      numRuns: 4,
      setUp: async (w) => {
        await setUpTrust(w);
        await w.ingest(invoice(1, { contactId: 'C-1' }));
      },
      model: () => new Map(),
      // A receipt and a transfer between matters open every history, synced under faults.
      opening: [
        { a: 'move', i: 0, type: 'receipt', client: 0, cents: 500_000 },
        { a: 'move', i: 1, type: 'matter_transfer', client: 0, cents: 100_000 },
        { a: 'sync' },
      ],
      apply,
      check: async (w, m, faults) => {
        expect(xeroTrustCents(w)).toBe(ledgerCents(m));
        const r = (await trustReport(
          { db: w.db, api: w.api, tenantId: w.tenantId, settings: () => loadSettings(w.api, w.tenantId, 0) }, // prettier-ignore
          '2026-12-31',
        ))!;
        expect([r.xeroBank, r.clientsTotal]).toEqual([r.ledger, r.ledger]);
        expect(Number(r.ledger / 100n)).toBe(ledgerCents(m));
        const trust = live(w.xero('BankTransactions')).filter(
          (t) => (t.BankAccount as { Code: string }).Code === TRUST_BANK,
        );
        expect(new Set(trust.map((t) => t.Reference)).size, 'nothing twice').toBe(trust.length);
        const sent = [...m.values()].filter((v) => v !== 'deleted' && v.type !== 'matter_transfer'); // prettier-ignore
        expect(trust).toHaveLength(sent.length);
        seen.moves += m.size;
        seen.faults += faults;
      },
    });
    expect(seen.moves).toBeGreaterThan(5);
    expect(seen.faults).toBeGreaterThan(0);
  }, 300_000);
});
