/**
 * One Cliniko invoice item → one ledger line (see map-invoice.ts for the amounts), or what is
 * wrong with it: a quantity that is not above zero, money of more than 4 places, a tax the
 * clinic's taxes do not list.
 *
 * @module
 */
import type { ClinicContext } from './clinic-context.js';
import { linkedId, type ClinikoRecord } from './client.js';
import { parseDecimal, plain, price } from './money.js';

export interface ItemIssue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export type MappedItem = { ok: true; line: Record<string, unknown> } | ({ ok: false } & ItemIssue);

export function mapItem(item: ClinikoRecord, ctx: ClinicContext): MappedItem {
  const quantity = parseDecimal(item.quantity);
  if (!quantity.ok)
    return { ok: false, field: 'quantity', value: item.quantity, message: quantity.why };
  if (quantity.units <= 0n)
    return {
      ok: false,
      field: 'quantity',
      value: item.quantity,
      message: 'must be greater than zero (Cliniko items are never negative)',
    };
  const unit = parseDecimal(item.unit_price);
  if (!unit.ok)
    return { ok: false, field: 'unit_price', value: item.unit_price, message: unit.why };
  const total = parseDecimal(item.total_including_tax);
  if (!total.ok)
    return {
      ok: false,
      field: 'total_including_tax',
      value: item.total_including_tax,
      message: total.why,
    };
  const taxName = text(item.tax_name);
  if (taxName && !ctx.taxes.has(taxName))
    return {
      ok: false,
      field: 'tax_name',
      value: item.tax_name,
      message: "names a tax the clinic's taxes do not list",
    };
  const billable = ctx.billables.get(linkedId(item.billable_item) ?? '');
  const product = ctx.products.get(linkedId(item.product) ?? '');
  const name = text(item.name) || billable?.name || product || '';
  const category = billable?.name || product;
  const line = {
    ...(item.id ? { id: item.id } : {}),
    kind: billable
      ? billable.itemType === 'Service'
        ? 'time'
        : 'other'
      : item.product
        ? 'product'
        : 'other',
    ...(category ? { category } : {}),
    ...amounts(item, quantity.units, unit.units, total.units, name),
    ...(taxName ? { taxCode: taxName } : {}),
  };
  return { ok: true, line };
}

/** quantity × unit less a percentage when Cliniko computed it so; otherwise one line of the total. */
function amounts(item: ClinikoRecord, quantity: bigint, unit: bigint, total: bigint, name: string) {
  const discount = parseDecimal(item.discount_percentage ?? '0');
  const noDiscount = discount.ok && discount.units === 0n && !truthy(item.is_monetary_discount);
  if (noDiscount) return { description: name, quantity: plain(quantity), unitAmount: price(unit) };
  const percentOnly =
    discount.ok && !truthy(item.is_monetary_discount) && discount.units % 100n === 0n;
  if (percentOnly)
    return {
      description: name,
      quantity: plain(quantity),
      unitAmount: price(unit),
      discountRate: plain(discount.units),
    };
  const shown = `${name} (${plain(quantity)} × ${plain(unit)} less discount)`;
  return { description: name ? shown : '', quantity: '1', unitAmount: price(total) };
}

const truthy = (v: unknown): boolean => v === true || v === 'true';
