/**
 * Line amounts, tax and document totals, computed the way Xero does (reference §7 "Rounding",
 * https://developer.xero.com/documentation/api-guides/rounding-in-xero):
 *
 * - LineAmount = Quantity × UnitAmount × (100 − DiscountRate) / 100, or Quantity × UnitAmount −
 *   DiscountAmount, rounded to 2 dp (spec LineItem.LineAmount, L20718).
 * - Tax per line, rounded to 2 dp, then summed: lines 25.06, 25.61, 25.63 at 15% give
 *   3.76 + 3.84 + 3.84 = 11.44 (the "total then tax" method would give 11.45).
 * - Exclusive: tax = LineAmount × rate; SubTotal = ΣLineAmount. Inclusive: tax = LineAmount × rate
 *   / (100 + rate); SubTotal = Σ(LineAmount − tax). NoTax: no tax.
 * - A line's TaxAmount may be given to override the computed one (spec LineItem.TaxAmount).
 * - Total = SubTotal + TotalTax; a Total sent by the client is ignored (spec Invoice.Total, L22453).
 *
 * Everything is bigint units of 1/10,000; rounding is half away from zero.
 *
 * @module
 */
import { SCALE, divideRounded, roundUnits } from '../../ledger/decimal.js';
import type { LineAmountTypes, Totals } from './accounting/model.js';

const HUNDRED = 100n * SCALE;

export interface LineInput {
  quantity?: bigint;
  unitAmount?: bigint;
  lineAmount?: bigint;
  discountRate?: bigint;
  discountAmount?: bigint;
  taxAmount?: bigint;
  /** Percent as units (15% = 150000n). */
  rate: bigint;
}

export interface LineResult {
  quantity: bigint;
  unitAmount: bigint;
  lineAmount: bigint;
  taxAmount: bigint;
  /** Gross (Quantity × UnitAmount) minus LineAmount: the line's discount. */
  discount: bigint;
}

/** Computes one line. Unit amounts and quantities keep 4 dp; money is rounded to 2. */
export function computeLine(input: LineInput, types: LineAmountTypes): LineResult {
  const { quantity, unitAmount, gross, lineAmount } = lineAmounts(input);
  const taxAmount =
    input.taxAmount !== undefined
      ? roundUnits(input.taxAmount, 2)
      : lineTax(lineAmount, input.rate, types);
  return { quantity, unitAmount, lineAmount, taxAmount, discount: gross - lineAmount };
}

function lineAmounts(input: LineInput): {
  quantity: bigint;
  unitAmount: bigint;
  gross: bigint;
  lineAmount: bigint;
} {
  if (input.unitAmount === undefined && input.lineAmount !== undefined) {
    // Only a LineAmount: Xero works out the missing UnitAmount (spec LineItem.LineAmount).
    const quantity = input.quantity && input.quantity !== 0n ? input.quantity : SCALE;
    const lineAmount = roundUnits(input.lineAmount, 2);
    return {
      quantity,
      unitAmount: divideRounded(lineAmount * SCALE, quantity, 4),
      gross: lineAmount,
      lineAmount,
    };
  }
  const unitAmount = input.unitAmount ?? 0n;
  const quantity = input.quantity ?? (input.unitAmount === undefined ? 0n : SCALE);
  const grossExact = quantity * unitAmount; // scale 10^8
  const gross = divideRounded(grossExact, SCALE, 2);
  let lineAmount = gross;
  if (input.discountRate !== undefined && input.discountRate !== 0n) {
    lineAmount = divideRounded(grossExact * (HUNDRED - input.discountRate), SCALE * HUNDRED, 2);
  } else if (input.discountAmount !== undefined && input.discountAmount !== 0n) {
    lineAmount = roundUnits(divideRounded(grossExact, SCALE, 4) - input.discountAmount, 2);
  }
  return { quantity, unitAmount, gross, lineAmount };
}

/** The discount on a stored line: Quantity × UnitAmount (to 2 dp) minus LineAmount. */
export function lineDiscount(line: {
  quantity: bigint;
  unitAmount: bigint;
  lineAmount: bigint;
  discountRate?: bigint;
  discountAmount?: bigint;
}): bigint {
  if (!line.discountRate && !line.discountAmount) return 0n;
  return divideRounded(line.quantity * line.unitAmount, SCALE, 2) - line.lineAmount;
}

/** Tax on one line, rounded to 2 dp. */
export function lineTax(lineAmount: bigint, rate: bigint, types: LineAmountTypes): bigint {
  if (types === 'NoTax' || rate === 0n) return 0n;
  if (types === 'Inclusive') return divideRounded(lineAmount * rate, HUNDRED + rate, 2);
  return divideRounded(lineAmount * rate, HUNDRED, 2);
}

export interface LineSums {
  readonly lineAmount: bigint;
  readonly taxAmount: bigint;
  readonly discount?: bigint;
}

/** Sums computed lines into a document's totals. */
export function documentTotals(lines: readonly LineSums[], types: LineAmountTypes): Totals {
  let lineSum = 0n;
  let totalTax = 0n;
  let totalDiscount = 0n;
  for (const line of lines) {
    lineSum += line.lineAmount;
    totalTax += line.taxAmount;
    totalDiscount += line.discount ?? 0n;
  }
  const subTotal = types === 'Inclusive' ? lineSum - totalTax : lineSum;
  return { subTotal, totalTax, total: subTotal + totalTax, totalDiscount };
}
