import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import {
  exampleContact,
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from '../ledger/test-support/examples.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

describe.each(BACKENDS)('sync on %s', (backend) => {
  afterEach(disposeWorlds);

  it('pushes a contact, an invoice, a credit note with its allocation and a payment, once', async () => {
    const w = await newSyncWorld({ backend });
    const cn = {
      ...exampleCreditNote,
      allocations: [{ invoiceId: 'INV-ID-77', amount: '15.00', date: '2026-11-03' }],
    };
    await w.ingest(exampleContact, exampleInvoice, cn, { ...examplePayment, amount: '100.00' });
    const report = await w.sync();
    expect(report.organisations[0]).toMatchObject({ status: 'succeeded' });
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const [contact] = w.xero('Contacts');
    expect(contact).toMatchObject({ Name: 'Alex Morgan (P-1001)', ContactNumber: 'P-1001' });
    const [invoice] = w.xero('Invoices');
    expect(invoice).toMatchObject({
      InvoiceNumber: 'INV-1001',
      Total: 134.69,
      AmountPaid: 100,
      AmountCredited: 15,
      AmountDue: 19.69,
      Status: 'AUTHORISED',
    });
    expect(w.xero('Payments')).toHaveLength(1);
    expect(w.xero('CreditNotes')[0]).toMatchObject({
      CreditNoteNumber: 'CN-0003',
      RemainingCredit: 5,
    });

    const calls = w.writeCalls();
    const again = await w.sync();
    expect(again.organisations[0]?.counts).toMatchObject({ created: 0, updated: 0, writeCalls: 0 });
    expect(w.writeCalls()).toBe(calls);
  });
});
