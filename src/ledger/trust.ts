/**
 * Trust (client) money (FEATURES B5): money a firm holds for its clients, per client and matter,
 * in a trust bank account. One document per movement of the trust ledger:
 * - `receipt` — client money in; `interest` — interest credited to the client's matter;
 * - `payment` — out of trust to a payee on the client's behalf;
 * - `to_office` — out of trust to the firm's office account to pay the client's invoice;
 * - `matter_transfer` — from one client ledger to another (or to another matter): the trust bank
 *   does not move.
 * How each reaches Xero is in docs/ledger-format.md ("Trust money").
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

export const TRUST_MOVEMENT_TYPES = [
  'receipt',
  'payment',
  'to_office',
  'matter_transfer',
  'interest',
] as const;
export type TrustMovementType = (typeof TRUST_MOVEMENT_TYPES)[number];

const matterField = () =>
  requiredTextField(100).meta({
    description: 'The matter (file) in the PMS whose client ledger the money belongs to.',
  });

export const trustMovementSchema = z.strictObject({
  kind: z.literal('trust_movement'),
  ...envelopeShape,
  type: z.enum(TRUST_MOVEMENT_TYPES),
  status: z.enum(BANKING_STATUSES).default('active'),
  /** The client whose ledger the money is on (a contact). */
  contactId: sourceIdField(),
  matter: matterField(),
  date: dateField(),
  /** Always positive: the type says which way it moves. */
  amount: amountField(),
  currency: currencyField(),
  reference: textField(255).optional(),
  description: textField(4000).optional(),
  /** payment: who was paid (shown on the Xero line). */
  payee: textField(255).optional(),
  /** to_office: the client's invoice the money pays. */
  invoiceId: sourceIdField().optional(),
  /** matter_transfer: the client ledger receiving the money (default: the same client). */
  toContactId: sourceIdField().optional(),
  toMatter: matterField().optional(),
});
export type TrustMovementDoc = z.output<typeof trustMovementSchema> & {
  source: string;
  entity: string;
};

/** Money into the trust bank (+1), out of it (-1), or not through it at all (0). */
export const TRUST_BANK_SIGN: Readonly<Record<TrustMovementType, 1 | -1 | 0>> = {
  receipt: 1,
  interest: 1,
  payment: -1,
  to_office: -1,
  matter_transfer: 0,
};
