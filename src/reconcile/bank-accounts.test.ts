/**
 * The bank accounts' arithmetic, pure: which way each of our documents moves its account (a bill
 * paid and a client refunded take money out, an overpayment brings it in), and the words for a
 * movement Xero holds with another amount, or for the same total made of other entries.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerDocument } from '../ledger/index.js';
import { makeMappingContext } from '../sync/mapping-context.js';
import { auSettings, mappingRow } from '../sync/test-support/au-settings.js';
import { checkBankAccounts } from './bank-accounts.js';
import { ledgerLegs } from './bank-ledger.js';
import type { OurDocument, XeroSummary } from './model.js';

const ours = (document: Record<string, unknown>, xeroId: string | null = null): OurDocument => ({
  source: 's',
  sourceKind: 'file',
  document: { source: 's', status: 'active', date: '2026-11-04', currency: 'AUD', ...document } as unknown as LedgerDocument, // prettier-ignore
  hash: 'h',
  deleted: false,
  xeroId,
  xeroNumber: null,
  pushedAt: 1,
});

const OURS = [
  ours({ kind: 'invoice', sourceId: 'bill-1', type: 'bill', status: 'awaiting_payment' }, 'i-1'),
  ours({ kind: 'payment', sourceId: 'pay-1', invoiceId: 'bill-1', method: 'eft', amount: '200.00' }, 'p-1'), // prettier-ignore
  ours({ kind: 'credit_note', sourceId: 'cn-1', type: 'sales', status: 'awaiting_payment' }, 'c-1'), // prettier-ignore
  ours({ kind: 'refund', sourceId: 'rf-1', creditKind: 'credit_note', creditId: 'cn-1', bankAccount: 'operating', amount: '30.00' }, 'r-1'), // prettier-ignore
  ours({ kind: 'overpayment', sourceId: 'op-1', type: 'sales', bankAccount: 'operating', amount: '500.00' }, 'bt-1'), // prettier-ignore
];
const ctx = makeMappingContext(
  [mappingRow('payment_method_account', 'eft', '090'), mappingRow('bank_account', 'operating', '090')], // prettier-ignore
  's',
  auSettings(),
);
const x = (s: Partial<XeroSummary>): XeroSummary =>
  ({ status: 'AUTHORISED', updatedAt: 1, date: '2026-11-04', accountCode: '090', ...s }) as XeroSummary; // prettier-ignore
const XERO = [
  x({ id: 'p-1', collection: 'Payments', paymentType: 'ACCPAYPAYMENT', amount: '250.00' }),
  x({ id: 'r-1', collection: 'Payments', paymentType: 'ARCREDITPAYMENT', amount: '30.00' }),
  x({ id: 'bt-1', collection: 'BankTransactions', type: 'RECEIVE-OVERPAYMENT', total: '500.00' }),
];
const check = (xero: readonly XeroSummary[]) =>
  checkBankAccounts({
    accounts: [{ code: '090', name: 'Business Bank Account' }],
    legs: ledgerLegs(OURS, () => ctx),
    xero,
    ours: new Set(OURS.map((o) => o.xeroId!)),
  })[0]!;

describe('bank and clearing accounts, pure', () => {
  it('moves money the way each document does: a bill paid and a client refunded out, an overpayment in', () => {
    expect(ledgerLegs(OURS, () => ctx).map((l) => [l.code, l.units, l.xeroId, l.kind])).toEqual([
      ['090', -2_000_000n, 'p-1', 'payment'],
      ['090', -300_000n, 'r-1', 'refund'],
      ['090', 5_000_000n, 'bt-1', 'overpayment'],
    ]);
  });

  it('explains a payment Xero holds with another amount', () => {
    const b = check(XERO);
    expect(b).toMatchObject({ ledger: '270.00', xero: '220.00', difference: '-50.00', agrees: false }); // prettier-ignore
    expect(b.changedInXero).toEqual({ count: 1, amount: '-50.00' });
    expect(b.explanation).toBe(
      "Xero holds $50.00 less on Business Bank Account (090) than the practice's ledger posted: 1 posted by Ledgerbridge has another amount or account in Xero ($50.00 out).",
    );
  });

  it('names the same total made of other entries, and agrees when Xero holds what was posted', () => {
    const feed = x({ id: 'bt-9', collection: 'BankTransactions', type: 'RECEIVE', total: '50.00' });
    const b = check([...XERO, feed]);
    expect(b).toMatchObject({ difference: '0.00', agrees: false });
    expect(b.explanation).toBe(
      "Xero holds the same on Business Bank Account (090) as the practice's ledger posted, but not the same entries: 1 Receive Money transaction ($50.00 in) entered in Xero; 1 posted by Ledgerbridge has another amount or account in Xero ($50.00 out).",
    );
    const right = check([{ ...XERO[0]!, amount: '200.00' }, ...XERO.slice(1)]);
    expect(right).toMatchObject({ ledger: '270.00', xero: '270.00', agrees: true });
    expect(right.explanation).toBeUndefined();
  });
});
