import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { recordLockHolder } from '../store/organisation-locks-repo.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const later = { updatedAt: '2026-12-01T00:00:00Z' };

/** Live Xero payments by Reference: each PMS payment must have exactly one. */
function livePayments(w: SyncWorld): Map<string, Record<string, unknown>[]> {
  const byReference = new Map<string, Record<string, unknown>[]>();
  for (const p of w.xero('Payments').filter((p) => p.Status !== 'DELETED'))
    byReference.set(String(p.Reference), [...(byReference.get(String(p.Reference)) ?? []), p]);
  return byReference;
}

/** 20 invoices with a payment each, synced; then 12 payments edited, 6 deleted, 2 added. */
async function historyOfEdits(w: SyncWorld): Promise<void> {
  await w.ingest(
    exampleContact,
    ...range(20).map((n) => invoice(n)),
    ...range(20).map((n) => payment(n, n)),
  );
  await w.sync();
  await w.ingest(
    ...range(12).map((n) => payment(n, n, { amount: '40.00', ...later })),
    payment(21, 1, later),
    payment(22, 2, later),
  );
  await w.remove(...range(6).map((n) => ({ kind: 'payment' as const, sourceId: `pay-${n + 12}` })));
}

describe.each(BACKENDS)('two sync passes at once on %s', (backend) => {
  afterEach(disposeWorlds);

  it('leave Xero exactly as one pass would: one payment per PMS payment, no false error', async () => {
    const w = await newSyncWorld({ backend });
    await historyOfEdits(w);
    const [a, b] = await Promise.all([w.sync(), w.sync()]);
    const payments = livePayments(w);
    const expected = [...range(12), 19, 20, 21, 22].map((n) => `pay-${n}`);
    expect([...payments.keys()].sort()).toEqual(expected.sort());
    for (const [reference, live] of payments) {
      expect(live, reference).toHaveLength(1);
      const n = Number(reference.slice(4));
      expect(live[0]!.Amount, reference).toBe(n <= 12 ? 40 : 50);
    }
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    // The pass that waited found the other's work done and wrote nothing.
    const writes = [a, b].map((r) => r.organisations[0]!.counts.writeCalls);
    expect(Math.min(...writes)).toBe(0);
    const before = w.writeCalls();
    await w.sync();
    expect(w.writeCalls()).toBe(before);
    const reported = await w.db.query(
      "SELECT 1 FROM audit_log WHERE action = 'xero-payment-reported'",
    );
    expect(reported).toEqual([]);
  });

  it('under --no-wait, an organisation held by another pass is left out as busy, naming the holder', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1));
    const held = await w.db.tryLock(`organisation:${w.tenantId}`);
    await recordLockHolder(w.db, w.tenantId, { pid: 4121, host: 'host-a', purpose: 'sync' });
    const waits: string[] = [];
    const report = await w.sync({
      wait: false,
      onWait: (name) => waits.push(name),
    });
    expect(report.organisations[0]).toMatchObject({
      status: 'busy',
      error: {
        code: 'LB_SYNC_BUSY',
        message: expect.stringMatching(
          /held by pid 4121 on host-a since \d\d:\d\d:\d\d$/,
        ) as unknown,
      },
    });
    expect(w.xero('Invoices')).toHaveLength(0);
    // Waiting, it says once what it waits for, and runs when the holder lets go.
    const waiting = w.sync({ lockPollMs: 20, onWait: (name) => waits.push(name) });
    await new Promise((r) => setTimeout(r, 100));
    expect(w.xero('Invoices')).toHaveLength(0);
    await held!.release();
    expect((await waiting).organisations[0]?.status).toBe('succeeded');
    expect(waits).toEqual([w.organisations[0]!.name]);
    expect(w.xero('Invoices')).toHaveLength(1);
  });
});
