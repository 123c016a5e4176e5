import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { signWebhook } from '../sandbox/xero/index.js';
import { passRequests } from '../sync/idle/pass-mark.js';
import { xeroWebhookRoutes, type WebhookOutcome } from './xero-webhook-routes.js';

const KEY = 'xero-webhooks-key-for-tests-0123456789';

describe.each(BACKENDS)('Xero webhooks in, on %s', (backend) => {
  let queue: JobQueue | undefined;
  let server: ServerType | undefined;
  afterEach(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
    await queue?.stop();
    queue = undefined;
    await disposeWorlds();
  });

  it('passes the intent-to-receive check, queues one sync for a burst, refuses and counts forgeries', async () => {
    const w = await newSyncWorld({ backend });
    queue = await openJobQueue({
      db: w.db,
      ...(w.fresh.url && { databaseUrl: w.fresh.url }),
      schedules: false,
    });
    const counted: WebhookOutcome[] = [];
    const app = xeroWebhookRoutes({
      db: w.db,
      queue,
      key: KEY,
      log: makeLogger({}, 'silent'),
      onDelivery: (_source, outcome) => counted.push(outcome),
    });
    const port = await new Promise<number>((resolve) => {
      server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (a: AddressInfo) =>
        resolve(a.port),
      );
    });
    const url = `http://127.0.0.1:${port}/webhooks/xero`;

    // The sandbox signs two checks correctly and two not, as Xero does.
    const status = await w.sandbox.control.configureWebhook({ url, key: KEY });
    const checks = status.intentChecks;
    expect(checks.map((c) => c.status)).toEqual(checks.map((c) => (c.correctlySigned ? 200 : 401)));
    expect(checks.filter((c) => !c.correctlySigned)).toHaveLength(2);
    expect(status.active).toBe(true);
    expect(counted).toEqual(checks.map((c) => (c.correctlySigned ? 'accepted' : 'refused')));

    const asked = await passRequests(w.db, w.tenantId);
    w.sandbox.control.bookkeeper.createContact(w.tenantId, { Name: 'Burst One' });
    w.sandbox.control.bookkeeper.createContact(w.tenantId, { Name: 'Burst Two' });
    await w.sandbox.control.webhooksIdle();
    expect(counted.filter((o) => o === 'accepted').length).toBeGreaterThan(2);
    // One sync waits for the organisation: another send under its key is dropped.
    const key = { singletonKey: `organisation:${w.tenantId}` };
    expect(await queue.send('sync-organisation', { tenantId: w.tenantId }, key)).toBeNull();
    // And that sync is asked to read Xero's side in full, not to end as quiet (sync/idle/).
    const burst = await passRequests(w.db, w.tenantId);
    expect(burst).not.toBe(asked);

    const body = JSON.stringify({ events: [{ tenantId: w.tenantId }] });
    const forged = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'x-xero-signature': signWebhook('not-the-key', body) },
    });
    expect(forged.status).toBe(401);
    const unsigned = await fetch(url, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    expect(counted.slice(-2)).toEqual(['refused', 'refused']);
    expect(await passRequests(w.db, w.tenantId)).toBe(burst);
  }, 60_000);
});
