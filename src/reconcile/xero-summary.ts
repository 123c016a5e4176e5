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

export function summariseXero(collection: ReconciledCollection, w: Wire): XeroSummary {
  const updatedAt = parseXeroTimestamp(w.UpdatedDateUTC) ?? 0;
  switch (collection) {
    case 'Contacts':
      return clean({
        id: text(w.ContactID),
        collection,
        status: text(w.ContactStatus, 'ACTIVE'),
        updatedAt,
        name: optionalText(w.Name),
        // Given in paged answers (the listing is paged) and by id (reference: spec Contact).
        mergedTo: optionalText(w.MergedToContactID),
      });
    case 'Payments':
      return clean({
        id: text(w.PaymentID),
        collection,
        status: text(w.Status),
        updatedAt,
        invoiceId: idOf(w.Invoice, 'InvoiceID') ?? idOf(w.CreditNote, 'CreditNoteID'),
        amount: amount(w.Amount),
        date: parseXeroDate(w.Date),
        reference: optionalText(w.Reference),
      });
    default:
      return clean({
        id: text(collection === 'Invoices' ? w.InvoiceID : w.CreditNoteID),
        collection,
        status: text(w.Status),
        updatedAt,
        number: optionalText(collection === 'Invoices' ? w.InvoiceNumber : w.CreditNoteNumber),
        type: optionalText(w.Type),
        contactId: idOf(w.Contact, 'ContactID'),
        date: parseXeroDate(w.Date),
        total: amount(w.Total),
        tax: amount(w.TotalTax),
        due: amount(w.AmountDue ?? w.RemainingCredit),
        allocations: collection === 'CreditNotes' ? allocationsOf(w.Allocations) : undefined,
      });
  }
}
