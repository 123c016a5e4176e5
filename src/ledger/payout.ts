/**
 * A processor payout (FEATURES P10): card and online payments land in a clearing account per
 * payment method (`map payment-method stripe CODE`, a BANK account such as "Stripe clearing"); a
 * payout moves the net to the bank and books the processor's fees. In Xero a BankTransfer clearing
 * → bank for the net (so the bank line matches the deposit to the cent) and a Spend Money on the
 * clearing account for the fees, to `map processor-fees CODE`. Not a manual journal: Xero's
 * journals cannot post to bank accounts (reference/xero-api.md §10).
 *
 * @module
 */
import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import { amountField, currencyField, dateField, requiredTextField, textField } from './fields.js';
import { BANKING_STATUSES } from './statuses.js';

export const payoutSchema = z.strictObject({
  kind: z.literal('payout'),
  ...envelopeShape,
  status: z.enum(BANKING_STATUSES).default('active'),
  /** The payment method whose clearing account is paid out ("stripe"), as payments name it. */
  method: requiredTextField(100),
  date: dateField(),
  /** What the processor collected; `gross − fees = net` to the cent. */
  gross: amountField(),
  fees: amountField(),
  /** What reached the bank: the bank line's amount. */
  net: amountField(),
  currency: currencyField(),
  bankAccount: requiredTextField(100).meta({
    description: 'The ledger’s name for the bank account paid into (`map bank-account`).',
  }),
  /** The processor's own id for the payout, e.g. Stripe's "po_123". */
  processorReference: textField(255).optional(),
});

export type PayoutDoc = z.output<typeof payoutSchema> & { source: string; entity: string };
