/** Ledger payments → Xero payments into the account mapped for their method (FEATURES P1, S4, P10). Pure. */
import type { Payment } from '../../ledger/index.js';
import { wireNumber, type XeroPayment } from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
import { checkCurrency } from './currency.js';
import { documentDate, type PayloadOutcome } from './invoice-payload.js';
import { referenceFor } from './references.js';

export function paymentPayload(
  doc: Payment,
  invoiceXeroId: string,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroPayment> {
  const account = ctx.paymentAccount(doc.method);
  if (!account.ok) return account;
  const currency = checkCurrency(doc.currency, doc.exchangeRate, ctx);
  if (!currency.ok) return currency;
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  const wire = paymentWire({
    invoiceId: invoiceXeroId,
    accountCode: account.value,
    date: date.value,
    amount: wireNumber(doc.amount),
    reference: referenceFor(doc),
  });
  return {
    ok: true,
    payload: currency.rate === undefined ? wire : { ...wire, CurrencyRate: currency.rate },
    rounding: null,
    ...(date.value !== doc.date && { movedFrom: doc.date }),
  };
}

/**
 * The payment Xero is sent — also rebuilt from a payment Xero holds (execute/own-payments.ts), so
 * the two compare by payload hash.
 */
export function paymentWire(p: {
  readonly invoiceId: string;
  readonly accountCode: string;
  readonly date: string;
  readonly amount: number;
  readonly reference: string;
}): XeroPayment {
  return {
    Invoice: { InvoiceID: p.invoiceId },
    Account: { Code: p.accountCode },
    Date: p.date,
    Amount: p.amount,
    Reference: p.reference,
  };
}
