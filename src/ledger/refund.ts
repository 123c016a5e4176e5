/**
 * Money paid back out of a credit (FEATURES P6): a credit note's or an overpayment's (prepayment's)
 * unallocated credit refunded to the client — or a supplier's refunded to the firm. In Xero a
 * Payment against the CreditNote / Overpayment / Prepayment, from a mapped bank account.
 *
 * @module
 */
import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import {
  amountField,
  currencyField,
  dateField,
  requiredTextField,
  sourceIdField,
  textField,
} from './fields.js';
import { BANKING_STATUSES } from './statuses.js';

/** The kinds of document a refund draws on. */
export const REFUNDED_KINDS = ['credit_note', 'overpayment'] as const;

export const refundSchema = z.strictObject({
  kind: z.literal('refund'),
  ...envelopeShape,
  status: z.enum(BANKING_STATUSES).default('active'),
  /** What is refunded: a credit note or an overpayment (prepayment), by its kind and source id. */
  creditKind: z.enum(REFUNDED_KINDS),
  creditId: sourceIdField(),
  bankAccount: requiredTextField(100).meta({
    description: 'The ledger’s name for the bank account the refund is paid from (or into).',
  }),
  date: dateField(),
  amount: amountField(),
  currency: currencyField(),
  reference: textField(255).optional(),
});

export type RefundDoc = z.output<typeof refundSchema> & { source: string; entity: string };
