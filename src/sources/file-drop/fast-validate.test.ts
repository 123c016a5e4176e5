import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerJsonSchemas } from '../../ledger/json-schema.js';
import {
  contentHash,
  formatUnits,
  linesSubtotalUnits,
  validateDocument,
  type Line,
} from '../../ledger/index.js';
import { fastValidate } from './fast-validate.js';

type Json = Record<string, unknown>;
const defaults = { source: 'clinic' };

// Canonical records: every value already in the form the validator writes back.
const usual = <T>(...values: T[]) => fc.constantFrom(...values);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const line = fc.record(
  {
    kind: usual('time', 'product', 'interest', 'disbursement'),
    description: usual('Consult', 'Theraband'),
    quantity: usual('1', '2', '1.5', '0.25'),
    unitAmount: usual('95.00', '12.3456', '7.2727', '0.10', '12.345'),
    discountRate: maybe(usual('10', '12.5')),
    discountAmount: maybe(usual('5.00', '0.10')),
    taxCode: maybe(usual('GST', 'GST_FREE')),
    taxAmount: maybe(usual('8.64')),
    accountCode: maybe(usual('200')),
    category: maybe(usual('Initial consultation')),
    id: maybe(usual('L-1')),
    tracking: maybe(
      fc.array(fc.record({ category: usual('Practitioner'), option: usual('Dr Lee') }), {
        maxLength: 2,
      }),
    ),
  },
  { requiredKeys: ['kind', 'description', 'quantity', 'unitAmount'] },
);

const envelope = {
  sourceId: usual('INV-1', 'P 1'),
  updatedAt: usual('2026-11-02T10:00:00Z', '2026-11-02T10:00:00+11:00', '2026-11-02T10:00:00.1Z'),
  createdAt: maybe(usual('2026-11-01T08:00:00Z')),
  source: maybe(usual('clinic')),
  entity: maybe(usual('office', 'trust')),
};

/** Totals as a PMS states them: what the lines come to (with a zero tax total). */
function withTotals(record: Json): Json {
  const total = formatUnits(linesSubtotalUnits(record.lines as Line[]), 2);
  return { ...record, total, taxTotal: '0.00' };
}

const billed = {
  ...envelope,
  contactId: usual('P-1'),
  issueDate: usual('2026-11-02', '2028-02-29'),
  currency: usual('AUD', 'NZD'),
  lineAmountType: maybe(usual('inclusive', 'exclusive', 'no_tax')),
  lines: fc.array(line, { minLength: 1, maxLength: 3 }),
  number: maybe(usual('INV-1001')),
  reference: maybe(usual('Appointment 9')),
  type: maybe(usual('sales', 'bill')),
};

const canonical = {
  invoice: fc
    .record({
      kind: fc.constant('invoice'),
      status: usual('paid', 'awaiting_payment', 'void'),
      dueDate: maybe(usual('2026-11-16')),
      ...billed,
    })
    .map(withTotals),
  credit_note: fc
    .record({
      kind: fc.constant('credit_note'),
      status: usual('authorised', 'draft'),
      allocations: maybe(
        fc.array(
          fc.record({
            invoiceId: usual('INV-1'),
            amount: usual('0.01'),
            date: usual('2026-11-03'),
          }),
          { maxLength: 2 },
        ),
      ),
      ...billed,
    })
    .map(withTotals),
  payment: fc.record({
    kind: fc.constant('payment'),
    status: maybe(usual('active', 'deleted')),
    invoiceId: usual('INV-1'),
    method: usual('card', ' eft '),
    date: usual('2026-11-03'),
    amount: usual('95.00', '0.01'),
    currency: usual('AUD'),
    reference: maybe(usual('Receipt 1')),
    ...envelope,
  }),
};

/**
 * One field changed to something else: valid but not canonical (which the validator rewrites),
 * or invalid, or a type the format does not take. Exactly one change, so the rest of the record
 * is fast-path material and any wrong acceptance shows.
 */
const ANY = [null, 1, true, [], {}, '', ' x', 'x'.repeat(300)];
const DECIMAL = ['95', '95.0', '95.000', '-5.00', '+5.00', '095.00', 95, '1.005', '1e2', ' 95.00'];
const COMMON: [string, unknown[]][] = [
  ['sourceId', [' padded', 'a\nb', 'x'.repeat(256)]],
  [
    'updatedAt',
    ['2026-11-02T10:00Z', '2026-11-02T10:00:00+1100', '2026-02-30T10:00:00Z', '2026-11-02'],
  ],
  ['createdAt', ['yesterday']],
  ['source', ['Clinic', 'other']],
  ['entity', ['Office', '-x']],
  ['sourceUrl', ['https://pms.example/1']],
  ['ammount', ['1.00']],
];
const BILLED: [string, unknown[]][] = [
  ['contactId', ['', ' P']],
  ['issueDate', ['2026-02-30', '2026-1-2', '2026-11-02T00:00:00Z']],
  ['currency', ['aud', 'AUDD', 'XYZ']],
  ['lineAmountType', ['gross', 'Inclusive']],
  ['type', ['purchase']],
  ['status', ['authorised', 'paid', 'Paid']],
  ['total', DECIMAL],
  ['taxTotal', DECIMAL],
  ['number', ['x'.repeat(256)]],
  ['lines', [[]]],
  ['lines.0', [null, 'line']],
  ['lines.0.kind', ['bogus']],
  ['lines.0.description', ['  Consult  ', '', ' ']],
  ['lines.0.quantity', ['1.0', '01', '3.00001', '1.50', 1]],
  ['lines.0.unitAmount', ['12.3400', '95', '95.0', '1.23456', '-1.00', 12.5]],
  ['lines.0.discountRate', ['10.0', '12.50', '0.125', '-1', '101']],
  ['lines.0.discountAmount', ['5.0', '-1.00', '1000000.00', 5]],
  ['lines.0.taxAmount', DECIMAL],
  ['lines.0.accountCode', ['12345678901']],
  [
    'lines.0.tracking',
    [[{ category: ' Practitioner ', option: 'Dr Lee' }], [{ category: 'A' }], [1, 2, 3]],
  ],
  ['lines.0.colour', ['red']],
];
const ALTERNATES: Record<string, [string, unknown[]][]> = {
  invoice: [...COMMON, ...BILLED, ['dueDate', ['2026-11-31']], ['allocations', [[]]]],
  credit_note: [
    ...COMMON,
    ...BILLED,
    ['allocations', [[{ invoiceId: 'INV-1', amount: '0.010', date: '2026-11-03' }], ['a']]],
    ['dueDate', ['2026-11-16']],
  ],
  payment: [
    ...COMMON,
    ['status', ['void', 'Active']],
    ['invoiceId', ['']],
    ['method', ['', '   ']],
    ['date', ['2026-02-30']],
    ['amount', [...DECIMAL, '0.00']],
    ['currency', ['A1D', 'XYZ']],
    ['reference', ['x'.repeat(256)]],
  ],
};

function setPath(record: Json, path: string, value: unknown): Json {
  const copy = structuredClone(record);
  const keys = path.split('.');
  let at: Json = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as Json;
  at[keys.at(-1)!] = value;
  return copy;
}

const varied = fc.oneof(
  ...(['invoice', 'credit_note', 'payment'] as const).map((kind) =>
    fc
      .tuple(
        canonical[kind] as fc.Arbitrary<Json>,
        fc.option(fc.constantFrom(...ALTERNATES[kind]!), { freq: 4 }),
        fc.nat(),
      )
      .map(([record, change, n]) => {
        if (!change) return record;
        const options = [...change[1], ...ANY];
        return setPath(record, change[0], options[n % options.length]);
      }),
  ),
);

describe('fastValidate', () => {
  it('returns what validateDocument returns — the same document and hash — or leaves it to it', () => {
    let fast = 0;
    fc.assert(
      fc.property(varied, (record) => {
        const quick = fastValidate(record, defaults);
        if (quick === undefined) return;
        fast++;
        const slow = validateDocument(record, defaults);
        expect(slow.ok ? 'valid' : slow.error).toBe('valid');
        if (!slow.ok) return;
        expect(quick.document).toEqual(slow.value.document);
        expect(quick.hash).toBe(slow.value.hash);
        expect(quick.hash).toBe(contentHash(quick.document));
        expect(JSON.parse(quick.json)).toEqual(JSON.parse(JSON.stringify(slow.value.document)));
      }),
      { numRuns: 4_000 },
    );
    expect(fast).toBeGreaterThan(500); // ~750 of 4,000: canonical records take the fast path
  });

  it('takes canonical records, and leaves contacts and anything unusual to the validator', () => {
    const inv = {
      kind: 'invoice',
      sourceId: 'INV-1',
      updatedAt: '2026-11-02T10:00:00+11:00',
      status: 'paid',
      contactId: 'P-1',
      issueDate: '2026-11-02',
      currency: 'AUD',
      lines: [{ kind: 'time', description: 'Consult', quantity: '1.5', unitAmount: '12.3456' }],
      total: '18.52',
      taxTotal: '0.00',
    };
    expect(fastValidate(inv, defaults)?.document).toMatchObject({
      source: 'clinic',
      entity: 'default',
      type: 'sales',
      lineAmountType: 'exclusive',
      updatedAt: '2026-11-01T23:00:00.000Z',
    });
    expect(fastValidate({ ...inv, total: '18.5' }, defaults)).toBeUndefined();
    expect(fastValidate({ ...inv, total: '99.00' }, defaults)).toBeUndefined(); // total ≠ lines
    expect(fastValidate({ ...inv, source: 'clinic' })).toBeDefined();
    expect(fastValidate(inv)).toBeUndefined(); // no source anywhere: the validator says so
    const contact = { kind: 'contact', sourceId: 'P-1', updatedAt: inv.updatedAt, name: 'A' };
    expect(fastValidate(contact, defaults)).toBeUndefined();
  });

  it('was written against this ledger format (review fast-validate.ts when this fingerprint changes)', () => {
    const fingerprint = createHash('sha256')
      .update(JSON.stringify(ledgerJsonSchemas()))
      .digest('hex');
    expect(
      fingerprint,
      'The ledger schema changed: check fast-validate.ts and fast-fields.ts still accept only what validateDocument accepts, then update this fingerprint.',
    ).toBe('659845081a91884a34c8c088d85b0628077bdd43820721bc8dc8ba46b1fd5a78');
  });
});
