/**
 * Allocations to invoices of credit notes (FEATURES P5) and of overpayments and prepayments (P7):
 * what to add and what to take back so Xero's allocations equal the PMS's. What is not allocated
 * stays as credit. Pure.
 *
 * @module
 */
import {
  documentLabel,
  toUnits,
  type CreditNote,
  type CreditNoteAllocation,
  type OverpaymentDoc,
  type WriteOffDoc,
} from '../../ledger/index.js';
import { wireNumber } from '../../xero/xero-types.js';
import type { Operation, OperationBase } from './operation.js';
import type { LinkInfo } from './plan-input.js';

/** A credit: a credit note, an overpayment or prepayment, or a write-off's credit note (P9). */
export type Credit = CreditNote | OverpaymentDoc | WriteOffCredit;

/** A write-off seen as the credit note it is in Xero: allocated whole to its invoice. */
export type WriteOffCredit = WriteOffDoc & {
  readonly allocations: readonly CreditNoteAllocation[];
};

/** The credit as the allocation phase reads it from the store. */
export function asCredit(content: CreditNote | OverpaymentDoc | WriteOffDoc): Credit {
  if (content.kind !== 'write_off') return content;
  const { invoiceId, amount, date } = content;
  return { ...content, allocations: [{ invoiceId, amount, date }] };
}

/**
 * Only an approved credit note takes allocations (not a draft, a void or a deleted one); an
 * overpayment while it is active.
 */
function allocatable(doc: Credit): boolean {
  if (doc.kind === 'credit_note') return doc.status === 'authorised';
  return doc.status === 'active';
}

/** Where Xero keeps the credit's allocations: "/CreditNotes/{id}", "/Overpayments/{id}" … */
export function creditPath(doc: Credit, link: LinkInfo): string | undefined {
  if (doc.kind !== 'overpayment') {
    // A voided write-off's credit note takes no allocation.
    if (link.state.removed === true) return undefined;
    return link.xeroId ? `/CreditNotes/${link.xeroId}` : undefined;
  }
  const id = link.state.prepayId;
  if (typeof id !== 'string' || id === '') return undefined;
  return `/${doc.prepayment ? 'Prepayments' : 'Overpayments'}/${id}`;
}

/** Allocations recorded on a credit note's link: invoice source id → what Xero holds. */
export type DoneAllocations = Readonly<
  Record<string, { readonly allocationId: string; readonly amount: string; readonly date: string }>
>;

export function doneAllocations(link: LinkInfo | undefined): DoneAllocations {
  const value = link?.state.allocations;
  return value && typeof value === 'object' ? (value as DoneAllocations) : {};
}

/** Undefined when Xero already matches; invoices not yet in Xero are left for a later run. */
export function planAllocations(
  doc: Credit,
  hash: string,
  link: LinkInfo,
  invoiceLinks: ReadonlyMap<string, LinkInfo>,
): Operation | undefined {
  const path = creditPath(doc, link);
  if (!link.xeroId || !path || !allocatable(doc)) return undefined;
  const done = doneAllocations(link);
  const wanted = new Map(doc.allocations.map((a) => [a.invoiceId, a]));
  const remove = Object.entries(done)
    .filter(([invoiceId, d]) => {
      const w = wanted.get(invoiceId);
      return !w || toUnits(w.amount) !== toUnits(d.amount) || w.date !== d.date;
    })
    .map(([, d]) => d.allocationId);
  const add = doc.allocations
    .filter((a) => {
      const d = done[a.invoiceId];
      return !d || toUnits(a.amount) !== toUnits(d.amount) || a.date !== d.date;
    })
    .flatMap((a) => {
      const invoiceId = invoiceLinks.get(a.invoiceId)?.xeroId;
      return invoiceId
        ? [
            {
              Invoice: { InvoiceID: invoiceId },
              Amount: wireNumber(a.amount),
              Date: a.date,
              invoiceSourceId: a.invoiceId,
            },
          ]
        : [];
    });
  if (add.length === 0 && remove.length === 0) return undefined;
  return {
    ...creditNoteBase(doc, hash),
    op: 'allocate',
    kind: doc.kind,
    xeroId: link.xeroId,
    path,
    add,
    remove,
  };
}

/**
 * Allocations that wait on an invoice not in Xero — refused or not pushed yet, never one left out
 * on purpose (a draft, a date filter: its allocation is left out too, as its payments are).
 */
export function waitingInvoiceIds(
  doc: Credit,
  invoiceLinks: ReadonlyMap<string, LinkInfo>,
): string[] {
  if (!allocatable(doc)) return [];
  return doc.allocations
    .map((a) => a.invoiceId)
    .filter((id) => {
      const link = invoiceLinks.get(id);
      return !link?.xeroId && !link?.pushedHash;
    });
}

/**
 * The credit note held back by those invoices, as a refusal naming each (recorded as its sync
 * error, so `ledgerbridge errors` and a dry run list it); undefined when nothing waits.
 */
export function heldAllocations(
  doc: Credit,
  hash: string,
  waiting: readonly string[],
  invoiceLabels: ReadonlyMap<string, string>,
): Extract<Operation, { op: 'reject' }> | undefined {
  const held = doc.allocations.filter((a) => waiting.includes(a.invoiceId));
  if (held.length === 0) return undefined;
  const named = held.map(
    (a) => `${a.amount} to ${invoiceLabels.get(a.invoiceId) ?? `invoice ${a.invoiceId}`}`,
  );
  const one = held.length === 1;
  return {
    ...creditNoteBase(doc, hash),
    op: 'reject',
    kind: doc.kind,
    code: 'LB_SYNC_BLOCKED',
    message: `Its allocation${one ? '' : 's'} of ${named.join(', ')} wait${one ? 's' : ''}: ${one ? 'that invoice is' : 'those invoices are'} not in Xero yet`,
    fix: `Fix the invoice’s own sync error (\`ledgerbridge errors\`); the allocation${one ? '' : 's'} follow${one ? 's' : ''} on the next run.`,
  };
}

function creditNoteBase(doc: Credit, hash: string): OperationBase {
  return {
    key: { source: doc.source, kind: doc.kind, sourceId: doc.sourceId },
    version: hash,
    label: documentLabel(doc),
  };
}
