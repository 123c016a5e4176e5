/**
 * Supplier bills (FEATURES B2): Xero does not keep ACCPAY numbers unique — two suppliers may both
 * send a bill "1001" — so a lost batch of bills is found again by the Reference we put on them,
 * never by number, and nothing is created twice; supplier credit notes are applied to them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import {
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from '../ledger/test-support/examples.js';
import { live, VENDOR } from './test-support/banking-docs.js';

const lines = (amount: string) => [
  { kind: 'expense', description: 'Court fees', quantity: '1', unitAmount: amount, accountCode: '429' },
]; // prettier-ignore
const bill = (n: number, extra: Record<string, unknown> = {}) => ({
  ...exampleInvoice,
  type: 'bill',
  sourceId: `BILL-${n}`,
  number: `${1000 + n}`,
  contactId: 'V-1',
  lineAmountType: 'no_tax',
  lines: lines('200.00'),
  total: '200.00',
  ...extra,
});

describe.each(BACKENDS)('supplier bills on %s', (backend) => {
  afterEach(disposeWorlds);

  it('a lost batch of bills is found by our Reference, not by a number another supplier also used', async () => {
    const w = await newSyncWorld({ backend });
    // Another supplier's bill 1001, entered in Xero by the bookkeeper.
    await w.api.request({
      tenantId: w.tenantId,
      method: 'PUT',
      path: '/Invoices',
      body: {
        Invoices: [
          {
            Type: 'ACCPAY',
            Contact: { Name: 'Other Supplier' },
            InvoiceNumber: '1001',
            Date: '2026-11-01',
            DueDate: '2026-11-30',
            Status: 'AUTHORISED',
            LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 5, AccountCode: '429' }],
          },
        ],
      },
    });
    await w.ingest(VENDOR, bill(1), bill(2));
    w.sandbox.control.setFaults({
      seed: 3,
      rules: [{ kind: 'http500', rate: 1, endpoint: 'PUT /Invoices', afterWrite: 1 }],
    });
    const report = await w.sync();
    w.sandbox.control.setFaults(undefined);
    expect(report.organisations[0]?.counts).toMatchObject({ unknown: 2, resolved: 2 });
    const ours = (n: string) =>
      live(w.xero('Invoices')).filter((i) => i.InvoiceNumber === n && i.Total === 200);
    const [linked] = await w.db.query<{ xero_id: string }>(
      "SELECT xero_id FROM links WHERE kind = 'invoice' AND source_id = 'BILL-1'",
    );
    expect(linked?.xero_id).toBe(ours('1001')[0]?.InvoiceID);
    expect((await w.sync()).organisations[0]?.counts.writeCalls).toBe(0);
    expect(ours('1001')).toHaveLength(1);
    expect(ours('1002')).toHaveLength(1);
    expect(live(w.xero('Invoices')).filter((i) => i.InvoiceNumber === '1001')).toHaveLength(2);
  }, 60_000);

  it('a supplier credit note is applied to its bill, and a payment settles the rest', async () => {
    const w = await newSyncWorld({ backend });
    const credit = {
      ...exampleCreditNote,
      type: 'bill',
      sourceId: 'SCN-1',
      number: 'SCN-1',
      contactId: 'V-1',
      lineAmountType: 'no_tax',
      lines: lines('50.00'),
      total: '50.00',
      allocations: [{ invoiceId: 'BILL-1', amount: '50.00', date: '2026-11-03' }],
    };
    const paid = { ...examplePayment, sourceId: 'SP-1', invoiceId: 'BILL-1', amount: '150.00' };
    await w.ingest(VENDOR, bill(1), credit, paid);
    const report = await w.sync();
    expect(report.organisations[0]?.counts).toMatchObject({ created: 4, rejected: 0 });
    const [xeroBill] = w.xero('Invoices');
    expect(xeroBill).toMatchObject({
      Type: 'ACCPAY',
      Status: 'PAID',
      AmountCredited: 50,
      AmountPaid: 150,
      AmountDue: 0,
    });
    expect(w.xero('CreditNotes')[0]).toMatchObject({ Type: 'ACCPAYCREDIT', RemainingCredit: 0 });
    expect((await w.sync()).organisations[0]?.counts.writeCalls).toBe(0);
  }, 60_000);
});
