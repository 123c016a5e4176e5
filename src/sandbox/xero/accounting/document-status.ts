/**
 * The statuses of invoices and credit notes and the moves between them (reference §7).
 *
 * Requested by a client (or a bookkeeper): DRAFT ⇄ SUBMITTED → AUTHORISED → VOIDED;
 * DRAFT/SUBMITTED → DELETED. PAID is never requested: it follows from payments and credits
 * (AUTOMATIC below). VOIDED and DELETED are final. While money is allocated (a payment, a credit
 * note, an overpayment or a prepayment) no status may be applied and nothing may be edited.
 *
 * @module
 */
import { MSG, statusBlockedByAllocations } from './messages.js';
import type { InvoiceStatus } from './model.js';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'AUTHORISED',
  'PAID',
  'VOIDED',
  'DELETED',
];

/** Statuses a document may be created with (reference §7: add draft/submitted, add approved). */
export const CREATABLE: readonly InvoiceStatus[] = ['DRAFT', 'SUBMITTED', 'AUTHORISED'];

/** Moves a client may request, from → to (staying put is always allowed). */
export const TRANSITIONS: Readonly<Record<InvoiceStatus, readonly InvoiceStatus[]>> = {
  DRAFT: ['SUBMITTED', 'AUTHORISED', 'DELETED'],
  SUBMITTED: ['DRAFT', 'AUTHORISED', 'DELETED'],
  AUTHORISED: ['VOIDED'],
  PAID: [],
  VOIDED: [],
  DELETED: [],
};

/** Moves the sandbox makes itself: fully paid/credited, and due again when money is removed. */
export const AUTOMATIC: Readonly<Partial<Record<InvoiceStatus, InvoiceStatus>>> = {
  AUTHORISED: 'PAID',
  PAID: 'AUTHORISED',
};

/** Statuses that post to the ledger (and so are subject to lock dates). */
export function isPosted(status: InvoiceStatus): boolean {
  return status === 'AUTHORISED' || status === 'PAID';
}

export function parseInvoiceStatus(value: string): InvoiceStatus | undefined {
  const upper = value.toUpperCase();
  return (INVOICE_STATUSES as readonly string[]).includes(upper)
    ? (upper as InvoiceStatus)
    : undefined;
}

/**
 * Why `from → to` is refused, or undefined when it is allowed. `allocated` says whether money
 * is allocated to the document; `noun` is "invoice" or "credit note".
 */
export function statusChangeProblem(
  from: InvoiceStatus,
  to: InvoiceStatus,
  allocated: boolean,
  noun: 'invoice' | 'credit note',
): string | undefined {
  if (from === to) return undefined;
  const notModifiable = noun === 'invoice' ? MSG.invoiceNotModifiable : MSG.creditNoteNotModifiable;
  if (from === 'VOIDED' || from === 'DELETED') return notModifiable;
  if (allocated) return statusBlockedByAllocations(to, noun);
  return TRANSITIONS[from].includes(to) ? undefined : notModifiable;
}
