import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import type { Harness } from './test-support.js';
import { FIRM, NUM, STR, api, connect, recordOf, startHarness } from './test-support.js';

interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let h: Harness | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  receiver = undefined;
});

/** A local receiver; it completes the handshake (echoes X-Hook-Secret) when `echo`. */
async function listenForHooks(echo: boolean): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = [];
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      const secret = req.headers['x-hook-secret'];
      if (echo && typeof secret === 'string') res.setHeader('x-hook-secret', secret);
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`, got };
}

describe('Clio emulator: webhooks', () => {
  it('activates by the X-Hook-Secret handshake, then signs each delivery with the shared secret', async () => {
    h = await startHarness();
    const token = await connect(h);
    const { url, got } = await listenForHooks(true);
    const created = await api(
      token,
      'webhooks.json?fields=id,status,shared_secret,model,events,expires_at',
      {
        method: 'POST',
        body: {
          data: { url, model: 'bill', events: ['updated'], fields: 'id,state,total,client{name}' },
        },
      },
    );
    expect(created.status).toBe(201);
    const hook = recordOf(created);
    expect(hook).toMatchObject({
      id: NUM,
      status: 'pending',
      model: 'bill',
      events: ['updated'],
      expires_at: STR,
    });
    await h.emulator.control.webhooksIdle();
    expect(got[0]?.headers['x-hook-secret']).toBe(hook.shared_secret);
    const after = recordOf(await api(token, `webhooks/${String(hook.id)}.json?fields=status`));
    expect(after).toEqual({ status: 'enabled' });
    const draft = h.emulator.control.list(FIRM, 'bills').find((b) => b.state === 'draft')!;
    h.emulator.control
      .practice(FIRM)
      .approveBill({ billId: draft.id as number, issuedAt: '2026-03-01' });
    await h.emulator.control.webhooksIdle();
    const deliveries = got.slice(1);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const d of deliveries) {
      const expected = createHmac('sha256', String(hook.shared_secret))
        .update(d.body)
        .digest('hex');
      expect(d.headers['x-hook-signature']).toBe(expected);
    }
    const last = JSON.parse(deliveries[deliveries.length - 1]!.body) as Record<string, unknown>;
    expect(last).toEqual({
      data: {
        id: draft.id,
        state: 'awaiting_payment',
        total: NUM,
        client: { name: 'Ōtaki Holdings Ltd' },
      },
      meta: { event: 'updated', webhook_id: hook.id },
    });
    expect(h.emulator.control.stats().webhooks.delivered).toBe(deliveries.length);
  });

  it('delivers nothing while pending (no echo) or after expires_at, and a PATCH renews it', async () => {
    const clock = makeManualClock(Date.UTC(2026, 2, 1));
    h = await startHarness({ clock });
    const token = await connect(h);
    const silent = await listenForHooks(false);
    await api(token, 'webhooks.json', {
      method: 'POST',
      body: { data: { url: silent.url, model: 'contact' } },
    });
    await h.emulator.control.webhooksIdle();
    const user = h.emulator.control.practice(FIRM);
    user.createContact({ type: 'Company', name: 'Unheard Ltd' });
    await h.emulator.control.webhooksIdle();
    expect(silent.got.length).toBe(1);
    await new Promise((r) => receiver!.close(r));
    const echoing = await listenForHooks(true);
    const expiresAt = new Date(clock.now() + 86_400_000).toISOString();
    await api(token, 'webhooks.json', {
      method: 'POST',
      body: { data: { url: echoing.url, model: 'contact', expires_at: expiresAt } },
    });
    await h.emulator.control.webhooksIdle();
    user.createContact({ type: 'Company', name: 'Heard Ltd' });
    await h.emulator.control.webhooksIdle();
    expect(echoing.got.length).toBe(2);
    expect(JSON.parse(echoing.got[1]!.body)).toMatchObject({ meta: { event: 'created' } });
    const hooks = (await api(token, 'webhooks.json?fields=id,expires_at')).body?.data as {
      id: number;
    }[];
    const renewed = new Date(clock.now() + 2 * 86_400_000).toISOString();
    const patched = await api(token, `webhooks/${hooks[1]!.id}.json?fields=expires_at`, {
      method: 'PATCH',
      body: { data: { expires_at: renewed } },
    });
    expect(recordOf(patched)).toEqual({ expires_at: renewed.replace('.000Z', '+00:00') });
    clock.advance(86_400_000);
    user.createContact({ type: 'Company', name: 'Renewed Ltd' });
    await h.emulator.control.webhooksIdle();
    expect(echoing.got.length).toBe(3);
    clock.advance(86_400_000);
    user.createContact({ type: 'Company', name: 'Too Late Ltd' });
    await h.emulator.control.webhooksIdle();
    expect(echoing.got.length).toBe(3);
  });

  it('refuses a model without webhooks, a plain-http remote url and unknown events', async () => {
    h = await startHarness();
    const token = await connect(h);
    const create = (data: Record<string, unknown>) =>
      api(token, 'webhooks.json', { method: 'POST', body: { data } });
    expect((await create({ url: 'https://example.com/h', model: 'allocation' })).status).toBe(422);
    expect((await create({ url: 'http://example.com/h', model: 'bill' })).status).toBe(422);
    expect(
      (await create({ url: 'https://example.com/h', model: 'bill', events: ['paid'] })).status,
    ).toBe(422);
    expect(
      (await create({ url: 'https://example.com/h', model: 'bill', fields: 'id,nope' })).status,
    ).toBe(400);
  });
});
