import { z } from 'zod';
import {
  amountField,
  percentField,
  quantityField,
  requiredTextField,
  textField,
  unitAmountField,
} from './fields.js';

/** What a line bills for; each kind has a default Xero account (FEATURES S2). */
export const LINE_KINDS = [
  'time',
  'expense',
  'interest',
  'disbursement',
  'product',
  'other',
] as const;
export type LineKind = (typeof LINE_KINDS)[number];

const trackingSchema = z.strictObject({
  category: requiredTextField(100),
  option: requiredTextField(100),
});

/**
 * One line of an invoice or credit note. `lineAmount` is not given: it is quantity × unit amount
 * less discount, computed where needed, so the two can never disagree.
 */
export const lineSchema = z.strictObject({
  /** The PMS's own line id, when it has one (keeps Xero line ids stable across edits). */
  id: textField(255).optional(),
  kind: z.enum(LINE_KINDS),
  /** PMS activity / expense / revenue category; mapped to an account before the kind default (S3). */
  category: textField(255).optional(),
  description: requiredTextField(4000),
  quantity: quantityField(),
  unitAmount: unitAmountField(),
  /** Percent off quantity × unit amount (Xero's DiscountRate), 0–100. */
  discountRate: percentField().optional(),
  /** Money off quantity × unit amount (Xero's DiscountAmount); give this or a rate, not both. */
  discountAmount: amountField().optional(),
  /** The PMS tax code, mapped to a Xero TaxType (S5). */
  taxCode: textField(50).optional(),
  /** Tax the PMS computed for this line, when it states one. */
  taxAmount: amountField().optional(),
  /** Overrides every mapping: this Xero account code. */
  accountCode: textField(10).optional(),
  tracking: z.array(trackingSchema).max(2, 'Xero allows at most 2 tracking categories').optional(),
});

export type Line = z.output<typeof lineSchema>;
