import { describe, expect, it } from 'vitest';
import { validateDocument } from './validate.js';

const move = (extra: Record<string, unknown>) => ({
  kind: 'trust_movement',
  source: 'firm',
  sourceId: 'TR-1',
  updatedAt: '2026-11-04T10:00:00Z',
  type: 'receipt',
  contactId: 'CL-1',
  matter: '1042',
  date: '2026-11-04',
  amount: '100.00',
  currency: 'AUD',
  ...extra,
});

const issues = (extra: Record<string, unknown>) => {
  const r = validateDocument(move(extra));
  return r.ok ? [] : r.error.map((e) => [e.field, e.message]);
};

describe('trust movements', () => {
  it('are accepted with what their type needs', () => {
    expect(issues({})).toEqual([]);
    expect(issues({ type: 'to_office', invoiceId: 'INV-1' })).toEqual([]);
    expect(issues({ type: 'matter_transfer', toMatter: '1043' })).toEqual([]);
    expect(issues({ type: 'matter_transfer', toContactId: 'CL-2', toMatter: '1042' })).toEqual([]);
  });

  it('are refused naming the field: no amount, no invoice, no destination, fields of another type', () => {
    expect(issues({ amount: '0.00' })).toEqual([['amount', 'must be greater than zero']]);
    expect(issues({ type: 'to_office' })).toEqual([
      ['invoiceId', 'is required on a to_office movement: it names the invoice the money pays'],
    ]);
    expect(issues({ type: 'matter_transfer' })).toEqual([
      [
        'toMatter',
        'is required on a matter_transfer movement: it names the matter the money moves to',
      ],
    ]);
    expect(issues({ type: 'matter_transfer', toMatter: '1042' })).toEqual([
      ['toMatter', 'is the same client and matter the money comes from: a transfer moves it between two'], // prettier-ignore
    ]);
    expect(issues({ invoiceId: 'INV-1', toMatter: '9' })).toEqual([
      ['invoiceId', 'belongs only on a to_office movement, not a receipt'],
      ['toMatter', 'belongs only on a matter_transfer movement, not a receipt'],
    ]);
    expect(issues({ matter: ' ' })).toEqual([['matter', 'must not be empty']]);
  });
});
