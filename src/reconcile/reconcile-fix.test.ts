import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { exampleContact, exampleCreditNote } from '../ledger/test-support/examples.js';
import { getLink } from '../store/links-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { fixDifference } from './fixes.js';
import { reconcile } from './reconcile.js';

type Wire = Record<string, unknown>;

const run = (w: SyncWorld) =>
  reconcile({ db: w.db, api: w.api, clock: w.clock }, { tenantId: w.tenantId });

const invoiceId = (w: SyncWorld, number: string) =>
  String(w.xero('Invoices').find((i) => i.InvoiceNumber === number)!.InvoiceID);

/** Xero's live payments on an invoice, as amount and date. */
const livePayments = (w: SyncWorld, number: string) =>
  w
    .xero('Payments')
    .filter((p) => p.Status !== 'DELETED' && (p.Invoice as Wire).InvoiceID === invoiceId(w, number))
    .map((p) => [p.Amount, p.Reference]);

const allocations = (w: SyncWorld) =>
  (w.xero('CreditNotes')[0]!.Allocations as Wire[]).map((a) => [
    (a.Invoice as Wire).InvoiceNumber,
    a.Amount,
  ]);

const PAY = { source: 'clinic', kind: 'payment' as const, sourceId: 'pay-1' };

/** A synced ledger: INV-1 paid $50.00 (pay-1), credit note CN-0003 applying $15.00 to INV-2. */
async function synced(backend: (typeof BACKENDS)[number]) {
  const w = await newSyncWorld({ backend });
  await w.ingest(
    exampleContact,
    invoice(1),
    invoice(2),
    invoice(3),
    payment(1, 1),
    { ...exampleCreditNote, allocations: [{ invoiceId: 'inv-2', amount: '15.00', date: '2026-11-03' }] }, // prettier-ignore
  );
  await w.sync();
  expect((await run(w)).differences).toEqual([]);
  await new Promise((r) => setTimeout(r, 20)); // the bookkeeper's edits come after our push
  return w;
}

/**
 * Xero cannot edit a payment (reference §8): a bookkeeper changes one by removing it (Remove &
 * Redo) and entering it again, here with its Reference kept, $45.00 and another date.
 */
function reenter(w: SyncWorld, reconciled = false): Wire {
  const ours = w.xero('Payments').find((p) => p.Status !== 'DELETED')!;
  const k = w.sandbox.control.bookkeeper;
  k.deletePayment(w.tenantId, String(ours.PaymentID));
  return k.payInvoice(w.tenantId, invoiceId(w, 'INV-1'), {
    amount: '45.00',
    date: '2026-11-09',
    accountCode: '090',
    reference: String(ours.Reference),
    reconciled,
  });
}

describe.each(BACKENDS)('reconcile fix --repush for what Xero changed, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('puts back a payment and a credit note’s allocation changed in Xero: each listed, fixed by a sync, held once', async () => {
    const w = await synced(backend);
    const reentered = reenter(w);
    const k = w.sandbox.control.bookkeeper;
    const note = w.xero('CreditNotes')[0]!;
    const [made] = note.Allocations as Wire[];
    k.removeAllocation(w.tenantId, String(note.CreditNoteID), String(made!.AllocationID));
    k.allocateCredit(w.tenantId, String(note.CreditNoteID), {
      invoiceId: invoiceId(w, 'INV-3'),
      amount: '15.00',
    });

    const report = await run(w);
    expect(report.differences.map((d) => d.kind).sort()).toEqual([
      'allocation_changed',
      'payment_changed',
    ]);
    const paid = report.differences.find((d) => d.kind === 'payment_changed')!;
    expect(paid.explanation).toMatch(
      /^Our payment on invoice INV-1 was changed in Xero on \d+ \w{3} \d{4} by Sandbox Bookkeeper: amount 50\.00 in the practice system, 45\.00 in Xero; date 2026-11-04 in the practice system, 2026-11-09 in Xero\.$/,
    );
    expect(paid.document.xeroId).toBe(reentered.PaymentID);
    expect(paid.offers).toEqual(['repush', 'accept']);
    expect(paid.fix).toContain(`ledgerbridge reconcile fix ${paid.id} --repush`);
    const applied = report.differences.find((d) => d.kind === 'allocation_changed')!;
    expect(applied.explanation).toBe(
      'Credit note CN-0003 is applied differently in Xero: allocation to invoice INV-2: 15.00 in the practice system, 0.00 in Xero; allocation to invoice INV-3: 0.00 in the practice system, 15.00 in Xero.',
    );
    expect(applied.offers).toEqual(['repush', 'accept']);

    for (const d of [paid, applied]) await fixDifference(w.db, d.id, 'repush');
    // The payment's link now names the payment Xero holds for it: that is the one replaced.
    expect(await getLink(w.db, PAY, w.tenantId)).toMatchObject({
      xeroId: reentered.PaymentID,
      locked: false,
    });
    w.sandbox.control.resetStats();
    await w.sync();
    // Four writes: the payment Xero held deleted and ours created; the bookkeeper's allocation
    // taken back and ours made. Reads beyond the pass's own: the payment by IDs (is it
    // reconciled?) besides the listing of what changed in Xero, and the credit note.
    expect(w.writeCalls()).toBe(4);
    const calls = w.sandbox.control.stats().byEndpoint;
    expect([calls['GET /Payments'], calls['GET /CreditNotes/{id}']]).toEqual([
      { 200: 2 },
      { 200: 1 },
    ]);

    const after = await run(w);
    expect(after.differences).toEqual([]);
    expect(after.open).toBe(false);
    expect(livePayments(w, 'INV-1')).toEqual([[50, 'pay-1']]);
    expect(allocations(w)).toEqual([['INV-2', 15]]);
    expect(w.xero('Invoices').find((i) => i.InvoiceNumber === 'INV-3')!.AmountCredited).toBe(0);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    // A second pass finds nothing more to do: nothing is made twice.
    await w.sync();
    expect(livePayments(w, 'INV-1')).toEqual([[50, 'pay-1']]);
    expect(allocations(w)).toEqual([['INV-2', 15]]);
  });

  it('refuses a payment reconciled in Xero, naming it and what to do there, and changes nothing', async () => {
    const w = await synced(backend);
    reenter(w, true);
    const [paid] = (await run(w)).differences;
    const before = await getLink(w.db, PAY, w.tenantId);
    const refused = await fixDifference(w.db, paid!.id, 'repush').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LedgerbridgeError);
    expect((refused as LedgerbridgeError).code).toBe('LB_RECONCILE_PAYMENT_RECONCILED');
    expect((refused as LedgerbridgeError).message).toBe(
      "The $45.00 payment of 9 Nov 2026 on invoice INV-1 is reconciled in Xero, so Ledgerbridge will not delete it to send the practice system's again; nothing was changed",
    );
    expect((refused as LedgerbridgeError).fix).toMatch(/^In Xero, unreconcile it first/);
    expect(await getLink(w.db, PAY, w.tenantId)).toEqual(before);
  });

  // Without the fix the sync replaces a payment entered again under our Reference by itself (P3,
  // sync/execute/own-payments.ts); with it or without, a reconciled one stays.
  it.each([true, false])(
    'leaves a payment reconciled after the report alone, neither deleted nor entered twice (fix run: %s)',
    async (fixed) => {
      const w = await synced(backend);
      const reentered = reenter(w);
      const [paid] = (await run(w)).differences;
      if (fixed) await fixDifference(w.db, paid!.id, 'repush');
      w.sandbox.control.bookkeeper.reconcilePayment(w.tenantId, String(reentered.PaymentID));
      await w.sync();
      expect(livePayments(w, 'INV-1')).toEqual([[45, 'pay-1']]);
      const [error] = await listOpenSyncErrors(w.db);
      expect(error).toMatchObject({ code: 'LB_SYNC_PAYMENT_RECONCILED', sourceId: 'pay-1' });
      expect(error!.message).toContain('nothing was deleted or created');
    },
  );
});
