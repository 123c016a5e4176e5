import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { toUnits } from '../../ledger/decimal.js';
import { readSourceCredentials } from '../../store/source-credentials-repo.js';
import { readSourceCursor } from '../../store/sources-repo.js';
import { connect, documents, ORG, pull, SOURCE, firmPerTest, through } from './test-support.js';

const units = (value: unknown) => toUnits(String(value));

describe.each(BACKENDS)('the Actionstep connector against the emulator on %s', (backend) => {
  const start = firmPerTest(backend);

  it('connects through the consent page and pulls the seeded firm: divisions, contacts, bills, credits, receipts', async () => {
    const { db, firm } = await start();
    const account = await connect(db, firm);
    expect([...account.entities.values()]).toEqual([
      'Harbour Law – Sydney',
      'Harbour Law – Brisbane',
    ]);
    const stored = await readSourceCredentials(db, SOURCE);
    expect(stored?.account).toMatchObject({ orgkey: ORG });
    expect(stored?.sealed).not.toMatch(/access|refresh|orgs\/harbourlaw/);

    const report = await pull(db);
    expect(report.issues).toEqual([]);
    expect(report.status).toBe('succeeded');

    const bills = firm.emulator.control.list(ORG, 'bills');
    const invoices = await documents(db, 'invoice');
    expect(invoices.size).toBe(bills.length);
    for (const bill of bills) {
      const invoice = invoices.get(String(bill.id));
      // Xero's total is made to equal the stated total: Actionstep's, to the cent.
      expect(units(invoice?.total)).toBe(units(bill.totalInclusive));
      expect(units(invoice?.taxTotal)).toBe(units(bill.totalSalesTax));
      expect(invoice?.entity).toBe((bill.links as Record<string, string>).division);
    }
    const { bills: seeded } = firm.seed;
    expect(invoices.get(String(seeded.closed))?.status).toBe('paid');
    expect(invoices.get(String(seeded.open))?.status).toBe('awaiting_payment');
    expect(invoices.get(String(seeded.draft))?.status).toBe('draft');
    expect(invoices.get(String(seeded.deleted))?.status).toBe('void');
    const lines = invoices.get(String(seeded.closed))?.lines as Record<string, unknown>[];
    expect(lines.map((l) => [l.kind, l.taxCode])).toContainEqual(['time', 'GST']);
    // The $33.55 title search was entered tax-inclusive: its line is one unit of the $30.50
    // Actionstep charged before GST, not 1 × 33.55 taxed again.
    const search = lines.find((l) => l.kind === 'disbursement');
    expect(search).toMatchObject({ quantity: '1', taxCode: 'GST' });
    expect(units(search?.unitAmount)).toBe(units('30.50'));
    expect(units(search?.taxAmount)).toBe(units('3.05'));

    const contacts = await documents(db, 'contact');
    expect(contacts.size).toBe(firm.emulator.control.list(ORG, 'participants').length);
    expect([...contacts.values()].map((c) => c.name)).toContain('Müller, Zoë');

    const credits = await documents(db, 'credit_note');
    expect(credits.get(String(firm.seed.credit))).toMatchObject({
      status: 'authorised',
      total: '110.00',
      allocations: [{ invoiceId: String(seeded.credited), amount: '110.00' }],
    });

    const payments = await documents(db, 'payment');
    const paid = [...payments.values()].filter((p) => p.invoiceId === String(seeded.closed));
    const closed = bills.find((b) => b.id === seeded.closed);
    expect(paid.map((p) => units(p.amount))).toEqual([units(closed?.totalInclusive)]);
    expect(
      [...payments.keys()].some((id) => id.startsWith(`${firm.seed.receipts.reversed}-`)),
    ).toBe(false);
    expect(Object.keys((await readSourceCursor(db, SOURCE)) ?? {}).sort()).toEqual([
      'bills',
      'creditnotes',
      'participants',
      'receipts',
    ]);
  });

  it('reads only what changed: an edited contact, a receipt split over two bills, a reversed receipt, a voided draft', async () => {
    const { db, firm } = await start();
    await connect(db, firm);
    await pull(db);
    firm.clock.advance(10 * 60_000); // past the 5-minute overlap: the seeded records are not re-read
    const user = firm.emulator.control.practice(ORG);
    const { bills, receipts, clients, matters } = firm.seed;
    user.editParticipant({ participantId: clients[0]!, fields: { displayName: 'שרה כהן' } });
    const second = user.createBill({
      actionId: matters[1]!,
      includeUnbilled: false,
      lines: [{ description: 'Lease advice', quantity: '1.5', unitPrice: '123.4567' }],
    });
    user.finaliseBill({ billId: second });
    user.reverseReceipt({ receiptId: receipts.edited });
    const payer = firm.emulator.control.get(ORG, 'bills', bills.open)?.links as {
      theirParticipant: string;
    };
    const split = user.recordReceipt({
      participantId: Number(payer.theirParticipant),
      date: '2026-11-30',
      amount: '200.00',
      allocations: [
        { billId: bills.open, amount: '150.00' },
        { billId: second, amount: '50.00' },
      ],
      reference: 'EFT 2002',
    });
    user.voidBill({ billId: bills.draft });

    const report = await pull(db);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ added: 3, deleted: 1 });
    const contacts = await documents(db, 'contact');
    expect(contacts.get(String(clients[0]))?.name).toBe('שרה כהן');
    const invoices = await documents(db, 'invoice');
    expect(invoices.get(String(bills.draft))?.status).toBe('void');
    expect(invoices.get(String(second))).toMatchObject({ status: 'awaiting_payment' });
    const payments = await documents(db, 'payment');
    expect(payments.get(`${split}-${bills.open}`)).toMatchObject({
      amount: '150.00',
      deleted: false,
    });
    expect(payments.get(`${split}-${second}`)).toMatchObject({
      amount: '50.00',
      reference: 'EFT 2002',
    });
    expect(payments.get(`${receipts.edited}-${bills.open}`)?.deleted).toBe(true);

    // Nothing changed since: at most one request per resource type. The overlap re-reads the
    // last few minutes before each watermark (here the records just changed, with their lines
    // and allocations), and finds them unchanged.
    firm.clock.advance(10 * 60_000);
    firm.emulator.control.resetStats();
    const quiet = await pull(db);
    expect(quiet.counts).toMatchObject({ added: 0, changed: 0, deleted: 0 });
    const calls = firm.emulator.control.stats().byEndpoint;
    expect(Object.keys(calls)).toEqual(
      expect.arrayContaining([
        'GET /bills',
        'GET /creditnotes',
        'GET /divisions',
        'GET /participants',
        'GET /receipts',
      ]),
    );
    for (const answers of Object.values(calls))
      expect(Object.values(answers).reduce((a, b) => a + b, 0)).toBe(1);
  });

  it('misses no bill when one read earlier changes while later pages are read', async () => {
    const { db, firm } = await start();
    await connect(db, firm);
    firm.clock.advance(60_000);
    firm.emulator.control.generateBills(ORG, 200, 1);
    firm.clock.advance(60_000);
    firm.emulator.control.generateBills(ORG, 200, 2);
    firm.clock.advance(60_000);
    const user = firm.emulator.control.practice(ORG);
    let billPages = 0;
    // Before the second page of bills: a bill of the first page is edited and moves to the end.
    // Offset paging would now skip the bill that slid into the first page's place.
    const editMidway = through({
      before: (resource) => {
        if (resource === 'bills' && ++billPages === 2)
          user.editBill({ billId: firm.seed.bills.draft, theirReference: 'Will (revised)' });
      },
    });
    const report = await pull(db, { fetch: editMidway });
    expect(report.status).toBe('succeeded');
    const invoices = await documents(db, 'invoice');
    expect(invoices.size).toBe(firm.emulator.control.list(ORG, 'bills').length);
    expect(invoices.get(String(firm.seed.bills.draft))?.reference).toBe('Will (revised)');
  });
});
