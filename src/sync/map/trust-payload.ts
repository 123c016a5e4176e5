/**
 * A trust movement → a Xero bank transaction on the organisation's trust bank account, coded to
 * its trust liability account, with the client as contact (pure; FEATURES B5). Money in (receipt,
 * interest) is a RECEIVE, money out (payment, transfer to office) a SPEND: each moves the trust
 * bank and the liability together, so Xero's trust bank balance follows the trust ledger. A
 * transfer between matters moves no money in the bank and has no payload (plan-trust.ts).
 *
 * @module
 */
import { TRUST_BANK_SIGN, type TrustMovementDoc } from '../../ledger/index.js';
import { wireNumber, type XeroBankTransaction } from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
import { payloadDone } from './bank-payloads.js';
import { documentDate, type PayloadOutcome } from './invoice-payload.js';
import { referenceFor } from './references.js';

const WHAT = {
  receipt: 'Trust receipt',
  interest: 'Trust interest',
  payment: 'Trust payment',
  to_office: 'Trust to office',
  matter_transfer: 'Trust transfer',
} as const;

export function trustPayload(
  doc: TrustMovementDoc,
  contactXeroId: string,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroBankTransaction> {
  const bank = ctx.trustBankAccount();
  if (!bank.ok) return bank;
  const liability = ctx.trustLiabilityAccount();
  if (!liability.ok) return liability;
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  const zeroTax = ctx.zeroTaxType();
  const payload: XeroBankTransaction = {
    Type: TRUST_BANK_SIGN[doc.type] > 0 ? 'RECEIVE' : 'SPEND',
    Contact: { ContactID: contactXeroId },
    BankAccount: { Code: bank.value },
    Date: date.value,
    LineAmountTypes: 'NoTax',
    LineItems: [
      {
        Description: trustLineText(doc),
        Quantity: 1,
        UnitAmount: wireNumber(doc.amount),
        AccountCode: liability.value,
        ...(zeroTax && { TaxType: zeroTax }),
      },
    ],
    Reference: trustReference(doc),
    CurrencyCode: doc.currency,
  };
  return payloadDone(payload, date.value, doc.date);
}

/**
 * "Matter 1042 (trust T-7)": the PMS id is tagged "trust" so a trust movement is never mistaken,
 * when a lost batch is looked up by Reference, for a bank transaction with the same id.
 */
export function trustReference(doc: TrustMovementDoc): string {
  const invoice = doc.invoiceId ? `, invoice ${doc.invoiceId}` : '';
  return referenceFor({
    sourceId: `trust ${doc.sourceId}`,
    reference: doc.reference ?? `Matter ${doc.matter}${invoice}`,
  });
}

/** "Trust payment, matter 1042 — Land Titles Office: search fees" (Xero allows 4000). */
function trustLineText(doc: TrustMovementDoc): string {
  const payee = doc.payee ? ` — ${doc.payee}` : '';
  const invoice = doc.invoiceId ? ` — invoice ${doc.invoiceId}` : '';
  const note = doc.description ? `: ${doc.description}` : '';
  return `${WHAT[doc.type]}, matter ${doc.matter}${payee}${invoice}${note}`.slice(0, 4000);
}
