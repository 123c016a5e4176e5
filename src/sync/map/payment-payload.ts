/** Ledger payments → Xero payments into the account mapped for their method (FEATURES P1, S4, P10). Pure. */
import type { Payment } from '../../ledger/index.js';
import { wireNumber, type XeroPayment } from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
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
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  return {
    ok: true,
    payload: {
      Invoice: { InvoiceID: invoiceXeroId },
      Account: { Code: account.value },
      Date: date.value,
      Amount: wireNumber(doc.amount),
      Reference: referenceFor(doc),
    },
    rounding: null,
    ...(date.value !== doc.date && { movedFrom: doc.date }),
  };
}
