import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import { amountField, dateField, sourceIdField } from './fields.js';
import { billedDocumentShape, INVOICE_TYPES } from './invoice.js';
import { CREDIT_NOTE_STATUSES } from './statuses.js';

/** Part of a credit note applied to an invoice; what is not allocated stays as credit (P5). */
export const allocationSchema = z.strictObject({
  invoiceId: sourceIdField(),
  amount: amountField(),
  date: dateField(),
});

export const creditNoteSchema = z.strictObject({
  kind: z.literal('credit_note'),
  ...envelopeShape,
  type: z.enum(INVOICE_TYPES).default('sales'),
  status: z.enum(CREDIT_NOTE_STATUSES),
  ...billedDocumentShape,
  allocations: z.array(allocationSchema).max(500).default([]),
});

export type CreditNote = z.output<typeof creditNoteSchema> & { source: string; entity: string };
export type CreditNoteAllocation = z.output<typeof allocationSchema>;
