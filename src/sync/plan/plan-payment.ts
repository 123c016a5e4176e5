/**
 * Planning one payment (FEATURES P1–P4). Payments cannot be edited in Xero ("Payments cannot be
 * modified, only created and deleted", reference §6), so an edited payment is deleted and
 * created again. Pure.
 *
 * @module
 */
import { documentLabel, type Payment } from '../../ledger/index.js';
import { paymentPayload } from '../map/payment-payload.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { unchangedInXero, unseenByXero } from './plan-invoice.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

export interface PaymentPlanInput {
  readonly doc: Payment;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  readonly invoiceLink: LinkInfo | undefined;
}

export function planPayment(input: PaymentPlanInput, ctx: PlanContext): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: 'payment', sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.xeroId ?? undefined;
  if (input.deleted || doc.status === 'deleted') {
    if (!linkedId) return skip(base, 'payment', 'deleted in the PMS and never pushed');
    return { ...base, op: 'delete', kind: 'payment', xeroId: linkedId };
  }
  if (doc.status === 'returned') {
    if (!linkedId) return skip(base, 'payment', 'returned unpaid in the PMS and never pushed');
    return { ...base, op: 'delete', kind: 'payment', xeroId: linkedId, returned: true };
  }
  if (!ctx.settings.syncPayments)
    return skip(base, 'payment', 'payment sync is off (setting syncPayments)', false);
  const invoiceId = input.invoiceLink?.xeroId;
  if (!invoiceId) {
    // The invoice was deliberately left out (a draft, a date filter): so is its payment.
    if (input.invoiceLink && input.invoiceLink.pushedHash)
      return skip(base, 'payment', 'its invoice is not pushed', false);
    return reject(base, 'payment', {
      code: 'LB_SYNC_BLOCKED',
      message: `Waits on invoice ${doc.invoiceId}, which is not in Xero yet`,
      fix: 'Fix the invoice’s own sync error (`ledgerbridge errors`); this payment follows on the next run.',
    });
  }
  const currency = input.invoiceLink?.state.currency;
  if (typeof currency === 'string' && currency !== doc.currency)
    // Xero records a payment in its invoice's currency whatever it is sent: a USD 10.00 payment
    // on an AUD invoice would become AUD 10.00.
    return reject(base, 'payment', {
      code: 'LB_SYNC_CURRENCY_MISMATCH',
      message: `currency = "${doc.currency}", but invoice ${doc.invoiceId} is in ${currency}`,
      fix: `Record the payment in ${currency} in the PMS (the amount the invoice was settled by); a payment received in another currency is converted before it is applied.`,
    });
  const built = paymentPayload(doc, invoiceId, ctx.mapping, ctx.settings);
  if (!built.ok) return reject(base, 'payment', built);
  const invoiceKey = { source: doc.source, kind: 'invoice' as const, sourceId: doc.invoiceId };
  const notes = built.movedFrom
    ? { notes: [`dated ${built.payload.Date} instead of ${built.movedFrom} (locked period)`] }
    : {};
  if (linkedId && unseenByXero(link, built.payload)) return unchangedInXero(base, 'payment', link!);
  if (linkedId)
    return {
      ...base,
      ...notes,
      op: 'recreate',
      kind: 'payment',
      payload: built.payload,
      xeroId: linkedId,
      invoiceKey,
      ...(changedInXero(link!) && { unlessReconciled: true as const }),
    };
  return { ...base, ...notes, op: 'create', kind: 'payment', payload: built.payload, invoiceKey };
}

/**
 * Xero holds another payment than the one we made for this document: one a `reconcile fix
 * --repush` pointed the link at, or one entered again in Xero under our Reference and adopted
 * (own-payments.ts). Replacing it must not undo a bookkeeper's bank match.
 */
const changedInXero = (link: LinkInfo): boolean =>
  link.state.reconcileFix === 'repush' || link.state.adopted === true;
