/**
 * Reading the fields invoices and credit notes share, for a create or for an update over the
 * stored document (fields not sent keep their stored values; LineItems, when sent, replace the
 * lines — reference §7 "Updates").
 *
 * @module
 */
import { SCALE, formatUnits } from '../../../ledger/decimal.js';
import { documentTotals, lineDiscount } from '../totals.js';
import { has, readAmount, readArray, readBool, readString, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import { parseXeroDate } from '../xero-dates.js';
import type { IsoDate } from '../xero-dates.js';
import { readContactRef } from './contacts.js';
import type { ContactRef } from './contacts.js';
import type { Problems, WriteContext } from './context.js';
import { parseInvoiceStatus } from './document-status.js';
import { readLines } from './lines.js';
import { MSG, currencyNotEnabled, invalidField } from './messages.js';
import type { InvoiceStatus, LineAmountTypes, LineDocument, LineItem, Totals } from './model.js';

/** The stored fields a draft starts from on update. */
export interface DocumentBase extends LineDocument {
  number: string;
  reference: string;
  dueDate?: IsoDate;
  status: InvoiceStatus;
}

export interface Draft extends Totals {
  /** Undefined on update when the element sends no Contact (the stored one stays). */
  contactRef?: ContactRef;
  date: IsoDate;
  dueDate?: IsoDate;
  status: InvoiceStatus;
  lineAmountTypes: LineAmountTypes;
  lines: LineItem[];
  /** Undefined when not sent. */
  number?: string;
  reference: string;
  currencyCode: string;
  currencyRate: bigint;
}

export interface DraftRules {
  numberField: 'InvoiceNumber' | 'CreditNoteNumber';
  allowDiscounts: boolean;
}

const LINE_AMOUNT_TYPES: readonly LineAmountTypes[] = ['Exclusive', 'Inclusive', 'NoTax'];

export function readLineAmountTypes(
  element: WireObject,
  fallback: LineAmountTypes,
  problems: Problems,
): LineAmountTypes {
  const text = readText(element, 'LineAmountTypes');
  if (text === undefined) return fallback;
  const found = LINE_AMOUNT_TYPES.find((t) => t.toLowerCase() === text.toLowerCase());
  if (!found) problems.error(invalidField('LineAmountTypes'));
  return found ?? fallback;
}

/** A date field: the stored/fallback value when absent, an error when unreadable. */
export function readDate(
  element: WireObject,
  field: string,
  fallback: IsoDate | undefined,
  problems: Problems,
): IsoDate | undefined {
  const parsed = parseXeroDate(element[field]);
  if (parsed === null) problems.error(invalidField(field));
  return parsed ?? fallback;
}

function readStatus(
  element: WireObject,
  fallback: InvoiceStatus,
  problems: Problems,
): InvoiceStatus {
  const text = readText(element, 'Status');
  if (text === undefined) return fallback;
  const status = parseInvoiceStatus(text);
  if (!status) problems.error(invalidField('Status'));
  return status ?? fallback;
}

function readCurrency(
  ctx: WriteContext,
  element: WireObject,
  base: DocumentBase | undefined,
  problems: Problems,
): { currencyCode: string; currencyRate: bigint } {
  const code =
    readText(element, 'CurrencyCode')?.toUpperCase() ?? base?.currencyCode ?? ctx.org.baseCurrency;
  if (!ctx.org.currencies.has(code)) problems.error(currencyNotEnabled(code));
  const rate = readAmount(element.CurrencyRate);
  if (rate === null || (rate !== undefined && rate <= 0n))
    problems.error(invalidField('CurrencyRate'));
  const fallback = code === ctx.org.baseCurrency ? SCALE : (base?.currencyRate ?? SCALE);
  return {
    currencyCode: code,
    currencyRate: code === ctx.org.baseCurrency ? SCALE : (rate ?? fallback),
  };
}

/** Reads the shared fields of an invoice or credit note. */
export function readDraft(
  ctx: WriteContext,
  element: WireObject,
  base: DocumentBase | undefined,
  rules: DraftRules,
  problems: Problems,
): Draft {
  let contactRef: ContactRef | undefined;
  if (has(element, 'Contact')) contactRef = readContactRef(ctx, element.Contact, problems);
  else if (!base) problems.error(MSG.contactMissing);
  const lineAmountTypes = readLineAmountTypes(
    element,
    base?.lineAmountTypes ?? 'Exclusive',
    problems,
  );
  const lines = readDraftLines(
    ctx,
    element,
    base,
    { lineAmountTypes, allowDiscounts: rules.allowDiscounts },
    problems,
  );
  const number = readText(element, rules.numberField);
  const dueDate = readDate(element, 'DueDate', base?.dueDate, problems);
  return {
    ...(contactRef ? { contactRef } : {}),
    date: readDate(element, 'Date', base?.date ?? ctx.today, problems) ?? ctx.today,
    ...(dueDate !== undefined ? { dueDate } : {}),
    status: readStatus(element, base?.status ?? 'DRAFT', problems),
    lineAmountTypes,
    lines,
    ...documentTotals(
      lines.map((l) => ({ ...l, discount: lineDiscount(l) })),
      lineAmountTypes,
    ),
    ...(number !== undefined ? { number } : {}),
    reference: readString(element, 'Reference') ?? base?.reference ?? '',
    ...readCurrency(ctx, element, base, problems),
  };
}

/** The element's lines, or the stored lines recomputed (LineAmountTypes may have changed). */
function readDraftLines(
  ctx: WriteContext,
  element: WireObject,
  base: DocumentBase | undefined,
  rules: { lineAmountTypes: LineAmountTypes; allowDiscounts: boolean },
  problems: Problems,
): LineItem[] {
  const raw = readArray(element, 'LineItems');
  if (raw) return readLines(ctx, raw, rules, problems);
  if (!base) return [];
  if (base.lineAmountTypes === rules.lineAmountTypes) return base.lines;
  return readLines(ctx, base.lines.map(storedLineAsWire), rules, problems);
}

function storedLineAsWire(line: LineItem): WireObject {
  return {
    LineItemID: line.id,
    Description: line.description,
    Quantity: formatUnits(line.quantity, 4),
    UnitAmount: formatUnits(line.unitAmount, 4),
    AccountCode: line.accountCode,
    TaxType: line.taxType,
    DiscountRate: line.discountRate === undefined ? undefined : formatUnits(line.discountRate, 4),
    DiscountAmount:
      line.discountAmount === undefined ? undefined : formatUnits(line.discountAmount, 4),
    Tracking: line.tracking.map((t) => ({
      TrackingCategoryID: t.categoryId,
      TrackingOptionID: t.optionId,
    })),
  };
}

/** Optional flags shared by the documents: SentToContact. */
export function readSentToContact(element: WireObject, fallback: boolean): boolean {
  return readBool(element, 'SentToContact') ?? fallback;
}

/** A canonical text of what a client can edit, to tell an edit from a resend of the same document. */
export function editableFingerprint(doc: {
  contactId: string;
  date: IsoDate;
  dueDate?: IsoDate;
  lineAmountTypes: LineAmountTypes;
  lines: readonly LineItem[];
  number: string;
  reference: string;
  currencyCode: string;
  total: bigint;
}): string {
  const lines = doc.lines.map((l) =>
    [l.description, l.quantity, l.unitAmount, l.accountCode, l.taxType, l.taxAmount, l.lineAmount]
      .map((v) => String(v ?? ''))
      .join('|'),
  );
  return [
    doc.contactId,
    doc.date,
    doc.dueDate ?? '',
    doc.lineAmountTypes,
    doc.number,
    doc.reference,
    doc.currencyCode,
    doc.total,
    ...lines,
  ].join('\n');
}
