/**
 * Allocating credit (a credit note, overpayment or prepayment) to invoices, and undoing it
 * (reference §9; spec L6420–6575, L11355–11512, L12711–12866). Both sides must be AUTHORISED
 * and on the same side of the ledger (receivable credit to ACCREC, payable to ACCPAY) for the
 * same contact and currency; the amount may not exceed the credit left or the amount due. The
 * invoice's AmountCredited and the credit's RemainingCredit move together, and either document
 * goes PAID at zero and back when an allocation is deleted.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { asObject, readAmount, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { msDate } from '../xero-dates.js';
import {
  amountDue,
  applyToCreditNote,
  applyToInvoice,
  applyToPrepay,
  remainingCredit,
} from './balances.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { readDate } from './document-draft.js';
import { lockProblem } from './lock-dates.js';
import { byId, invoiceByNumber, putAllocation } from './lookup.js';
import {
  MSG,
  allocationExceeds,
  allocationTypeMismatch,
  existingNotFound,
  requiredField,
} from './messages.js';
import type { Allocation, CreditNote, CreditSourceKind, Invoice, Prepay } from './model.js';
import type { Organisation } from './organisation.js';
import { money } from './render-common.js';

export const SOURCE_TITLES: Record<
  CreditSourceKind,
  { title: string; idField: string; noun: string }
> = {
  CREDITNOTE: { title: 'Credit Note', idField: 'CreditNoteID', noun: 'credit note' },
  OVERPAYMENT: { title: 'Overpayment', idField: 'OverpaymentID', noun: 'overpayment' },
  PREPAYMENT: { title: 'Prepayment', idField: 'PrepaymentID', noun: 'prepayment' },
};

const SHAPE = { idField: 'AllocationID' } as const;

export function findSource(
  ctx: WriteContext,
  kind: CreditSourceKind,
  id: string,
): CreditNote | Prepay | undefined {
  if (kind === 'CREDITNOTE') return byId(ctx.org.creditNotes, id);
  const doc = byId(ctx.org.prepays, id);
  return doc?.kind === kind ? doc : undefined;
}

/** True when the credit is receivable-side (it pays ACCREC invoices). */
function receivable(source: CreditNote | Prepay): boolean {
  return source.type === 'ACCRECCREDIT' || source.type.startsWith('RECEIVE');
}

function findInvoice(ctx: WriteContext, element: WireObject): Invoice | undefined {
  const ref = asObject(element.Invoice);
  const id = readText(ref, 'InvoiceID');
  if (id !== undefined) return byId(ctx.org.invoices, id);
  const number = readText(ref, 'InvoiceNumber');
  return number !== undefined ? invoiceByNumber(ctx.org, number) : undefined;
}

function checkPair(
  source: CreditNote | Prepay,
  invoice: Invoice,
  kind: CreditSourceKind,
  problems: Problems,
): void {
  const noun = SOURCE_TITLES[kind].noun;
  if (source.status !== 'AUTHORISED' || invoice.status !== 'AUTHORISED') {
    problems.error(
      source.status === 'PAID' || invoice.status === 'PAID'
        ? allocationExceeds(noun)
        : MSG.paymentNotAuthorised,
    );
  }
  const sameSide = receivable(source) === (invoice.type === 'ACCREC');
  if (
    !sameSide ||
    source.contactId !== invoice.contactId ||
    source.currencyCode !== invoice.currencyCode
  ) {
    problems.error(allocationTypeMismatch(noun));
  }
}

/** One element of `PUT /{Credit}/{id}/Allocations`. */
export function allocate(
  ctx: WriteContext,
  kind: CreditSourceKind,
  sourceId: string,
  element: WireObject,
): ElementOutcome {
  const problems = new Problems();
  const source = findSource(ctx, kind, sourceId);
  const titles = SOURCE_TITLES[kind];
  if (!source) return failed(SHAPE, element, [existingNotFound(titles.title, titles.idField)]);
  const invoice = findInvoice(ctx, element);
  if (!invoice) return failed(SHAPE, element, [existingNotFound('Invoice', 'InvoiceID')]);
  checkPair(source, invoice, kind, problems);
  const amount = readAmount(element.Amount);
  if (amount === undefined || amount === null) problems.error(requiredField('Amount'));
  else if (amount <= 0n) problems.error(MSG.amountPositive);
  else if (amount > remainingCredit(source) || amount > amountDue(invoice))
    problems.error(allocationExceeds(titles.noun));
  const date = readDate(element, 'Date', ctx.today, problems) ?? ctx.today;
  const locked = lockProblem(ctx.org, date);
  if (locked) problems.error(locked);
  if (problems.failed || amount === undefined || amount === null)
    return failed(SHAPE, element, problems.errors);
  const allocation: Allocation = {
    id: randomUUID(),
    sourceKind: kind,
    sourceId: source.id,
    invoiceId: invoice.id,
    amount,
    date,
    isDeleted: false,
    updatedAt: ctx.now,
  };
  putAllocation(ctx.org, allocation);
  moveCredit(ctx, allocation, 1n);
  return succeeded(renderAllocation(ctx.org, allocation));
}

/** Applies (+1) or reverses (−1) an allocation on both documents. */
function moveCredit(ctx: WriteContext, a: Allocation, sign: 1n | -1n): void {
  const invoice = ctx.org.invoices.get(a.invoiceId);
  if (invoice) applyToInvoice(ctx, invoice, { credited: sign * a.amount }, a.date);
  const source = findSource(ctx, a.sourceKind, a.sourceId);
  if (source && 'kind' in source) applyToPrepay(ctx, source, sign * a.amount);
  else if (source) applyToCreditNote(ctx, source, sign * a.amount, a.date);
}

export function renderAllocation(org: Organisation, a: Allocation): WireObject {
  const invoice = org.invoices.get(a.invoiceId);
  const idField = SOURCE_TITLES[a.sourceKind].idField;
  const sourceKey =
    a.sourceKind === 'CREDITNOTE'
      ? 'CreditNote'
      : a.sourceKind === 'OVERPAYMENT'
        ? 'Overpayment'
        : 'Prepayment';
  return {
    AllocationID: a.id,
    Amount: money(a.amount),
    Date: msDate(a.date),
    Invoice: {
      InvoiceID: a.invoiceId,
      ...(invoice ? { InvoiceNumber: invoice.number, Type: invoice.type } : {}),
    },
    [sourceKey]: { [idField]: a.sourceId },
    IsDeleted: a.isDeleted,
  };
}

export type DeleteAllocationResult =
  { ok: true; wire: WireObject } | { ok: false; status: 400 | 404; errors: string[] };

/** `DELETE /{Credit}/{id}/Allocations/{AllocationID}`: the allocation with IsDeleted true. */
export function deleteAllocation(
  ctx: WriteContext,
  kind: CreditSourceKind,
  sourceId: string,
  allocationId: string,
): DeleteAllocationResult {
  const allocation = byId(ctx.org.allocations, allocationId);
  const source = findSource(ctx, kind, sourceId);
  if (!allocation || !source || allocation.sourceId !== source.id || allocation.isDeleted) {
    return { ok: false, status: 404, errors: [] };
  }
  const locked = lockProblem(ctx.org, allocation.date);
  if (locked) return { ok: false, status: 400, errors: [locked] };
  const next = { ...allocation, isDeleted: true, updatedAt: ctx.now };
  putAllocation(ctx.org, next);
  moveCredit(ctx, next, -1n);
  return { ok: true, wire: renderAllocation(ctx.org, next) };
}
