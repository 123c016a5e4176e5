/**
 * What the practice user's actions take, checked with zod so the in-process control object and
 * the HTTP control routes refuse the same mistakes. Amounts are decimal strings ("110.00"); a
 * JSON number is taken through its own text, never through float arithmetic. Dates are
 * YYYY-MM-DD.
 *
 * @module
 */
import { z } from 'zod';
import { readAmount } from '../xero/wire.js';
import { badRequest } from './errors.js';

/** Parses an action's input, refusing it as a 400 with zod's messages. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const messages = result.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`);
  throw badRequest(messages.join('; '));
}

const id = z.number().int().positive();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** A decimal amount, as a string or a JSON number, read exactly into units of 1/10,000. */
export const amount = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const units = readAmount(value);
  if (typeof units !== 'bigint') {
    ctx.addIssue({ code: 'custom', message: 'expected a decimal amount such as "110.00"' });
    return z.NEVER;
  }
  return units;
});

const participantFields = z.record(z.string(), z.union([z.string(), z.null()]));

export const newParticipant = z.object({
  displayName: z.string().min(1),
  isCompany: z.boolean().optional(),
  divisionId: id.optional(),
  /** Other participants fields by their API names (firstName, email, mailingCity, …). */
  fields: participantFields.optional(),
});

export const participantEdit = z.object({ participantId: id, fields: participantFields });

export const duplicateRemoval = z.object({ duplicateId: id, keepId: id });

export const newMatter = z.object({
  name: z.string().min(1),
  reference: z.string().optional(),
  divisionId: id,
  clientId: id,
  actionTypeId: id.optional(),
  assignedToId: id.optional(),
});

export const timeRecord = z.object({
  actionId: id,
  ownerId: id,
  date: isoDate,
  hours: amount,
  rate: amount,
  description: z.string(),
});

export const disbursementRecord = z.object({
  actionId: id,
  date: isoDate,
  description: z.string(),
  quantity: amount,
  unitPrice: amount,
  unitPriceIncludesTax: z.boolean().optional(),
  taxCodeId: id.optional(),
  incomeAccountId: id.optional(),
});

export const billLine = z.object({
  description: z.string(),
  quantity: amount,
  unitPrice: amount,
  taxCodeId: id.optional(),
  incomeAccountId: id.optional(),
});

export const newBill = z.object({
  actionId: id,
  /** Bill the matter's unbilled time and disbursements (default true). */
  includeUnbilled: z.boolean().optional(),
  lines: z.array(billLine).optional(),
  theirReference: z.string().optional(),
});

export const billEdit = z.object({
  billId: id,
  /** Replaces the bill's fee and other lines; billed time and disbursements stay. */
  lines: z.array(billLine).optional(),
  theirReference: z.string().nullable().optional(),
  invoiceDate: isoDate.optional(),
  dueDate: isoDate.optional(),
});

export const billFinalise = z.object({
  billId: id,
  invoiceDate: isoDate.optional(),
  dueDate: isoDate.optional(),
});

export const billRef = z.object({ billId: id });

const allocation = z.object({ billId: id, amount });

export const newReceipt = z.object({
  participantId: id,
  date: isoDate,
  amount,
  allocations: z.array(allocation).min(1),
  reference: z.string().optional(),
  paymentMethod: z.string().optional(),
  bankAccountId: id.optional(),
});

export const receiptEdit = z.object({
  receiptId: id,
  amount: amount.optional(),
  date: isoDate.optional(),
  reference: z.string().optional(),
  allocations: z.array(allocation).min(1).optional(),
});

export const receiptRef = z.object({ receiptId: id });

export const newCredit = z.object({
  billId: id,
  /** Tax-inclusive amount credited against the bill. */
  amount,
  date: isoDate,
  reason: z.string(),
  taxCodeId: id.optional(),
});

export const creditRef = z.object({ creditId: id });

export const trustReceipt = z.object({
  actionId: id,
  participantId: id,
  date: isoDate,
  amount,
  reference: z.string().optional(),
  description: z.string().optional(),
});

export const trustPayment = z.object({
  actionId: id,
  date: isoDate,
  amount,
  /** Pays this bill from trust: an office receipt is recorded against it too. */
  billId: id.optional(),
  reference: z.string().optional(),
  description: z.string().optional(),
});

export type NewParticipant = z.input<typeof newParticipant>;
export type ParticipantEdit = z.input<typeof participantEdit>;
export type DuplicateRemoval = z.input<typeof duplicateRemoval>;
export type NewMatter = z.input<typeof newMatter>;
export type TimeRecordInput = z.input<typeof timeRecord>;
export type DisbursementInput = z.input<typeof disbursementRecord>;
export type BillLineInput = z.input<typeof billLine>;
export type NewBill = z.input<typeof newBill>;
export type BillEdit = z.input<typeof billEdit>;
export type BillFinalise = z.input<typeof billFinalise>;
export type NewReceipt = z.input<typeof newReceipt>;
export type ReceiptEdit = z.input<typeof receiptEdit>;
export type NewCredit = z.input<typeof newCredit>;
export type TrustReceiptInput = z.input<typeof trustReceipt>;
export type TrustPaymentInput = z.input<typeof trustPayment>;
export type BillRef = z.input<typeof billRef>;
export type ReceiptRef = z.input<typeof receiptRef>;
export type CreditRef = z.input<typeof creditRef>;
export type BillLineOutput = z.output<typeof billLine>;
