import { describe, expect, it } from 'vitest';
import type { LedgerDocument } from '../ledger/index.js';
import { exampleInvoice } from '../ledger/test-support/examples.js';
import { compare } from './compare.js';
import { renderHtml } from './render-html.js';
import { trendChart } from './trend-chart.js';

const comparison = compare({
  ours: [
    {
      source: 'clinic',
      sourceKind: 'clio',
      document: {
        ...exampleInvoice,
        entity: 'default',
        type: 'sales',
      } as unknown as LedgerDocument,
      hash: 'h',
      deleted: false,
      xeroId: 'x-1',
      xeroNumber: 'INV-1001',
      pushedAt: 1_000,
    },
  ],
  xero: [
    {
      id: 'x-1',
      collection: 'Invoices',
      status: 'AUTHORISED',
      updatedAt: 2_000,
      number: 'INV-<1001>',
      total: '100.00',
    },
  ],
});
const trend = [
  { at: '2026-12-01T06:00:00.000Z', open: 0 },
  { at: '2026-12-02T06:00:00.000Z', open: 3 },
  { at: '2026-12-03T06:00:00.000Z', open: 1 },
];
const reads = { read: {}, incremental: true, byIds: 0, lines: 0 };

describe('the HTML report', () => {
  it('is one self-contained page that prints well, with the trend as an inline chart', () => {
    const html = renderHtml(
      [
        {
          organisation: 'Smith & Co <Sydney>',
          result: { ...comparison, runId: 3, tenantId: 't', reads, open: true },
          trend,
        },
      ],
      new Date('2026-12-03T06:01:00Z'),
    );
    expect(html).not.toMatch(/<script|<link|src=|url\(/i); // nothing fetched, nothing run
    expect(html).toContain('@page{size:A4;margin:15mm}');
    expect(html).toContain('thead{display:table-header-group}'); // headers repeat per page
    expect(html).toContain('Smith &#38; Co &#60;Sydney&#62;');
    expect(html).toContain('Invoice INV-&#60;1001&#62; was edited in Xero');
    expect(html).toContain('<h3>Open differences over time</h3><figure class="trend"><svg');
    expect(html).toContain('Open differences per reconciliation (3 runs; now 1).');
  });

  it('draws one bar per run against the largest count, with the first and last day', () => {
    const svg = trendChart(trend);
    const heights = [...svg.matchAll(/<rect [^>]*height="(\d+)"/g)].map((m) => Number(m[1]));
    expect(heights).toEqual([0, 100, 33]);
    expect(svg).toContain('<title>2026-12-02: 3 open</title>');
    expect(svg).toMatch(/>3<\/text>.*>0<\/text>.*>2026-12-01<\/text>.*>2026-12-03<\/text>/s);
    expect(trendChart(trend.slice(0, 1))).toBe(''); // one run is not a trend
  });
});
