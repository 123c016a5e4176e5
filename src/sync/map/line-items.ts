/**
 * Ledger lines → Xero line items: account, tax type and tracking by mapping;
 * optionally summarised to one line per account and tax type (FEATURES I7); and a rounding line
 * when Xero's per-line tax rounding would miss the PMS total (I8).
 *
 * @module
 */
import { formatUnits, SCALE, toUnits } from '../../ledger/decimal.js';
import { lineAmountUnits, type LineArithmetic } from '../../ledger/line-amounts.js';
import type { LineAmountType, Line } from '../../ledger/index.js';
import { wireNumber, type XeroLineItem } from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import { xeroTotalUnits } from './xero-totals.js';

export interface MappedLine {
  readonly item: XeroLineItem;
  /** Decimal strings, for the total check. */
  readonly quantity: string;
  readonly unitAmount: string;
  readonly discountRate?: string;
  readonly discountAmount?: string;
  readonly rate: string;
}

export type LinesOutcome =
  | { readonly ok: true; readonly items: XeroLineItem[]; readonly rounding: string | null }
  | {
      readonly ok: false;
      readonly code: string;
      readonly message: string;
      readonly fix: string;
      readonly field: string;
    };

/**
 * `discounts`: whether Xero takes DiscountRate / DiscountAmount on this document — sales invoices
 * only ("ACCPAY invoices and credit notes in Xero do not support discounts", spec
 * LineItem.DiscountRate). Elsewhere a discounted line is sent at its discounted amount.
 */
export function mapLines(
  lines: readonly Line[],
  type: LineAmountType,
  /** The total the PMS states; undefined where it states none (bank transactions): no rounding. */
  total: string | undefined,
  ctx: MappingContext,
  summarise: boolean,
  documentType: 'sales' | 'bill' = 'sales',
  discounts = documentType === 'sales',
): LinesOutcome {
  const mapped: MappedLine[] = [];
  for (const [i, line] of lines.entries()) {
    const account = ctx.accountForLine(line);
    if (!account.ok) return { ...account, field: `lines[${i}]` };
    const tax = ctx.taxType(line.taxCode, documentType);
    if (!tax.ok) return { ...tax, field: `lines[${i}].taxCode` };
    const amounts = discounts ? line : undiscounted(line);
    const tracking = mapTracking(line, ctx);
    if (!tracking.ok) return { ...tracking, field: `lines[${i}].${tracking.field}` };
    mapped.push({
      item: {
        Description: amounts === line ? line.description : describeFolded(line),
        Quantity: wireNumber(amounts.quantity),
        UnitAmount: wireNumber(amounts.unitAmount),
        ...(amounts.discountRate !== undefined && {
          DiscountRate: wireNumber(amounts.discountRate),
        }),
        ...(amounts.discountAmount !== undefined && {
          DiscountAmount: wireNumber(amounts.discountAmount),
        }),
        AccountCode: account.value,
        ...(tax.value !== undefined && { TaxType: tax.value }),
        ...(tracking.value && { Tracking: tracking.value }),
      },
      quantity: amounts.quantity,
      unitAmount: amounts.unitAmount,
      ...(amounts.discountRate !== undefined && { discountRate: amounts.discountRate }),
      ...(amounts.discountAmount !== undefined && { discountAmount: amounts.discountAmount }),
      rate: ctx.taxRate(tax.value),
    });
  }
  const final = summarise ? summariseLines(mapped) : mapped;
  return withRounding(final, type, total, ctx);
}

/**
 * A discounted line where Xero takes no discount: the same quantity at the discounted unit price
 * when that price is exact at 4 dp (Xero's unitdp=4), else one of the discounted amount — either
 * way the line amount is the one the PMS computed, to the cent.
 */
export function undiscounted(line: LineArithmetic): LineArithmetic {
  if (line.discountRate === undefined && line.discountAmount === undefined) return line;
  const amount = lineAmountUnits(line);
  const quantity = toUnits(line.quantity);
  if (quantity !== 0n && (amount * SCALE) % quantity === 0n)
    return { quantity: line.quantity, unitAmount: formatUnits((amount * SCALE) / quantity, 4) };
  return { quantity: '1', unitAmount: formatUnits(amount, 2) };
}

function describeFolded(line: Line): string {
  const off =
    line.discountRate !== undefined ? `${line.discountRate} %` : (line.discountAmount ?? '');
  const note = ` (${line.quantity} × ${line.unitAmount} less ${off})`;
  return line.description.length + note.length <= 4000 ? line.description + note : line.description;
}

/** The line's tracking in Xero's names (mapped, or Xero's own option of that name). */
export function mapTracking(
  line: Pick<Line, 'tracking'>,
  ctx: MappingContext,
):
  | { ok: true; value: { Name: string; Option: string }[] | undefined }
  | { ok: false; code: string; message: string; fix: string; field: string } {
  if (!line.tracking) return { ok: true, value: undefined };
  const value: { Name: string; Option: string }[] = [];
  for (const [j, pms] of line.tracking.entries()) {
    const r = ctx.tracking(pms);
    if (!r.ok) return { ...r, field: `tracking[${j}]` };
    value.push({ Name: r.value.category, Option: r.value.option });
  }
  return { ok: true, value };
}

/** One line per (account, tax type, tracking), carrying the lines' summed amount. */
function summariseLines(lines: readonly MappedLine[]): MappedLine[] {
  const groups = new Map<string, { first: MappedLine; amount: bigint; count: number }>();
  for (const line of lines) {
    const key = JSON.stringify([
      line.item.AccountCode,
      line.item.TaxType ?? '',
      line.item.Tracking ?? [],
    ]);
    const group = groups.get(key) ?? { first: line, amount: 0n, count: 0 };
    group.amount += lineAmountUnits(line);
    group.count++;
    groups.set(key, group);
  }
  return [...groups.values()].map(({ first, amount, count }) => {
    const unitAmount = formatUnits(amount, 2);
    const { DiscountRate: _rate, DiscountAmount: _amount, ...rest } = first.item;
    return {
      item: {
        ...rest,
        Description:
          count === 1
            ? first.item.Description
            : `${count} lines summarised (account ${first.item.AccountCode ?? ''})`,
        Quantity: 1,
        UnitAmount: wireNumber(unitAmount),
      },
      quantity: '1',
      unitAmount,
      rate: first.rate,
    };
  });
}

function withRounding(
  lines: readonly MappedLine[],
  type: LineAmountType,
  total: string | undefined,
  ctx: MappingContext,
): LinesOutcome {
  if (total === undefined) return { ok: true, items: lines.map((l) => l.item), rounding: null };
  const difference = toUnits(total) - xeroTotalUnits(lines, type);
  const items = lines.map((l) => l.item);
  if (difference === 0n) return { ok: true, items, rounding: null };
  const account = ctx.roundingAccount();
  if (!account.ok) return { ...account, field: 'total' };
  const zeroTax = ctx.zeroTaxType();
  const amount = formatUnits(difference, 2);
  items.push({
    Description: 'Rounding',
    Quantity: 1,
    UnitAmount: wireNumber(amount),
    AccountCode: account.value,
    ...(zeroTax && type !== 'no_tax' && { TaxType: zeroTax }),
  });
  return { ok: true, items, rounding: amount };
}
