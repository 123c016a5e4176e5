import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { CLIENT } from './test-support/payment-docs.js';

describe.each(BACKENDS)('returned receipts (bounced cheques) on %s', (backend) => {
  afterEach(disposeWorlds);

  it('deletes the payment in Xero so the invoice is due again; a refusal is a sync error with the fix', async () => {
    const w = await newSyncWorld({ backend });
    const bounced = payment(1, 1, { amount: '134.69', date: '2026-11-04' });
    const older = payment(2, 2, { date: '2026-10-04' });
    await w.ingest(CLIENT, invoice(1), invoice(2), bounced, older);
    await w.sync();
    expect(w.xero('Invoices').map((i) => [i.Status, i.AmountDue])).toEqual([
      ['PAID', 0],
      ['AUTHORISED', 84.69],
    ]);

    // The bank returns both cheques; October is locked by then.
    w.sandbox.control.setLockDates(w.tenantId, { periodLockDate: '2026-10-31' });
    await w.ingest({ ...bounced, status: 'returned' }, { ...older, status: 'returned' });
    const report = await w.sync();
    expect(report.organisations[0]?.counts).toMatchObject({ deleted: 1, rejected: 1 });
    expect(w.xero('Invoices').map((i) => [i.Status, i.AmountDue])).toEqual([
      ['AUTHORISED', 134.69],
      ['AUTHORISED', 84.69],
    ]);
    const [error] = await listOpenSyncErrors(w.db);
    expect(error).toMatchObject({ code: 'LB_SYNC_RETURNED_NOT_REVERSED', sourceId: 'pay-2' });
    expect(error?.message).toContain('returned unpaid in the PMS');
    expect(error?.fix).toContain('Remove & Redo');

    // The accountant moves the lock date: the next pass reverses it, and then nothing is left.
    w.sandbox.control.setLockDates(w.tenantId, { periodLockDate: null });
    expect((await w.sync()).organisations[0]?.counts).toMatchObject({ deleted: 1, rejected: 0 });
    expect(w.xero('Invoices').map((i) => i.AmountDue)).toEqual([134.69, 134.69]);
    expect(w.xero('Payments').map((p) => p.Status)).toEqual(['DELETED', 'DELETED']);
    expect((await w.sync()).organisations[0]?.counts.writeCalls).toBe(0);
  }, 60_000);
});
