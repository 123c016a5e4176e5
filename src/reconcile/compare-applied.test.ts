import { describe, expect, it } from 'vitest';
import type { LedgerDocument } from '../ledger/index.js';
import {
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from '../ledger/test-support/examples.js';
import { compare, totalsDiffer } from './compare.js';
import type { OurDocument, XeroSummary } from './model.js';

const doc = (d: object, xeroId: string, over: Partial<OurDocument> = {}): OurDocument => ({
  source: 'clinic',
  sourceKind: 'cliniko',
  document: { entity: 'default', type: 'sales', ...d } as unknown as LedgerDocument,
  hash: 'h',
  deleted: false,
  xeroId,
  xeroNumber: null,
  pushedAt: 1_000,
  ...over,
});

const inv: XeroSummary = {
  id: 'x-inv',
  collection: 'Invoices',
  status: 'AUTHORISED',
  updatedAt: 500,
  number: 'INV-1001',
  total: '134.69',
};
const pay: XeroSummary = {
  id: 'x-pay',
  collection: 'Payments',
  status: 'AUTHORISED',
  updatedAt: 500,
  invoiceId: 'x-inv',
  amount: '119.69',
  date: '2026-11-04',
};
const cn: XeroSummary = {
  id: 'x-cn',
  collection: 'CreditNotes',
  status: 'AUTHORISED',
  updatedAt: 500,
  number: 'CN-0003',
  total: '20.00',
  allocations: [{ invoiceId: 'x-inv', amount: '15.00', date: '2026-11-03' }],
};
const ours = [
  doc(exampleInvoice, 'x-inv'),
  doc({ ...examplePayment, status: 'active' }, 'x-pay'),
  doc(exampleCreditNote, 'x-cn'),
];
const run = (xero: XeroSummary[]) => compare({ ours, xero });

describe('payments and credit-note allocations compared per invoice (pure)', () => {
  it('agree when amounts and dates match', () => {
    const r = run([inv, pay, cn]);
    expect(r.differences).toEqual([]);
    expect(r.summary.agree.count).toBe(3);
  });

  it('names a payment whose amount or date Xero changed', () => {
    const [d, ...rest] = run([
      inv,
      { ...pay, amount: '100.00', date: '2026-11-09', updatedAt: 2_000 },
      cn,
    ]).differences;
    expect(rest).toEqual([]);
    expect([d!.kind, d!.category, d!.amount]).toEqual([
      'payment_changed',
      'changed_in_xero',
      '19.69',
    ]);
    expect(d!.explanation).toBe(
      'Our payment on invoice INV-1001 was changed in Xero on 1 Jan 1970: amount 119.69 in the practice system, 100.00 in Xero; date 2026-11-04 in the practice system, 2026-11-09 in Xero.',
    );
    expect(d!.fix).toContain(
      `Put Cliniko's payment back with \`ledgerbridge reconcile fix ${d!.id} --repush\``,
    );
    expect(d!.offers).toEqual(['repush', 'accept']);
  });

  it('names a payment removed and entered again in Xero under our Reference as one changed payment', () => {
    // Xero cannot edit a payment (reference §8): Remove & Redo, then entered again.
    const gone = { ...pay, status: 'DELETED', updatedAt: 2_000 };
    const again: XeroSummary = { ...pay, id: 'x-again', amount: '100.00', reference: 'PAY-9', updatedAt: 2_000 }; // prettier-ignore
    const [d, ...rest] = run([inv, gone, again, cn]).differences;
    expect(rest).toEqual([]);
    expect([d!.kind, d!.amount, d!.document.xeroId]).toEqual([
      'payment_changed',
      '19.69',
      'x-again',
    ]);
    expect(d!.explanation).toContain('amount 119.69 in the practice system, 100.00 in Xero');
    // Entered again as it was: nothing differs.
    expect(run([inv, gone, { ...again, amount: '119.69' }, cn]).differences).toEqual([]);
    // Another Reference, or two under ours: not ours to claim — one removed, one added.
    for (const xero of [
      [inv, gone, { ...again, reference: 'bank feed' }, cn],
      [inv, gone, again, { ...again, id: 'x-third' }, cn],
    ])
      expect(
        run(xero)
          .differences.map((x) => x.kind)
          .sort(),
      ).toEqual(
        xero.length === 4
          ? ['payment_added', 'payment_removed']
          : ['payment_added', 'payment_added', 'payment_removed'],
      );
  });

  it('names an allocation moved, removed or re-dated in Xero', () => {
    const other: XeroSummary = { ...inv, id: 'x-other', number: 'XERO-5' };
    const moved = run([
      inv,
      other,
      pay,
      { ...cn, allocations: [{ invoiceId: 'x-other', amount: '15.00', date: '2026-11-03' }] },
    ]).differences.filter((d) => d.kind === 'allocation_changed');
    expect(moved.map((d) => [d.document.number, d.amount, d.explanation])).toEqual([
      [
        'CN-0003',
        '30.00',
        'Credit note CN-0003 is applied differently in Xero: allocation to invoice INV-1001: 15.00 in the practice system, 0.00 in Xero; allocation to invoice XERO-5: 0.00 in the practice system, 15.00 in Xero.',
      ],
    ]);
    const removed = run([inv, pay, { ...cn, allocations: [] }]).differences;
    expect(removed.map((d) => d.amount)).toEqual(['15.00']);
    const redated = run([
      inv,
      pay,
      { ...cn, allocations: [{ invoiceId: 'x-inv', amount: '15.00', date: '2026-11-20' }] },
    ]).differences;
    expect(redated[0]!.explanation).toContain(
      'allocation to invoice INV-1001: dated 2026-11-03 in the practice system, 2026-11-20 in Xero',
    );
  });

  it('asks for lines only where totals differ, and names the line that differs', () => {
    expect(totalsDiffer(ours, [inv, pay, cn])).toEqual([]);
    const edited = { ...inv, total: '150.00', updatedAt: 2_000 };
    expect(totalsDiffer(ours, [edited, pay, cn])).toEqual(['x-inv']);
    const lines = new Map([
      [
        'x-inv',
        [
          {
            description: 'Initial consultation',
            quantity: '1',
            unitAmount: '125.31',
            lineAmount: '125.31',
          },
          { description: 'Theraband', quantity: '2', unitAmount: '12.3456', lineAmount: '24.69' },
        ],
      ],
    ]);
    const [d] = compare({ ours, xero: [edited, pay, cn], lines }).differences;
    expect(d!.explanation).toContain(
      'total 134.69 in the practice system, 150.00 in Xero; line 1 (Initial consultation): unit amount 110.00 in the practice system, 125.31 in Xero',
    );
  });
});
