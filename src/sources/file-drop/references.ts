/**
 * The references the import checks: an invoice's and a credit note's contact, a payment's
 * invoice, a credit note's allocations' invoices. A document whose target is neither in the
 * import nor live in the store is reported, never guessed.
 *
 * @module
 */
import type { DocumentKind, LedgerDocument } from '../../ledger/index.js';
import { documentKey } from './import-issue.js';

export interface Reference {
  /** The field holding it: "contactId", "allocations[1].invoiceId". */
  readonly field: string;
  readonly kind: DocumentKind;
  readonly sourceId: string;
  /** documentKey(kind, sourceId). */
  readonly key: string;
}

const ref = (field: string, kind: DocumentKind, sourceId: string): Reference => ({
  field,
  kind,
  sourceId,
  key: documentKey(kind, sourceId),
});

export function referencesOf(document: LedgerDocument): Reference[] {
  switch (document.kind) {
    case 'invoice':
      return [ref('contactId', 'contact', document.contactId)];
    case 'credit_note':
      return [
        ref('contactId', 'contact', document.contactId),
        ...document.allocations.map((a, i) =>
          ref(`allocations[${i}].invoiceId`, 'invoice', a.invoiceId),
        ),
      ];
    case 'payment':
    case 'write_off':
      return [ref('invoiceId', 'invoice', document.invoiceId)];
    case 'bank_transaction':
      return [ref('contactId', 'contact', document.contactId)];
    case 'trust_movement':
      return [
        ref('contactId', 'contact', document.contactId),
        ...(document.invoiceId ? [ref('invoiceId', 'invoice', document.invoiceId)] : []),
        ...(document.toContactId ? [ref('toContactId', 'contact', document.toContactId)] : []),
      ];
    case 'refund':
      return [ref('creditId', document.creditKind, document.creditId)];
    case 'overpayment':
      return [
        ref('contactId', 'contact', document.contactId),
        ...document.allocations.map((a, i) =>
          ref(`allocations[${i}].invoiceId`, 'invoice', a.invoiceId),
        ),
      ];
    case 'contact':
    case 'bank_transfer':
    case 'journal':
    case 'payout':
      return [];
  }
}

/** Kinds other documents refer to; only these can make a referrer fail when they do. */
export const TARGET_KINDS: ReadonlySet<DocumentKind> = new Set(['contact', 'invoice']);
