import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import {
  invoice,
  newSyncWorld,
  ROOMY_LIMITS,
  type SyncWorld,
} from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { live, mapBankAccounts } from './test-support/banking-docs.js';
import { exampleCreditNote } from '../ledger/test-support/examples.js';
import { CLIENT, overpayment, refund, toInvoice } from './test-support/payment-docs.js';

const calls = (w: SyncWorld, endpoint: string) =>
  Object.values(w.sandbox.control.stats().byEndpoint[endpoint] ?? {}).reduce((a, b) => a + b, 0);
const credit = (w: SyncWorld) =>
  live(w.xero('Overpayments')).map((o) => [o.Type, o.Total, o.RemainingCredit]);
const due = (w: SyncWorld) => w.xero('Invoices').map((i) => i.AmountDue);

const SUPPLIER = { ...CLIENT, sourceId: 'S-1', name: 'Stationer', isSupplier: true };
const prepaid = overpayment(2, {
  type: 'bill',
  prepayment: true,
  contactId: 'S-1',
  accountCode: '429',
});

async function world(backend: (typeof BACKENDS)[number]): Promise<SyncWorld> {
  const w = await newSyncWorld({ backend, ...ROOMY_LIMITS });
  await mapBankAccounts(w);
  return w;
}

describe.each(BACKENDS)('overpayments on %s', (backend) => {
  afterEach(disposeWorlds);

  it('creates the overpayment, allocates it as the PMS does, takes changed allocations back, refuses an edit Xero cannot make, deletes it', async () => {
    const w = await world(backend);
    await w.ingest(CLIENT, invoice(1), invoice(2), overpayment(1), SUPPLIER, prepaid);
    const first = await w.sync();
    expect(first.organisations[0]?.counts).toMatchObject({ created: 6, rejected: 0 });
    expect(credit(w)).toEqual([['RECEIVE-OVERPAYMENT', 500, 500]]);
    // A supplier prepayment: SPEND-PREPAYMENT, its line coded to the account given.
    expect(live(w.xero('Prepayments')).map((p) => [p.Type, p.Total])).toEqual([
      ['SPEND-PREPAYMENT', 500],
    ]);
    const [txn] = w.xero('BankTransactions').filter((t) => t.Type === 'RECEIVE-OVERPAYMENT');
    expect(txn?.LineItems).toMatchObject([{ Description: 'Overpayment Cheque 1 (op-1)' }]);

    await w.ingest(
      overpayment(1, { allocations: [toInvoice(1, '134.69'), toInvoice(2, '50.00')] }),
    );
    await w.sync();
    expect(credit(w)).toEqual([['RECEIVE-OVERPAYMENT', 500, 315.31]]);
    expect(due(w)).toEqual([0, 84.69]);

    // One allocation changed, one taken away: both taken back, the changed one made again.
    await w.ingest(overpayment(1, { allocations: [toInvoice(1, '100.00')] }));
    await w.sync();
    expect(credit(w)).toEqual([['RECEIVE-OVERPAYMENT', 500, 400]]);
    expect(due(w)).toEqual([34.69, 134.69]);

    // Refunds (P6): of the overpayment's credit, and of a credit note's.
    const note = { ...exampleCreditNote, sourceId: 'cn-1', number: 'CN-1', allocations: [] };
    await w.ingest(
      note,
      refund(1, 'overpayment', 'op-1', '100.00'),
      refund(2, 'credit_note', 'cn-1', '20.00'),
    );
    await w.sync();
    expect(credit(w)).toEqual([['RECEIVE-OVERPAYMENT', 500, 300]]);
    expect(w.xero('CreditNotes').map((c) => c.RemainingCredit)).toEqual([0]);
    expect(live(w.xero('Payments')).map((p) => [p.PaymentType, p.Amount])).toEqual([
      ['AROVERPAYMENTPAYMENT', 100],
      ['ARCREDITPAYMENT', 20],
    ]);
    await w.remove({ kind: 'refund', sourceId: 'rf-1' });
    await w.sync();
    expect(credit(w)).toEqual([['RECEIVE-OVERPAYMENT', 500, 400]]);
    const writes = w.writeCalls();
    await w.ingest(overpayment(1, { amount: '600.00', allocations: [toInvoice(1, '100.00')] }));
    const edited = await w.sync();
    expect(edited.organisations[0]?.counts).toMatchObject({ rejected: 1 });
    expect(w.writeCalls()).toBe(writes);
    const [error] = await listOpenSyncErrors(w.db);
    expect(error).toMatchObject({ code: 'LB_SYNC_OVERPAYMENT_CHANGED' });
    expect(error?.message).toContain('amount 500 → 600');
    await w.remove({ kind: 'overpayment', sourceId: 'op-1' });
    const removed = await w.sync();
    expect(removed.organisations[0]?.counts).toMatchObject({ deleted: 1, rejected: 0 });
    expect(credit(w)).toEqual([]);
    expect(due(w)).toEqual([134.69, 134.69]);
    expect((await w.sync()).organisations[0]?.counts.writeCalls).toBe(0);
  }, 60_000);

  it('a batch Xero applied but whose answer was lost is found by its description, never created twice', async () => {
    const w = await world(backend);
    await w.ingest(CLIENT, ...Array.from({ length: 5 }, (_, i) => overpayment(i + 1)));
    w.sandbox.control.setFaults({
      seed: 3,
      rules: [{ kind: 'http500', rate: 1, endpoint: 'PUT /BankTransactions', afterWrite: 1 }],
    });
    const report = await w.sync();
    w.sandbox.control.setFaults(undefined);
    expect(report.organisations[0]?.counts).toMatchObject({ unknown: 5, resolved: 5 });
    expect(calls(w, 'GET /BankTransactions')).toBe(1);
    expect((await w.sync()).organisations[0]?.counts.writeCalls).toBe(0);
    expect(credit(w)).toHaveLength(5);
  }, 60_000);
});
