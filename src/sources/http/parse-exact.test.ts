import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExact } from './parse-exact.js';

describe('parseExact', () => {
  it('keeps 64-bit ids exact when they arrive as JSON numbers', () => {
    const body = parseExact(
      '{"invoices":[{"id": 514810972972521916,"number":12,"total_amount":"81.818"}],"ids":[-9223372036854775808]}',
    );
    expect(body).toEqual({
      invoices: [{ id: '514810972972521916', number: 12, total_amount: '81.818' }],
      ids: ['-9223372036854775808'],
    });
  });

  it('finds a long integer wherever JSON lets a number stand: first, after whitespace, in arrays', () => {
    expect(parseExact('  12345678901234567')).toBe('12345678901234567');
    expect(parseExact('{"id" :\n\t 514810972972521916}')).toEqual({ id: '514810972972521916' });
    expect(parseExact('[1,\r\n-514810972972521916]')).toEqual([1, '-514810972972521916']);
    expect(parseExact('{"id":"514810972972521916","n":123456789012345}')).toEqual({
      id: '514810972972521916',
      n: 123456789012345,
    });
  });

  it('never touches digits inside a string, fractions or exponents', () => {
    const text =
      '{"note":"ref:1234567890123456789, paid","quote":"say \\"x\\": 12345678901234567]","a":0.12345678901234567,"b":1.5e123456789012345678,"c":12345678901234567.5}';
    expect(parseExact(text)).toEqual(JSON.parse(text));
  });

  it('reads any JSON as JSON.parse does, but with integers of 16 or more digits as their text', () => {
    const longText = (v: unknown): unknown =>
      typeof v === 'number' && /^-?\d{16,}$/.test(JSON.stringify(v))
        ? JSON.stringify(v)
        : Array.isArray(v)
          ? v.map(longText)
          : v !== null && typeof v === 'object'
            ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, longText(x)]))
            : v;
    fc.assert(
      fc.property(fc.jsonValue(), fc.array(fc.bigInt()), (value, ids) => {
        const text = `{"value":${JSON.stringify(value)},"ids":[${ids.join(',')}]}`;
        expect(parseExact(text)).toEqual({
          value: longText(JSON.parse(JSON.stringify(value))),
          ids: ids.map((id) => (/^-?\d{16,}$/.test(String(id)) ? String(id) : Number(id))),
        });
      }),
    );
  });
});
