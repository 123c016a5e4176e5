/**
 * Money moving through a bank account without an invoice (FEATURES B1, B3, B4, B6): money
 * received or spent (Xero RECEIVE / SPEND BankTransactions, hard-cost disbursements among them),
 * bank-to-bank transfers (Xero BankTransfers) and general journals (Xero ManualJournals).
 * A bank account is named as the ledger knows it ("operating", "trust"); `ledgerbridge map
 * bank-account NAME CODE` points it at a Xero BANK account.
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
import { LINE_AMOUNT_TYPES } from './invoice.js';
import { lineSchema } from './line.js';
import { BANKING_STATUSES, JOURNAL_STATUSES } from './statuses.js';

/** `receive` is money in (Xero RECEIVE), `spend` money out (Xero SPEND). */
export const BANK_TRANSACTION_TYPES = ['receive', 'spend'] as const;

const bankAccountField = () =>
  requiredTextField(100).meta({
    description: 'The ledger’s name for a bank account, mapped to a Xero BANK account.',
  });

export const bankTransactionSchema = z.strictObject({
  kind: z.literal('bank_transaction'),
  ...envelopeShape,
  type: z.enum(BANK_TRANSACTION_TYPES),
  status: z.enum(BANKING_STATUSES).default('active'),
  bankAccount: bankAccountField(),
  /** Xero requires a contact on every bank transaction: the payer, or the vendor paid. */
  contactId: sourceIdField(),
  date: dateField(),
  currency: currencyField(),
  lineAmountType: z.enum(LINE_AMOUNT_TYPES).default('exclusive'),
  reference: textField(255).optional(),
  lines: z.array(lineSchema).min(1, 'must have at least one line').max(1000),
});
export type BankTransactionDoc = z.output<typeof bankTransactionSchema> & {
  source: string;
  entity: string;
};

export const bankTransferSchema = z.strictObject({
  kind: z.literal('bank_transfer'),
  ...envelopeShape,
  status: z.enum(BANKING_STATUSES).default('active'),
  fromBankAccount: bankAccountField(),
  toBankAccount: bankAccountField(),
  date: dateField(),
  amount: amountField(),
  currency: currencyField(),
  reference: textField(255).optional(),
});
export type BankTransferDoc = z.output<typeof bankTransferSchema> & {
  source: string;
  entity: string;
};

/** One journal line: positive is a debit, negative a credit (Xero's signed LineAmount). */
export const journalLineSchema = z.strictObject({
  description: textField(4000).optional(),
  /** A PMS account category, mapped to a Xero account (`map category`). */
  category: textField(255).optional(),
  /** Overrides the mapping: this Xero account code. */
  accountCode: textField(10).optional(),
  amount: amountField(),
  taxCode: textField(50).optional(),
  tracking: lineSchema.shape.tracking,
});
export type JournalLine = z.output<typeof journalLineSchema>;

export const journalSchema = z.strictObject({
  kind: z.literal('journal'),
  ...envelopeShape,
  status: z.enum(JOURNAL_STATUSES).default('active'),
  date: dateField(),
  narration: requiredTextField(4000),
  currency: currencyField(),
  lineAmountType: z.enum(LINE_AMOUNT_TYPES).default('no_tax'),
  lines: z.array(journalLineSchema).min(2, 'must have at least two lines').max(1000),
});
export type JournalDoc = z.output<typeof journalSchema> & { source: string; entity: string };
