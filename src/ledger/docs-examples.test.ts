import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleInvoice } from './test-support/examples.js';
import { formatIssue, isDeletionMarker, validateDeletion, validateDocument } from './validate.js';

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'ledger-format.md'), 'utf8');
const examples = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map(
  (m) => JSON.parse(m[1]!) as unknown,
);

describe('docs/ledger-format.md', () => {
  it('has an example of every kind and a deletion marker', () => {
    const kinds = examples.map((e) =>
      isDeletionMarker(e) ? 'deletion' : (e as { kind: string }).kind,
    );
    expect(kinds).toEqual([
      'contact',
      'invoice',
      'credit_note',
      'payment',
      'bank_transaction',
      'bank_transfer',
      'journal',
      'trust_movement',
      'overpayment',
      'refund',
      'write_off',
      'payout',
      'deletion',
    ]);
  });

  it.each(examples.map((e, i) => [i, e]))('example %i is valid', (_i, example) => {
    const result = isDeletionMarker(example)
      ? validateDeletion(example)
      : validateDocument(example);
    expect(result.ok ? 'valid' : result.error).toBe('valid');
  });

  it('shows the error line the validator really prints', () => {
    const bad = {
      ...exampleInvoice,
      lines: [{ ...exampleInvoice.lines[0], unitAmount: '1.23456' }],
    };
    const result = validateDocument(bad);
    if (result.ok) throw new Error('expected a failure');
    const line = formatIssue(result.error[0]!);
    expect(doc).toContain(line);
  });
});
