import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { formatUnits } from '../ledger/decimal.js';
import type { Database } from '../store/database.js';
import { listMappings } from '../store/mappings-repo.js';
import { CLINIC, LAW_FIRM } from './demo-practice.js';
import { runDemo, type DemoEvents, type DemoResult } from './run-demo.js';

const quiet: DemoEvents = {
  step: () => undefined,
  pulled: () => undefined,
  synced: () => undefined,
  errors: () => undefined,
};

const cents = (units: bigint) => formatUnits(units, 2);

/** What one organisation in the Xero sandbox holds, keyed by the PMS record each came from. */
async function booksOf(db: Database, result: DemoResult, tenantId: string) {
  const org = result.xero.control.org(tenantId);
  const links = await db.query<{ kind: string; source_id: string; xero_id: string }>(
    `SELECT kind, source_id, xero_id FROM links WHERE tenant_id = $1 AND xero_id IS NOT NULL`,
    [tenantId],
  );
  const invoice = (sourceId: string | number) => {
    const link = links.find((l) => l.kind === 'invoice' && l.source_id === String(sourceId));
    const found = link && org.invoices.get(link.xero_id);
    if (!found) throw new Error(`invoice ${sourceId} is not in ${org.name}`);
    const paid = [...org.payments.values()]
      .filter((p) => p.targetId === found.id && p.status === 'AUTHORISED')
      .reduce((n, p) => n + p.amount, 0n);
    return {
      status: found.status,
      total: cents(found.total),
      paid: cents(paid),
      credited: cents(found.amountCredited),
      due: cents(found.total - found.amountPaid - found.amountCredited),
    };
  };
  const contactNames = [...org.contacts.values()].map((c) => c.name);
  return { org, links, invoice, contactNames };
}

// One backend is enough: the demo always runs on the embedded store.
describe('the demo, on the Cliniko and Clio emulators', () => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => fresh?.dispose());

  it('leaves both organisations equal to the practices’ books, later edits applied, nothing refused or doubled', async () => {
    fresh = await freshDatabase('pglite');
    const seen: string[] = [];
    const result = await runDemo(fresh.db, { ...quiet, step: (t) => seen.push(t) });
    const { clinic, lawFirm } = result.practices;

    // The first sync refuses the bill Clio charged interest on; the fix and the second sync clear it.
    expect(result.first.organisations.map((o) => [o.name, o.status])).toEqual([
      [CLINIC.name, 'succeeded'],
      [LAW_FIRM.name, 'partial'],
    ]);
    expect(result.second.organisations.every((o) => o.status === 'succeeded')).toBe(true);
    expect(result.errorsAfter).toEqual([]);
    expect(seen.some((s) => s.startsWith('Applied the fix'))).toBe(true);
    expect(result.pulls.map((p) => p.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);

    const physio = await booksOf(fresh.db, result, CLINIC.tenantId);
    const [paid, edited, closed] = clinic.invoiceIds;
    // Cliniko's totals are tax-inclusive 3-decimal strings; Xero's equal them to the cent.
    expect(physio.invoice(paid!)).toMatchObject({ status: 'PAID', total: '137.17', due: '0.00' });
    // Edited to a standard consultation and a Theraband (85.000 + 13.585), then marked Paid.
    expect(physio.invoice(edited!)).toMatchObject({ status: 'PAID', total: '98.59', due: '0.00' });
    expect(physio.invoice(closed!)).toMatchObject({ status: 'PAID', total: '122.17', due: '0.00' });
    expect(physio.invoice(clinic.discountedInvoiceId).status).toBe('VOIDED');
    expect(physio.contactNames).toEqual(
      expect.arrayContaining([expect.stringContaining('Nguyễn'), expect.stringContaining('حداد')]),
    );

    // Clio's xero_service_code / xero_expense_code seeded the law firm's category mappings.
    const seeded = (await listMappings(fresh.db, LAW_FIRM.tenantId))
      .filter((m) => m.type === 'category_account')
      .map((m) => [m.source, m.key, m.value, m.problem]);
    expect(seeded).toEqual([
      ['*', '200', '200', null],
      ['*', '260', '260', null],
    ]);

    const law = await booksOf(fresh.db, result, LAW_FIRM.tenantId);
    const { bills } = lawFirm;
    // The payment corrected from 150.00 to 200.00: one payment of 200.00, not both.
    expect(law.invoice(bills.editedPayment)).toMatchObject({ paid: '200.00' });
    expect(law.invoice(bills.clientBill)).toMatchObject({ status: 'PAID', due: '0.00' });
    expect(law.invoice(bills.credited)).toMatchObject({ status: 'PAID', credited: '50.00' });
    expect(law.invoice(bills.paid)).toMatchObject({ status: 'PAID', due: '0.00' });
    expect(law.invoice(bills.draft).status).toBe('VOIDED');
    // One Xero contact per Clio client, named as in Clio (Xero names are unique, so the id follows).
    expect(law.contactNames.map((n) => n.replace(/ \(\d+\)$/, '')).sort()).toEqual([
      'Maria Chen',
      'Northwind Traders Pty Ltd',
      'Ōtaki Holdings Ltd',
      'ليلى حداد',
    ]);

    for (const books of [physio, law]) {
      // No duplicates: every Xero invoice and contact is linked to exactly one PMS record.
      expect(new Set(books.contactNames).size).toBe(books.contactNames.length);
      const linked = books.links.filter((l) => l.kind === 'invoice').map((l) => l.xero_id);
      expect(new Set(linked).size).toBe(books.org.invoices.size);
    }
  }, 120_000);
});
