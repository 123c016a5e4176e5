/**
 * The ledger document: one discriminated union over every kind. Later kinds (bank transactions,
 * transfers, journals, refunds…) are added to the union without reshaping these.
 *
 * @module
 */
import { z } from 'zod';
import {
  bankTransactionSchema,
  bankTransferSchema,
  journalSchema,
  type BankTransactionDoc,
  type BankTransferDoc,
  type JournalDoc,
} from './banking.js';
import { contactSchema, type Contact } from './contact.js';
import { creditNoteSchema, type CreditNote } from './credit-note.js';
import { invoiceSchema, type Invoice } from './invoice.js';
import { DOCUMENT_KINDS } from './envelope.js';
import { overpaymentSchema, type OverpaymentDoc } from './overpayment.js';
import { paymentSchema, type Payment } from './payment.js';
import { trustMovementSchema, type TrustMovementDoc } from './trust.js';
import { refundSchema, type RefundDoc } from './refund.js';
import { writeOffSchema, type WriteOffDoc } from './write-off.js';
import { payoutSchema, type PayoutDoc } from './payout.js';

export const documentSchema = z.discriminatedUnion('kind', [
  contactSchema,
  invoiceSchema,
  creditNoteSchema,
  paymentSchema,
  bankTransactionSchema,
  bankTransferSchema,
  journalSchema,
  trustMovementSchema,
  overpaymentSchema,
  refundSchema,
  writeOffSchema,
  payoutSchema,
]);

/** A validated document with its source and entity filled in. */
export type LedgerDocument =
  | Contact
  | Invoice
  | CreditNote
  | Payment
  | BankTransactionDoc
  | BankTransferDoc
  | JournalDoc
  | TrustMovementDoc
  | OverpaymentDoc
  | RefundDoc
  | WriteOffDoc
  | PayoutDoc;

/** What a PMS sends: source and entity may come from the import instead. */
export type LedgerDocumentInput = z.input<typeof documentSchema>;

/** A validated document plus its version. */
export interface VersionedDocument {
  readonly document: LedgerDocument;
  readonly hash: string;
}

/**
 * An explicit deletion: the source no longer has this document (file drop, push API).
 * Deleting is distinct from a status such as void, which Xero records.
 */
export const deletionSchema = z.strictObject({
  kind: z.enum(DOCUMENT_KINDS),
  source: contactSchema.shape.source,
  entity: contactSchema.shape.entity,
  sourceId: contactSchema.shape.sourceId,
  deleted: z.literal(true),
  updatedAt: contactSchema.shape.updatedAt.optional(),
});
export type Deletion = z.output<typeof deletionSchema> & { source: string; entity: string };
