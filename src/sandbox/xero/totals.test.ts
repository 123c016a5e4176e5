import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALE, divideRounded, formatUnits, toUnits } from '../../ledger/decimal.js';
import { computeLine, documentTotals, lineTax } from './totals.js';

const u = (text: string): bigint => toUnits(text);
const f = (units: bigint): string => formatUnits(units, 2);

describe('line and document totals (reference §7 "Rounding")', () => {
  it("Xero's own example: 25.06, 25.61, 25.63 at 15% is 11.44 by line, 11.45 by total", () => {
    const lines = ['25.06', '25.61', '25.63'].map((a) =>
      computeLine({ unitAmount: u(a), rate: u('15') }, 'Exclusive'),
    );
    const totals = documentTotals(lines, 'Exclusive');
    expect(f(totals.totalTax)).toBe('11.44');
    expect(f(divideRounded(totals.subTotal * u('15'), 100n * SCALE, 2))).toBe('11.45');
  });

  it('rounds half away from zero, for credits too', () => {
    expect(f(lineTax(u('0.05'), u('10'), 'Exclusive'))).toBe('0.01');
    expect(f(lineTax(u('-0.05'), u('10'), 'Exclusive'))).toBe('-0.01');
    expect(f(lineTax(u('115'), u('15'), 'Inclusive'))).toBe('15.00');
  });

  it('discount rate and discount amount', () => {
    expect(
      f(
        computeLine(
          { quantity: u('3'), unitAmount: u('19.99'), discountRate: u('12.5'), rate: 0n },
          'NoTax',
        ).lineAmount,
      ),
    ).toBe('52.47');
    expect(
      f(
        computeLine(
          { quantity: u('2'), unitAmount: u('10'), discountAmount: u('1.5'), rate: 0n },
          'NoTax',
        ).lineAmount,
      ),
    ).toBe('18.50');
  });

  it('a LineAmount alone gives the unit amount', () => {
    const line = computeLine(
      { lineAmount: u('150'), quantity: u('4'), rate: u('10') },
      'Exclusive',
    );
    expect(formatUnits(line.unitAmount, 4)).toBe('37.5000');
    expect(f(line.taxAmount)).toBe('15.00');
  });

  it('property: Exclusive Total = Σ LineAmount + Σ per-line tax; Inclusive Total = Σ LineAmount', () => {
    const cents = fc.integer({ min: -1_000_000, max: 10_000_000 }).map((c) => BigInt(c) * 100n);
    const rate = fc.constantFrom('0', '5', '8.875', '10', '15', '20').map(u);
    fc.assert(
      fc.property(fc.array(cents, { minLength: 1, maxLength: 20 }), rate, (amounts, r) => {
        for (const types of ['Exclusive', 'Inclusive'] as const) {
          const lines = amounts.map((a) => computeLine({ unitAmount: a, rate: r }, types));
          const totals = documentTotals(lines, types);
          const lineSum = amounts.reduce((s, a) => s + a, 0n);
          const taxSum = lines.reduce((s, l) => s + l.taxAmount, 0n);
          expect(totals.total).toBe(types === 'Exclusive' ? lineSum + taxSum : lineSum);
          expect(totals.subTotal + totals.totalTax).toBe(totals.total);
          expect(lines.every((l) => l.taxAmount % 100n === 0n)).toBe(true);
        }
      }),
    );
  });
});
