import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import {
  bankTxn,
  journal,
  live,
  mapBankAccounts,
  oneLine,
  transfer,
  VENDOR,
} from './test-support/banking-docs.js';

const ours = (w: SyncWorld) =>
  w.xero('BankTransactions').filter((t) => t.Type === 'SPEND' || t.Type === 'RECEIVE');
const calls = (w: SyncWorld, endpoint: string) =>
  Object.values(w.sandbox.control.stats().byEndpoint[endpoint] ?? {}).reduce((a, b) => a + b, 0);

async function world(backend: (typeof BACKENDS)[number]): Promise<SyncWorld> {
  const w = await newSyncWorld({ backend });
  await mapBankAccounts(w);
  return w;
}

describe.each(BACKENDS)('bank transactions, transfers and journals on %s', (backend) => {
  afterEach(disposeWorlds);

  it('pushes them in one batch per kind, pushes edits, deletes and voids, then costs nothing', async () => {
    const w = await world(backend);
    const receive = bankTxn(2, { type: 'receive', lines: oneLine('80.00', '260') });
    await w.ingest(VENDOR, bankTxn(1), receive, transfer(1), journal(1));
    const dry = await w.sync({ dryRun: true });
    expect(dry.organisations[0]?.planned.writeCalls).toBe(4);
    const first = await w.sync();
    expect(first.organisations[0]?.counts).toMatchObject({ created: 5, rejected: 0 });
    for (const e of ['PUT /BankTransactions', 'PUT /BankTransfers', 'PUT /ManualJournals'])
      expect(calls(w, e)).toBe(1);
    expect(ours(w).map((t) => [t.Type, t.Reference, t.Total])).toEqual([
      ['SPEND', 'Filing fee 1 (BT-1)', 350],
      ['RECEIVE', 'Filing fee 2 (BT-2)', 80],
    ]);
    expect(w.xero('BankTransfers')[0]).toMatchObject({ Amount: 1000, Reference: 'TR-1' });
    expect(w.xero('ManualJournals')[0]).toMatchObject({ Narration: 'Accrue rent 1 (J-1)' });

    await w.ingest(bankTxn(1, { lines: oneLine('360.00') }));
    await w.remove(
      { kind: 'bank_transaction', sourceId: 'BT-2' },
      { kind: 'bank_transfer', sourceId: 'TR-1' },
      { kind: 'journal', sourceId: 'J-1' },
    );
    const second = await w.sync();
    expect(second.organisations[0]?.counts).toMatchObject({ updated: 1, deleted: 2, voided: 1 });
    expect(ours(w).map((t) => [t.Status, t.Total])).toEqual([
      ['AUTHORISED', 360],
      ['DELETED', 80],
    ]);
    expect(w.xero('BankTransfers')[0]?.Status).toBe('DELETED');
    expect(w.xero('ManualJournals')[0]?.Status).toBe('VOIDED');
    expect((await w.sync()).organisations[0]?.counts.writeCalls).toBe(0);
  }, 60_000);

  it('an edit of a transaction reconciled in Xero is a sync error naming what differs, not a write', async () => {
    const w = await world(backend);
    await w.ingest(VENDOR, bankTxn(1));
    await w.sync();
    const [txn] = ours(w);
    // A bookkeeper reconciles the line in Xero.
    await w.api.request({
      tenantId: w.tenantId,
      method: 'POST',
      path: `/BankTransactions/${String(txn!.BankTransactionID)}`,
      body: { IsReconciled: true },
    });
    await w.ingest(bankTxn(1, { lines: oneLine('360.00') }));
    const before = calls(w, 'POST /BankTransactions');
    const report = await w.sync();
    expect(report.organisations[0]?.counts).toMatchObject({ updated: 0, rejected: 1 });
    expect(calls(w, 'POST /BankTransactions')).toBe(before);
    const [error] = await listOpenSyncErrors(w.db);
    expect(error).toMatchObject({ code: 'LB_SYNC_RECONCILED' });
    expect(error?.message).toContain('lines total 350.00 → 360.00');
    expect(ours(w)[0]?.Total).toBe(350);
  }, 60_000);

  it('a batch Xero applied but whose answer was lost is found by Reference / Narration in a read or two per kind, never sent twice', async () => {
    const w = await world(backend);
    const txns = Array.from({ length: 50 }, (_, i) => bankTxn(i + 1));
    const transfers = Array.from({ length: 3 }, (_, i) => transfer(i + 1));
    const journals = Array.from({ length: 3 }, (_, i) => journal(i + 1));
    await w.ingest(VENDOR, ...txns, ...transfers, ...journals);
    // Every banking PUT is applied by Xero and then answered with a 500 (each retry too): the
    // client gives up with the outcome unknown, and the pass looks the batches up.
    w.sandbox.control.setFaults({
      seed: 3,
      rules: ['PUT /BankTransactions', 'PUT /BankTransfers', 'PUT /ManualJournals'].map(
        (endpoint) => ({ kind: 'http500' as const, rate: 1, endpoint, afterWrite: 1 }),
      ),
    });
    const report = await w.sync();
    w.sandbox.control.setFaults(undefined);
    expect(report.organisations[0]?.counts).toMatchObject({ unknown: 56, resolved: 56 });
    // 50 references in `where` pass the query-string cap (reader.ts WHERE_CHARS): two reads.
    expect(calls(w, 'GET /BankTransactions')).toBe(2);
    expect(calls(w, 'GET /BankTransfers')).toBe(1);
    expect(calls(w, 'GET /ManualJournals')).toBe(1);
    const next = await w.sync();
    expect(next.organisations[0]?.counts.writeCalls).toBe(0);
    expect(live(ours(w))).toHaveLength(50);
    expect(live(w.xero('BankTransfers'))).toHaveLength(3);
    expect(live(w.xero('ManualJournals'))).toHaveLength(3);
  }, 60_000);
});
