import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld, processEnv, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { listAudit } from '../store/audit-repo.js';

const root = join(import.meta.dirname, '..', '..');
const invoices = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ...exampleInvoice,
    sourceId: `inv-${i + 1}`,
    number: `INV-${i + 1}`,
  }));
const payments = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    ...examplePayment,
    sourceId: `pay-${i + 1}`,
    invoiceId: `inv-${i + 1}`,
    amount: '34.69',
  }));
const live = (rows: Record<string, unknown>[]) =>
  rows.filter((r) => r.Status !== 'DELETED' && r.Status !== 'VOIDED');

function expectNoDuplicates(w: SyncWorld, invoiceCount: number, paymentCount: number): void {
  const numbers = live(w.xero('Invoices')).map((i) => i.InvoiceNumber);
  expect(numbers).toHaveLength(invoiceCount);
  expect(new Set(numbers).size).toBe(invoiceCount);
  expect(live(w.xero('Payments'))).toHaveLength(paymentCount);
  expect(w.xero('Contacts')).toHaveLength(1);
  for (const i of live(w.xero('Invoices')))
    expect(i).toMatchObject({ Total: 134.69, AmountPaid: 34.69, AmountDue: 100 });
}

describe.each(BACKENDS)('exactly once on %s', (backend) => {
  afterEach(disposeWorlds);

  it('with faults on every write — before and after Xero applied it — nothing is duplicated or lost', async () => {
    const w = await newSyncWorld({ backend });
    w.sandbox.control.setFaults({
      seed: 11,
      rules: [
        { kind: 'http500', rate: 0.2, endpoint: 'PUT /*', afterWrite: 0.6 },
        { kind: 'drop', rate: 0.2, endpoint: 'PUT /*', afterWrite: 0.6 },
        { kind: 'timeout', rate: 0.1, endpoint: 'PUT /*', afterWrite: 0.6, holdMs: 4_000 },
      ],
    });
    await w.ingest(exampleContact, ...invoices(60), ...payments(60));
    // Retries are few and short in this world, so some pushes end "outcome unknown"; each run
    // first looks those up, so keep running until nothing is left to do.
    for (let i = 0; i < 6; i++) await w.sync();
    w.sandbox.control.setFaults(undefined);
    await w.sync();
    const stats = w.sandbox.control.stats();
    expect(stats.appliedThenFailed).toBeGreaterThan(0);
    expectNoDuplicates(w, 60, 60);
    const last = await w.sync();
    expect(last.organisations[0]?.counts.writeCalls).toBe(0);
  }, 180_000);

  // PostgreSQL only: the killed process and this one share the store.
  if (backend === 'postgres')
    it('a sync killed after Xero applied its batch is resolved by lookup, not sent again', async () => {
      const w = await newSyncWorld({ backend });
      await w.ingest(exampleContact, ...invoices(5));
      w.sandbox.control.setFaults({
        seed: 5,
        rules: [
          { kind: 'timeout', rate: 1, endpoint: 'PUT /Invoices', afterWrite: 1, holdMs: 120_000 },
        ],
      });
      const env = { ...process.env, ...processEnv(w) };
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(root, 'src/cli/entry.ts'), 'sync', '--once'],
        { cwd: root, env, stdio: 'ignore' },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      for (let i = 0; w.xero('Invoices').length < 5; i++) {
        if (i > 600) throw new Error('the child never pushed its batch');
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL'); // between Xero applying the batch and the child recording it
      await exited;
      w.sandbox.control.setFaults(undefined);
      const [intent] = await w.db.query<{ state: string }>(
        "SELECT state FROM intents WHERE operation = 'create-invoices'",
      );
      expect(intent?.state).toBe('pending');

      const report = await w.sync();
      expect(report.organisations[0]?.counts).toMatchObject({ resolved: 5, created: 0 });
      // The first PUT is still held by the fault (so it is not counted as answered); a second one,
      // with faults now off, would be counted: there is none.
      expect(w.sandbox.control.stats().byEndpoint['PUT /Invoices']).toBeUndefined();
      expect(w.sandbox.control.stats().faults.timeout).toBe(1);
      expect(live(w.xero('Invoices'))).toHaveLength(5);
      expect((await listAudit(w.db)).filter((a) => a.action === 'resolve-intent')).toHaveLength(5);
    }, 120_000);
});
