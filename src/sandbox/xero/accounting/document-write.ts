/**
 * Creating and updating invoices and credit notes, written once for both (reference §6, §7, §9):
 *
 * - The numbered type (ACCREC, ACCRECCREDIT) has unique numbers ("Invoice # must be unique.")
 *   generated as INV-0001 / CN-0001 when missing; the other type (ACCPAY, ACCPAYCREDIT) has
 *   neither (spec Invoice.InvoiceNumber, L22354; CreditNote.CreditNoteNumber, L21680).
 * - Status moves follow document-status.ts; with money allocated nothing may be edited ("This
 *   document cannot be edited as it has a payment or credit note allocated to it.") and no status
 *   applied ("The status VOIDED cannot be applied to the invoice because …"); a resend of the
 *   same document is not an edit.
 * - A posted document dated in a locked period cannot be created, edited or voided.
 * - POST upserts by id, or by number for the numbered type (reference §7, `pyxero#328`).
 *
 * @module
 */
import { readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { failed, succeeded } from './batch.js';
import type { ElementOutcome } from './batch.js';
import { commitContactRef, markContactRole } from './contacts.js';
import { Problems } from './context.js';
import type { WriteContext } from './context.js';
import { editableFingerprint, readDraft } from './document-draft.js';
import type { DocumentBase, Draft } from './document-draft.js';
import { CREATABLE, isPosted, statusChangeProblem } from './document-status.js';
import { lockProblem } from './lock-dates.js';
import { byId } from './lookup.js';
import {
  MSG,
  existingNotFound,
  invalidField,
  requiredField,
  statusNotAllowedOnCreate,
} from './messages.js';
import type { Organisation } from './organisation.js';
import { FULL_VIEW } from './render-common.js';
import type { RenderView } from './render-common.js';
import type { WriteMode } from './entity.js';

export interface DocumentKind<T extends DocumentBase & { type: string }> {
  noun: 'invoice' | 'credit note';
  title: 'Invoice' | 'Credit Note';
  idField: 'InvoiceID' | 'CreditNoteID';
  numberField: 'InvoiceNumber' | 'CreditNoteNumber';
  types: readonly T['type'][];
  /** The type whose numbers are generated and unique (ACCREC, ACCRECCREDIT). */
  numberedType: T['type'];
  uniqueMessage: string;
  /** The type that may carry discounts (ACCREC; none for credit notes). */
  discountType?: T['type'];
  store(org: Organisation): Map<string, T>;
  byNumber(org: Organisation, number: string): T | undefined;
  put(org: Organisation, doc: T): void;
  nextNumber(org: Organisation): string;
  allocated(doc: T): boolean;
  role(type: T['type']): 'customer' | 'supplier';
  /** The stored document from a valid draft (type-specific fields read from the element). */
  assemble(
    ctx: WriteContext,
    element: WireObject,
    draft: Draft,
    base: T | undefined,
    problems: Problems,
  ): Omit<T, 'id' | 'type' | 'contactId' | 'number'>;
  /** A brand-new document's id, type, contact, number and zeroed money fields. */
  fresh(
    ctx: WriteContext,
    type: T['type'],
    contactId: string,
    number: string,
  ): Pick<T, 'id' | 'type' | 'contactId' | 'number'> & Partial<T>;
  render(org: Organisation, doc: T, view: RenderView): WireObject;
  announce(ctx: WriteContext, doc: T, type: 'CREATE' | 'UPDATE'): void;
}

export function writeDocument<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  ctx: WriteContext,
  element: WireObject,
  mode: WriteMode,
  pathId: string | undefined,
): ElementOutcome {
  const found = findDocument(kind, ctx, element, mode, pathId);
  if (found === 'missing')
    return failed(kind, element, [existingNotFound(kind.title, kind.idField)]);
  return found ? updateDocument(kind, ctx, found, element) : createDocument(kind, ctx, element);
}

function findDocument<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  ctx: WriteContext,
  element: WireObject,
  mode: WriteMode,
  pathId: string | undefined,
): T | 'missing' | undefined {
  const id = pathId ?? readText(element, kind.idField);
  if (id !== undefined) {
    return (
      byId(kind.store(ctx.org), id) ??
      (pathId ? kind.byNumber(ctx.org, pathId) : undefined) ??
      'missing'
    );
  }
  // Only POST matches by number; PUT with a taken number fails "Invoice # must be unique.".
  const number = readText(element, kind.numberField);
  const type = readText(element, 'Type');
  if (mode !== 'post' || number === undefined || (type !== undefined && type !== kind.numberedType))
    return undefined;
  return kind.byNumber(ctx.org, number);
}

function outcome<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  ctx: WriteContext,
  doc: T,
  problems: Problems,
): ElementOutcome {
  return succeeded(
    kind.render(ctx.org, doc, { ...FULL_VIEW, unitdp: ctx.unitdp }),
    problems.warnings,
  );
}

function checkNumber<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  ctx: WriteContext,
  type: string,
  number: string | undefined,
  selfId: string,
  problems: Problems,
): void {
  if (type !== kind.numberedType || number === undefined) return;
  const holder = kind.byNumber(ctx.org, number);
  if (holder && holder.id !== selfId) problems.error(kind.uniqueMessage);
}

function readType<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  element: WireObject,
  problems: Problems,
): T['type'] | undefined {
  const type = readText(element, 'Type');
  const found = kind.types.find((t) => t === type);
  if (!found) problems.error(type === undefined ? requiredField('Type') : invalidField('Type'));
  return found;
}

function createDocument<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  ctx: WriteContext,
  element: WireObject,
): ElementOutcome {
  const problems = new Problems();
  const type = readType(kind, element, problems);
  const rules = {
    numberField: kind.numberField,
    allowDiscounts: type !== undefined && type === kind.discountType,
  };
  const draft = readDraft(ctx, element, undefined, rules, problems);
  if (!CREATABLE.includes(draft.status))
    problems.error(statusNotAllowedOnCreate(draft.status, kind.noun));
  if (type) checkNumber(kind, ctx, type, draft.number, '', problems);
  const locked = isPosted(draft.status) ? lockProblem(ctx.org, draft.date) : undefined;
  if (locked) problems.error(locked);
  const fields = kind.assemble(ctx, element, draft, undefined, problems);
  if (problems.failed || !type || !draft.contactRef)
    return failed(kind, element, problems.errors, problems.warnings);
  const contact = commitContactRef(ctx, draft.contactRef, problems);
  if (!contact) return failed(kind, element, problems.errors, problems.warnings);
  const number = draft.number ?? (type === kind.numberedType ? kind.nextNumber(ctx.org) : '');
  const doc = { ...fields, ...kind.fresh(ctx, type, contact.id, number) } as T;
  kind.put(ctx.org, doc);
  markContactRole(ctx, contact.id, kind.role(type));
  kind.announce(ctx, doc, 'CREATE');
  return outcome(kind, ctx, doc, problems);
}

function updateDocument<T extends DocumentBase & { type: string }>(
  kind: DocumentKind<T>,
  ctx: WriteContext,
  existing: T,
  element: WireObject,
): ElementOutcome {
  const problems = new Problems();
  const rules = {
    numberField: kind.numberField,
    allowDiscounts: existing.type === kind.discountType,
  };
  const draft = readDraft(ctx, element, existing, rules, problems);
  const allocated = kind.allocated(existing);
  const statusProblem = statusChangeProblem(existing.status, draft.status, allocated, kind.noun);
  if (statusProblem) problems.error(statusProblem);
  checkNumber(kind, ctx, existing.type, draft.number, existing.id, problems);
  const locked =
    (isPosted(existing.status) ? lockProblem(ctx.org, existing.date) : undefined) ??
    (isPosted(draft.status) ? lockProblem(ctx.org, draft.date) : undefined);
  if (locked) problems.error(locked);
  const next = {
    ...existing,
    ...kind.assemble(ctx, element, draft, existing, problems),
    contactId:
      draft.contactRef?.kind === 'existing' ? draft.contactRef.contact.id : existing.contactId,
    number: draft.number ?? existing.number,
  } as T;
  const echo = { ...element, [kind.idField]: existing.id };
  if (allocated && !problems.failed) {
    // A resend of the same document is fine; any edit is refused (reference §6).
    const edited =
      draft.contactRef?.kind === 'new' ||
      editableFingerprint(next) !== editableFingerprint(existing);
    if (!edited) return outcome(kind, ctx, existing, problems);
    problems.error(MSG.editAllocated);
  }
  if (problems.failed) return failed(kind, echo, problems.errors, problems.warnings);
  if (draft.contactRef) {
    const contact = commitContactRef(ctx, draft.contactRef, problems);
    if (!contact) return failed(kind, echo, problems.errors, problems.warnings);
    next.contactId = contact.id;
  }
  kind.put(ctx.org, next);
  kind.announce(ctx, next, 'UPDATE');
  return outcome(kind, ctx, next, problems);
}
