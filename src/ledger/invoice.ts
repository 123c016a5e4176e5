import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import {
  amountField,
  currencyField,
  dateField,
  exchangeRateField,
  sourceIdField,
  textField,
} from './fields.js';
import { lineSchema } from './line.js';
import { INVOICE_STATUSES } from './statuses.js';

/** How line amounts relate to tax (Xero LineAmountTypes: Exclusive | Inclusive | NoTax). */
export const LINE_AMOUNT_TYPES = ['exclusive', 'inclusive', 'no_tax'] as const;
export type LineAmountType = (typeof LINE_AMOUNT_TYPES)[number];

/** `sales` is a bill to a client (Xero ACCREC); `bill` is a supplier's bill (Xero ACCPAY). */
export const INVOICE_TYPES = ['sales', 'bill'] as const;

/** Shared by invoices and credit notes. */
export const billedDocumentShape = {
  /** The PMS document number; becomes Xero's InvoiceNumber / CreditNoteNumber (R10). */
  number: textField(255).optional(),
  contactId: sourceIdField(),
  issueDate: dateField(),
  currency: currencyField(),
  /** The rate the PMS used, when it records one; else Xero applies its own day rate (FEATURES B7). */
  exchangeRate: exchangeRateField().optional(),
  lineAmountType: z.enum(LINE_AMOUNT_TYPES).default('exclusive'),
  reference: textField(255).optional(),
  lines: z.array(lineSchema).min(1, 'must have at least one line').max(1000),
  /** The total the PMS shows; Xero's total is made to equal it to the cent (FEATURES I8). */
  total: amountField(),
  /** The tax total the PMS shows, when it states one. */
  taxTotal: amountField().optional(),
};

export const invoiceSchema = z.strictObject({
  kind: z.literal('invoice'),
  ...envelopeShape,
  type: z.enum(INVOICE_TYPES).default('sales'),
  status: z.enum(INVOICE_STATUSES),
  ...billedDocumentShape,
  dueDate: dateField().optional(),
});

export type Invoice = z.output<typeof invoiceSchema> & { source: string; entity: string };
export type InvoiceInput = z.input<typeof invoiceSchema>;
