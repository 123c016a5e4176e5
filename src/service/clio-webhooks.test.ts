import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld, processEnv, ROOMY_LIMITS } from '../../test/support/sync-world.js';
import type { SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { loadConfig, type Config } from '../config/index.js';
import { clioWebhookRoutes } from '../http/clio-webhook-routes.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { startClioEmulator, type ClioEmulator } from '../sandbox/clio/index.js';
import { storeCredentials } from '../sources/credentials.js';
import { connectFirm } from '../sources/clio/test-support.js';
import { openConnectedSource } from '../sources/source-runtime.js';
import { putMapping } from '../store/mappings-repo.js';
import { latestRuns } from '../store/runs-repo.js';
import { listWebhooks } from '../store/source-webhooks-repo.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';
import { sealingKey } from '../xero/xero-runtime.js';
import { readSourceViews } from '../cli/commands/sources.js';
import { readServiceHealth } from './service-health.js';
import { startWorking } from './service-runtime.js';
import { keepWebhooks, webhookUrl } from './source-webhooks.js';

const SOURCE = 'harbour';
const DAY = 86_400_000;

async function until(probe: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(BACKENDS)('Clio webhooks on %s', (backend) => {
  let clio: ClioEmulator | undefined;
  let queue: JobQueue | undefined;
  let server: ServerType | undefined;
  afterEach(async () => {
    await queue?.stop();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await clio?.stop();
    [queue, server, clio] = [undefined, undefined, undefined];
    await disposeWorlds();
  });

  /** A Xero organisation fed by a Clio firm; the webhook route served on a real port. */
  async function world() {
    const w = await newSyncWorld({ backend, ...ROOMY_LIMITS });
    clio = await startClioEmulator({
      rateLimit: { enabled: false },
      firms: [{ name: 'Harbour', region: 'au' }],
    });
    const firm = clio.control.firms()[0]!.id;
    clio.control.seedLawFirm(firm);
    queue = await openJobQueue({
      db: w.db,
      ...(w.fresh.url && { databaseUrl: w.fresh.url }),
      schedules: false,
      pollSeconds: 0.5,
    });
    const counted = { accepted: 0, refused: 0 };
    const log = makeLogger({}, 'silent');
    const app = clioWebhookRoutes({
      db: w.db,
      queue,
      key: sealingKey({ secretKey: processEnv(w).LEDGERBRIDGE_SECRET_KEY! }),
      log,
      onDelivery: (_source, outcome) => counted[outcome]++,
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server!.once('listening', r));
    const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({
      env: { ...processEnv(w), CLIO_BASE_URL: clio.url, LEDGERBRIDGE_PUBLIC_URL: publicUrl },
    });
    await connectSource(w, clio, config);
    await startWorking({ db: w.db, queue, stop: () => Promise.resolve() }, config, log);
    return { w, clio, firm, config, counted, hooks: webhookUrl(publicUrl, 'clio', SOURCE) };
  }

  async function connectSource(w: SyncWorld, c: ClioEmulator, config: Config) {
    await ensureSource(w.db, SOURCE, 'clio');
    const credentials = await connectFirm(c, 'au', c.url);
    await storeCredentials(w.db, sealingKey(config), SOURCE, credentials, {});
    await routeEntity(w.db, SOURCE, 'default', w.tenantId); // a Clio firm is one entity
    for (const [key, value] of [
      ['Clio tax 10%', 'OUTPUT'],
      ['Clio no tax', 'EXEMPTOUTPUT'],
    ] as const)
      await putMapping(w.db, { tenantId: w.tenantId, source: '*', type: 'tax_code', key, value });
  }

  /** Each model's subscription activated by its handshake. */
  const allEnabled = async (w: SyncWorld) => {
    const rows = await listWebhooks(w.db, SOURCE);
    return rows.length === 3 && rows.every((r) => r.status === 'enabled');
  };

  const syncsDone = async (w: SyncWorld) =>
    (await latestRuns(w.db, 100)).filter((r) => r.kind === 'sync' && r.finishedAt !== null).length;

  it('subscribes with the handshake; refuses forgeries; an edit in Clio reaches Xero by its webhook, with no tick; renews', async () => {
    const { w, clio, firm, config, counted, hooks } = await world();
    await queue!.send('pull-source', { source: SOURCE, full: false });
    await until(async () => (await syncsDone(w)) >= 1);
    const draft = clio.control.list(firm, 'bills').find((b) => b.state === 'draft')!;
    const xeroIdOf = async (id: unknown) =>
      (
        await w.db.query<{ xero_id: string | null }>(
          `SELECT xero_id FROM links WHERE kind = 'invoice' AND source = $1 AND source_id = $2`,
          [SOURCE, String(id)],
        )
      )[0]?.xero_id ?? null;
    expect(await xeroIdOf(draft.id)).toBeNull(); // a draft bill is not in Xero

    await queue!.send('renew-webhooks', { source: SOURCE });
    await until(() => allEnabled(w));
    expect((await listWebhooks(w.db, SOURCE)).map((r) => r.model)).toEqual([
      'activity',
      'bill',
      'contact',
    ]);

    const body = JSON.stringify({ data: { id: 1 }, meta: { event: 'updated' } });
    const post = (headers: Record<string, string>) =>
      fetch(hooks, { method: 'POST', headers, body }).then((r) => r.status);
    expect(await post({ 'x-hook-signature': 'ab'.repeat(32) })).toBe(401);
    expect(await post({})).toBe(401);
    expect(await post({ 'x-hook-secret': 'guessed' })).toBe(401);
    expect(counted).toEqual({ accepted: 3, refused: 3 }); // the 3 activations, the 3 forgeries

    const before = await syncsDone(w);
    clio.control.practice(firm).approveBill({ billId: draft.id as number, issuedAt: '2026-03-02' });
    await until(async () => (await syncsDone(w)) > before);
    const xeroId = await xeroIdOf(draft.id);
    const invoice = w.xero('Invoices').find((i) => i.InvoiceID === xeroId);
    expect(invoice?.Status).toBe('AUTHORISED');
    expect(counted.accepted).toBeGreaterThan(3);
    expect(counted.refused).toBe(3);

    // Five days on, each subscription has under three days left: renewed, not created again.
    const opened = await openConnectedSource(config, w.db, SOURCE);
    const expiries = (await listWebhooks(w.db, SOURCE)).map((r) => r.expiresAt!.getTime());
    const kept = await keepWebhooks({
      db: w.db,
      key: sealingKey(config),
      source: SOURCE,
      webhooks: opened!.connection.webhooks!,
      url: hooks,
      now: () => Date.now() + 5 * DAY,
    });
    expect(kept).toEqual({ created: 0, renewed: 3, failed: 0 });
    const renewed = await listWebhooks(w.db, SOURCE);
    renewed.forEach((r, i) => expect(r.expiresAt!.getTime()).toBeGreaterThan(expiries[i]!));
    const [view] = (await readSourceViews(w.db)).filter((v) => v.name === SOURCE);
    expect(view?.webhooks?.map((h) => h.status)).toEqual(['enabled', 'enabled', 'enabled']);

    // Past their expiry they are created again; Clio refusing (a plain-http remote address) is
    // recorded, and `sources` and `status` show it.
    const later = Date.now() + 20 * DAY;
    const refused = await keepWebhooks({
      db: w.db,
      key: sealingKey(config),
      source: SOURCE,
      webhooks: opened!.connection.webhooks!,
      url: 'http://ledgerbridge.example/webhooks/clio/harbour',
      now: () => later,
    });
    expect(refused).toEqual({ created: 0, renewed: 0, failed: 3 });
    const down = (await readServiceHealth(w.db, new Date(later))).webhooksDown;
    expect(down.map((d) => [d.model, d.status])).toEqual([
      ['activity', 'failed'],
      ['bill', 'failed'],
      ['contact', 'failed'],
    ]);
    expect(down[0]!.reason).toContain('https');
  }, 120_000);
});
