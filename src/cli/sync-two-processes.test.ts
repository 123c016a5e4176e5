import { hostname } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/support/backends.js';
import { runCli } from '../../test/support/run-cli.js';
import { invoice, newSyncWorld, payment, processEnv } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { lockOrganisation } from '../store/organisation-lock.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
const later = { updatedAt: '2026-12-01T00:00:00Z' };

describe.runIf(postgresUrl)('`sync --once` in two processes on one PostgreSQL store', () => {
  afterEach(disposeWorlds);

  it('started together over payment edits and deletions, they leave Xero as one would, with no false error', async () => {
    // 150 ms a call keeps the first pass busy for seconds, so the second starts while it runs.
    const w = await newSyncWorld({ backend: 'postgres', sandbox: { latencyMs: 150 } });
    await w.ingest(
      exampleContact,
      ...range(30).map((n) => invoice(n)),
      ...range(30).map((n) => payment(n, n)),
    );
    await w.sync();
    await w.ingest(...range(16).map((n) => payment(n, n, { amount: '40.00', ...later })));
    await w.remove(
      ...range(8).map((n) => ({ kind: 'payment' as const, sourceId: `pay-${n + 16}` })),
    );

    const before = w.writeCalls();
    const env = processEnv(w);
    const [a, b] = await Promise.all([
      runCli(['sync', '--once', '--json'], { env }),
      runCli(['sync', '--once', '--json'], { env }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    // One waited for the other and said so, then found nothing left to do.
    expect(`${a.stderr}${b.stderr}`).toMatch(
      /Waiting for the sync of Harbour Physio Pty Ltd held by pid \d+ on .+ since \d\d:\d\d:\d\d/,
    );
    const writes = [a, b].map(
      (r) =>
        (JSON.parse(r.stdout) as { organisations: { counts: { writeCalls: number } }[] })
          .organisations[0]!.counts.writeCalls,
    );
    expect(writes.sort((x, y) => x - y)).toEqual([0, w.writeCalls() - before]);
    // 16 edited payments deleted and created again, 8 deleted: 24 deletes and one batch.
    expect(w.writeCalls() - before).toBe(25);
    const live = w.xero('Payments').filter((p) => p.Status !== 'DELETED');
    expect(live.map((p) => p.Reference).sort()).toEqual(
      [...range(16), ...range(6).map((n) => n + 24)].map((n) => `pay-${n}`).sort(),
    );
    for (const p of live)
      expect(p.Amount).toBe(Number(String(p.Reference).slice(4)) <= 16 ? 40 : 50);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  }, 120_000);

  it('--no-wait exits 75 naming the process that holds the organisation', async () => {
    const w = await newSyncWorld({ backend: 'postgres' });
    await w.ingest(exampleContact, invoice(1));
    const held = await lockOrganisation(w.db, w.tenantId, { purpose: 'sync', wait: false });
    expect(held.held).toBe(true);
    try {
      const r = await runCli(['sync', '--once', '--no-wait'], { env: processEnv(w) });
      expect(r.code).toBe(75);
      expect(r.stdout).toContain('Harbour Physio Pty Ltd: busy');
      expect(r.stdout).toContain(`held by pid ${process.pid} on ${hostname()} since`);
      expect(r.stderr).toMatch(
        /Left out Harbour Physio Pty Ltd: another process is syncing it .*\[LB_SYNC_BUSY\]/,
      );
      expect(w.xero('Invoices')).toHaveLength(0);
    } finally {
      if (held.held) await held.lock.release();
    }
    const r = await runCli(['sync', '--once', '--no-wait'], { env: processEnv(w) });
    expect(r.code, r.stderr).toBe(0);
    expect(w.xero('Invoices')).toHaveLength(1);
  }, 60_000);
});
