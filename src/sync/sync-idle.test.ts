import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { SOURCE, invoice, newSyncWorld, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { syncOrganisationJob } from '../service/sync-job.js';
import { listAudit } from '../store/audit-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';
import { requestWorkingPass } from './idle/pass-mark.js';
import type { SyncReport } from './run-sync.js';

const live = (rows: Record<string, unknown>[]) => rows.filter((p) => p.Status !== 'DELETED');

/** Xero calls (reads, writes) made by `pass`, counted by the sandbox. */
async function callsOf(w: SyncWorld, pass: () => Promise<unknown>) {
  const count = () => {
    const byEndpoint = Object.entries(w.sandbox.control.stats().byEndpoint).filter(
      ([endpoint]) => !endpoint.includes('/connect'),
    );
    const sum = (write: boolean) =>
      byEndpoint
        .filter(([endpoint]) => !endpoint.startsWith('GET ') === write)
        .reduce((n, [, byStatus]) => n + Object.values(byStatus).reduce((a, b) => a + b, 0), 0);
    return { reads: sum(false), writes: sum(true) };
  };
  const before = count();
  await pass();
  const after = count();
  return { reads: after.reads - before.reads, writes: after.writes - before.writes };
}

const quietly = (w: SyncWorld, deps: { xeroWebhooks?: boolean } = {}) =>
  w.sync({ quiet: true }, deps);

describe.each(BACKENDS)('an idle organisation, on %s', (backend) => {
  afterEach(disposeWorlds);

  async function syncedWorld() {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, exampleInvoice, { ...examplePayment, amount: '50.00' });
    await w.sync();
    return w;
  }

  it('a pass with nothing changed makes no write and one read, and reads no settings', async () => {
    const w = await syncedWorld();
    for (let i = 0; i < 3; i++) {
      let report: SyncReport | undefined;
      const calls = await callsOf(w, async () => (report = await quietly(w)));
      expect(report?.organisations[0]).toMatchObject({ status: 'succeeded', quiet: true });
      expect(calls).toEqual({ reads: 1, writes: 0 });
    }
    // Without `quiet` (the CLI's sync, the daily re-check) the pass does the whole work.
    const full = await callsOf(w, () => w.sync());
    expect(full.writes).toBe(0);
    expect(full.reads).toBeGreaterThan(1);
  });

  it('the service’s sync job: quiet without the full flag, and no chart read to re-validate mappings', async () => {
    const w = await syncedWorld();
    const deps = {
      db: w.db,
      api: w.api,
      settings: makeSettingsCache(w.api, w.clock), // a fresh worker: nothing cached
      clock: w.clock,
      batchSize: 50,
    };
    const queue = { send: () => Promise.resolve(null) } as unknown as JobQueue;
    const run = syncOrganisationJob(queue, () => Promise.resolve(deps), makeLogger({}, 'silent'));
    const job = (full: boolean) => ({
      id: 'j',
      name: 'sync-organisation' as const,
      data: { tenantId: w.tenantId, full },
    });
    expect(await callsOf(w, () => run(job(false)))).toEqual({ reads: 1, writes: 0 });
    const daily = await callsOf(w, () => run(job(true)));
    expect(daily.writes).toBe(0);
    expect(daily.reads).toBeGreaterThanOrEqual(5); // the settings, then Xero's side in full
  });

  it('a payment entered in Xero, and one of ours deleted there, are taken in by the next pass', async () => {
    const w = await syncedWorld();
    const [ours] = w.xero('Payments');
    const invoiceId = String(w.xero('Invoices')[0]!.InvoiceID);
    w.sandbox.control.bookkeeper.deletePayment(w.tenantId, String(ours!.PaymentID));
    w.sandbox.control.bookkeeper.payInvoice(w.tenantId, invoiceId, {
      amount: '10.00',
      accountCode: '090',
    });
    // If-Modified-Since goes to Xero in whole seconds: a change in the second the pass begins is
    // read again by the next pass, which then is not quiet.
    await new Promise((r) => setTimeout(r, 1_100));
    const report = await quietly(w);
    expect(report.organisations[0]?.quiet).toBeUndefined();
    expect(
      live(w.xero('Payments'))
        .map((p) => p.Amount)
        .sort(),
    ).toEqual([10, 50]);
    const actions = (await listAudit(w.db)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(['xero-payment-deleted-restored', 'xero-payment-reported']),
    );
    // Our payment put back is ours, and the bookkeeper's is recorded: quiet again.
    expect(await callsOf(w, () => quietly(w))).toEqual({ reads: 1, writes: 0 });
  });

  it('a contact edited in Xero: noticed by the pass that reads contacts, or at once after a Xero webhook', async () => {
    const w = await syncedWorld();
    const contactId = String(w.xero('Contacts')[0]!.ContactID);
    await new Promise((r) => setTimeout(r, 20));
    w.sandbox.control.bookkeeper.updateContact(w.tenantId, contactId, {
      EmailAddress: 'alex@bookkeeper.example',
    });
    // Without webhooks the quiet passes read Payments and Contacts in turn.
    expect((await quietly(w)).organisations[0]?.quiet).toBe(true);
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();
    expect(await listOpenSyncErrors(w.db)).toMatchObject([{ code: 'LB_SYNC_XERO_EDIT' }]);

    await new Promise((r) => setTimeout(r, 20));
    w.sandbox.control.bookkeeper.updateContact(w.tenantId, contactId, { TaxNumber: '12345678901' });
    const hooked = { xeroWebhooks: true };
    expect((await quietly(w, hooked)).organisations[0]?.quiet).toBe(true); // reads Payments only
    await requestWorkingPass(w.db, w.tenantId); // what a Xero CONTACT webhook does
    expect((await quietly(w, hooked)).organisations[0]?.quiet).toBeUndefined();
    const [error] = await listOpenSyncErrors(w.db);
    expect(error?.xeroMessage).toContain('TaxNumber: 12345678901');
  });

  it('a document changed in the PMS, a retry and a settings change each call for a working pass', async () => {
    const w = await syncedWorld();
    await w.ingest(invoice(2));
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();
    expect(live(w.xero('Invoices'))).toHaveLength(2);
    expect((await quietly(w)).organisations[0]?.quiet).toBe(true);

    await requestWorkingPass(w.db); // a retry, an unlock, a resync
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();
    expect((await quietly(w)).organisations[0]?.quiet).toBe(true);

    await w.setting('summariseLines', true);
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();

    // A pass over one source speaks for no other: the next scheduled pass does the work.
    expect((await quietly(w)).organisations[0]?.quiet).toBe(true);
    await w.sync({ source: SOURCE });
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();
  });

  it('a document deleted in the PMS is removed from Xero by the next pass', async () => {
    const w = await syncedWorld();
    await w.remove({ kind: 'payment', sourceId: examplePayment.sourceId });
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();
    expect(live(w.xero('Payments'))).toEqual([]);
    expect((await quietly(w)).organisations[0]?.quiet).toBe(true);
  });

  it('a refused document is tried again on every pass until it goes', async () => {
    const w = await syncedWorld();
    const lines = exampleInvoice.lines.map((l) => ({ ...l, taxCode: 'UNMAPPED' }));
    await w.ingest(invoice(3, { lines }));
    await quietly(w);
    expect(await listOpenSyncErrors(w.db)).not.toEqual([]);
    expect((await quietly(w)).organisations[0]?.quiet).toBeUndefined();
  });
});
