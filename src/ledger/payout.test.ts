import { describe, expect, it } from 'vitest';
import { validateDocument } from './validate.js';

const payout = {
  kind: 'payout',
  source: 'firm',
  sourceId: 'PO-5',
  updatedAt: '2026-11-09T10:00:00Z',
  method: 'stripe',
  date: '2026-11-09',
  gross: '234.69',
  fees: '7.04',
  net: '227.65',
  currency: 'AUD',
  bankAccount: 'operating',
};

describe('payout', () => {
  it('is valid when gross − fees = net to the cent, and refused otherwise, naming the sum', () => {
    expect(validateDocument(payout).ok).toBe(true);
    expect(validateDocument({ ...payout, fees: '0.00', net: '234.69' }).ok).toBe(true);
    const off = validateDocument({ ...payout, net: '227.66' });
    expect(off.ok ? [] : off.error.map((e) => [e.field, e.message])).toEqual([
      ['net', 'must equal gross − fees (234.69 − 7.04 = 227.65) to the cent'],
    ]);
    const negative = validateDocument({ ...payout, fees: '-1.00', net: '235.69' });
    expect(negative.ok ? [] : negative.error.map((e) => e.field)).toEqual(['fees']);
  });
});
