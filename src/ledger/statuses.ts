/**
 * Document statuses as the PMS reports them, and which changes between them are ordinary.
 * A change outside the table is still accepted into the store (the PMS is the source of truth)
 * but the planner treats it as a correction: Xero cannot un-void a document, for instance, so
 * void → awaiting_payment means recreating it there.
 *
 * @module
 */

export const CONTACT_STATUSES = ['active', 'archived'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

export const INVOICE_STATUSES = [
  'draft',
  'awaiting_approval',
  'awaiting_payment',
  'paid',
  'void',
  'deleted',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const CREDIT_NOTE_STATUSES = [
  'draft',
  'awaiting_approval',
  'authorised',
  'void',
  'deleted',
] as const;
export type CreditNoteStatus = (typeof CREDIT_NOTE_STATUSES)[number];

/** `returned`: the receipt came back unpaid (a bounced cheque, a reversed transfer; P8). */
export const PAYMENT_STATUSES = ['active', 'returned', 'deleted'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];

/** Bank transactions and transfers: in the books, or removed (Xero DELETED). */
export const BANKING_STATUSES = ['active', 'deleted'] as const;

/** Journals: posted, voided (Xero VOIDED) or removed (also VOIDED: Xero deletes only drafts). */
export const JOURNAL_STATUSES = ['active', 'void', 'deleted'] as const;

type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export const INVOICE_TRANSITIONS: Transitions<InvoiceStatus> = {
  draft: ['awaiting_approval', 'awaiting_payment', 'paid', 'deleted', 'void'],
  awaiting_approval: ['draft', 'awaiting_payment', 'paid', 'deleted', 'void'],
  awaiting_payment: ['paid', 'void'],
  // A payment removed or reversed makes a paid invoice due again (FEATURES P2, P8).
  paid: ['awaiting_payment', 'void'],
  void: [],
  deleted: [],
};

export const CREDIT_NOTE_TRANSITIONS: Transitions<CreditNoteStatus> = {
  draft: ['awaiting_approval', 'authorised', 'deleted', 'void'],
  awaiting_approval: ['draft', 'authorised', 'deleted', 'void'],
  authorised: ['void'],
  void: [],
  deleted: [],
};

export const CONTACT_TRANSITIONS: Transitions<ContactStatus> = {
  active: ['archived'],
  archived: ['active'],
};

export const PAYMENT_TRANSITIONS: Transitions<PaymentStatus> = {
  active: ['returned', 'deleted'],
  returned: ['deleted'],
  deleted: [],
};

/** Whether `from → to` is an ordinary change (staying put always is). */
export function isOrdinaryTransition<S extends string>(
  table: Transitions<S>,
  from: S,
  to: S,
): boolean {
  return from === to || table[from].includes(to);
}
