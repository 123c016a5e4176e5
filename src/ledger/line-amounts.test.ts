/**
 * Line arithmetic against an independent computation: exact fractions from the decimal text,
 * rounded half away from zero by hand — no shared code with decimal.ts or line-amounts.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exampleInvoice } from './test-support/examples.js';
import { formatUnits } from './decimal.js';
import { lineAmountUnits } from './line-amounts.js';
import { validateDocument } from './validate.js';

/** "12.345" → [12345n, 1000n]. */
function fraction(text: string): [bigint, bigint] {
  const negative = text.startsWith('-');
  const [whole, part = ''] = text.replace(/^[-+]/, '').split('.');
  const n = BigInt(`${whole}${part}`) * (negative ? -1n : 1n);
  return [n, 10n ** BigInt(part.length)];
}

/** n / d in cents, half away from zero, as "-12.35". */
function cents(n: bigint, d: bigint): string {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const c = (an * 100n * 2n + ad) / (2n * ad);
  const text = `${c / 100n}.${(c % 100n).toString().padStart(2, '0')}`;
  return negative && c !== 0n ? `-${text}` : text;
}

/** Σ of n/d fractions, exact. */
function expectedLineAmount(l: {
  quantity: string;
  unitAmount: string;
  discountRate?: string;
  discountAmount?: string;
}): string {
  const [qn, qd] = fraction(l.quantity);
  const [un, ud] = fraction(l.unitAmount);
  if (l.discountRate !== undefined) {
    const [rn, rd] = fraction(l.discountRate);
    // q × u × (100 − r) / 100
    return cents(qn * un * (100n * rd - rn), qd * ud * rd * 100n);
  }
  if (l.discountAmount !== undefined) {
    // Xero takes q × u to 4 dp, then the amount off (spec LineItem.LineAmount)
    const [an, ad] = fraction(l.discountAmount);
    const gross4 = roundTo4(qn * un, qd * ud); // in 1/10,000
    return cents(gross4 * ad - an * 10_000n, 10_000n * ad);
  }
  return cents(qn * un, qd * ud);
}

function roundTo4(n: bigint, d: bigint): bigint {
  const negative = n < 0n !== d < 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * 10_000n * 2n + ad) / (2n * ad);
  return negative ? -q : q;
}

const decimalText = (maxWhole: number, dp: number, min = 0) =>
  fc
    .tuple(fc.integer({ min, max: maxWhole }), fc.integer({ min: 0, max: 10 ** dp - 1 }))
    .map(([w, f]) => (dp === 0 ? `${w}` : `${w}.${f.toString().padStart(dp, '0')}`));

const line = fc.record(
  {
    quantity: fc.oneof(decimalText(50, 0, 1), decimalText(20, 2), decimalText(5, 4)),
    unitAmount: fc.oneof(decimalText(2000, 2), decimalText(500, 4)),
    discount: fc.oneof(
      fc.constant(undefined),
      decimalText(99, 2).map((rate) => ({ discountRate: rate })),
      decimalText(10, 2).map((amount) => ({ discountAmount: amount })),
    ),
  },
  { requiredKeys: ['quantity', 'unitAmount', 'discount'] },
);

describe('line arithmetic', () => {
  it('takes 10 % off as 10 %: 1 × 100.00 less 10 % is 90.00 (was refused as -900.00)', () => {
    expect(
      formatUnits(lineAmountUnits({ quantity: '1', unitAmount: '100.00', discountRate: '10' }), 2),
    ).toBe('90.00');
    const invoice = {
      ...exampleInvoice,
      lineAmountType: 'no_tax',
      taxTotal: undefined,
      total: '90.00',
      lines: [
        {
          kind: 'time',
          description: 'Consult',
          quantity: '1',
          unitAmount: '100.00',
          discountRate: '10',
        },
      ],
    };
    const r = validateDocument(invoice);
    expect(r.ok ? [] : r.error).toEqual([]);
  });

  it('takes a discount amount off quantity × unit amount', () => {
    expect(
      formatUnits(
        lineAmountUnits({ quantity: '2', unitAmount: '63.00', discountAmount: '12.60' }),
        2,
      ),
    ).toBe('113.40');
  });

  it('agrees with exact fractions for rates, amounts, 4-dp prices and decimal quantities', () => {
    fc.assert(
      fc.property(line, ({ quantity, unitAmount, discount }) => {
        const l = { quantity, unitAmount, ...discount };
        expect(formatUnits(lineAmountUnits(l), 2)).toBe(expectedLineAmount(l));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses a rate over 100, a discount larger than the line, and both at once, naming the field', () => {
    const base = { kind: 'time', description: 'Consult', quantity: '1', unitAmount: '100.00' };
    const issues = (l: object) => {
      const r = validateDocument({
        ...exampleInvoice,
        lineAmountType: 'no_tax',
        taxTotal: undefined,
        total: '0.00',
        lines: [{ ...base, ...l }],
      });
      return r.ok ? [] : r.error.map((i) => `${i.field}: ${i.message}`);
    };
    expect(issues({ discountRate: '120' })).toContain(
      'lines[0].discountRate: must be between 0 and 100 (a percentage)',
    );
    expect(issues({ discountAmount: '150.00' })).toContain(
      "lines[0].discountAmount: must be between 0 and the line's quantity × unit amount (100.00)",
    );
    expect(issues({ discountRate: '100', discountAmount: '1.00' })).toContain(
      'lines[0].discountAmount: cannot be given with discountRate: state the discount one way',
    );
  });
});
