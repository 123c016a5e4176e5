/**
 * Money applied to documents and what follows from it (reference §7, §8, §9): AmountDue reaching
 * 0 makes an invoice PAID (FullyPaidOnDate set); removing a payment or allocation makes it
 * AUTHORISED and due again. Credit notes, overpayments and prepayments go PAID when their
 * remaining credit reaches 0 and back to AUTHORISED when credit is returned.
 *
 * @module
 */
import type { WriteContext } from './context.js';
import { AUTOMATIC } from './document-status.js';
import { putCreditNote, putInvoice } from './lookup.js';
import type { CreditNote, Invoice, Prepay } from './model.js';
import type { IsoDate } from '../xero-dates.js';

/** What is still owed on an invoice; nothing on a voided or deleted one. */
export function amountDue(invoice: Invoice): bigint {
  if (invoice.status === 'VOIDED' || invoice.status === 'DELETED') return 0n;
  return invoice.total - invoice.amountPaid - invoice.amountCredited;
}

/** Credit left on a credit note, overpayment or prepayment. */
export function remainingCredit(doc: CreditNote | Prepay): bigint {
  if (doc.status === 'VOIDED' || doc.status === 'DELETED') return 0n;
  return doc.total - doc.amountApplied;
}

/** True when payments or credits are allocated to the invoice. */
export function invoiceHasAllocations(invoice: Invoice): boolean {
  return invoice.amountPaid !== 0n || invoice.amountCredited !== 0n;
}

/** Settled (AmountDue 0) ⇒ PAID; otherwise back to AUTHORISED (document-status AUTOMATIC). */
function settledStatus<S extends string>(current: S, settled: boolean): S {
  if (settled && current === 'AUTHORISED') return AUTOMATIC.AUTHORISED as S;
  if (!settled && current === 'PAID') return AUTOMATIC.PAID as S;
  return current;
}

/** Adds (or with a negative amount, removes) a payment or credit on an invoice. */
export function applyToInvoice(
  ctx: WriteContext,
  invoice: Invoice,
  change: { paid?: bigint; credited?: bigint },
  date: IsoDate,
): Invoice {
  const next: Invoice = {
    ...invoice,
    amountPaid: invoice.amountPaid + (change.paid ?? 0n),
    amountCredited: invoice.amountCredited + (change.credited ?? 0n),
    updatedAt: ctx.now,
  };
  const settled = amountDue(next) === 0n;
  next.status = settledStatus(next.status, settled);
  if (next.status === 'PAID') next.fullyPaidOnDate = laterOf(invoice.fullyPaidOnDate, date);
  else delete next.fullyPaidOnDate;
  putInvoice(ctx.org, next);
  ctx.emit({ category: 'INVOICE', type: 'UPDATE', resourceId: next.id });
  return next;
}

function laterOf(a: IsoDate | undefined, b: IsoDate): IsoDate {
  return a !== undefined && a > b ? a : b;
}

/** Uses (or returns, with a negative amount) credit of a credit note. */
export function applyToCreditNote(
  ctx: WriteContext,
  note: CreditNote,
  amount: bigint,
  date: IsoDate,
): CreditNote {
  const next: CreditNote = {
    ...note,
    amountApplied: note.amountApplied + amount,
    updatedAt: ctx.now,
  };
  next.status = settledStatus(next.status, remainingCredit(next) === 0n);
  if (next.status === 'PAID') next.fullyPaidOnDate = laterOf(note.fullyPaidOnDate, date);
  else delete next.fullyPaidOnDate;
  putCreditNote(ctx.org, next);
  ctx.emit({
    category: 'CREDITNOTE',
    type: 'UPDATE',
    resourceId: next.id,
    data: { Type: next.type, Status: next.status },
  });
  return next;
}

/** Uses (or returns) credit of an overpayment or prepayment. */
export function applyToPrepay(ctx: WriteContext, doc: Prepay, amount: bigint): Prepay {
  const next: Prepay = { ...doc, amountApplied: doc.amountApplied + amount, updatedAt: ctx.now };
  next.status = settledStatus(next.status, remainingCredit(next) === 0n);
  ctx.org.prepays.set(next.id, next);
  return next;
}
