/**
 * Ledger lines → Xero line items: account by mapping, tax type by mapping, tracking as given;
 * optionally summarised to one line per account and tax type (FEATURES I7); and a rounding line
 * when Xero's per-line tax rounding would miss the PMS total (I8).
 *
 * @module
 */
import { formatUnits, toUnits } from '../../ledger/decimal.js';
import { lineAmountUnits } from '../../ledger/line-amounts.js';
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

export function mapLines(
  lines: readonly Line[],
  type: LineAmountType,
  total: string,
  ctx: MappingContext,
  summarise: boolean,
  documentType: 'sales' | 'bill' = 'sales',
): LinesOutcome {
  const mapped: MappedLine[] = [];
  for (const [i, line] of lines.entries()) {
    const account = ctx.accountForLine(line);
    if (!account.ok) return { ...account, field: `lines[${i}]` };
    const tax = ctx.taxType(line.taxCode, documentType);
    if (!tax.ok) return { ...tax, field: `lines[${i}].taxCode` };
    mapped.push({
      item: {
        Description: line.description,
        Quantity: wireNumber(line.quantity),
        UnitAmount: wireNumber(line.unitAmount),
        ...(line.discountRate !== undefined && { DiscountRate: wireNumber(line.discountRate) }),
        AccountCode: account.value,
        ...(tax.value !== undefined && { TaxType: tax.value }),
        ...(line.tracking && {
          Tracking: line.tracking.map((t) => ({ Name: t.category, Option: t.option })),
        }),
      },
      quantity: line.quantity,
      unitAmount: line.unitAmount,
      ...(line.discountRate !== undefined && { discountRate: line.discountRate }),
      rate: ctx.taxRate(tax.value),
    });
  }
  const final = summarise ? summariseLines(mapped) : mapped;
  return withRounding(final, type, total, ctx);
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
    const { DiscountRate: _discount, ...rest } = first.item;
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
  total: string,
  ctx: MappingContext,
): LinesOutcome {
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
