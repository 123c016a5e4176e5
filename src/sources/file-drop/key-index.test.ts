import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyIndex, MARKER, PENDING, REJECTED, VALID, type KeyState } from './key-index.js';

type Op =
  | { op: 'add'; key: string; state: KeyState }
  | { op: 'state'; key: string }
  | { op: 'setState'; key: string; state: KeyState }
  | { op: 'clear' };

const key = fc.constantFrom('cP-1', 'cP-2', 'iI-1', 'iI-2', 'pX');
const state = fc.constantFrom<KeyState>(VALID, PENDING, MARKER, REJECTED);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('add' as const), key, state }),
  fc.record({ op: fc.constant('state' as const), key }),
  fc.record({ op: fc.constant('setState' as const), key, state }),
  fc.record({ op: fc.constant('clear' as const) }),
);

describe('KeyIndex', () => {
  it('answers as a plain map of key → (first line, state) would, lookups cached or not', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new KeyIndex();
        const model = new Map<string, { line: number; state: KeyState }>();
        ops.forEach((o, line) => {
          if (o.op === 'add') {
            const before = model.get(o.key);
            const first = index.add(o.key, 'invoice', line, o.state);
            if (before) {
              expect(first).toEqual({ firstLine: before.line, was: before.state });
              model.set(o.key, { line: before.line, state: REJECTED });
            } else {
              expect(first).toBeUndefined();
              model.set(o.key, { line, state: o.state });
            }
          } else if (o.op === 'setState') {
            index.setState(o.key, o.state);
            const before = model.get(o.key);
            if (before) model.set(o.key, { ...before, state: o.state });
          } else if (o.op === 'clear') {
            index.clear();
            model.clear();
          }
          for (const k of ['cP-1', 'cP-2', 'iI-1', 'iI-2', 'pX']) {
            expect(index.state(k)).toBe(model.get(k)?.state);
            expect(index.line(k)).toBe(model.get(k)?.line);
          }
        });
        expect(index.size).toBe(model.size);
      }),
    );
  });
});
