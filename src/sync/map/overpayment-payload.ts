/**
 * A ledger overpayment or prepayment → the Xero bank transaction that creates it (pure; FEATURES
 * P7). Xero keeps no Reference on these types (reference §10: "Reference only on SPEND/RECEIVE"),
 * so the PMS id goes in the line's description, where a lookup after a lost answer finds it
 * (resolve-overpayments.ts).
 *
 * @module
 */
import type { OverpaymentDoc } from '../../ledger/index.js';
import { wireNumber, type XeroOverpaymentTransaction } from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
import { documentDate, type PayloadOutcome } from './invoice-payload.js';
import { referenceFor } from './references.js';

/** Xero's bank transaction type for the document. */
export function overpaymentType(
  doc: Pick<OverpaymentDoc, 'type' | 'prepayment'>,
): XeroOverpaymentTransaction['Type'] {
  const side = doc.type === 'bill' ? 'SPEND' : 'RECEIVE';
  return `${side}-${doc.prepayment ? 'PREPAYMENT' : 'OVERPAYMENT'}`;
}

/** The line's description: what the bookkeeper reads, and what a lookup matches exactly. */
export function overpaymentDescription(doc: OverpaymentDoc): string {
  const what = doc.prepayment ? 'Prepayment' : 'Overpayment';
  return `${what} ${referenceFor(doc)}`.slice(0, 4000);
}

export function overpaymentPayload(
  doc: OverpaymentDoc,
  contactXeroId: string,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroOverpaymentTransaction> {
  const bank = ctx.bankAccount(doc.bankAccount);
  if (!bank.ok) return bank;
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  let accountCode: string | undefined;
  if (doc.prepayment) {
    const account = ctx.accountForLine({ kind: 'other', ...pick(doc) });
    if (!account.ok) return account;
    accountCode = account.value;
  }
  const payload: XeroOverpaymentTransaction = {
    Type: overpaymentType(doc),
    Contact: { ContactID: contactXeroId },
    BankAccount: { Code: bank.value },
    Date: date.value,
    LineAmountTypes: 'NoTax',
    LineItems: [
      {
        Description: overpaymentDescription(doc),
        Quantity: 1,
        UnitAmount: wireNumber(doc.amount),
        ...(accountCode !== undefined && { AccountCode: accountCode }),
      },
    ],
    CurrencyCode: doc.currency,
  };
  return {
    ok: true,
    payload,
    rounding: null,
    ...(date.value !== doc.date && { movedFrom: doc.date }),
  };
}

function pick(doc: OverpaymentDoc): { category?: string; accountCode?: string } {
  return {
    ...(doc.category !== undefined && { category: doc.category }),
    ...(doc.accountCode !== undefined && { accountCode: doc.accountCode }),
  };
}
