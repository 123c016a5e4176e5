/**
 * Xero's wire documents reduced to what a reconciliation compares (pure). Amounts arrive as JSON
 * numbers with at most 4 decimals (`unitdp=4` on documents, 2 on totals): they are read as
 * decimal text, never summed as floats.
 *
 * @module
 */
import { canonicalDecimal } from '../ledger/decimal.js';
import { optionalText, text } from '../xero/wire.js';
import { parseXeroDate, parseXeroTimestamp } from '../xero/xero-dates.js';
import type { ReconciledCollection, XeroAllocation, XeroLine, XeroSummary } from './model.js';

type Wire = Record<string, unknown>;

const amount = (v: unknown) =>
  typeof v === 'number' || typeof v === 'string' ? canonicalDecimal(v, 2) : undefined;
const idOf = (v: unknown, field: string) =>
  typeof v === 'object' && v !== null ? optionalText((v as Wire)[field]) : undefined;

function clean(s: Record<string, unknown>): XeroSummary {
  return Object.fromEntries(
    Object.entries(s).filter(([, v]) => v !== undefined),
  ) as unknown as XeroSummary;
}

/** A credit note's allocations (Xero lists only live ones; a deleted one says IsDeleted). */
function allocationsOf(v: unknown): XeroAllocation[] {
  if (!Array.isArray(v)) return [];
  return (v as Wire[]).flatMap((a) => {
    const invoiceId = idOf(a.Invoice, 'InvoiceID');
    const sum = amount(a.Amount);
    if (a.IsDeleted === true || !invoiceId || sum === undefined) return [];
    const date = parseXeroDate(a.Date);
    return [{ invoiceId, amount: sum, ...(date && { date }) }];
  });
}

/** A Xero document's lines, as decimals (`unitdp=4` unit amounts). */
export function linesOf(w: Wire): XeroLine[] {
  if (!Array.isArray(w.LineItems)) return [];
  return (w.LineItems as Wire[]).map((l) => ({
    description: optionalText(l.Description) ?? '',
    quantity: canonicalDecimal(typeof l.Quantity === 'number' ? l.Quantity : 0, 4),
    unitAmount: canonicalDecimal(typeof l.UnitAmount === 'number' ? l.UnitAmount : 0, 4),
    lineAmount: amount(l.LineAmount) ?? '0.00',
  }));
}

type Fields = Record<string, unknown>;

/** Each collection's fields; `id`, `status` and what else a reconciliation needs of it. */
const FIELDS: Record<ReconciledCollection, (w: Wire) => Fields> = {
  Contacts: (w) => ({
    id: text(w.ContactID),
    status: text(w.ContactStatus, 'ACTIVE'),
    name: optionalText(w.Name),
    // Given in paged answers (the listing is paged) and by id (spec Contact).
    mergedTo: optionalText(w.MergedToContactID),
  }),
  Invoices: (w) => ({ ...billed(w), id: text(w.InvoiceID), number: optionalText(w.InvoiceNumber) }),
  CreditNotes: (w) => ({
    ...billed(w),
    id: text(w.CreditNoteID),
    number: optionalText(w.CreditNoteNumber),
    allocations: allocationsOf(w.Allocations),
  }),
  Payments: (w) => ({
    id: text(w.PaymentID),
    status: text(w.Status),
    invoiceId: idOf(w.Invoice, 'InvoiceID') ?? idOf(w.CreditNote, 'CreditNoteID'),
    amount: amount(w.Amount),
    date: parseXeroDate(w.Date),
    reference: optionalText(w.Reference),
    ...account(w.Account),
    paymentType: optionalText(w.PaymentType),
    reconciled: w.IsReconciled === true || undefined,
  }),
  BankTransactions: (w) => ({
    id: text(w.BankTransactionID),
    status: text(w.Status),
    type: optionalText(w.Type),
    ...account(w.BankAccount),
    date: parseXeroDate(w.Date),
    total: amount(w.Total),
    prepayId: optionalText(w.OverpaymentID) ?? optionalText(w.PrepaymentID),
  }),
  BankTransfers: (w) => ({
    id: text(w.BankTransferID),
    // Xero gives a transfer's Status only where it has one (DELETED with includeDeleted).
    status: text(w.Status, 'AUTHORISED'),
    ...account(w.FromBankAccount),
    ...account(w.ToBankAccount, 'to'),
    amount: amount(w.Amount),
    date: parseXeroDate(w.Date),
  }),
};

/**
 * An account as a payment, bank transaction or transfer names it: its code (Payments give
 * `{AccountID, Code}`, bank transactions and transfers `{AccountID, Code, Name}`, spec examples).
 */
function account(v: unknown, side: 'from' | 'to' = 'from'): Fields {
  const code = idOf(v, 'Code');
  const name = idOf(v, 'Name');
  return side === 'to'
    ? { toAccountCode: code, toAccountName: name }
    : { accountCode: code, accountName: name };
}

/** What invoices and credit notes share. */
const billed = (w: Wire): Fields => ({
  status: text(w.Status),
  type: optionalText(w.Type),
  contactId: idOf(w.Contact, 'ContactID'),
  date: parseXeroDate(w.Date),
  total: amount(w.Total),
  tax: amount(w.TotalTax),
  due: amount(w.AmountDue ?? w.RemainingCredit),
});

export function summariseXero(collection: ReconciledCollection, w: Wire): XeroSummary {
  // A transfer has no UpdatedDateUTC: it cannot be edited, only made and deleted (reference §10).
  const updatedAt =
    parseXeroTimestamp(w.UpdatedDateUTC) ?? parseXeroTimestamp(w.CreatedDateUTC) ?? 0;
  return clean({ collection, updatedAt, ...FIELDS[collection](w) });
}
