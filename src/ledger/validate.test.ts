import { describe, expect, it } from 'vitest';
import {
  exampleContact,
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from './test-support/examples.js';
import { isDeletionMarker, validateDeletion, validateDocument } from './validate.js';

const valid = (input: unknown, defaults = {}) => {
  const result = validateDocument(input, defaults);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
};
const issues = (input: unknown) => {
  const result = validateDocument(input);
  if (result.ok) throw new Error('expected issues');
  return result.error;
};

describe('validateDocument', () => {
  it('accepts every example and fills defaults', () => {
    for (const example of [exampleContact, exampleInvoice, exampleCreditNote, examplePayment]) {
      const { document, hash } = valid(example);
      expect(document.entity).toBe('default');
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('normalises decimals and timestamps', () => {
    const { document } = valid(exampleInvoice);
    if (document.kind !== 'invoice') throw new Error('kind');
    expect(document.lines[1]!.quantity).toBe('2');
    expect(document.lines[1]!.unitAmount).toBe('12.3456');
    expect(document.lineAmountType).toBe('inclusive');
    expect(valid(exampleContact).document.updatedAt).toBe('2026-11-01T22:30:00.000Z');
  });

  it('names the document, the field and the value', () => {
    const bad = {
      ...exampleInvoice,
      lines: [{ ...exampleInvoice.lines[0], unitAmount: '1.23456' }],
    };
    expect(issues(bad)).toEqual([
      {
        document: 'invoice INV-1001 (source id INV-ID-77)',
        field: 'lines[0].unitAmount',
        value: '1.23456',
        message: expect.stringMatching(/decimal|4 decimal places/) as unknown,
      },
    ]);
  });

  it('rejects unknown fields rather than dropping them', () => {
    const [issue] = issues({ ...examplePayment, ammount: '5.00' });
    expect(issue).toMatchObject({
      field: 'ammount',
      value: '5.00',
      message: 'is not a field of a payment (the fields are listed in docs/ledger-format.md)',
    });
  });

  it("says what was expected, never zod's own words", () => {
    const { issueDate: _date, ...noDate } = exampleInvoice;
    const texts = [
      ...issues(noDate),
      ...issues({ ...exampleInvoice, total: true }),
      ...issues({ ...exampleInvoice, status: 'authorised' }),
      ...issues({ ...examplePayment, method: 7 }),
    ].map((i) => `${i.field}: ${i.message}`);
    expect(texts).toEqual([
      'issueDate: is required',
      'total: expected a decimal written as text, e.g. "110.00", got true',
      'status: must be one of draft, awaiting_approval, awaiting_payment, paid, void, deleted',
      'method: expected text, got a number',
    ]);
  });

  it('refuses a currency that is not ISO 4217, and a negative total with what to issue instead', () => {
    expect(issues({ ...examplePayment, currency: 'XYZ' })).toMatchObject([
      {
        field: 'currency',
        value: 'XYZ',
        message: 'is not an ISO 4217 currency code (e.g. AUD, NZD, GBP, USD)',
      },
    ]);
    const negative = {
      ...exampleInvoice,
      lineAmountType: 'no_tax',
      taxTotal: undefined,
      total: '-110.00',
      lines: [{ kind: 'time', description: 'Refund', quantity: '1', unitAmount: '-110.00' }],
    };
    expect(issues(negative)).toMatchObject([
      {
        field: 'total',
        value: '-110.00',
        message:
          'is negative, which Xero cannot hold: issue a credit note for the amount instead, with a positive total',
      },
    ]);
  });

  it('rejects an unknown kind, a bad date and a float-looking number', () => {
    expect(issues({ ...examplePayment, kind: 'receipt' })[0]?.field).toBe('kind');
    expect(issues({ ...examplePayment, date: '2026-02-30' })[0]).toMatchObject({
      field: 'date',
      value: '2026-02-30',
    });
    expect(issues({ ...examplePayment, amount: 0.123 })[0]).toMatchObject({
      field: 'amount',
      value: 0.123,
    });
  });

  it('says one thing of a date or time that is not even written as one', () => {
    expect(issues({ ...examplePayment, date: '2026-2-3' })).toEqual([
      expect.objectContaining({ field: 'date', message: 'expected a date written YYYY-MM-DD' }),
    ]);
    expect(issues({ ...examplePayment, updatedAt: 'yesterday' })).toEqual([
      expect.objectContaining({
        field: 'updatedAt',
        message: expect.stringMatching(/^expected an ISO 8601/) as unknown,
      }),
    ]);
  });

  it('checks totals against lines, allocations against totals and payments above zero', () => {
    expect(issues({ ...exampleInvoice, total: '500.00' })[0]).toMatchObject({
      field: 'total',
      message: 'does not match the lines, which come to 134.69',
    });
    expect(
      issues({
        ...exampleCreditNote,
        allocations: [{ invoiceId: 'X', amount: '25.00', date: '2026-11-03' }],
      })[0],
    ).toMatchObject({ field: 'allocations' });
    expect(issues({ ...examplePayment, amount: '0.00' })[0]).toMatchObject({
      field: 'amount',
      message: 'must be greater than zero',
    });
  });

  it('needs a source from the record or the defaults', () => {
    const { source: _s, ...withoutSource } = examplePayment;
    expect(issues(withoutSource)[0]?.field).toBe('source');
    expect(valid(withoutSource, { source: 'firm', entity: 'trust' }).document).toMatchObject({
      source: 'firm',
      entity: 'trust',
    });
  });

  it('keeps the version stable across key order, decimal spelling and updatedAt', () => {
    const a = valid(examplePayment).hash;
    const reordered = Object.fromEntries(
      Object.entries({
        ...examplePayment,
        amount: '119.690',
        updatedAt: '2027-01-01T00:00:00Z',
      }).reverse(),
    );
    expect(valid(reordered).hash).toBe(a);
    expect(valid({ ...examplePayment, amount: '119.70' }).hash).not.toBe(a);
  });
});

describe('deletion markers', () => {
  it('are recognised and validated', () => {
    const marker = { kind: 'invoice', sourceId: 'INV-ID-77', deleted: true };
    expect(isDeletionMarker(marker)).toBe(true);
    expect(isDeletionMarker(exampleInvoice)).toBe(false);
    const result = validateDeletion(marker, { source: 'clinic' });
    expect(result.ok && result.value).toMatchObject({
      source: 'clinic',
      entity: 'default',
      kind: 'invoice',
    });
  });
});
