import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import {
  amountField,
  currencyField,
  dateField,
  exchangeRateField,
  requiredTextField,
  sourceIdField,
  textField,
} from './fields.js';
import { PAYMENT_STATUSES } from './statuses.js';

/**
 * Money received against an invoice (or paid against a bill). The method ("card", "eft",
 * "stripe", …) picks the bank or clearing account it lands in (FEATURES S4, P10).
 */
export const paymentSchema = z.strictObject({
  kind: z.literal('payment'),
  ...envelopeShape,
  status: z.enum(PAYMENT_STATUSES).default('active'),
  invoiceId: sourceIdField(),
  method: requiredTextField(100),
  date: dateField(),
  amount: amountField(),
  currency: currencyField(),
  /** The rate the money was received at, when the PMS records one (FEATURES B7). */
  exchangeRate: exchangeRateField().optional(),
  reference: textField(255).optional(),
});

export type Payment = z.output<typeof paymentSchema> & { source: string; entity: string };
