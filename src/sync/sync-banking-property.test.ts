/**
 * Property: whatever a firm does with its bank accounts — money received and spent, edited and
 * deleted, transfers made and deleted, journals posted and voided, with syncs in between and Xero
 * failing now and then (before and after applying writes) — once Xero answers again, Xero's balance
 * of each bank account equals the ledger's to the cent, and nothing is in Xero twice.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import type { SyncWorld } from '../../test/support/sync-world.js';
import { checkHistories } from '../../test/support/histories.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import {
  bankTxn,
  journal,
  live,
  mapBankAccounts,
  oneLine,
  transfer,
  VENDOR,
} from './test-support/banking-docs.js';

const ACCOUNTS = ['operating', 'savings'] as const;
const CODES = { operating: '090', savings: '091' } as const;

type Action =
  | { a: 'txn'; i: number; spend: boolean; acct: 0 | 1; cents: number }
  | { a: 'delTxn'; i: number }
  | { a: 'transfer'; t: number; from: 0 | 1; cents: number }
  | { a: 'delTransfer'; t: number }
  | { a: 'journal'; j: number }
  | { a: 'voidJournal'; j: number }
  | { a: 'sync' };

const acct = fc.constantFrom<0 | 1>(0, 1);
const cents = fc.integer({ min: 1, max: 90_000 });
// `txn` on an id already made is an edit (amount, account, direction).
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ a: fc.constant('txn' as const), i: fc.nat(3), spend: fc.boolean(), acct, cents }), // prettier-ignore
  },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('delTxn' as const), i: fc.nat(3) }) },
  {
    weight: 2,
    arbitrary: fc.record({ a: fc.constant('transfer' as const), t: fc.nat(1), from: acct, cents }),
  },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('delTransfer' as const), t: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('journal' as const), j: fc.nat(1) }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('voidJournal' as const), j: fc.nat(1) }) },
  { weight: 3, arbitrary: fc.constant({ a: 'sync' as const }) },
);

interface Model {
  txns: Map<number, { spend: boolean; acct: 0 | 1; cents: number } | 'deleted'>;
  transfers: Map<number, { from: 0 | 1; cents: number } | 'deleted'>;
  journals: Map<number, 'posted' | 'voided'>;
}

const money = (c: number) => (c / 100).toFixed(2);

async function apply(w: SyncWorld, m: Model, act: Action, n: number): Promise<void> {
  const updatedAt = new Date(Date.UTC(2026, 10, 4, 0, 0, n)).toISOString();
  switch (act.a) {
    case 'sync':
      await w.sync();
      return;
    case 'txn': {
      const was = m.txns.get(act.i);
      if (was === 'deleted') return;
      // Xero keeps a transaction's type: an edit keeps it (a change is a sync error, tested in
      // plan-banking.test.ts).
      const spend = was ? was.spend : act.spend;
      m.txns.set(act.i, { spend, acct: act.acct, cents: act.cents });
      const lines = oneLine(money(act.cents), spend ? '429' : '260');
      const type = spend ? 'spend' : 'receive';
      return w.ingest(bankTxn(act.i, { type, bankAccount: ACCOUNTS[act.acct], lines, updatedAt }));
    }
    case 'delTxn':
      if (!m.txns.has(act.i) || m.txns.get(act.i) === 'deleted') return;
      m.txns.set(act.i, 'deleted');
      return w.remove({ kind: 'bank_transaction', sourceId: `BT-${act.i}` });
    case 'transfer': {
      // Xero cannot change a transfer: only new ones are made here (an edit is a sync error).
      if (m.transfers.has(act.t)) return;
      m.transfers.set(act.t, { from: act.from, cents: act.cents });
      const [fromBankAccount, toBankAccount] = act.from === 0 ? ACCOUNTS : [...ACCOUNTS].reverse();
      return w.ingest(
        transfer(act.t, { fromBankAccount, toBankAccount, amount: money(act.cents), updatedAt }),
      );
    }
    case 'delTransfer':
      if (m.transfers.get(act.t) === undefined || m.transfers.get(act.t) === 'deleted') return;
      m.transfers.set(act.t, 'deleted');
      return w.remove({ kind: 'bank_transfer', sourceId: `TR-${act.t}` });
    case 'journal':
      if (m.journals.has(act.j)) return;
      m.journals.set(act.j, 'posted');
      return w.ingest(journal(act.j, { updatedAt }));
    case 'voidJournal':
      if (m.journals.get(act.j) !== 'posted') return;
      m.journals.set(act.j, 'voided');
      return w.ingest(journal(act.j, { status: 'void', updatedAt }));
  }
}

/** The ledger's balance of each bank account, in cents. */
function ledgerBalances(m: Model): Record<string, number> {
  const b: Record<string, number> = { '090': 0, '091': 0 };
  for (const t of m.txns.values())
    if (t !== 'deleted') b[CODES[ACCOUNTS[t.acct]]]! += t.spend ? -t.cents : t.cents;
  for (const t of m.transfers.values())
    if (t !== 'deleted') {
      b[CODES[ACCOUNTS[t.from]]]! -= t.cents;
      b[CODES[ACCOUNTS[1 - t.from]!]]! += t.cents;
    }
  return b;
}

/** Xero's balance of each bank account: what its live bank transactions (transfer legs too) add up to. */
function xeroBalances(w: SyncWorld): Record<string, number> {
  const b: Record<string, number> = { '090': 0, '091': 0 };
  for (const t of live(w.xero('BankTransactions'))) {
    const code = (t.BankAccount as { Code: string }).Code;
    const c = Math.round(Number(t.Total) * 100);
    b[code] = (b[code] ?? 0) + (String(t.Type).startsWith('SPEND') ? -c : c);
  }
  return b;
}

function expectNothingTwice(w: SyncWorld, m: Model): void {
  const count = <V>(map: Map<number, V>, alive: (v: V) => boolean) =>
    [...map.values()].filter(alive).length;
  const txns = live(w.xero('BankTransactions')).filter((t) => !String(t.Type).endsWith('TRANSFER'));
  expect(new Set(txns.map((t) => t.Reference)).size, 'no bank transaction twice').toBe(txns.length);
  expect(txns).toHaveLength(count(m.txns, (t) => t !== 'deleted'));
  expect(live(w.xero('BankTransfers'))).toHaveLength(count(m.transfers, (t) => t !== 'deleted'));
  expect(live(w.xero('ManualJournals'))).toHaveLength(count(m.journals, (j) => j === 'posted'));
}

// The last backend: PostgreSQL when DATABASE_URL is set (faster per run), else PGlite.
const backend = BACKENDS.at(-1)!;

describe(`random banking histories on ${backend}`, () => {
  afterEach(disposeWorlds);

  it('end with each bank account’s balance in Xero equal to the ledger’s and nothing twice, faults or not', async () => {
    const seen = { txns: 0, transfers: 0, deletes: 0, faults: 0 };
    // Xero's 60 calls a minute can make a history with many faults wait out the minute (one run
    // of this file took 137 s under load, others 14–22 s): the allowance is not what is tested here
    // (src/xero/budget.test.ts is); checkHistories lifts it.
    await checkHistories<Action, Model>({
      backend,
      actions: fc.array(action, { minLength: 4, maxLength: 10 }),
      // 4 histories of 4–10 actions: the suite's budget on two cores is tight.
      numRuns: 4,
      setUp: async (w) => {
        await mapBankAccounts(w);
        await w.ingest(VENDOR);
      },
      model: () => ({ txns: new Map(), transfers: new Map(), journals: new Map() }),
      opening: [{ a: 'txn', i: 0, spend: false, acct: 0, cents: 100_000 }, { a: 'sync' }],
      apply,
      check: (w, m, faults) => {
        expect(xeroBalances(w)).toEqual(ledgerBalances(m));
        expectNothingTwice(w, m);
        seen.txns += m.txns.size;
        seen.transfers += m.transfers.size;
        seen.deletes += [...m.txns.values(), ...m.transfers.values()].filter(
          (v) => v === 'deleted',
        ).length;
        seen.faults += faults;
      },
    });
    // The histories really exercised what the property speaks of.
    expect(seen.txns).toBeGreaterThan(5);
    expect(seen.transfers + seen.deletes).toBeGreaterThan(1);
    expect(seen.faults).toBeGreaterThan(0);
  }, 300_000);
});
