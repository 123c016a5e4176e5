/**
 * A bad-debt write-off (FEATURES P9): what a client will never pay, written off against one
 * invoice (Clio's `written_off` activities; CynareLink writes them off as credit notes). In Xero an
 * ACCREC credit note with one line to the organisation's bad-debt account (`map bad-debt CODE`),
 * allocated to the invoice — so the invoice is settled and the loss is an expense, as Xero's own
 * guide to writing off bad debts does it (https://central.xero.com/s/article/Write-off-bad-debts).
 *
 * @module
 */
import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import { amountField, dateField, sourceIdField, textField } from './fields.js';
import { BANKING_STATUSES } from './statuses.js';

export const writeOffSchema = z.strictObject({
  kind: z.literal('write_off'),
  ...envelopeShape,
  status: z.enum(BANKING_STATUSES).default('active'),
  /** The invoice written off, by its source id; the client is the invoice's. */
  invoiceId: sourceIdField(),
  date: dateField(),
  /** How much of the invoice is written off, in the invoice's currency. */
  amount: amountField(),
  reason: textField(255).optional(),
  description: textField(4000).optional(),
  /** A PMS tax code (`map tax-code`): where bad-debt relief reclaims the tax; none by default. */
  taxCode: textField(50).optional(),
});

export type WriteOffDoc = z.output<typeof writeOffSchema> & { source: string; entity: string };
