import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './test-support.js';
import { api, connect, startHarness } from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

const ORG = 'harbourlaw';

describe('Actionstep emulator: REST hooks and the state file', () => {
  it('delivers REST hooks in the GET format and disables a hook whose target does not answer 200', async () => {
    const received: string[] = [];
    let statusToSend = 200;
    const server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        received.push(text);
        res.writeHead(statusToSend).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      h = await startHarness();
      const token = await connect(h);
      const hook = await api(token, 'resthooks', {
        method: 'POST',
        body: { resthooks: { eventName: 'ParticipantCreated', targetUrl: target } },
      });
      expect(hook.body?.resthooks).toMatchObject({ status: 'Active', triggeredCount: 0 });
      expect(
        (
          await api(token, 'resthooks', {
            method: 'POST',
            body: { resthooks: { eventName: 'BillCreated', targetUrl: target } },
          })
        ).status,
      ).toBe(400);
      const user = h.emulator.control.practice(ORG);
      const id = user.createParticipant({ displayName: 'Hooked, Harriet' });
      await h.emulator.control.webhooksIdle();
      expect(JSON.parse(received[0] ?? '{}')).toMatchObject({
        participants: [{ id, displayName: 'Hooked, Harriet' }],
      });
      const hookId = String((hook.body?.resthooks as { id: number }).id);
      expect((await api(token, `resthooks/${hookId}`)).body?.resthooks).toMatchObject({
        triggeredCount: 1,
      });
      statusToSend = 500;
      user.createParticipant({ displayName: 'Second' });
      user.createParticipant({ displayName: 'Third' });
      await h.emulator.control.webhooksIdle();
      expect(received).toHaveLength(2);
      expect((await api(token, `resthooks/${hookId}`)).body?.resthooks).toMatchObject({
        status: 'Disabled',
      });
    } finally {
      server.close();
    }
  });

  it('saves its state and starts again from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'as-emu-'));
    const stateFile = join(dir, 'state.json');
    try {
      h = await startHarness({ stateFile });
      const token = await connect(h);
      const before = (await api(token, 'bills?sort=id')).body?.bills;
      await h.emulator.stop();
      h = await startHarness({ stateFile, port: h.emulator.port });
      expect((await api(token, 'bills?sort=id')).body?.bills).toEqual(before);
    } finally {
      await h?.emulator.stop();
      h = undefined;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
