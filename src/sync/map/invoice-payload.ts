/**
 * Ledger invoices and credit notes → Xero payloads (pure). Dates in a locked Xero period are
 * refused with the lock date named, or moved to the first open day when the setting says so
 * (FEATURES I11).
 *
 * @module
 */
import type { CreditNote, Invoice, InvoiceStatus, CreditNoteStatus } from '../../ledger/index.js';
import type {
  XeroCreditNote,
  XeroInvoice,
  XeroInvoiceStatus,
  XeroLineAmountTypes,
} from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
import { checkCurrency } from './currency.js';
import { mapLines } from './line-items.js';
import { referenceFor } from './references.js';

export type PayloadOutcome<P> =
  | {
      readonly ok: true;
      readonly payload: P;
      readonly rounding: string | null;
      readonly movedFrom?: string;
    }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly fix: string };

const LINE_AMOUNT_TYPES: Record<Invoice['lineAmountType'], XeroLineAmountTypes> = {
  exclusive: 'Exclusive',
  inclusive: 'Inclusive',
  no_tax: 'NoTax',
};

/** The Xero status a PMS status becomes; void/deleted only apply to documents already in Xero. */
export function xeroStatus(status: InvoiceStatus | CreditNoteStatus): XeroInvoiceStatus {
  switch (status) {
    case 'draft':
      return 'DRAFT';
    case 'awaiting_approval':
      return 'SUBMITTED';
    case 'void':
      return 'VOIDED';
    case 'deleted':
      return 'DELETED';
    default:
      return 'AUTHORISED';
  }
}

/** What invoices and credit notes share: date (lock-checked), lines (mapped, rounded), status, references. */
function billedBase(
  doc: Invoice | CreditNote,
  contactId: string,
  ctx: MappingContext,
  settings: SyncSettings,
) {
  const currency = checkCurrency(doc.currency, doc.exchangeRate, ctx);
  if (!currency.ok) return currency;
  const date = documentDate(doc.issueDate, ctx, settings);
  if (!date.ok) return date;
  const lines = mapLines(
    doc.lines,
    doc.lineAmountType,
    doc.total,
    ctx,
    settings.summariseLines,
    doc.type,
    doc.kind === 'invoice' && doc.type === 'sales',
  );
  if (!lines.ok) return lines;
  // void/deleted documents are only ever pushed as a status change (planBilled); a payload is approved.
  const status =
    doc.status === 'void' || doc.status === 'deleted' ? 'AUTHORISED' : xeroStatus(doc.status);
  return {
    ok: true as const,
    common: {
      Contact: { ContactID: contactId },
      Reference: referenceFor(doc),
      Date: date.value,
      Status: status,
      LineAmountTypes: LINE_AMOUNT_TYPES[doc.lineAmountType],
      CurrencyCode: doc.currency,
      ...(currency.rate !== undefined && { CurrencyRate: currency.rate }),
      LineItems: lines.items,
    },
    rounding: lines.rounding,
    ...(date.value !== doc.issueDate && { movedFrom: doc.issueDate }),
  };
}

export function invoicePayload(
  doc: Invoice,
  contactId: string,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroInvoice> {
  const base = billedBase(doc, contactId, ctx, settings);
  if (!base.ok) return base;
  const { common, ...rest } = base;
  const payload: XeroInvoice = {
    ...common,
    Type: doc.type === 'sales' ? 'ACCREC' : 'ACCPAY',
    ...(doc.number && { InvoiceNumber: doc.number }),
    ...(doc.sourceUrl && { Url: doc.sourceUrl }),
    DueDate: doc.dueDate && doc.dueDate > common.Date ? doc.dueDate : common.Date,
  };
  return { ...rest, payload };
}

export function creditNotePayload(
  doc: CreditNote,
  contactId: string,
  ctx: MappingContext,
  settings: SyncSettings,
): PayloadOutcome<XeroCreditNote> {
  const base = billedBase(doc, contactId, ctx, settings);
  if (!base.ok) return base;
  const { common, ...rest } = base;
  return {
    ...rest,
    payload: {
      ...common,
      Type: doc.type === 'sales' ? 'ACCRECCREDIT' : 'ACCPAYCREDIT',
      ...(doc.number && { CreditNoteNumber: doc.number }),
    },
  };
}

/** The later of Xero's period and end-of-year lock dates: documents on or before it are locked. */
export function lockDate(ctx: MappingContext): string | undefined {
  const { periodLockDate, endOfYearLockDate } = ctx.settings;
  if (!periodLockDate) return endOfYearLockDate;
  if (!endOfYearLockDate) return periodLockDate;
  return periodLockDate > endOfYearLockDate ? periodLockDate : endOfYearLockDate;
}

export function documentDate(
  date: string,
  ctx: MappingContext,
  settings: SyncSettings,
): { ok: true; value: string } | { ok: false; code: string; message: string; fix: string } {
  const lock = lockDate(ctx);
  if (!lock || date > lock) return { ok: true, value: date };
  if (settings.moveLockedToFirstOpenDate) return { ok: true, value: nextDay(lock) };
  return {
    ok: false,
    code: 'LB_SYNC_PERIOD_LOCKED',
    message: `Dated ${date}, on or before the Xero lock date ${lock} of ${ctx.settings.name}`,
    fix: `Ask the accountant to move the lock date (now ${lock}), or turn on moveLockedToFirstOpenDate to date such documents ${nextDay(lock)}.`,
  };
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
