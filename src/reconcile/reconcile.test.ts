import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { unlockLink } from '../store/links-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { reconcile, type ReconcileResult } from './reconcile.js';

const READS = [
  'GET /Contacts',
  'GET /Invoices',
  'GET /CreditNotes',
  'GET /Payments',
  'GET /BankTransactions',
  'GET /BankTransfers',
];

/** Reads per collection made by `run` (the sandbox counts every call). */
async function countReads<T>(w: SyncWorld, run: () => Promise<T>): Promise<[T, number[]]> {
  w.sandbox.control.resetStats();
  const result = await run();
  const by = w.sandbox.control.stats().byEndpoint;
  return [result, READS.map((e) => Object.values(by[e] ?? {}).reduce((a, b) => a + b, 0))];
}

const run = (w: SyncWorld) =>
  reconcile({ db: w.db, api: w.api, clock: w.clock }, { tenantId: w.tenantId });

const xeroId = (w: SyncWorld, number: string) =>
  String(
    w.xero('Invoices').find((i) => i.InvoiceNumber === number && i.Status !== 'VOIDED')!.InvoiceID,
  );

const kinds = (r: ReconcileResult) =>
  r.differences.map((d) => `${d.kind} ${d.document.number ?? ''}`.trim()).sort();

describe.each(BACKENDS)('reconcile against the Xero sandbox, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('finds each bookkeeper edit with its cause and fix, and none after the fixes and a sync', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), invoice(2), invoice(3), invoice(4), payment(1, 4));
    await w.sync();

    const [first, firstReads] = await countReads(w, () => run(w));
    expect(first.differences).toEqual([]);
    expect(first.open).toBe(false);
    expect(first.summary.agree.count).toBe(5);
    expect(first.summary.agree.share).toBe('100.0%');
    expect(firstReads).toEqual([1, 1, 1, 1, 1, 1]);
    const [again, againReads] = await countReads(w, () => run(w));
    expect(again.reads.incremental).toBe(true);
    expect(againReads.every((n) => n <= 1)).toBe(true);

    const k = w.sandbox.control.bookkeeper;
    await new Promise((r) => setTimeout(r, 20));
    const [ourPayment] = w.xero('Payments');
    const contactId = String(w.xero('Contacts')[0]!.ContactID);
    const added = k.payInvoice(w.tenantId, xeroId(w, 'INV-1'), {
      amount: '20.00',
      accountCode: '090',
    });
    k.voidInvoice(w.tenantId, xeroId(w, 'INV-2'));
    k.editInvoice(w.tenantId, xeroId(w, 'INV-3'), {
      LineItems: [
        {
          Description: 'Consult',
          Quantity: 1,
          UnitAmount: 150,
          AccountCode: '200',
          TaxType: 'OUTPUT',
        },
      ],
      LineAmountTypes: 'Inclusive',
    });
    k.deletePayment(w.tenantId, String(ourPayment!.PaymentID));
    const walkIn = k.createInvoice(w.tenantId, {
      Type: 'ACCREC',
      Contact: { ContactID: contactId },
      Status: 'AUTHORISED',
      InvoiceNumber: 'XERO-9',
      Date: '2026-11-05',
      DueDate: '2026-11-19',
      LineItems: [
        {
          Description: 'Walk-in',
          Quantity: 1,
          UnitAmount: 80,
          AccountCode: '200',
          TaxType: 'OUTPUT',
        },
      ],
    });

    const [report, reportReads] = await countReads(w, () => run(w));
    // One listing per collection, and INV-3's lines by IDs (its totals differ).
    expect(reportReads).toEqual([1, 2, 1, 1, 1, 1]);
    expect(report.reads.lines).toBe(1);
    expect(report.open).toBe(true);
    expect(kinds(report)).toEqual([
      'created_in_xero XERO-9',
      'edited INV-3',
      'payment_added',
      'payment_removed',
      'voided INV-2',
    ]);
    const by = (kind: string) => report.differences.find((d) => d.kind === kind)!;
    expect(by('payment_added').explanation).toMatch(
      /^A \$20\.00 payment on invoice INV-1 was added in Xero on \d+ \w{3} \d{4} by Sandbox Bookkeeper; the file drop does not show it\.$/,
    );
    expect(by('payment_added').fix).toBe(
      'Record the payment in the file drop, or delete it in Xero.',
    );
    expect(by('payment_removed').explanation).toMatch(
      /^Our \$50\.00 payment on invoice INV-4 was deleted in Xero/,
    );
    expect(by('payment_removed').fix).toMatch(/^Run `ledgerbridge sync`: it puts the payment back/);
    expect(by('voided').explanation).toMatch(/^Invoice INV-2 \(\$134\.69\) was voided in Xero on/);
    expect(by('voided').fix).toMatch(
      /^Void it in the file drop too; if it should stand, issue it again/,
    );
    expect(by('edited').fix).toContain(`ledgerbridge reconcile fix ${by('edited').id} --repush`);
    expect(by('edited').explanation).toContain(
      'total 134.69 in the practice system, 150.00 in Xero; line 1 (Initial consultation): description "Initial consultation" in the practice system, "Consult" in Xero, unit amount 110.00 in the practice system, 150.00 in Xero; line 2 (Theraband) is not in Xero.',
    );
    expect(by('edited').category).toBe('changed_in_xero');
    expect(by('created_in_xero').explanation).toMatch(
      /^Invoice XERO-9 \(\$88\.00\) was created in Xero on/,
    );
    // Who made each change, from Xero's history: one read per difference, none again while the
    // differences stand unchanged.
    expect(report.reads.history).toBe(5);
    for (const d of report.differences) {
      expect(d.changedBy).toBe('Sandbox Bookkeeper');
      if (d.kind !== 'edited')
        expect(d.explanation).toMatch(/ on \d+ \w{3} \d{4} by Sandbox Bookkeeper/);
    }
    const [unchanged] = await countReads(w, () => run(w));
    expect(unchanged.reads.history).toBe(0);
    expect(unchanged.differences.map((d) => d.explanation)).toEqual(
      report.differences.map((d) => d.explanation),
    );
    expect(report.summary).toMatchObject({
      compared: 7,
      agree: { count: 2 },
      only_in_xero: { count: 2, amount: '108.00' },
      changed_in_xero: { count: 3 },
      missing_in_xero: { count: 0 },
    });

    // The offered fixes: re-push the edited one, void the voided one in the PMS too, put our
    // payment back (the sync does), and the bookkeeper's own fixes in Xero.
    const edited = by('edited').document;
    await unlockLink(w.db, { source: edited.source!, kind: 'invoice', sourceId: edited.sourceId! });
    await w.ingest(invoice(2, { status: 'void', updatedAt: new Date().toISOString() }));
    k.deletePayment(w.tenantId, String(added.PaymentID));
    k.voidInvoice(w.tenantId, String(walkIn.InvoiceID));
    await w.sync();
    const after = await run(w);
    expect(after.differences).toEqual([]);
    expect(after.open).toBe(false);
    expect(after.summary.agree.count).toBe(5);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });
});
