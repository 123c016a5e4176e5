/**
 * Line arithmetic the way Xero does it: LineAmount = Quantity × UnitAmount × (100 − DiscountRate)
 * / 100, rounded to 2 dp per line (spec, LineItem; reference/xero-api.md §7 "Rounding").
 *
 * @module
 */
import { divideRounded, toUnits } from './decimal.js';
import type { Line } from './line.js';

/** A line's amount in units (1/10,000), rounded to the cent. */
export function lineAmountUnits(
  line: Pick<Line, 'quantity' | 'unitAmount' | 'discountRate'>,
): bigint {
  const gross = toUnits(line.quantity) * toUnits(line.unitAmount);
  const keep = 100n * 10_000n - toUnits(line.discountRate ?? '0') * 100n; // (100 − rate) in units
  // gross is units²; × keep / (100 × units) brings it back to units and applies the discount.
  return divideRounded(gross * keep, 10_000n * 100n * 10_000n, 2);
}

/** Σ line amounts in units. */
export function linesSubtotalUnits(lines: readonly Line[]): bigint {
  let total = 0n;
  for (const line of lines) total += lineAmountUnits(line);
  return total;
}
