import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { listAudit } from '../store/audit-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

const live = (rows: Record<string, unknown>[]) => rows.filter((p) => p.Status !== 'DELETED');

describe.each(BACKENDS)('changes made in Xero, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('a contact edited in Xero is kept and reported; the next PMS edit wins and clears it', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, exampleInvoice);
    await w.sync();
    const [contact] = w.xero('Contacts');
    await new Promise((r) => setTimeout(r, 20));
    w.sandbox.control.bookkeeper.updateContact(w.tenantId, String(contact!.ContactID), {
      EmailAddress: 'alex@bookkeeper.example',
    });
    await w.sync();
    const [error] = await listOpenSyncErrors(w.db);
    expect(error).toMatchObject({
      code: 'LB_SYNC_XERO_EDIT',
      kind: 'contact',
      xeroMessage: 'EmailAddress: alex@bookkeeper.example',
    });
    expect(w.xero('Contacts')[0]).toMatchObject({ EmailAddress: 'alex@bookkeeper.example' });
    await w.ingest({
      ...exampleContact,
      email: 'alex@pms.example',
      updatedAt: new Date(Date.now() + 1_000).toISOString(),
    });
    await w.sync();
    expect(w.xero('Contacts')[0]).toMatchObject({ EmailAddress: 'alex@pms.example' });
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });

  it('puts back a payment deleted in Xero, and keeps one entered in Xero, recording both', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, exampleInvoice, { ...examplePayment, amount: '50.00' });
    await w.sync();
    const [ours] = w.xero('Payments');
    const invoiceId = String(w.xero('Invoices')[0]!.InvoiceID);
    w.sandbox.control.bookkeeper.deletePayment(w.tenantId, String(ours!.PaymentID));
    w.sandbox.control.bookkeeper.payInvoice(w.tenantId, invoiceId, {
      amount: '10.00',
      accountCode: '090',
    });
    await w.sync();
    expect(
      live(w.xero('Payments'))
        .map((p) => p.Amount)
        .sort(),
    ).toEqual([10, 50]);
    expect(w.xero('Invoices')[0]).toMatchObject({ AmountPaid: 60 });
    const actions = (await listAudit(w.db)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['xero-payment-deleted-restored', 'xero-payment-reported']),
    );
  });
});
