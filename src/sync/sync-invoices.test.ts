import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { listAudit } from '../store/audit-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { parseXeroDate } from '../xero/xero-dates.js';

const byNumber = (w: SyncWorld, number: string) =>
  w.xero('Invoices').find((i) => i.InvoiceNumber === number);

describe.each(BACKENDS)('invoices on %s', (backend) => {
  afterEach(disposeWorlds);

  it('pushes only the statuses asked for; drafts go as DRAFT when allowed; void bills never pushed', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(
      exampleContact,
      invoice(1),
      invoice(2, { status: 'draft' }),
      invoice(3, { status: 'void' }),
      invoice(4, { status: 'paid' }),
    );
    await w.sync();
    expect(
      w
        .xero('Invoices')
        .map((i) => i.InvoiceNumber)
        .sort(),
    ).toEqual(['INV-1', 'INV-4']);
    await w.setting('pushStatuses', ['draft', 'awaiting_payment', 'paid']);
    const plan = await w.sync({ dryRun: true });
    // The earlier decision about the draft stands until a resync re-applies settings to it.
    expect(plan.plan).toEqual({ detail: [], more: 0 });
    expect(plan.organisations[0]?.planned).toEqual({ operations: {}, writeCalls: 0 });
    await w.db.query("DELETE FROM links WHERE xero_id IS NULL AND source_id = 'inv-2'");
    await w.sync();
    expect(byNumber(w, 'INV-2')).toMatchObject({ Status: 'DRAFT' });
    expect(byNumber(w, 'INV-3')).toBeUndefined();
  });

  it('keeps to the issue-date range and the "created after" cut-off', async () => {
    const w = await newSyncWorld({ backend });
    await w.setting('issueDateFrom', '2026-11-01');
    await w.setting('createdAfter', '2026-10-15');
    await w.ingest(
      exampleContact,
      invoice(1),
      invoice(2, { issueDate: '2026-10-20', dueDate: '2026-11-20' }),
      invoice(3, { createdAt: '2026-10-01T00:00:00Z' }),
    );
    const report = await w.sync();
    expect(w.xero('Invoices').map((i) => i.InvoiceNumber)).toEqual(['INV-1']);
    expect(report.organisations[0]?.counts.skipped).toBe(2);
  });

  it('re-pushes an edit; after a payment it takes the safe path and re-applies the payment', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), payment(1, 1));
    await w.sync();
    expect(byNumber(w, 'INV-1')).toMatchObject({ AmountPaid: 50, AmountDue: 84.69 });
    const edited = invoice(1, {
      updatedAt: '2026-11-10T00:00:00Z',
      lines: [{ ...exampleInvoice.lines[0], unitAmount: '120.00' }, exampleInvoice.lines[1]],
      total: '144.69',
    });
    await w.ingest(edited);
    const report = await w.sync();
    expect(report.organisations[0]?.status).toBe('succeeded');
    expect(byNumber(w, 'INV-1')).toMatchObject({
      Total: 144.69,
      AmountPaid: 50,
      AmountDue: 94.69,
      Status: 'AUTHORISED',
    });
    expect(w.xero('Payments').filter((p) => p.Status !== 'DELETED')).toHaveLength(1);
    expect((await listAudit(w.db)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['unapply-for-change', 'update-invoice', 'create-payment']),
    );
  });

  it('voids in Xero a bill voided after it was pushed, taking its payment off first', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), payment(1, 1));
    await w.sync();
    await w.ingest(invoice(1, { status: 'void', updatedAt: '2026-11-12T00:00:00Z' }));
    await w.sync();
    expect(byNumber(w, 'INV-1')).toMatchObject({ Status: 'VOIDED' });
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const again = await w.sync();
    expect(again.organisations[0]?.counts.writeCalls).toBe(0);
  });

  it('makes Xero’s total equal the PMS total to the cent with a rounding line', async () => {
    const w = await newSyncWorld({ backend });
    const lines = ['25.06', '25.61', '25.63'].map((u) => ({
      kind: 'time',
      description: 'visit',
      quantity: '1',
      unitAmount: u,
      taxCode: 'GST',
    }));
    // The PMS taxed the total: 76.30 × 10 % = 7.63; Xero taxes each line: 2.51 + 2.56 + 2.56 = 7.63. Make it differ:
    await w.ingest(
      exampleContact,
      invoice(1, { lineAmountType: 'exclusive', lines, total: '83.94', taxTotal: '7.64' }),
    );
    await w.sync();
    expect(byNumber(w, 'INV-1')).toMatchObject({ Total: 83.94 });
    expect(
      (byNumber(w, 'INV-1')?.LineItems as { Description: string }[]).map((l) => l.Description),
    ).toContain('Rounding');
  });

  it('reports a number clash with Xero’s words and the fix, and a locked period with its date', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), invoice(2, { number: 'INV-1' }));
    w.sandbox.control.setLockDates(w.tenantId, { periodLockDate: '2026-10-31' });
    await w.ingest(invoice(3, { issueDate: '2026-10-15', dueDate: '2026-11-15' }));
    await w.sync();
    const errors = await listOpenSyncErrors(w.db);
    expect(errors.find((e) => e.sourceId === 'inv-2')).toMatchObject({
      code: 'LB_XERO_NUMBER_TAKEN',
      xeroMessage: 'Invoice # must be unique.',
    });
    expect(errors.find((e) => e.sourceId === 'inv-3')).toMatchObject({
      code: 'LB_SYNC_PERIOD_LOCKED',
      message: expect.stringContaining('lock date 2026-10-31') as unknown,
    });
    await w.setting('moveLockedToFirstOpenDate', true);
    await w.sync();
    expect(parseXeroDate(byNumber(w, 'INV-3')?.Date)).toBe('2026-11-01');
    expect((await listOpenSyncErrors(w.db)).map((e) => e.sourceId)).toEqual(['inv-2']);
  });
});
