/**
 * Invoices (ACCREC) and bills (ACCPAY): create and update with Xero's rules (reference §6, §7).
 *
 * - ACCREC numbers are unique ("Invoice # must be unique.") and generated as INV-0001… when
 *   missing; ACCPAY numbers are neither (spec Invoice.InvoiceNumber, L22354).
 * - Status moves follow document-status.ts; with money allocated nothing may be edited ("This
 *   document cannot be edited as it has a payment or credit note allocated to it.") and no status
 *   applied ("The status VOIDED cannot be applied to the invoice because …").
 * - A posted invoice dated in a locked period cannot be created, edited or voided.
 * - POST upserts by InvoiceID, or by InvoiceNumber for ACCREC (reference §7, `pyxero#328`).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { invoiceHasAllocations } from './balances.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { commitContactRef, markContactRole } from './contacts.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { editableFingerprint, readDate, readDraft, readSentToContact } from './document-draft.js';
import type { Draft } from './document-draft.js';
import { CREATABLE, isPosted, statusChangeProblem } from './document-status.js';
import type { WriteElement } from './entity.js';
import { lockProblem } from './lock-dates.js';
import { byId, invoiceByNumber, putInvoice } from './lookup.js';
import {
  MSG,
  existingNotFound,
  invalidField,
  requiredField,
  statusNotAllowedOnCreate,
} from './messages.js';
import type { Invoice, InvoiceType } from './model.js';
import { renderInvoice } from './invoice-render.js';
import { FULL_VIEW } from './render-common.js';

const SHAPE = { idField: 'InvoiceID' } as const;

export const writeInvoice: WriteElement = (ctx, element, _mode, pathId) => {
  const found = findInvoice(ctx, element, pathId);
  if (found === 'missing')
    return failed(SHAPE, element, [existingNotFound('Invoice', 'InvoiceID')]);
  return found ? updateInvoice(ctx, found, element) : createInvoice(ctx, element);
};

function findInvoice(
  ctx: WriteContext,
  element: WireObject,
  pathId: string | undefined,
): Invoice | 'missing' | undefined {
  const id = pathId ?? readText(element, 'InvoiceID');
  if (id !== undefined) {
    return (
      byId(ctx.org.invoices, id) ??
      (pathId ? invoiceByNumber(ctx.org, pathId) : undefined) ??
      'missing'
    );
  }
  const number = readText(element, 'InvoiceNumber');
  const type = readText(element, 'Type');
  if (number === undefined || (type !== undefined && type !== 'ACCREC')) return undefined;
  return invoiceByNumber(ctx.org, number);
}

function outcome(ctx: WriteContext, invoice: Invoice, problems: Problems): ElementOutcome {
  return succeeded(
    renderInvoice(ctx.org, invoice, { ...FULL_VIEW, unitdp: ctx.unitdp }),
    problems.warnings,
  );
}

function readType(element: WireObject, problems: Problems): InvoiceType | undefined {
  const type = readText(element, 'Type');
  if (type === 'ACCREC' || type === 'ACCPAY') return type;
  problems.error(type === undefined ? requiredField('Type') : invalidField('Type'));
  return undefined;
}

/** The next free INV-0001-style number. */
function nextInvoiceNumber(ctx: WriteContext): string {
  for (;;) {
    ctx.org.sequences.invoice += 1;
    const number = `INV-${String(ctx.org.sequences.invoice).padStart(4, '0')}`;
    if (!invoiceByNumber(ctx.org, number)) return number;
  }
}

function checkNumber(
  ctx: WriteContext,
  type: InvoiceType,
  number: string | undefined,
  selfId: string,
  problems: Problems,
): void {
  if (type !== 'ACCREC' || number === undefined) return;
  const holder = invoiceByNumber(ctx.org, number);
  if (holder && holder.id !== selfId) problems.error(MSG.invoiceNumberUnique);
}

function createInvoice(ctx: WriteContext, element: WireObject): ElementOutcome {
  const problems = new Problems();
  const type = readType(element, problems);
  const draft = readDraft(
    ctx,
    element,
    undefined,
    { numberField: 'InvoiceNumber', allowDiscounts: type === 'ACCREC' },
    problems,
  );
  if (!CREATABLE.includes(draft.status))
    problems.error(statusNotAllowedOnCreate(draft.status, 'invoice'));
  if (type) checkNumber(ctx, type, draft.number, '', problems);
  const locked = isPosted(draft.status) ? lockProblem(ctx.org, draft.date) : undefined;
  if (locked) problems.error(locked);
  const fields = fromDraft(ctx, element, draft, undefined, problems);
  if (problems.failed || !type || !draft.contactRef)
    return failed(SHAPE, element, problems.errors, problems.warnings);
  const contact = commitContactRef(ctx, draft.contactRef, problems);
  if (!contact) return failed(SHAPE, element, problems.errors, problems.warnings);
  const invoice: Invoice = {
    ...fields,
    id: randomUUID(),
    type,
    contactId: contact.id,
    number: draft.number ?? (type === 'ACCREC' ? nextInvoiceNumber(ctx) : ''),
    amountPaid: 0n,
    amountCredited: 0n,
    ...(ctx.actor.kind === 'app' ? { createdByClientId: ctx.actor.clientId } : {}),
  };
  putInvoice(ctx.org, invoice);
  markContactRole(ctx, contact.id, type === 'ACCREC' ? 'customer' : 'supplier');
  ctx.emit({ category: 'INVOICE', type: 'CREATE', resourceId: invoice.id });
  return outcome(ctx, invoice, problems);
}

/** The fields of an invoice that come from a draft (plus invoice-only optional fields). */
function fromDraft(
  ctx: WriteContext,
  element: WireObject,
  draft: Draft,
  base: Invoice | undefined,
  problems: Problems,
): Omit<Invoice, 'id' | 'type' | 'contactId' | 'number' | 'amountPaid' | 'amountCredited'> {
  const expected = readDate(element, 'ExpectedPaymentDate', base?.expectedPaymentDate, problems);
  const planned = readDate(element, 'PlannedPaymentDate', base?.plannedPaymentDate, problems);
  const url = readText(element, 'Url') ?? base?.url;
  const theme = readText(element, 'BrandingThemeID') ?? base?.brandingThemeId;
  const { contactRef: _ref, number: _n, ...fields } = draft;
  return {
    ...fields,
    sentToContact: readSentToContact(element, base?.sentToContact ?? false),
    updatedAt: ctx.now,
    ...(draft.dueDate !== undefined ? { dueDate: draft.dueDate } : {}),
    ...(expected !== undefined ? { expectedPaymentDate: expected } : {}),
    ...(planned !== undefined ? { plannedPaymentDate: planned } : {}),
    ...(url !== undefined ? { url } : {}),
    ...(theme !== undefined ? { brandingThemeId: theme } : {}),
    ...(base?.fullyPaidOnDate !== undefined ? { fullyPaidOnDate: base.fullyPaidOnDate } : {}),
    ...(base?.createdByClientId !== undefined ? { createdByClientId: base.createdByClientId } : {}),
  };
}

function updateInvoice(ctx: WriteContext, existing: Invoice, element: WireObject): ElementOutcome {
  const problems = new Problems();
  const draft = readDraft(
    ctx,
    element,
    existing,
    { numberField: 'InvoiceNumber', allowDiscounts: existing.type === 'ACCREC' },
    problems,
  );
  const allocated = invoiceHasAllocations(existing);
  const statusProblem = statusChangeProblem(existing.status, draft.status, allocated, 'invoice');
  if (statusProblem) problems.error(statusProblem);
  checkNumber(ctx, existing.type, draft.number, existing.id, problems);
  checkLocks(ctx, existing, draft, problems);
  const next: Invoice = {
    ...existing,
    ...fromDraft(ctx, element, draft, existing, problems),
    contactId:
      draft.contactRef?.kind === 'existing' ? draft.contactRef.contact.id : existing.contactId,
    number: draft.number ?? existing.number,
  };
  const echo = { ...element, InvoiceID: existing.id };
  if (allocated && !problems.failed) {
    // A resend of the same document is fine; any edit is refused (reference §6).
    const edited =
      draft.contactRef?.kind === 'new' ||
      editableFingerprint(next) !== editableFingerprint(existing);
    if (!edited) return outcome(ctx, existing, problems);
    problems.error(MSG.editAllocated);
  }
  if (problems.failed) return failed(SHAPE, echo, problems.errors, problems.warnings);
  if (draft.contactRef) {
    const contact = commitContactRef(ctx, draft.contactRef, problems);
    if (!contact) return failed(SHAPE, echo, problems.errors, problems.warnings);
    next.contactId = contact.id;
  }
  putInvoice(ctx.org, next);
  ctx.emit({ category: 'INVOICE', type: 'UPDATE', resourceId: next.id });
  return outcome(ctx, next, problems);
}

/** A posted document in a locked period stays as it is; nothing may be posted into one. */
function checkLocks(ctx: WriteContext, existing: Invoice, draft: Draft, problems: Problems): void {
  const problem =
    (isPosted(existing.status) ? lockProblem(ctx.org, existing.date) : undefined) ??
    (isPosted(draft.status) ? lockProblem(ctx.org, draft.date) : undefined);
  if (problem) problems.error(problem);
}
