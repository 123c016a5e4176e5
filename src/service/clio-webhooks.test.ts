import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import {
  CLIO_SOURCE as SOURCE,
  clioServiceWorld,
  until,
  type ClioServiceWorld,
} from '../../test/support/clio-service-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { readSourceViews } from '../cli/commands/sources.js';
import { openConnectedSource } from '../sources/source-runtime.js';
import { listWebhooks } from '../store/source-webhooks-repo.js';
import { sealingKey } from '../xero/xero-runtime.js';
import { readServiceHealth } from './service-health.js';
import { keepWebhooks } from './source-webhooks.js';

const DAY = 86_400_000;

describe.each(BACKENDS)('Clio webhooks on %s', (backend) => {
  let world: ClioServiceWorld | undefined;
  afterEach(async () => {
    await world?.stop();
    world = undefined;
    await disposeWorlds();
  });

  it('subscribes with the handshake; refuses forgeries; an edit in Clio reaches Xero by its webhook, with no tick; renews', async () => {
    world = await clioServiceWorld(backend);
    const { w, clio, firm, config, counted, hooks, queue, syncsDone } = world;
    await queue.send('pull-source', { source: SOURCE, full: false });
    await until(async () => (await syncsDone()) >= 1);
    const draft = clio.control.list(firm, 'bills').find((b) => b.state === 'draft')!;
    const xeroIdOf = async (id: unknown) =>
      (
        await w.db.query<{ xero_id: string | null }>(
          `SELECT xero_id FROM links WHERE kind = 'invoice' AND source = $1 AND source_id = $2`,
          [SOURCE, String(id)],
        )
      )[0]?.xero_id ?? null;
    expect(await xeroIdOf(draft.id)).toBeNull(); // a draft bill is not in Xero

    await queue.send('renew-webhooks', { source: SOURCE });
    await until(world.allEnabled);
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

    const before = await syncsDone();
    clio.control.practice(firm).approveBill({ billId: draft.id as number, issuedAt: '2026-03-02' });
    await until(async () => (await syncsDone()) > before);
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
