import { describe, expect, it } from 'vitest';
import { exampleCreditNote } from '../../ledger/test-support/examples.js';
import { validateDocument, type CreditNote } from '../../ledger/index.js';
import { heldAllocations, waitingInvoiceIds } from './plan-allocations.js';
import type { LinkInfo } from './plan-input.js';

const note = (extra: Record<string, unknown> = {}): CreditNote => {
  const r = validateDocument({
    ...exampleCreditNote,
    allocations: [
      { invoiceId: 'INV-ID-77', amount: '15.00', date: '2026-11-03' },
      { invoiceId: 'INV-ID-78', amount: '2.50', date: '2026-11-03' },
      { invoiceId: 'INV-ID-79', amount: '1.00', date: '2026-11-03' },
    ],
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.document as CreditNote;
};
const link = (xeroId: string | null, pushedHash: string | null): LinkInfo => ({
  xeroId,
  pushedHash,
  locked: true,
  state: {},
});
const links = new Map([
  ['INV-ID-77', link('x-77', 'h')], // in Xero
  ['INV-ID-78', link(null, 'h')], // left out on purpose (a draft): its allocation is left out too
]);

describe('a credit note whose allocation waits on its invoice', () => {
  it('waits only on invoices neither in Xero nor left out on purpose', () => {
    expect(waitingInvoiceIds(note(), links)).toEqual(['INV-ID-79']);
    expect(waitingInvoiceIds(note({ status: 'draft' }), links)).toEqual([]);
  });

  it('is refused naming each invoice and amount', () => {
    const held = heldAllocations(
      note(),
      'hash',
      ['INV-ID-77', 'INV-ID-79'],
      new Map([['INV-ID-77', 'invoice INV-1001 (source id INV-ID-77)']]),
    );
    expect(held).toMatchObject({
      op: 'reject',
      kind: 'credit_note',
      code: 'LB_SYNC_BLOCKED',
      label: 'credit note CN-0003 (source id CN-ID-3)',
      message:
        'Its allocations of 15.00 to invoice INV-1001 (source id INV-ID-77), 1.00 to invoice INV-ID-79 wait: those invoices are not in Xero yet',
    });
    expect(heldAllocations(note(), 'hash', [], new Map())).toBeUndefined();
  });
});
