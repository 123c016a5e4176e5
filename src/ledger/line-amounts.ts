/**
 * Line arithmetic the way Xero does it (spec LineItem.LineAmount; reference/xero-api.md §7
 * "Rounding"), rounded to 2 dp per line:
 * - with a DiscountRate: Quantity × UnitAmount × (100 − DiscountRate) / 100;
 * - with a DiscountAmount: Quantity × UnitAmount (to 4 dp) − DiscountAmount.
 *
 * Every value here is in units of 1/10,000 (decimal.ts), so a rate of 10 % is 100,000 units and
 * "100 %" is 1,000,000. (An earlier version multiplied the rate by 100 once more: 10 % took
 * 1,000 % off, and a discounted line could never match its total.)
 *
 * @module
 */
import { divideRounded, roundUnits, SCALE, toUnits } from './decimal.js';
import type { Line } from './line.js';

export type LineArithmetic = Pick<
  Line,
  'quantity' | 'unitAmount' | 'discountRate' | 'discountAmount'
>;

/** 100 % in units. */
const HUNDRED_PERCENT = 100n * SCALE;

/** A line's amount in units, rounded to the cent. */
export function lineAmountUnits(line: LineArithmetic): bigint {
  const gross = toUnits(line.quantity) * toUnits(line.unitAmount); // units² (scale 10^8)
  if (line.discountRate !== undefined) {
    const keep = HUNDRED_PERCENT - toUnits(line.discountRate); // (100 − rate) in units
    // units² × percent-units / (units × 100 % in units) brings it back to units.
    return divideRounded(gross * keep, SCALE * HUNDRED_PERCENT, 2);
  }
  if (line.discountAmount !== undefined)
    return roundUnits(divideRounded(gross, SCALE, 4) - toUnits(line.discountAmount), 2);
  return divideRounded(gross, SCALE, 2);
}

/** Quantity × unit amount before any discount, rounded to the cent. */
export function lineGrossUnits(line: Pick<Line, 'quantity' | 'unitAmount'>): bigint {
  return divideRounded(toUnits(line.quantity) * toUnits(line.unitAmount), SCALE, 2);
}

/** Σ line amounts in units. */
export function linesSubtotalUnits(lines: readonly LineArithmetic[]): bigint {
  let total = 0n;
  for (const line of lines) total += lineAmountUnits(line);
  return total;
}
