/**
 * What Xero will compute for a document we send: line amounts to the cent, tax per line rounded
 * to the cent and then summed (not "total then tax": lines 25.06, 25.61 and 25.63 at 15 % give
 * 11.44, not 11.45 — https://developer.xero.com/documentation/api-guides/rounding-in-xero).
 * Comparing this with the PMS's total tells us whether a rounding line is needed (FEATURES I8).
 *
 * @module
 */
import { divideRounded, toUnits } from '../../ledger/decimal.js';
import { lineAmountUnits } from '../../ledger/line-amounts.js';
import type { LineAmountType } from '../../ledger/index.js';

export interface TotalLine {
  readonly quantity: string;
  readonly unitAmount: string;
  readonly discountRate?: string;
  readonly discountAmount?: string;
  /** Tax rate in percent, as a decimal string ("10.0000"). */
  readonly rate: string;
}

/** Xero's document total in units (1/10,000). */
export function xeroTotalUnits(lines: readonly TotalLine[], type: LineAmountType): bigint {
  let total = 0n;
  for (const line of lines) {
    const amount = lineAmountUnits(line);
    total += amount;
    if (type === 'exclusive') total += lineTaxUnits(amount, line.rate, type);
  }
  return total;
}

/** Tax on one line, rounded to the cent: amount × rate (exclusive) or amount × rate / (100 + rate) (inclusive). */
export function lineTaxUnits(amount: bigint, rate: string, type: LineAmountType): bigint {
  const r = toUnits(rate);
  if (type === 'no_tax' || r === 0n) return 0n;
  const hundred = 100n * 10_000n;
  return type === 'exclusive'
    ? divideRounded(amount * r, hundred, 2)
    : divideRounded(amount * r, hundred + r, 2);
}
