import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { formatUnits, toUnits } from '../ledger/decimal.js';
import type { Database } from '../store/database.js';
import { listMappings } from '../store/mappings-repo.js';
import type { Organisation } from '../sandbox/xero/accounting/organisation.js';
import { CLINIC, LAW_FIRM, OFFICE_BANK_CODE, TRUST_BANK_CODE } from './demo-practice.js';
import { runDemo, type DemoEvents, type DemoResult } from './run-demo.js';

const quiet: DemoEvents = {
  step: () => undefined,
  pulled: () => undefined,
  synced: () => undefined,
  errors: () => undefined,
  shown: () => undefined,
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

/**
 * The law firm's trust money, disbursement, supplier bills and bounced cheque, each in Xero once,
 * and its three-way trust report balanced.
 */
function expectTrustMoneyAndPayables(org: Organisation, result: DemoResult) {
  const code = (id: string) => [...org.accounts.values()].find((a) => a.id === id)?.code;
  const live = [...org.bankTransactions.values()].filter((t) => t.status !== 'DELETED');
  const moves = live.map((t) => [code(t.bankAccountId), t.type, cents(t.total), t.reference]);
  const dueFromTrust = moves.find((m) => m[0] === TRUST_BANK_CODE && m[1] === 'SPEND');
  expect(moves.sort()).toEqual(
    [
      [OFFICE_BANK_CODE, 'SPEND', '165.00', expect.stringContaining('Cheque 100231')],
      [TRUST_BANK_CODE, 'RECEIVE', '2500.00', expect.any(String)],
      [TRUST_BANK_CODE, 'RECEIVE', '5000.00', expect.any(String)],
      [TRUST_BANK_CODE, 'SPEND', dueFromTrust?.[2], expect.any(String)],
    ].sort(),
  );
  const bills = [...org.invoices.values()].filter((i) => i.type === 'ACCPAY');
  const owing = (number: string) => {
    const bill = bills.find((b) => b.number === number)!;
    return [bill.status, cents(bill.total - bill.amountPaid - bill.amountCredited)];
  };
  expect(bills).toHaveLength(2);
  expect(owing('HPG-2026-03')).toEqual(['PAID', '0.00']);
  // The bounced cheque: its payment removed in Xero, the bill owing again.
  expect(owing('LN-884512')).toEqual(['AUTHORISED', '1089.00']);
  const cheque = [...org.payments.values()].filter((p) => p.reference?.includes('100245'));
  expect(cheque.map((p) => p.status)).toEqual(['DELETED']);
  // Trust bank = trust ledger = client ledgers: 7,500.00 in, the Northwind bill's balance out.
  const held = toUnits('7500.00') - toUnits(dueFromTrust![2]!);
  expect(result.trust.problems).toEqual([]);
  expect([result.trust.xeroBank, result.trust.ledger, result.trust.clientsTotal]).toEqual([
    held,
    held,
    held,
  ]);
}

// One backend is enough: the demo always runs on the embedded store.
describe('the demo, on the Cliniko and Clio emulators', () => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => fresh?.dispose());

  it('leaves both organisations equal to the practices’ books, later edits applied, nothing refused or doubled', async () => {
    fresh = await freshDatabase('pglite');
    const seen: string[] = [];
    const shown = new Map<string, readonly string[]>();
    const result = await runDemo(fresh.db, {
      ...quiet,
      step: (t) => seen.push(t),
      shown: (title, lines) => shown.set(title, lines),
    });
    const { clinic, lawFirm } = result.practices;

    // The first sync refuses the bill Clio charged interest on; the fix and the second sync clear it.
    expect(result.first.organisations.map((o) => [o.name, o.status])).toEqual([
      [CLINIC.name, 'succeeded'],
      [LAW_FIRM.name, 'partial'],
    ]);
    expect(result.second.organisations.every((o) => o.status === 'succeeded')).toBe(true);
    expect(result.errorsAfter).toEqual([]);
    expect(seen.some((s) => s.startsWith('Applied the fix'))).toBe(true);
    // What the run prints of the law firm: each kind in words, and the trust report balanced.
    expect(shown.get(`${LAW_FIRM.name} in Xero`)?.map((l) => l.split(' (')[0])).toEqual([
      'Trust receipts',
      'Trust to office',
      'Disbursement paid by the firm',
      'Supplier bills',
      'Bounced cheque: Cheque 100245',
    ]);
    expect(shown.get('Three-way trust reconciliation')?.at(-1)).toContain('✓ Balanced');
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
      .filter((m) => m.type === 'category_account' && /^\d+$/.test(m.key))
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
    // One Xero contact per Clio client or vendor paid, and per supplier of the payables file drop.
    expect(law.contactNames.map((n) => n.replace(/ \(\S+\)$/, '')).sort()).toEqual([
      'Harbour Property Group Pty Ltd',
      'LexisNexis Australia',
      'Maria Chen',
      'Metro Process Servers Pty Ltd',
      'Northwind Traders Pty Ltd',
      'Ōtaki Holdings Ltd',
      'ليلى حداد',
    ]);
    expectTrustMoneyAndPayables(law.org, result);

    for (const books of [physio, law]) {
      // No duplicates: every Xero invoice and contact is linked to exactly one PMS record.
      expect(new Set(books.contactNames).size).toBe(books.contactNames.length);
      const linked = books.links.filter((l) => l.kind === 'invoice').map((l) => l.xero_id);
      expect(new Set(linked).size).toBe(books.org.invoices.size);
    }
  }, 120_000);
});
