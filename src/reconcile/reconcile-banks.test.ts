/**
 * The bank and clearing accounts Ledgerbridge posts to (issue 20): the movement the practice's
 * ledger implies on each against the movement Xero holds there, as of a day. A bookkeeper's
 * actions in Xero — a payment taken into the bank, a bank-feed Spend Money, one of our payments
 * deleted — are each explained on the account they touch, and nothing else; after the fixes every
 * account agrees.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import {
  invoice,
  newSyncWorld,
  payment,
  ROOMY_LIMITS,
  type SyncWorld,
} from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { bankTxn, mapBankAccounts, transfer, VENDOR } from '../sync/test-support/banking-docs.js';
import { CLIENT, payout, setUpClearing } from '../sync/test-support/payment-docs.js';
import { makeSettingsCache, type SettingsCache } from '../xero/organisation-settings.js';
import { renderCsv } from './render-csv.js';
import { renderHtml } from './render-html.js';
import { renderTable } from './render-table.js';
import { reconcile, type ReconcileResult } from './reconcile.js';

const settings = new WeakMap<SyncWorld, SettingsCache>();
const run = (w: SyncWorld, asOf?: string) => {
  const cache = settings.get(w) ?? makeSettingsCache(w.api, w.clock);
  settings.set(w, cache);
  return reconcile(
    { db: w.db, api: w.api, clock: w.clock, settings: cache },
    { tenantId: w.tenantId, ...(asOf && { asOf }) },
  );
};

const accounts = (r: ReconcileResult) =>
  r.banks!.map((b) => [b.code, b.name, b.ledger, b.xero, b.agrees]);

const xeroId = (w: SyncWorld, number: string) =>
  String(w.xero('Invoices').find((i) => i.InvoiceNumber === number)!.InvoiceID);

describe.each(BACKENDS)('bank and clearing accounts in a reconciliation, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('explains what Xero holds on each account that the ledger did not post, and agrees after the fixes', async () => {
    const w = await newSyncWorld({ backend, ...ROOMY_LIMITS });
    await mapBankAccounts(w);
    await setUpClearing(w);
    const gst = { kind: 'other', description: 'Interest', quantity: '1', unitAmount: '100.00', accountCode: '260', taxCode: 'GST' }; // prettier-ignore
    await w.ingest(
      CLIENT,
      VENDOR,
      invoice(1),
      invoice(2),
      invoice(3),
      payment(1, 1),
      payment(2, 2, { method: 'stripe', amount: '134.69' }),
      payout(1, '134.69', '4.04', '130.65'),
      bankTxn(1),
      bankTxn(2, { type: 'receive', bankAccount: 'savings', lineAmountType: 'exclusive', lines: [gst] }), // prettier-ignore
      transfer(1),
    );
    await w.sync();

    const first = await run(w);
    expect(first.differences).toEqual([]);
    // 090: card payment 50.00 − filing fee 350.00 + payout 130.65 − transfer 1,000.00;
    // 091: transfer 1,000.00 + 110.00 received (100.00 + GST); 093: 134.69 in, net and fees out.
    expect(accounts(first)).toEqual([
      ['090', 'Business Bank Account', '-1169.35', '-1169.35', true],
      ['091', 'Business Savings Account', '1110.00', '1110.00', true],
      ['093', 'Stripe clearing', '0.00', '0.00', true],
    ]);
    // As of a day: the payout (9 Nov) is not yet there, the Stripe payment (4 Nov) is.
    const early = await run(w, '2026-11-05');
    expect(early.banks!.find((b) => b.code === '093')).toMatchObject({ ledger: '134.69', xero: '134.69', agrees: true }); // prettier-ignore

    await new Promise((r) => setTimeout(r, 20));
    const k = w.sandbox.control.bookkeeper;
    const taken = k.payInvoice(w.tenantId, xeroId(w, 'INV-3'), { amount: '120.00', accountCode: '090' }); // prettier-ignore
    const vendorId = String(w.xero('Contacts').find((c) => String(c.Name).startsWith('Court Registry'))!.ContactID); // prettier-ignore
    const feed = k.createBankTransaction(w.tenantId, {
      Type: 'SPEND',
      Contact: { ContactID: vendorId },
      BankAccount: { Code: '090' },
      LineAmountTypes: 'NoTax',
      LineItems: [{ Description: 'Bank fee', Quantity: 1, UnitAmount: 30, AccountCode: '404' }],
    });
    const ours = w.xero('Payments').find((p) => (p.Account as { Code: string }).Code === '090')!;
    k.deletePayment(w.tenantId, String(ours.PaymentID));

    const report = await run(w);
    // The documents' differences are the two on our invoices; the Spend Money is on no document.
    expect(report.differences.map((d) => d.kind).sort()).toEqual(['payment_added', 'payment_removed']); // prettier-ignore
    expect(accounts(report)).toEqual([
      ['090', 'Business Bank Account', '-1169.35', '-1129.35', false],
      ['091', 'Business Savings Account', '1110.00', '1110.00', true],
      ['093', 'Stripe clearing', '0.00', '0.00', true],
    ]);
    const operating = report.banks![0]!;
    expect(operating).toMatchObject({
      difference: '40.00',
      enteredInXero: { count: 2, amount: '90.00', kinds: { payment: 1, 'spend money': 1 } },
      notInXero: { count: 1, amount: '50.00', kinds: { payment: 1 } },
      changedInXero: { count: 0, amount: '0.00' },
    });
    expect(operating.explanation).toBe(
      "Xero holds $40.00 more on Business Bank Account (090) than the practice's ledger posted: 1 payment ($120.00 in) and 1 Spend Money transaction ($30.00 out) entered in Xero; 1 payment ($50.00 in) of the practice's is not in Xero.",
    );
    expect(operating.cause).toMatch(/^Money recorded in Xero itself — often from the bank feed — /);
    expect(operating.fix).toContain('Run `ledgerbridge sync`');
    for (const b of report.banks!.slice(1)) expect(b.explanation).toBeUndefined();

    // Every format carries the section.
    const reports = [{ organisation: 'Practice', result: report, trend: [] }];
    expect(renderTable(reports)).toContain(`  ✗ ${operating.explanation}`);
    expect(renderTable(reports)).toMatch(/Stripe clearing \(093\) +0\.00 +0\.00 +agrees/);
    expect(renderCsv(reports)).toContain(',bank_account,movement_differs,account,090,40.00,');
    expect(renderHtml(reports, new Date())).toContain('Business Bank Account (090)');

    // The fixes: the sync puts our payment back; the bookkeeper removes what is not the
    // practice's from Xero.
    k.deletePayment(w.tenantId, String(taken.PaymentID));
    k.deleteBankTransaction(w.tenantId, String(feed.BankTransactionID));
    await w.sync();
    const after = await run(w);
    expect(after.differences).toEqual([]);
    expect(accounts(after)).toEqual(accounts(first));
  });
});
