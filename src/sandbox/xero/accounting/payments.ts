/**
 * Payments (reference §8): against an AUTHORISED invoice, credit note (a refund), overpayment or
 * prepayment (a refund), from a BANK account or one with EnablePaymentsToAccount, for no more
 * than is outstanding. Payments are immutable: the only change is `Status: DELETED` through
 * `POST /Payments/{id}`, after which the document is due again.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { SCALE } from '../../../ledger/decimal.js';
import { asObject, readAmount, readBool, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { takesPayments } from './account-rules.js';
import {
  amountDue,
  applyToCreditNote,
  applyToInvoice,
  applyToPrepay,
  remainingCredit,
} from './balances.js';
import { failed, succeeded } from './batch.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { readDate } from './document-draft.js';
import type { WriteElement } from './entity.js';
import { lockProblem } from './lock-dates.js';
import { byId, creditNoteByNumber, findAccount, invoiceByNumber, putPayment } from './lookup.js';
import { MSG, existingNotFound, invalidField, requiredField } from './messages.js';
import type { Account, CreditNote, Invoice, Payment, Prepay } from './model.js';
import { renderPayment } from './payment-render.js';

const SHAPE = { idField: 'PaymentID' } as const;

type Target =
  | { kind: 'INVOICE'; doc: Invoice }
  | { kind: 'CREDITNOTE'; doc: CreditNote }
  | { kind: 'OVERPAYMENT' | 'PREPAYMENT'; doc: Prepay };

const PAYMENT_TYPES: Record<string, string> = {
  ACCREC: 'ACCRECPAYMENT',
  ACCPAY: 'ACCPAYPAYMENT',
  ACCRECCREDIT: 'ARCREDITPAYMENT',
  ACCPAYCREDIT: 'APCREDITPAYMENT',
  'RECEIVE-OVERPAYMENT': 'AROVERPAYMENTPAYMENT',
  'RECEIVE-PREPAYMENT': 'ARPREPAYMENTPAYMENT',
  'SPEND-OVERPAYMENT': 'APOVERPAYMENTPAYMENT',
  'SPEND-PREPAYMENT': 'APPREPAYMENTPAYMENT',
};

/** The document paid: Invoice, CreditNote, Overpayment or Prepayment, by id or number. */
function readTarget(ctx: WriteContext, element: WireObject): Target | 'missing' | undefined {
  const invoice = asObject(element.Invoice);
  const note = asObject(element.CreditNote);
  const invoiceKey =
    readText(invoice, 'InvoiceID') ??
    readText(invoice, 'InvoiceNumber') ??
    readText(element, 'InvoiceNumber');
  if (invoiceKey !== undefined) {
    const doc = byId(ctx.org.invoices, invoiceKey) ?? invoiceByNumber(ctx.org, invoiceKey);
    return doc ? { kind: 'INVOICE', doc } : 'missing';
  }
  const noteKey =
    readText(note, 'CreditNoteID') ??
    readText(note, 'CreditNoteNumber') ??
    readText(element, 'CreditNoteNumber');
  if (noteKey !== undefined) {
    const doc = byId(ctx.org.creditNotes, noteKey) ?? creditNoteByNumber(ctx.org, noteKey);
    return doc ? { kind: 'CREDITNOTE', doc } : 'missing';
  }
  for (const [field, kind] of [
    ['Overpayment', 'OVERPAYMENT'],
    ['Prepayment', 'PREPAYMENT'],
  ] as const) {
    const id = readText(asObject(element[field]), `${field}ID`);
    if (id === undefined) continue;
    const doc = byId(ctx.org.prepays, id);
    return doc?.kind === kind ? { kind, doc } : 'missing';
  }
  return undefined;
}

function outstanding(target: Target): bigint {
  return target.kind === 'INVOICE' ? amountDue(target.doc) : remainingCredit(target.doc);
}

function readAccountRef(
  ctx: WriteContext,
  element: WireObject,
  problems: Problems,
): Account | undefined {
  const ref = asObject(element.Account);
  const id = readText(ref, 'AccountID');
  const code = readText(ref, 'Code') ?? readText(element, 'Code');
  if (id === undefined && code === undefined) {
    problems.error(requiredField('Account'));
    return undefined;
  }
  const account = findAccount(ctx.org, { ...(id ? { id } : {}), ...(code ? { code } : {}) });
  if (!account || !takesPayments(account)) problems.error(MSG.paymentAccountInvalid);
  return account;
}

function readPaymentAmount(element: WireObject, problems: Problems): bigint | undefined {
  const amount = readAmount(element.Amount);
  if (amount === undefined) problems.error(requiredField('Amount'));
  else if (amount === null) problems.error(invalidField('Amount'));
  else if (amount <= 0n) problems.error(MSG.amountPositive);
  else return amount;
  return undefined;
}

/** One element of PUT /Payments or the body of POST /Payments. */
export const writePayment: WriteElement = (ctx, element) => {
  const problems = new Problems();
  const target = readTarget(ctx, element);
  if (target === 'missing')
    return failed(SHAPE, element, [existingNotFound('Invoice', 'InvoiceID')]);
  if (!target) return failed(SHAPE, element, [requiredField('Invoice')]);
  const account = readAccountRef(ctx, element, problems);
  const amount = readPaymentAmount(element, problems);
  const date = readDate(element, 'Date', ctx.today, problems) ?? ctx.today;
  if (target.doc.status !== 'AUTHORISED') problems.error(MSG.paymentNotAuthorised);
  else if (amount !== undefined && amount > outstanding(target)) problems.error(MSG.paymentExceeds);
  const locked = lockProblem(ctx.org, date);
  if (locked) problems.error(locked);
  const rate = readAmount(element.CurrencyRate);
  if (problems.failed || !account || amount === undefined)
    return failed(SHAPE, element, problems.errors);
  const reference = readText(element, 'Reference');
  const payment: Payment = {
    id: randomUUID(),
    targetKind: target.kind,
    targetId: target.doc.id,
    accountId: account.id,
    date,
    amount,
    currencyRate: rate && rate > 0n ? rate : SCALE,
    isReconciled: readBool(element, 'IsReconciled') ?? false,
    status: 'AUTHORISED',
    paymentType: PAYMENT_TYPES[target.doc.type] ?? 'ACCRECPAYMENT',
    updatedAt: ctx.now,
    ...(reference !== undefined ? { reference } : {}),
  };
  putPayment(ctx.org, payment);
  applyPayment(ctx, payment, 1n);
  return succeeded(renderPayment(ctx.org, payment));
};

/** Applies (+1) or reverses (−1) a payment on the document it pays. */
function applyPayment(ctx: WriteContext, payment: Payment, sign: 1n | -1n): void {
  const amount = sign * payment.amount;
  if (payment.targetKind === 'INVOICE') {
    const invoice = ctx.org.invoices.get(payment.targetId);
    if (invoice) applyToInvoice(ctx, invoice, { paid: amount }, payment.date);
  } else if (payment.targetKind === 'CREDITNOTE') {
    const note = ctx.org.creditNotes.get(payment.targetId);
    if (note) applyToCreditNote(ctx, note, amount, payment.date);
  } else {
    const doc = ctx.org.prepays.get(payment.targetId);
    if (doc) applyToPrepay(ctx, doc, amount);
  }
}

/** `POST /Payments/{id}` with `{"Status": "DELETED"}` (spec L12200, operationId deletePayment). */
export const deletePayment: WriteElement = (ctx, element, _mode, pathId) => {
  const payment = byId(ctx.org.payments, pathId ?? readText(element, 'PaymentID'));
  if (!payment) return failed(SHAPE, element, [existingNotFound('Payment', 'PaymentID')]);
  const echo = { ...element, PaymentID: payment.id };
  if (readText(element, 'Status') !== 'DELETED') return failed(SHAPE, echo, [MSG.paymentImmutable]);
  if (payment.status === 'DELETED') return failed(SHAPE, echo, [MSG.paymentNotModifiable]);
  const locked = lockProblem(ctx.org, payment.date);
  if (locked) return failed(SHAPE, echo, [locked]);
  const next: Payment = { ...payment, status: 'DELETED', updatedAt: ctx.now };
  ctx.org.payments.set(next.id, next);
  applyPayment(ctx, next, -1n);
  return succeeded(renderPayment(ctx.org, next));
};
