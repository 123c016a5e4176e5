import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import {
  invoice,
  newSyncWorld,
  payment,
  ROOMY_LIMITS,
  type SyncWorld,
} from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { putMapping } from '../store/mappings-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { live, mapBankAccounts } from './test-support/banking-docs.js';
import {
  CLIENT,
  payout,
  PROCESSOR_FEES,
  STRIPE_CLEARING,
  openErrorCodes,
  syncLosingAnswers,
  setUpClearing,
} from './test-support/payment-docs.js';

const cents = (v: unknown) => Math.round(Number(v) * 100);

/** An account's balance in Xero, in cents: payments into it, bank transactions and transfers. */
function balance(w: SyncWorld, code: string): number {
  let b = 0;
  for (const p of live(w.xero('Payments')))
    if ((p.Account as { Code: string }).Code === code) b += cents(p.Amount);
  for (const t of live(w.xero('BankTransactions')))
    if ((t.BankAccount as { Code: string }).Code === code)
      b += String(t.Type).startsWith('SPEND') ? -cents(t.Total) : cents(t.Total);
  return b;
}

async function world(backend: (typeof BACKENDS)[number]): Promise<SyncWorld> {
  const w = await newSyncWorld({ backend, ...ROOMY_LIMITS });
  await mapBankAccounts(w);
  await setUpClearing(w);
  // A method whose "clearing" account takes payments but is not a bank account.
  w.sandbox.control.bookkeeper.createAccount(w.tenantId, {
    Code: '615',
    Name: 'Tyro settlements',
    Type: 'CURRENT',
    EnablePaymentsToAccount: true,
  });
  const mapping = { tenantId: w.tenantId, source: '*', type: 'payment_method_account' as const };
  await putMapping(w.db, { ...mapping, key: 'tyro', value: '615' });
  return w;
}

describe.each(BACKENDS)('processor payouts on %s', (backend) => {
  afterEach(disposeWorlds);

  it('moves the net to the bank and books the fees, leaving the clearing account at zero; follows edits and deletions; never twice; refuses a clearing account that is not a bank', async () => {
    const w = await world(backend);
    const stripe = { method: 'stripe' };
    await w.ingest(
      CLIENT,
      invoice(1),
      invoice(2),
      payment(1, 1, { ...stripe, amount: '134.69' }),
      payment(2, 2, { ...stripe, amount: '100.00' }),
      payout(1, '234.69', '7.04', '227.65'),
      payout(2, '10.00', '0.30', '9.70', { method: 'tyro' }),
    );
    // The transfer's answer is lost after Xero applied it: found again by its Reference.
    const lost = await syncLosingAnswers(w, 'PUT /BankTransfers');
    expect(lost.organisations[0]?.counts).toMatchObject({ resolved: 1 });
    await w.sync();
    expect(balance(w, STRIPE_CLEARING)).toBe(0);
    expect(balance(w, '090')).toBe(22_765); // the bank line: the deposit to the cent
    expect(live(w.xero('BankTransfers')).map((t) => [t.Amount, t.Reference])).toEqual([
      [227.65, 'Payout po_123 (po-1)'],
    ]);
    const [fees] = live(w.xero('BankTransactions')).filter((t) => t.Type === 'SPEND');
    expect(fees).toMatchObject({
      Total: 7.04,
      Contact: { Name: 'Stripe' },
      LineItems: [{ AccountCode: PROCESSOR_FEES }],
    });
    const errors = await listOpenSyncErrors(w.db, { tenantId: w.tenantId });
    expect(errors.map((e) => [e.sourceId, e.code])).toEqual([['po-2', 'LB_SYNC_CLEARING_NOT_BANK']]); // prettier-ignore
    expect(errors[0]?.message).toContain('account 615 (Tyro settlements, type CURRENT)');

    // An edit: what differs is taken down and made again; the clearing account stays at zero.
    await w.ingest(payout(1, '234.69', '7.00', '227.69', { updatedAt: '2026-11-10T10:00:00Z' }));
    await w.sync();
    expect(balance(w, STRIPE_CLEARING)).toBe(0);
    expect(balance(w, '090')).toBe(22_769);
    expect(live(w.xero('BankTransfers'))).toHaveLength(1);
    expect(live(w.xero('BankTransactions')).filter((t) => t.Type === 'SPEND')).toHaveLength(1);

    // A deletion takes both down: the payments wait in the clearing account again.
    await w.remove({ kind: 'payout', sourceId: 'po-1' });
    await w.remove({ kind: 'payout', sourceId: 'po-2' });
    await w.sync();
    expect(balance(w, STRIPE_CLEARING)).toBe(23_469);
    expect(live(w.xero('BankTransfers'))).toEqual([]);
    expect(await openErrorCodes(w)).toEqual([]);
    const last = await w.sync();
    expect(last.organisations[0]?.counts.writeCalls).toBe(0);
  }, 120_000);

  it("taxes the fees as the fee account's default tax rate says, the total still the fees to the cent", async () => {
    const w = await world(backend);
    // Stripe's Australian fees include GST: a fee account whose default is GST on expenses.
    w.sandbox.control.bookkeeper.createAccount(w.tenantId, {
      Code: '405',
      Name: 'Merchant fees',
      Type: 'EXPENSE',
      TaxType: 'INPUT',
    });
    const mapping = { tenantId: w.tenantId, source: '*', key: '*', value: '405' };
    await putMapping(w.db, { ...mapping, type: 'processor_fee_account' });
    await w.ingest(
      CLIENT,
      invoice(1),
      payment(1, 1, { method: 'stripe', amount: '134.69' }),
      payout(1, '134.69', '7.04', '127.65'),
    );
    await w.sync();
    const [fees] = live(w.xero('BankTransactions')).filter((t) => t.Type === 'SPEND');
    expect(fees).toMatchObject({
      LineAmountTypes: 'Inclusive',
      Total: 7.04,
      TotalTax: 0.64, // 7.04 × 10 / 110, to the cent
      LineItems: [{ AccountCode: '405', TaxType: 'INPUT' }],
    });
    expect(balance(w, STRIPE_CLEARING)).toBe(0);
    expect(balance(w, '090')).toBe(12_765);
  }, 60_000);
});
