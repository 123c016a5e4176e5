/**
 * Money received from a client (or paid to a supplier) that no invoice takes yet (FEATURES P7): in
 * Xero an Overpayment (or, with `prepayment`, a Prepayment), created as a RECEIVE-OVERPAYMENT /
 * SPEND-OVERPAYMENT bank transaction (…-PREPAYMENT), held as the contact's credit and allocated to
 * invoices when the PMS allocates it. What is not allocated stays as credit, or is refunded.
 *
 * @module
 */
import { z } from 'zod';
import { allocationSchema } from './credit-note.js';
import { envelopeShape } from './envelope.js';
import {
  amountField,
  currencyField,
  dateField,
  requiredTextField,
  sourceIdField,
  textField,
} from './fields.js';
import { INVOICE_TYPES } from './invoice.js';
import { BANKING_STATUSES } from './statuses.js';

export const overpaymentSchema = z.strictObject({
  kind: z.literal('overpayment'),
  ...envelopeShape,
  /** `sales`: received from a client (RECEIVE-…); `bill`: paid to a supplier (SPEND-…). */
  type: z.enum(INVOICE_TYPES).default('sales'),
  /** Paid ahead of any invoice (Xero Prepayment) rather than more than was due (Overpayment). */
  prepayment: z.boolean().default(false),
  status: z.enum(BANKING_STATUSES).default('active'),
  contactId: sourceIdField(),
  bankAccount: requiredTextField(100).meta({
    description: 'The ledger’s name for the bank account the money went through.',
  }),
  date: dateField(),
  amount: amountField(),
  currency: currencyField(),
  reference: textField(255).optional(),
  /** A prepayment's line account (Xero codes an overpayment to receivables / payables itself). */
  category: textField(255).optional(),
  accountCode: textField(10).optional(),
  allocations: z.array(allocationSchema).max(500).default([]),
});

export type OverpaymentDoc = z.output<typeof overpaymentSchema> & {
  source: string;
  entity: string;
};
