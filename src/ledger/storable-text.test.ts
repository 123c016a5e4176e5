import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentLabel } from './envelope.js';
import { MAYBE_UNSTORABLE_JSON, unstorableText } from './storable-text.js';
import { exampleInvoice, examplePayment } from './test-support/examples.js';
import { validateDocument } from './validate.js';

const issuesOf = (input: unknown) => {
  const result = validateDocument(input);
  return result.ok ? [] : result.error;
};

describe('text no store can hold', () => {
  it('is refused by the validator, naming the field: NUL anywhere, half a surrogate pair', () => {
    const lines = [
      { ...exampleInvoice.lines[0], description: 'Consult \ud800 room 2' },
      ...exampleInvoice.lines.slice(1),
    ];
    expect(issuesOf({ ...exampleInvoice, reference: 'Ref\u0000', lines })).toEqual([
      expect.objectContaining({ field: 'reference', value: 'Ref\u0000', message: expect.stringMatching(/NUL/) as unknown }), // prettier-ignore
      expect.objectContaining({ field: 'lines[0].description', message: expect.stringMatching(/surrogate/) as unknown }), // prettier-ignore
    ]);
    expect(issuesOf({ ...examplePayment, reference: 'Smile \ud83d\ude00' })).toEqual([]);
  });

  it('gives an id with a control character one message', () => {
    expect(issuesOf({ ...examplePayment, sourceId: 'p\n1' })).toEqual([
      expect.objectContaining({
        field: 'sourceId',
        message: 'must not hold line breaks, tabs or other control characters',
      }),
    ]);
  });

  it('is always flagged by the fast path’s test of the JSON text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        if (unstorableText({ text }).length > 0)
          expect(MAYBE_UNSTORABLE_JSON.test(JSON.stringify({ text }))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
    expect(MAYBE_UNSTORABLE_JSON.test(JSON.stringify({ text: 'plain, "quoted" \\ text' }))).toBe(false); // prettier-ignore
  });
});

describe('documentLabel', () => {
  it('stays on one line and short, whatever the record holds', () => {
    expect(documentLabel({ kind: 'contact', sourceId: 'c\n2', name: 'Nul\u0000' })).toBe(
      'contact Nul\\u0000 (source id c\\n2)',
    );
    expect(documentLabel({ kind: 'contact', sourceId: 'x'.repeat(500) })).toBe(
      `contact ${'x'.repeat(59)}…`,
    );
    expect(documentLabel({ kind: 'contact', sourceId: 'c5', name: '' })).toBe('contact c5');
    expect(documentLabel({ kind: 'credit_note', sourceId: 'n1', number: 'CN-1' })).toBe(
      'credit note CN-1 (source id n1)',
    );
  });
});
