/**
 * Credit-note allocations to invoices (FEATURES P5): what to add and what to take back so Xero's
 * allocations equal the PMS's. What is not allocated stays as credit. Pure.
 *
 * @module
 */
import { documentLabel, toUnits, type CreditNote } from '../../ledger/index.js';
import { wireNumber } from '../../xero/xero-types.js';
import type { Operation } from './operation.js';
import type { LinkInfo } from './plan-input.js';

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
  doc: CreditNote,
  hash: string,
  link: LinkInfo,
  invoiceLinks: ReadonlyMap<string, LinkInfo>,
): Operation | undefined {
  if (
    !link.xeroId ||
    doc.status === 'void' ||
    doc.status === 'deleted' ||
    doc.status === 'draft' ||
    doc.status === 'awaiting_approval'
  )
    return undefined;
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
    key: { source: doc.source, kind: 'credit_note', sourceId: doc.sourceId },
    version: hash,
    label: documentLabel(doc),
    op: 'allocate',
    kind: 'credit_note',
    xeroId: link.xeroId,
    add,
    remove,
  };
}
