import { describe, expect, it } from 'vitest';
import {
  exampleContact,
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from '../ledger/test-support/examples.js';
import { validateDocument, type LedgerDocument } from '../ledger/index.js';
import type { MappingRow } from '../store/mappings-repo.js';
import { makeMappingContext } from './mapping-context.js';
import { mappingNeeds } from './mapping-needs.js';
import { resolveStoredNeeds, toStoredNeeds } from './stored-needs.js';
import { auSettings, mappingRow } from './test-support/au-settings.js';
import { bankTxn, journal, oneLine, transfer } from './test-support/banking-docs.js';
import { parseTrackingPair } from './tracking-mapping.js';

const doc = (input: unknown): LedgerDocument => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.document;
};
const row = mappingRow;
const settings = auSettings({
  trackingCategories: [
    {
      name: 'Region',
      status: 'ACTIVE',
      options: [
        { name: 'North', status: 'ACTIVE' },
        { name: 'South', status: 'ARCHIVED' },
      ],
    },
    { name: 'Practitioner', status: 'ACTIVE', options: [{ name: 'Dr Okafor', status: 'ACTIVE' }] },
  ],
});
const tracked = (option: string, n: number) =>
  doc({
    ...exampleInvoice,
    sourceId: `inv-${n}`,
    number: `INV-${n}`,
    lines: exampleInvoice.lines.map((l, i) =>
      i === 0 ? { ...l, tracking: [{ category: 'Practitioner', option }] } : l,
    ),
  });
const needsOf = (docs: LedgerDocument[], rows: MappingRow[] = []) =>
  mappingNeeds(docs, 'clinic', makeMappingContext(rows, 'clinic', settings));

describe('every mapping the documents need, at once', () => {
  it('with nothing mapped lists every need once, with how many documents need it', () => {
    const docs = [
      doc(exampleContact),
      tracked('Dr Lee', 1),
      tracked('Dr Lee', 2),
      tracked('Dr Okafor', 3),
      doc(exampleCreditNote),
      doc(examplePayment),
      doc({ ...examplePayment, sourceId: 'PAY-10', method: 'eft' }),
    ];
    const needs = needsOf(docs);
    expect(needs.map((n) => [n.type, n.key, n.documents, n.status])).toEqual([
      ['line_kind_account', 'other', 1, 'missing'],
      ['line_kind_account', 'product', 3, 'missing'],
      ['line_kind_account', 'time', 3, 'missing'],
      ['tax_code', 'GST', 4, 'missing'],
      ['tracking', 'Practitioner=Dr Lee', 2, 'missing'],
      // Xero has this option already: used as is, nothing to map.
      ['tracking', 'Practitioner=Dr Okafor', 1, 'mapped'],
      ['payment_method_account', 'card', 1, 'missing'],
      ['payment_method_account', 'eft', 1, 'missing'],
    ]);
    const time = needs.find((n) => n.key === 'time')!;
    expect(time.categories).toEqual(['Initial consult']);
    expect(time.fix).toContain('ledgerbridge map line-kind time ACCOUNT_CODE');
    const lee = needs.find((n) => n.key === 'Practitioner=Dr Lee')!;
    expect(lee.message).toBe('No Xero tracking option is mapped for Practitioner "Dr Lee"');
    expect(lee.fix).toContain('ledgerbridge map tracking "Practitioner=Dr Lee" "CATEGORY=OPTION"');
  });

  it('once mapped: values, invalid targets, categories, bill tax codes and the rounding account', () => {
    const bill = doc({
      ...exampleInvoice,
      sourceId: 'bill-1',
      type: 'bill',
      lines: [{ ...exampleInvoice.lines[1], accountCode: '399' }],
      total: '24.69',
    });
    const rounded = doc({
      ...exampleInvoice,
      sourceId: 'inv-r',
      lineAmountType: 'exclusive',
      // Xero rounds each line's tax (0.005 → 0.01, three times): 0.18 against the PMS's 0.17.
      lines: [1, 2, 3].map(() => ({
        ...exampleInvoice.lines[1],
        unitAmount: '0.05',
        quantity: '1',
      })),
      total: '0.17',
    });
    const needs = needsOf(
      [tracked('Dr Lee', 1), tracked('Mr Poe', 2), bill, rounded],
      [
        row('category_account', 'Initial consult', '201'),
        row('line_kind_account', 'product', '200'),
        row('tax_code', 'GST', 'OUTPUT'),
        row('tracking', 'Practitioner=Dr Lee', 'Region=north'),
        row('tracking', 'Practitioner=Mr Poe', 'Region=South'),
      ],
    );
    expect(needs.map((n) => [n.type, n.key, n.documents, n.status, n.value])).toEqual([
      ['line_kind_account', 'product', 3, 'mapped', '200'],
      ['category_account', 'Initial consult', 2, 'mapped', '201'],
      ['line_account', '399', 1, 'invalid', undefined],
      // A bill's GST falls back to the sales mapping: shown under its own key.
      ['tax_code', 'bill:GST', 1, 'mapped', 'OUTPUT'],
      ['tax_code', 'GST', 3, 'mapped', 'OUTPUT'],
      ['tracking', 'Practitioner=Dr Lee', 1, 'mapped', 'Region=North'],
      ['tracking', 'Practitioner=Mr Poe', 1, 'invalid', undefined],
      ['rounding_account', '*', 1, 'mapped', '860'],
    ]);
    expect(needs.find((n) => n.key === 'Practitioner=Mr Poe')?.message).toContain(
      'is not an active tracking option in Xero',
    );
  });

  it('a stored summary reads back as counted, resolved against the mappings as they are now', () => {
    const docs = [tracked('Dr Lee', 1), tracked('Dr Okafor', 2), doc(examplePayment)];
    const counted = needsOf(docs);
    const stored = toStoredNeeds(counted);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    expect(stored.every((n) => !('status' in n) && !('value' in n))).toBe(true);
    const now = (rows: MappingRow[]) =>
      resolveStoredNeeds(stored, 'clinic', makeMappingContext(rows, 'clinic', settings));
    expect(now([])).toEqual(counted);
    // Mapped since the count: each shows mapped at once, as a count made now would show it.
    const rows = [
      row('line_kind_account', 'time', '200'),
      row('tax_code', 'GST', 'OUTPUT'),
      row('tracking', 'Practitioner=Dr Lee', 'Region=North'),
    ];
    expect(now(rows)).toEqual(needsOf(docs, rows));
    expect(now(rows).map((n) => [n.key, n.status])).toEqual([
      ['product', 'missing'],
      ['time', 'mapped'],
      ['GST', 'mapped'],
      ['Practitioner=Dr Lee', 'mapped'],
      ['Practitioner=Dr Okafor', 'mapped'],
      ['card', 'missing'],
    ]);
  });

  it('bank transactions, transfers and journals: bank accounts by name, lines as plan-banking maps them', () => {
    const banking = [
      { ...bankTxn(1), lines: oneLine('10.00', '399') },
      transfer(1),
      {
        ...journal(1),
        lines: [
          { category: 'rent', amount: '5.00' },
          { accountCode: '200', amount: '-5.00' },
        ],
      },
    ].map((d) => doc({ ...d, source: 'clinic' }));
    const needs = mappingNeeds(
      banking,
      'clinic',
      makeMappingContext(
        [row('bank_account', 'operating', '090'), row('bank_account', 'savings', '200')],
        'clinic',
        settings,
      ),
    );
    expect(needs.map((n) => [n.type, n.key, n.documents, n.status])).toEqual([
      ['line_kind_account', 'other', 1, 'missing'],
      ['line_account', '200', 1, 'mapped'],
      ['line_account', '399', 1, 'invalid'],
      ['bank_account', 'operating', 2, 'mapped'],
      ['bank_account', 'savings', 1, 'invalid'],
    ]);
  });

  it('reads tracking pairs as CATEGORY=OPTION, the first "=" separating', () => {
    expect(parseTrackingPair('Practitioner=Dr Lee')).toEqual({
      category: 'Practitioner',
      option: 'Dr Lee',
    });
    expect(parseTrackingPair('Band = A=B')).toEqual({ category: 'Band', option: 'A=B' });
    expect(parseTrackingPair('Region/North')).toBeUndefined();
    expect(parseTrackingPair('=North')).toBeUndefined();
    expect(parseTrackingPair('Region=')).toBeUndefined();
  });
});
