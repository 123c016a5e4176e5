import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyTable } from './key-table.js';

type Op = { op: 'set'; key: string; value: number } | { op: 'get'; key: string } | { op: 'clear' };

// Few distinct keys, so sets overwrite and gets hit; Latin-1 and wider characters, and the empty key.
const key = fc.oneof(
  fc.constantFrom('', 'c', 'cP-1', 'cP-10', 'iI-1', 'iÉ-1', 'i€-1', 'n😀', 'pX'),
  fc.string({ maxLength: 6 }),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('set' as const), key, value: fc.nat() }),
  fc.record({ op: fc.constant('get' as const), key }),
  fc.record({ op: fc.constant('clear' as const) }),
);

describe('KeyTable', () => {
  it('answers as a Map would, whatever the keys and the order of operations', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const table = new KeyTable();
        const model = new Map<string, number>();
        for (const o of ops) {
          if (o.op === 'set') {
            table.set(o.key, o.value);
            model.set(o.key, o.value);
          } else if (o.op === 'clear') {
            table.clear();
            model.clear();
          }
          const k = o.op === 'clear' ? '' : o.key;
          expect(table.get(k)).toBe(model.get(k));
          expect(table.has(k)).toBe(model.has(k));
          expect(table.size).toBe(model.size);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('keeps 200,000 keys through its growth, each with its own value', () => {
    const table = new KeyTable();
    const keyOf = (n: number) => (n % 3 === 0 ? `i${n}` : n % 3 === 1 ? `cP-${n}` : `pé${n}`);
    for (let n = 0; n < 200_000; n++) table.set(keyOf(n), n * 4 + (n % 4));
    expect(table.size).toBe(200_000);
    for (let n = 0; n < 200_000; n += 7) expect(table.get(keyOf(n))).toBe(n * 4 + (n % 4));
    expect(table.get('i200000')).toBeUndefined();
    // Prefixes and extensions of stored keys are other keys.
    expect(table.get('i3')).toBe(15);
    expect(table.get('i')).toBeUndefined();
    expect(table.get('i30')).toBe(120 + 2);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.get('i3')).toBeUndefined();
  });
});
