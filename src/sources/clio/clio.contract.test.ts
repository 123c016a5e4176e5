import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { FIRM, firmWorld, type FirmWorld } from './test-support.js';

describe.each(BACKENDS)('the Clio connector against the emulator on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('pulls the seeded firm: contacts, bills to the cent with categories, payments, a credit note', async () => {
    w = await firmWorld(backend);
    const report = await w.pull();
    expect(report.counts.rejected).toBe(0);
    expect(report.status).toBe('succeeded');
    const contacts = await w.documents('contact');
    expect(contacts.map((c) => c.content.name)).toEqual(
      expect.arrayContaining(['Maria Chen', 'Northwind Traders Pty Ltd', 'ليلى حداد']),
    );
    const northwind = contacts.find((c) => c.content.name === 'Northwind Traders Pty Ltd')!;
    expect(northwind.content).toMatchObject({
      taxNumber: '51 824 753 556',
      email: 'accounts@northwind.example',
    });
    const bills = w.emulator.control.list(FIRM, 'bills');
    const invoices = await w.documents('invoice');
    expect(invoices).toHaveLength(bills.length);
    for (const bill of bills) {
      const invoice = invoices.find((i) => i.source_id === String(bill.id))!;
      // Xero's total is made equal to this: Clio's own, to the cent.
      expect([bill.id, invoice.content.total]).toEqual([bill.id, Number(bill.total).toFixed(2)]);
      expect(invoice.content.status).toBe(bill.state);
    }
    const clientBill = invoices.find(
      (i) => i.content.reference === undefined && i.content.total === '3484.49',
    )!;
    const lines = clientBill.content.lines as Record<string, unknown>[];
    expect(lines.find((l) => l.kind === 'time')).toMatchObject({
      category: '200',
      discountRate: '10',
    });
    expect(lines.find((l) => l.kind === 'interest')).toMatchObject({ unitAmount: '12.34' });
    const payments = await w.documents('payment');
    const live = payments.filter((p) => !p.deleted);
    // Four Payments, the edited one (100 → 150) a single ledger payment of 150.
    expect(live.map((p) => p.content.amount).sort()).toEqual([
      '1000.00',
      '1453.65',
      '150.00',
      '826.15',
    ]);
    const [credit] = await w.documents('credit_note');
    expect(credit!.content).toMatchObject({
      total: '50.00',
      status: 'authorised',
      allocations: [{ amount: '50.00' }],
    });
  });
});
