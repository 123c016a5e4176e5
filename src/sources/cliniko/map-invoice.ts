/**
 * A Cliniko invoice and its items → a ledger invoice, and the payment that settles it.
 *
 * Amounts: items are tax-inclusive (`total_including_tax`), so lines are `inclusive`. A line is
 * quantity × `unit_price` less `discount_percentage` when that is how Cliniko computed it; a
 * monetary discount, or a percentage of more than 2 places, becomes one line of
 * `total_including_tax` (quantity 1), so Xero's line equals Cliniko's exactly. The invoice total
 * is `total_amount` rounded to the cent, half away from zero (the ledger's rule); the sync makes
 * Xero's total equal it (a rounding line absorbs any cent Xero's per-line rounding differs by).
 *
 * Payments: Cliniko's API has none (reference/pms-apis.md §0.1). An invoice Cliniko shows Paid
 * (20) or Closed (30) must end settled in Xero, so it comes with a payment of its whole total by
 * the method `cliniko-clearing` (mapped to a clearing account), dated when it closed; an invoice
 * that is open again comes with that payment's deletion.
 *
 * @module
 */
import type { SourceDeletion, SourceRejection } from '../source.js';
import type { ClinicContext } from './clinic-context.js';
import { linkedId, type ClinikoRecord } from './client.js';
import { mapItem } from './map-item.js';
import { parseDecimal, toCents } from './money.js';

export const CLEARING_METHOD = 'cliniko-clearing';
export const settlementId = (invoiceId: string): string => `${invoiceId}-settlement`;

const STATUS: Readonly<Record<string, 'awaiting_payment' | 'paid'>> = {
  '10': 'awaiting_payment',
  '20': 'paid',
  '30': 'paid',
  '40': 'awaiting_payment',
};

export interface MappedInvoice {
  readonly documents: Record<string, unknown>[];
  readonly deletions: SourceDeletion[];
  readonly rejections: SourceRejection[];
}

/** Cliniko's invoice number (a number in its examples) as text, if it has one. */
const numberOf = (r: ClinikoRecord): string | undefined =>
  typeof r.number === 'number' || (typeof r.number === 'string' && r.number !== '')
    ? String(r.number)
    : undefined;

const label = (r: ClinikoRecord) => {
  const number = numberOf(r);
  return number === undefined
    ? `invoice ${r.id || '(no id)'}`
    : `invoice ${number} (source id ${r.id})`;
};

function reject(r: ClinikoRecord, field: string, value: unknown, message: string): MappedInvoice {
  const rejection = {
    kind: 'invoice' as const,
    sourceId: r.id,
    document: label(r),
    field,
    value,
    message,
  };
  return { documents: [], deletions: [], rejections: [rejection] };
}

export function mapInvoice(
  r: ClinikoRecord,
  items: ClinikoRecord[],
  ctx: ClinicContext,
): MappedInvoice {
  const business = ctx.businesses.get(linkedId(r.business) ?? '');
  if (!business)
    return reject(r, 'business', linkedId(r.business), 'names no business of this clinic');
  if (!business.currency)
    return reject(
      r,
      'business',
      business.name,
      `is in country "${business.country}", whose currency is not known: connect Cliniko again with --currency`,
    );
  const status =
    STATUS[typeof r.status === 'number' || typeof r.status === 'string' ? String(r.status) : ''];
  if (!status)
    return reject(r, 'status', r.status, 'is not a Cliniko invoice status (10, 20, 30 or 40)');
  const total = parseDecimal(r.total_amount);
  if (!total.ok) return reject(r, 'total_amount', r.total_amount, total.why);
  const lines: Record<string, unknown>[] = [];
  for (const [i, item] of [...items].sort(byCreation).entries()) {
    const mapped = mapItem(item, ctx);
    if (!mapped.ok)
      return reject(r, `invoice_items[${i}].${mapped.field}`, mapped.value, mapped.message);
    lines.push(mapped.line);
  }
  const tax = parseDecimal(r.tax_amount);
  const practitioner = ctx.practitioners.get(linkedId(r.practitioner) ?? '');
  const invoice = {
    kind: 'invoice',
    entity: business.entity,
    sourceId: r.id,
    ...(numberOf(r) === undefined ? {} : { number: numberOf(r) }),
    updatedAt: r.updated_at,
    ...(typeof r.created_at === 'string' ? { createdAt: r.created_at } : {}),
    status,
    contactId: linkedId(r.patient) ?? '',
    issueDate: r.issue_date,
    currency: business.currency,
    lineAmountType: 'inclusive',
    ...(practitioner ? { reference: practitioner } : {}),
    lines,
    total: toCents(total.units),
    ...(tax.ok ? { taxTotal: toCents(tax.units) } : {}),
  };
  return withSettlement(r, invoice, total.units);
}

/** The invoice with its settling payment (paid or closed) or that payment's deletion. */
function withSettlement(
  r: ClinikoRecord,
  invoice: Record<string, unknown>,
  total: bigint,
): MappedInvoice {
  const id = settlementId(r.id);
  if (invoice.status !== 'paid' || total <= 0n)
    return { documents: [invoice], deletions: [{ kind: 'payment', sourceId: id }], rejections: [] };
  const closed = typeof r.closed_at === 'string' ? r.closed_at : r.updated_at;
  const payment = {
    kind: 'payment',
    entity: invoice.entity,
    sourceId: id,
    updatedAt: r.updated_at,
    invoiceId: r.id,
    method: CLEARING_METHOD,
    date: typeof closed === 'string' ? closed.slice(0, 10) : invoice.issueDate,
    amount: toCents(total),
    currency: invoice.currency,
    reference: `Cliniko invoice ${numberOf(r) ?? r.id} ${r.status === 30 || r.status === '30' ? 'closed' : 'paid'}`,
  };
  return { documents: [invoice, payment], deletions: [], rejections: [] };
}

const byCreation = (a: ClinikoRecord, b: ClinikoRecord): number =>
  String(a.created_at).localeCompare(String(b.created_at)) ||
  a.id.length - b.id.length ||
  a.id.localeCompare(b.id);
