import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalDecimal,
  decimalProblem,
  divideRounded,
  formatUnits,
  multiplyUnits,
  normalDecimal,
  roundUnits,
  toUnits,
} from './decimal.js';

describe('decimal', () => {
  it('parses strings and JSON numbers without floats', () => {
    expect(toUnits('110.00')).toBe(1_100_000n);
    expect(toUnits('-0.0001')).toBe(-1n);
    expect(toUnits(0.1)).toBe(1_000n);
    expect(toUnits('81.818')).toBe(818_180n);
  });

  it('reports what is wrong with a value', () => {
    expect(decimalProblem('1.234', 2)).toBe('has more than 2 decimal places');
    expect(decimalProblem('abc', 2)).toMatch(/expected a decimal/);
    expect(decimalProblem(Number.NaN, 2)).toMatch(/expected a decimal/);
    expect(decimalProblem(1e21, 2)).toMatch(/expected a decimal/);
    expect(decimalProblem('1.2300', 2)).toBeUndefined();
    expect(decimalProblem('12345678901234', 2)).toMatch(/larger/);
    // A JSON number past 15 significant digits may have been changed by JSON.parse already.
    expect(JSON.parse('1234567890123.4567')).toBe(1234567890123.4568);
    expect(decimalProblem(JSON.parse('1234567890123.4567'), 4)).toMatch(/written as a string/);
    expect(decimalProblem('1234567890123.4567', 4)).toBeUndefined();
    expect(decimalProblem(JSON.parse('999999999999.99'), 2)).toBeUndefined();
    expect(decimalProblem(JSON.parse('-0.0001'), 4)).toBeUndefined();
  });

  it('reads any JSON number of up to 15 significant digits exactly as written', () => {
    const digits = fc.stringMatching(/^[1-9]\d{0,10}(\.\d{0,3}[1-9])?$/);
    fc.assert(
      fc.property(digits, (text) => {
        fc.pre(text.replace('.', '').length <= 15);
        expect(formatUnits(toUnits(JSON.parse(text) as number), 4)).toBe(
          formatUnits(toUnits(text), 4),
        );
      }),
    );
  });

  it('rounds half away from zero', () => {
    expect(formatUnits(toUnits('2.345'), 2)).toBe('2.35');
    expect(formatUnits(toUnits('-2.345'), 2)).toBe('-2.35');
    expect(formatUnits(toUnits('-0.004'), 2)).toBe('0.00');
    expect(roundUnits(toUnits('2.3449'), 2)).toBe(toUnits('2.34'));
  });

  it('multiplies and divides at full precision', () => {
    // 3 × 33.3333 = 99.9999 → 100.00
    expect(formatUnits(multiplyUnits(toUnits('3'), toUnits('33.3333'), 2), 2)).toBe('100.00');
    // tax inside 115.00 at 15%: 115 × 15 / 115 = 15.00
    expect(formatUnits(divideRounded(toUnits('115') * 15n, 115n, 2), 2)).toBe('15.00');
    expect(formatUnits(divideRounded(toUnits('-10'), 3n, 2), 2)).toBe('-3.33');
  });

  it('canonicalises', () => {
    expect(canonicalDecimal('5.5', 2)).toBe('5.50');
    expect(normalDecimal('12.3400', 2)).toBe('12.34');
    expect(normalDecimal('12.3456', 2)).toBe('12.3456');
    expect(normalDecimal('3', 0)).toBe('3');
    expect(normalDecimal('3.50', 0)).toBe('3.5');
  });

  it('round-trips any 4-place value exactly', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (units) => {
        expect(toUnits(formatUnits(units, 4))).toBe(units);
      }),
    );
  });

  it('parses exactly on both sides of the 11-digit fast path, with 0 to 4 places written', () => {
    expect(toUnits('99999999999.9999')).toBe(999_999_999_999_999n);
    expect(toUnits('999999999999.9999')).toBe(9_999_999_999_999_999n);
    expect(toUnits('9999999999999.9999')).toBe(99_999_999_999_999_999n);
    expect(toUnits('-00000000007.5')).toBe(-75_000n);
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }),
        fc.integer({ min: 0, max: 4 }),
        (units, dp) => {
          const text = formatUnits(units, dp);
          const [whole, fraction = ''] = text.replace('-', '').split('.');
          const naive = BigInt(whole!) * 10_000n + BigInt(fraction.padEnd(4, '0'));
          expect(toUnits(text)).toBe(text.startsWith('-') ? -naive : naive);
        },
      ),
    );
  });

  it('reads any short text of digits, dots, signs and spaces as a plain reading of it does', () => {
    const reading = (text: string): bigint | 'refused' => {
      const m = /^([+-])?(\d+)(?:\.(\d+))?$/.exec(text.trim());
      const fraction = (m?.[3] ?? '').replace(/0+$/, '');
      if (!m || fraction.length > 4) return 'refused';
      const units = BigInt(m[2]!) * 10_000n + BigInt(fraction.padEnd(4, '0'));
      return m[1] === '-' ? -units : units;
    };
    const texts = fc.oneof(
      fc.stringMatching(/^[0-9]{1,14}(\.[0-9]{0,6})?$/),
      fc.stringMatching(/^[0-9. +-]{0,18}$/),
    );
    fc.assert(
      fc.property(texts, (text) => {
        const expected = reading(text);
        if (expected === 'refused') expect(() => toUnits(text)).toThrow(RangeError);
        else expect(toUnits(text)).toBe(expected);
      }),
      { numRuns: 3_000 },
    );
  });
});
