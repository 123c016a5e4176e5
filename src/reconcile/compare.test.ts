import { describe, expect, it } from 'vitest';
import { exampleInvoice } from '../ledger/test-support/examples.js';
import type { LedgerDocument } from '../ledger/index.js';
import { compare } from './compare.js';
import type { OurDocument, XeroSummary } from './model.js';
import { renderCsv } from './render-csv.js';

const ours = (over: Partial<OurDocument> = {}): OurDocument => ({
  source: 'clinic',
  sourceKind: 'clio',
  document: { ...exampleInvoice, entity: 'default', type: 'sales' } as unknown as LedgerDocument,
  hash: 'h1',
  deleted: false,
  xeroId: 'x-1',
  xeroNumber: 'INV-1001',
  pushedAt: 1_000,
  ...over,
});

const xero = (over: Partial<XeroSummary> = {}): XeroSummary => ({
  id: 'x-1',
  collection: 'Invoices',
  status: 'AUTHORISED',
  updatedAt: 500,
  number: 'INV-1001',
  total: '134.69',
  ...over,
});

describe('compare (pure)', () => {
  it('an edit Xero did not make since our push is "different", one it made is "changed in Xero"', () => {
    const before = compare({ ours: [ours()], xero: [xero({ total: '100.00' })] });
    expect(before.differences.map((d) => [d.kind, d.category])).toEqual([['edited', 'different']]);
    const after = compare({ ours: [ours()], xero: [xero({ total: '100.00', updatedAt: 2_000 })] });
    const [d] = after.differences;
    expect([d!.category, d!.amount]).toEqual(['changed_in_xero', '34.69']);
    expect(d!.explanation).toContain('total 134.69 in the practice system, 100.00 in Xero');
    expect(d!.fix).toContain('Clio');
  });

  it('an accepted difference is left out until the document changes on either side', () => {
    const x = xero({ status: 'VOIDED', updatedAt: 2_000 });
    const [found] = compare({ ours: [ours()], xero: [x] }).differences;
    const accepted = new Map([[found!.ref, found!.state]]);
    const same = compare({ ours: [ours()], xero: [x], accepted });
    expect(same.summary).toMatchObject({ accepted: 1, changed_in_xero: { count: 0 } });
    const changed = compare({ ours: [ours({ hash: 'h2' })], xero: [x], accepted });
    expect(changed.summary).toMatchObject({ accepted: 0, changed_in_xero: { count: 1 } });
  });

  it('a never-pushed live document is missing in Xero; a never-pushed void one is not compared', () => {
    const missing = compare({ ours: [ours({ xeroId: null, xeroNumber: null })], xero: [] });
    expect(missing.summary.missing_in_xero).toEqual({
      count: 1,
      amount: '134.69',
      share: '100.0%',
    });
    const voided = ours({
      xeroId: null,
      document: { ...ours().document, status: 'void' } as LedgerDocument,
    });
    expect(compare({ ours: [voided], xero: [] }).summary.compared).toBe(0);
  });

  it('CSV quotes commas and quotes, and defuses a leading formula character', () => {
    const c = compare({
      ours: [ours()],
      xero: [xero({ total: '100.00', number: '=HYPERLINK("x")' })],
    });
    const csv = renderCsv([
      {
        organisation: 'Smith, Jones & Co',
        result: {
          ...c,
          runId: 1,
          tenantId: 't',
          reads: { read: {}, incremental: false, byIds: 0, lines: 0 },
          open: true,
        },
        trend: [],
      },
    ]);
    const row = csv.split('\r\n')[1]!;
    expect(row.startsWith('"Smith, Jones & Co",')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
