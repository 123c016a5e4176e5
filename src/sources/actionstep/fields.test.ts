import { describe, expect, it } from 'vitest';
import { date, mapRecord, text } from './fields.js';

describe('reading Actionstep fields', () => {
  it('takes dates as YYYY-MM-DD or in the 23-May-1987 form of the OpenAPI examples', () => {
    expect(date({ id: 1, d: '2026-11-04' }, 'd')).toBe('2026-11-04');
    expect(date({ id: 1, d: '3-May-1987' }, 'd')).toBe('1987-05-03');
  });

  it('turns a bad value into a rejection naming the record, the field and the value', () => {
    const record = { id: 5001, invoiceDate: '04/11/2026', currency: 7 };
    expect(mapRecord('invoice', 'bill', record, () => date(record, 'invoiceDate'))).toEqual({
      ok: false,
      rejection: {
        kind: 'invoice',
        sourceId: '5001',
        document: 'bill 5001',
        field: 'invoiceDate',
        value: '04/11/2026',
        message: 'expected a date such as 2026-11-04',
      },
    });
    const wrongKind = mapRecord('invoice', 'bill', record, () => text(record, 'currency'));
    expect(wrongKind).toMatchObject({ ok: false, rejection: { field: 'currency', value: 7 } });
  });
});
