import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { RateBudget } from '../http/rate-budget.js';
import { clioSource } from './index.js';
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

describe.each(BACKENDS)('the Clio connector in another region on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it("connects and pulls a firm in Clio's EU region, in euros", async () => {
    w = await firmWorld(backend, {}, 'eu');
    expect((await w.credentials()).region).toBe('eu');
    const connection = clioSource.open(await w.credentials(), {
      baseUrl: w.baseUrl,
      overlapMs: 0,
      budget: new RateBudget(Infinity),
    });
    const account = await connection.test();
    expect(account.details).toMatchObject({ region: 'eu' });
    expect(account.label).not.toBe('');
    const report = await w.pull();
    expect(report).toMatchObject({ status: 'succeeded', counts: { rejected: 0 } });
    const invoices = await w.documents('invoice');
    expect(invoices.length).toBe(7);
    expect(invoices.every((i) => i.content.currency === 'EUR')).toBe(true);
  });
});

describe.each(BACKENDS)('the Clio connector following the practice on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('follows an edit, a payment, an edited payment, a voided payment and a deleted draft', async () => {
    w = await firmWorld(backend);
    const seed = w.seed!;
    const practice = w.emulator.control.practice(FIRM);
    await w.pull();
    practice.editContact({ contactId: seed.contacts.chen, patch: { first_name: 'Mei' } });
    const paid = practice.recordPayment({
      date: '2026-03-05',
      bills: [{ billId: seed.bills.editedPayment, amount: '100.00' }],
    });
    practice.editPayment({ paymentId: paid.paymentId, amount: '120.00' });
    const voided = practice.recordPayment({
      date: '2026-03-06',
      bills: [{ billId: seed.bills.clientBill, amount: '50.00' }],
    });
    practice.editBill({ billId: seed.bills.clientBill, subject: 'Revised' });
    const report1 = await w.pull();
    expect(report1.counts.rejected).toBe(0);
    practice.voidAllocation({ allocationId: voided.allocationIds[0]! });
    practice.deleteBill({ billId: seed.bills.draft });
    const report = await w.pull();
    expect(report.status).toBe('succeeded');
    const byId = new Map((await w.documents()).map((d) => [`${d.kind}:${d.source_id}`, d]));
    expect(byId.get(`contact:${seed.contacts.chen}`)?.content.name).toBe('Mei Chen');
    // The edited payment is one ledger payment with the new amount.
    const edited = byId.get(`payment:${paid.paymentId}-${seed.bills.editedPayment}`)!;
    expect([edited.deleted, edited.content.amount]).toEqual([false, '120.00']);
    expect(byId.get(`payment:${voided.paymentId}-${seed.bills.clientBill}`)?.deleted).toBe(true);
    expect(byId.get(`invoice:${seed.bills.draft}`)?.content.status).toBe('deleted');
    expect(byId.get(`invoice:${seed.bills.clientBill}`)?.content.reference).toBe('Revised');
    expect(report.counts).toMatchObject({ rejected: 0, deleted: 1 });
  });

  it('with nothing changed, a pull changes nothing and makes at most one request per resource', async () => {
    w = await firmWorld(backend);
    await w.pull();
    w.emulator.control.resetStats();
    const again = await w.pull();
    expect(again.counts).toMatchObject({ added: 0, changed: 0, deleted: 0, rejected: 0 });
    const calls = w.emulator.control.stats().byEndpoint;
    for (const [endpoint, statuses] of Object.entries(calls))
      expect([endpoint, Object.values(statuses).reduce((a, b) => a + b, 0)]).toEqual([endpoint, 1]);
  });
});
